/**
 * Test-only: the synthetic corpus's files (test/support/synthetic.ts): its fixtures as YAML or JSON
 * Lines, the reference files it extends, its hash, and the corpus written out as a data folder.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Inputs } from "../../pipeline/read/inputs.ts";

/** One claim of a synthetic fixture, as a fixture writes it. */
export interface ClaimOut {
  id: string;
  subject: string;
  measure: string;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  period: string | null;
  market?: string;
  object?: string;
  attributed_to: string;
  kind: string;
  speaker: string;
  quote: string;
  char_start: number;
  char_end: number;
  note?: string;
}

/** Appends list items to a YAML file whose last top-level key is `key:` holding a block list. */
export function appendToTrailingList(text: string, key: string, items: readonly string[]): string {
  const lines = text.trimEnd().split("\n");
  const lastTop = lines
    .map((l, i) => [l, i] as const)
    .filter(([l]) => /^[a-z_]+:/.test(l))
    .pop();
  if (!lastTop?.[0].startsWith(`${key}:`))
    throw new Error(`synthetic: expected ${key}: to be the last top-level key of its reference file`);
  return `${text.trimEnd()}\n${items.join("")}`;
}

const FIELDS = [
  "id",
  "subject",
  "measure",
  "value",
  "unit",
  "qualifier",
  "period",
  "market",
  "object",
  "attributed_to",
  "kind",
  "speaker",
  "quote",
  "char_start",
  "char_end",
  "note",
] as const;

export function yamlFixture(documentId: string, claims: readonly ClaimOut[]): string {
  let out = `# Synthetic fixture (test/support/synthetic.ts).\ndocument_id: ${documentId}\nclaims:\n`;
  for (const c of claims) {
    let first = true;
    for (const f of FIELDS) {
      const v = c[f];
      if (v === undefined) continue;
      out += `${first ? "  - " : "    "}${f}: ${typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : String(v)}\n`;
      first = false;
    }
  }
  return out;
}

export function jsonlFixture(documentId: string, claims: readonly ClaimOut[]): string {
  let out = `${JSON.stringify({ document_id: documentId })}\n`;
  for (const c of claims) out += `${JSON.stringify(c)}\n`;
  return out;
}

/** SHA-256 over every file's key and bytes, in key order: equal hashes mean byte-identical corpora. */
export function corpusHash(inputs: Inputs): string {
  const h = createHash("sha256");
  for (const k of [...inputs.files.keys()].sort()) h.update(`${k}\u0000${inputs.files.get(k)!}\u0000`, "utf8");
  return h.digest("hex");
}

/** Writes the corpus as a data folder (reference/, sources/, fixtures/) that `npm run pipeline -- --data DIR` reads. */
export function writeCorpus(inputs: Inputs, dataDir: string): void {
  const prefix = inputs.dataDir + path.sep;
  for (const [k, text] of inputs.files) {
    if (!k.startsWith(prefix)) throw new Error(`synthetic: ${k} is not under ${inputs.dataDir}`);
    const target = path.join(dataDir, k.slice(prefix.length));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
