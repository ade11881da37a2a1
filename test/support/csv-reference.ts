/**
 * The reference CSV writer: csv-stringify with the options the pipeline used before it wrote CSV
 * itself. `test/stages/export.test.ts` checks that the pipeline's writer gives the same bytes. The
 * rules are RFC 4180's as csv-stringify applies them: quote a cell holding `"`, `,`, CR or LF, or
 * starting or ending with white space; double the quotes inside; LF after every record; text cells
 * `neutralize`d first; an empty text `""`, a null an empty cell.
 */
import { stringify } from "csv-stringify/sync";
import { columnsOf } from "../../pipeline/datapackage.ts";
import type { TableDef } from "../../pipeline/schema/tables.ts";
import { neutralize } from "../../pipeline/stages/export.ts";

export function toCsvReference(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  // A null is an empty cell; an empty text is `""` (csv-stringify's quoted_empty, for that cell only).
  const cell = (type: string, v: unknown) => (v === null || v === undefined ? null : type === "string" ? neutralize(String(v)) : String(v));
  const records = rows.map((r) => cols.map((c) => cell(c.type, r[c.name])));
  return stringify([cols.map((c) => c.name), ...records], { record_delimiter: "\n", quoted_match: /^\s|\s$|\r/, cast: { string: (v) => (v === "" ? { value: "", quoted_empty: true } : v) } });
}
