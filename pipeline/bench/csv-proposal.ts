/**
 * A proposed replacement for export.ts `toCsv` (not used by the pipeline): the same bytes as
 * csv-stringify with the pipeline's options (every cell is a string; quote a cell holding `"`, `,`,
 * CR or LF or starting or ending with white space; double the quotes inside), written straight into
 * one string per table instead of building an array of arrays of cells and handing it to
 * csv-stringify. The benchmark checks the bytes against `toCsv` and times both:
 *
 *   node --import tsx pipeline/bench/csv-proposal.ts [--facts 100000]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { columnsOf } from "../datapackage.ts";
import { TABLES, type TableDef } from "../schemas/tables.ts";
import { neutralize, sortRows, toCsv } from "../stages/export.ts";
import { silentContext } from "../stages/context.ts";
import { extract } from "../stages/extract.ts";
import { normalize } from "../stages/normalize.ts";
import { enrich } from "../stages/enrich.ts";
import { synthesize } from "./synthetic.ts";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function toCsvProposed(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  const quote = (s: string) => (NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  let out = `${cols.map((c) => quote(c.name)).join(",")}\n`;
  for (const r of rows) {
    let line = "";
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const v = r[c.name];
      if (i > 0) line += ",";
      if (v === null || v === undefined) continue;
      line += quote(c.type === "string" ? neutralize(String(v)) : String(v));
    }
    out += `${line}\n`;
  }
  return out;
}

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { facts: { type: "string", default: "100000" } }, strict: true });
  const tables = enrich(normalize(extract(synthesize({ facts: Number(values.facts), seed: 1 }), silentContext), silentContext), silentContext) as unknown as Record<string, ReadonlyArray<Record<string, unknown>>>;
  let ours = 0;
  let proposed = 0;
  let identical = true;
  for (const def of Object.values(TABLES) as TableDef[]) {
    const rows = tables[def.name];
    if (!rows) continue;
    const sorted = sortRows(def, rows);
    let t0 = performance.now();
    const a = toCsv(def, sorted);
    ours += performance.now() - t0;
    t0 = performance.now();
    const b = toCsvProposed(def, sorted);
    proposed += performance.now() - t0;
    if (a !== b) identical = false;
  }
  process.stdout.write(`${JSON.stringify({ facts: Number(values.facts), toCsvMs: ours, proposedMs: proposed, identical })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
