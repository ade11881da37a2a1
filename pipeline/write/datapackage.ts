/**
 * Frictionless Data Package descriptor, generated from the zod table schemas (schema/columns.ts).
 */
import { DATA_LICENSE } from "../licence.ts";
import { type Column, columnsOf } from "../schema/columns.ts";
import type { TableDef } from "../schema/tables.ts";

export const ROW_ORDER = "Rows are sorted by the primary key, in ascending order (strings by UTF-16 code unit, numbers numerically).";
export const NUMBER_FORMAT =
  "Numbers are written in JavaScript's shortest round-trip form (0.377, 1489, -4), with '.' as the decimal mark and no thousands separator; computed values are rounded to 12 significant digits.";

export const CSV_TEXT_GUARD =
  "A text cell that begins with ' has one extra ' in front (a guard against spreadsheet formulas, added to text beginning with =, +, -, @, a tab, a carriage return, a NUL or '): drop it to get the raw text, which the Parquet copy holds. An empty text is written \"\"; an empty cell is a null.";

/** What the data package says of each source document. */
export type PackageDocument = {
  document_id: string;
  publisher: string;
  date_approx: string;
  title: string | null;
  url: string | null;
};

/** The project's data licence (pipeline/licence.ts, which the charts' footers name too). */
const CC_BY = { name: DATA_LICENSE.name, path: DATA_LICENSE.path } as const;

export const PACKAGE_TITLE = "Cloud market atlas: the US-led and China-led cloud and AI stacks";
/** The package's licence: the project's data under CC BY 4.0; quoted text stays its publishers' (each resource lists its licences). */
export const LICENSE = {
  ...CC_BY,
  title:
    "Creative Commons Attribution 4.0 International: the data this project derives; text quoted from the source documents stays their publishers' (each resource lists its licences)",
} as const;

/**
 * A resource's licences: the project's own data under CC BY 4.0; columns quoted verbatim from the
 * source documents stay their publishers' ("other-closed" in the Open Definition's list of ids),
 * reproduced only so that each row can be checked against its source.
 */
export function resourceLicences(columns: readonly Column[], publishers: readonly string[]): object[] {
  const quotedCols = columns.filter((c) => c.quoted).map((c) => c.name);
  if (quotedCols.length === 0) return [{ ...CC_BY, title: "Creative Commons Attribution 4.0 International: data derived by this project" }];
  const cols = quotedCols.join(", ");
  return [
    { ...CC_BY, title: `Creative Commons Attribution 4.0 International: every column except ${cols}` },
    {
      name: "other-closed",
      title: `${cols}: verbatim quotes of the source documents, © their publishers (${publishers.join(", ")}); quoted so that each row can be checked against its source, not licensed by this project`,
    },
  ];
}

export function describePackage(defs: readonly TableDef[], opts: { version: string; documents: readonly PackageDocument[] }): object {
  const publishers = [...new Set(opts.documents.map((d) => d.publisher))].sort();
  const resources = defs.flatMap((def) => {
    const columns = columnsOf(def);
    const licenses = resourceLicences(columns, publishers);
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
        licenses,
        schema,
      },
      {
        name: `${def.name}_parquet`,
        title: `${def.title} (Parquet)`,
        description: `The same rows as ${def.name}.csv, in Parquet (text cells hold the raw values).`,
        path: `tables/${def.name}.parquet`,
        format: "parquet",
        mediatype: "application/vnd.apache.parquet",
        licenses,
        schema: { ...schema, foreignKeys: [] },
      },
    ];
  });
  return {
    name: "cloud-market-atlas",
    title: PACKAGE_TITLE,
    description: `Source-traceable tidy tables built from news coverage of the cloud market. Every fact keeps its verbatim quote and character offsets; every derived row names its facts. ${NUMBER_FORMAT}`,
    version: opts.version,
    licenses: [LICENSE],
    sources: opts.documents.map((d) => ({
      title: `${d.publisher} article ${d.document_id}${d.title ? `, “${d.title}”` : ""} (${d.date_approx}; ${d.url ? "text" : "address of the original unknown; text"} © ${d.publisher})`,
      ...(d.url ? { path: d.url } : {}),
    })),
    resources,
  };
}
