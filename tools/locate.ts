/**
 * `npm run locate -- data/fixtures/<file>.yaml [--write]`
 *
 * Prints where each claim's quote occurs in its source document (0-based code-point offsets, end
 * exclusive), so that a person adding a fixture never counts characters by hand. With `--write` it
 * fills in `char_start`/`char_end` for every claim whose quote occurs exactly once, keeping the
 * file's comments and layout; ambiguous or missing quotes are reported and left alone.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import { codePointOccurrences } from "../pipeline/text.ts";

function main(argv: string[]): number {
  const write = argv.includes("--write");
  const files = argv.filter((a) => !a.startsWith("--"));
  if (files.length === 0) {
    console.error("usage: npm run locate -- data/fixtures/<file>.yaml [--write]");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    const doc = parseDocument(readFileSync(file, "utf8"), { merge: true });
    const js = doc.toJS() as { document_id?: string; claims?: Array<Record<string, unknown>> };
    const sourceMetaPath = path.join(path.dirname(file), "..", "sources");
    const sourceText = readSourceFor(sourceMetaPath, js.document_id);
    const claims = doc.get("claims");
    if (!isSeq(claims) || !js.claims) throw new Error(`${file}: no claims list`);
    js.claims.forEach((claim, i) => {
      const quote = String(claim["quote"] ?? "");
      const hits = codePointOccurrences(sourceText, quote);
      const where = hits.map(([s, e]) => `${s}–${e}`).join(", ") || "not found";
      const ok = hits.length === 1;
      if (!ok) problems++;
      console.log(`${ok ? "  " : "!!"} ${String(claim["id"])}: ${where}`);
      const node = claims.items[i];
      if (write && ok && isMap(node)) {
        const [start, end] = hits[0]!;
        node.set("char_start", start);
        node.set("char_end", end);
      }
    });
    if (write) writeFileSync(file, doc.toString({ lineWidth: 0 }));
  }
  return problems === 0 ? 0 : 1;
}

function readSourceFor(sourcesDir: string, documentId: string | undefined): string {
  for (const f of readdirMeta(sourcesDir)) {
    const meta = parseDocument(readFileSync(path.join(sourcesDir, f), "utf8")).toJS() as {
      document_id: string;
      file: string;
    };
    if (meta.document_id === documentId) return readFileSync(path.join(sourcesDir, meta.file), "utf8");
  }
  throw new Error(`no metadata in ${sourcesDir} for document_id ${String(documentId)}`);
}

function readdirMeta(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".meta.yaml") || f.endsWith(".meta.json"))
    .sort();
}

process.exitCode = main(process.argv.slice(2));
