/**
 * Which files a run writes, and what each holds: per table a CSV file (its rows in primary-key
 * order, csv.ts) and its Parquet copy (parquet.ts); datapackage.json; the extra files the caller
 * passes (the charts, the report); and manifest.json, the list of the files the pipeline owns
 * (output-dir.ts keeps every other file of the output folder). Pure: nothing is encoded here.
 */
import { sortRows } from "../schema/order.ts";
import { TABLES, type TableDef, type TableName } from "../schema/tables.ts";
import { describePackage, type PackageDocument } from "./datapackage.ts";

type Rows = ReadonlyArray<Record<string, unknown>>;

/** Tables by name; a table that is missing is not written. */
export type AnyTables = Partial<Record<TableName, Rows>>;

export const MANIFEST = "manifest.json";

/** One output file, its path relative to the output folder. */
export type OutputFile =
  /** A table as CSV: `rows` are in primary-key order. */
  | { rel: string; kind: "csv"; def: TableDef; rows: Rows }
  /** A table as Parquet, converted from the CSV file `csv` (a path relative to the output folder, earlier in the plan). */
  | { rel: string; kind: "parquet"; def: TableDef; csv: string }
  | { rel: string; kind: "bytes"; bytes: string | Uint8Array };

export interface PlanOptions {
  /** The data package's version (package.json's). */
  version: string;
  /** More files to write and own, by path relative to the output folder (the charts, the report). */
  extraFiles?: ReadonlyMap<string, Uint8Array | string>;
}

/** The JSON text of a descriptor file: two-space indents and a final LF. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every output file, in write order (the biggest tables first, a Parquet file after its CSV file, the manifest last). */
export function planOutputs(tables: AnyTables, opts: PlanOptions): OutputFile[] {
  const defs = (Object.values(TABLES) as TableDef[]).filter((def) => tables[def.name as TableName] !== undefined);
  // The biggest tables first: each one's Parquet conversion then runs while the smaller ones are
  // encoded, instead of the biggest conversion starting last with nothing left to overlap it.
  const rowCount = (def: TableDef) => tables[def.name as TableName]?.length ?? 0;
  const bySize = [...defs].sort((a, b) => rowCount(b) - rowCount(a));
  const files: OutputFile[] = bySize.flatMap((def): OutputFile[] => {
    const csv = `tables/${def.name}.csv`;
    return [
      { rel: csv, kind: "csv", def, rows: sortRows(def, tables[def.name as TableName] ?? []) },
      { rel: `tables/${def.name}.parquet`, kind: "parquet", def, csv },
    ];
  });
  const documents = (tables.documents ?? []) as readonly PackageDocument[];
  files.push({ rel: "datapackage.json", kind: "bytes", bytes: json(describePackage(defs, { version: opts.version, documents })) });
  for (const [rel, bytes] of opts.extraFiles ?? []) files.push({ rel, kind: "bytes", bytes });
  const owned = [...files.map((f) => f.rel), MANIFEST].sort();
  files.push({ rel: MANIFEST, kind: "bytes", bytes: json({ generated_by: "npm run pipeline", files: owned }) });
  return files;
}
