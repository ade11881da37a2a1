/**
 * The CSV writer check. export.ts writes CSV with its own writer (`writeCsv`/`toCsv`, adopted from
 * the proposal this file used to hold); before, it built an array of arrays of cells and handed it
 * to csv-stringify. This script keeps csv-stringify, with the options the pipeline used, as the
 * reference: it checks that both give the same bytes on every table of a synthetic corpus, and
 * times both. The rules are RFC 4180's as csv-stringify applies them: quote a cell holding `"`,
 * `,`, CR or LF, or starting or ending with white space; double the quotes inside; LF after every
 * record; text cells `neutralize`d first; an empty text `""`, a null an empty cell.
 *
 *   node --import tsx bench/csv-proposal.ts [--facts 100000]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { stringify } from "csv-stringify/sync";
import { columnsOf } from "../pipeline/schema/columns.ts";
import { TABLES, type TableDef } from "../pipeline/schema/tables.ts";
import { sortRows } from "../pipeline/schema/order.ts";
import { neutralize, toCsv } from "../pipeline/write/csv.ts";
import { silentContext } from "../pipeline/stages/context.ts";
import { extract } from "../pipeline/stages/extract.ts";
import { normalize } from "../pipeline/stages/normalize.ts";
import { enrich } from "../pipeline/stages/enrich.ts";
import { synthesize } from "../test/support/synthetic.ts";

/** export.ts's former `toCsv`, through csv-stringify: the reference bytes. */
export function toCsvReference(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  // A null is an empty cell; an empty text is `""` (csv-stringify's quoted_empty, for that cell only).
  const cell = (type: string, v: unknown) => (v === null || v === undefined ? null : type === "string" ? neutralize(String(v)) : String(v));
  const records = rows.map((r) => cols.map((c) => cell(c.type, r[c.name])));
  return stringify([cols.map((c) => c.name), ...records], { record_delimiter: "\n", quoted_match: /^\s|\s$|\r/, cast: { string: (v) => (v === "" ? { value: "", quoted_empty: true } : v) } });
}

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { facts: { type: "string", default: "100000" } }, strict: true });
  const tables = enrich(normalize(extract(synthesize({ facts: Number(values.facts), seed: 1 }), silentContext), silentContext), silentContext) as unknown as Record<string, ReadonlyArray<Record<string, unknown>>>;
  let reference = 0;
  let ours = 0;
  let identical = true;
  for (const def of Object.values(TABLES) as TableDef[]) {
    const rows = tables[def.name];
    if (!rows) continue;
    const sorted = sortRows(def, rows);
    let t0 = performance.now();
    const a = toCsvReference(def, sorted);
    reference += performance.now() - t0;
    t0 = performance.now();
    const b = toCsv(def, sorted).text;
    ours += performance.now() - t0;
    if (a !== b) identical = false;
  }
  process.stdout.write(`${JSON.stringify({ facts: Number(values.facts), referenceMs: reference, toCsvMs: ours, identical })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
