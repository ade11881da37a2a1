/**
 * Frictionless Data Package descriptor, generated from the zod table schemas (schema/columns.ts).
 */
import { DATA_LICENSE } from "../licence.ts";
import { columnsOf } from "../schema/columns.ts";
import type { TableDef } from "../schema/tables.ts";

export const ROW_ORDER = "Rows are sorted by the primary key, in ascending order (strings by UTF-16 code unit, numbers numerically).";
export const NUMBER_FORMAT =
  "Numbers are written in JavaScript's shortest round-trip form (0.377, 1489, -4), with '.' as the decimal mark and no thousands separator; computed values are rounded to 12 significant digits.";

export const CSV_TEXT_GUARD =
  "A text cell that begins with ' has one extra ' in front (a guard against spreadsheet formulas, added to text beginning with =, +, -, @, a tab, a carriage return, a NUL or '): drop it to get the raw text, which the Parquet copy holds. An empty text is written \"\"; an empty cell is a null.";

export function describePackage(
  defs: readonly TableDef[],
  opts: { version: string; documents: ReadonlyArray<{ document_id: string; publisher: string; date_approx: string }> },
): object {
  const resources = defs.flatMap((def) => {
    const columns = columnsOf(def);
    const schema = {
      fields: columns.map((c) => ({
        name: c.name,
        type: c.type,
        description: c.description,
        ...(c.unit ? { unit: c.unit } : {}),
        constraints: { required: !c.nullable, ...(c.enum ? { enum: c.enum } : {}) },
      })),
      missingValues: [""],
      primaryKey: def.primaryKey,
      foreignKeys: def.foreignKeys,
    };
    return [
      {
        name: def.name,
        title: def.title,
        description: `${def.description} ${ROW_ORDER} ${CSV_TEXT_GUARD}`,
        path: `tables/${def.name}.csv`,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        dialect: { delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true, header: true },
        schema,
      },
      {
        name: `${def.name}_parquet`,
        title: `${def.title} (Parquet)`,
        description: `The same rows as ${def.name}.csv, in Parquet (text cells hold the raw values).`,
        path: `tables/${def.name}.parquet`,
        format: "parquet",
        mediatype: "application/vnd.apache.parquet",
        schema: { ...schema, foreignKeys: [] },
      },
    ];
  });
  return {
    name: "cloud-market-atlas",
    title: "Cloud market atlas: the US-led and China-led cloud and AI stacks",
    description: `Source-traceable tidy tables built from news coverage of the cloud market. Every fact keeps its verbatim quote and character offsets; every derived row names its facts. ${NUMBER_FORMAT}`,
    version: opts.version,
    licenses: [{ ...DATA_LICENSE }],
    sources: opts.documents.map((d) => ({ title: `${d.publisher} article ${d.document_id} (${d.date_approx})` })),
    resources,
  };
}
