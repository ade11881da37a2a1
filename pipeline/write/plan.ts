/**
 * Which files a run writes, and what each holds: per table a CSV file (its rows in primary-key
 * order, csv.ts) and its Parquet copy (parquet.ts); datapackage.json; the extra files the caller
 * passes (the charts, the report); the Excel workbook of every table (xlsx.ts), when asked for;
 * atlas.sql, the DuckDB views over the Parquet files (atlas-sql.ts); and manifest.json, the list of
 * the files the pipeline owns (output-dir.ts keeps every other file of the output folder). Pure:
 * nothing is encoded here.
 */
import { sortRows } from "../schema/order.ts";
import { TABLES, type TableDef, type TableName } from "../schema/tables.ts";
import { periodDates } from "../periods.ts";
import { ATLAS_SQL, atlasSql } from "./atlas-sql.ts";
import { describePackage, LICENSE, PACKAGE_TITLE, type PackageDocument } from "./datapackage.ts";
import type { WorkbookOptions } from "./xlsx.ts";

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
  /** Every table in one Excel workbook (xlsx.ts), in the registry's order, rows in primary-key order. */
  | { rel: string; kind: "xlsx"; tables: ReadonlyArray<{ def: TableDef; rows: Rows }>; options: WorkbookOptions }
  | { rel: string; kind: "bytes"; bytes: string | Uint8Array };

export interface PlanOptions {
  /** The data package's version (package.json's). */
  version: string;
  /** More files to write and own, by path relative to the output folder (the charts, the report). */
  extraFiles?: ReadonlyMap<string, Uint8Array | string>;
  /** Whether to write the Excel workbook (run.ts leaves it out of a corpus too big for it). */
  workbook?: boolean;
}

export const WORKBOOK = "cloud-market-atlas.xlsx";

/**
 * The workbook's date: the last day of the newest source document's period (its as-of date), so
 * that the same data gives the same bytes; 1980-01-01, the first date a zip entry can carry, when
 * there is no document.
 */
export function workbookDate(documents: ReadonlyArray<{ date_approx: string }>): string {
  const ends = documents.map((d) => periodDates(d.date_approx)?.end).filter((e): e is string => e !== undefined);
  return ends.sort().at(-1) ?? "1980-01-01";
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
  const sorted = new Map(defs.map((def) => [def, sortRows(def, tables[def.name as TableName] ?? [])]));
  const files: OutputFile[] = bySize.flatMap((def): OutputFile[] => {
    const csv = `tables/${def.name}.csv`;
    return [
      { rel: csv, kind: "csv", def, rows: sorted.get(def)! },
      { rel: `tables/${def.name}.parquet`, kind: "parquet", def, csv },
    ];
  });
  const documents = (tables.documents ?? []) as readonly PackageDocument[];
  files.push({ rel: "datapackage.json", kind: "bytes", bytes: json(describePackage(defs, { version: opts.version, documents })) });
  files.push({ rel: ATLAS_SQL, kind: "bytes", bytes: atlasSql(defs, { version: opts.version }) });
  if (opts.workbook) {
    files.push({
      rel: WORKBOOK,
      kind: "xlsx",
      tables: defs.map((def) => ({ def, rows: sorted.get(def)! })),
      options: {
        date: workbookDate(documents),
        creator: `cloud-market-atlas ${opts.version}`,
        title: PACKAGE_TITLE,
        licence: `${LICENSE.title}: ${LICENSE.path}`,
      },
    });
  }
  for (const [rel, bytes] of opts.extraFiles ?? []) files.push({ rel, kind: "bytes", bytes });
  const owned = [...files.map((f) => f.rel), MANIFEST].sort();
  files.push({ rel: MANIFEST, kind: "bytes", bytes: json({ generated_by: "npm run pipeline", files: owned }) });
  return files;
}
