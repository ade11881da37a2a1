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
import { HELP, UsageError, helpText, parseCli } from "./cli.ts";

const CLI = {
  command: "npm run locate --",
  positionals: "FIXTURE.yaml...",
  about:
    "Prints where each claim's quote occurs in its source document (0-based code-point offsets, end\nexclusive); exits 1 when a quote is missing or occurs more than once.",
  options: {
    ...HELP,
    write: { type: "boolean", description: "fill in char_start/char_end of every claim whose quote occurs exactly once" },
  },
  notes: ["example: npm run locate -- data/fixtures/<file>.yaml --write"],
} as const;

function main(argv: string[]): number {
  const { values, positionals: files } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  const write = values.write ?? false;
  if (files.length === 0) throw new UsageError("no fixture file given (--help lists the options)");
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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`locate: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
