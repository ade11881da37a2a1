/**
 * Loading the published tables in the notebooks, so cells stay short.
 *
 *   import { loadTable, loadParquetRows, rowsOf, compareCsvParquet } from "./lib/data";
 *
 *   const ms = await loadTable("market_share");          // danfojs DataFrame from output/tables/*.csv
 *   const rows = rowsOf<MarketShareRow>(ms);              // plain typed rows for the chart functions
 *   const pq = await loadParquetRows("market_share");     // the same table from the .parquet file
 *
 * Column types come from output/datapackage.json (the Table Schema the pipeline writes), not from
 * guessing: number/integer/boolean columns are parsed as such, string columns stay strings (so
 * Gartner's period "2024" is not read as a number), empty cells are null.
 *
 * Like display.ts this file is compiled by tslab as CommonJS (no tsconfig, extensionless imports)
 * and also type-checks under the project's strict ESM tsconfig. Only Node built-ins, danfojs-node
 * and hyparquet (ESM-only, loaded through Node 20's require(esm)); what datapackage.json says about
 * the tables is in published.ts, re-exported here so that notebooks import from one place.
 */
import * as fs from "node:fs";
import * as dfd from "danfojs-node";
import { parquetReadObjects } from "hyparquet";
import { csvPath, fieldsOf, parquetPath } from "./published.js";

export {
  columnUnits,
  csvPath,
  documentText,
  type Field,
  fieldsOf,
  hasTable,
  outputDir,
  parquetPath,
  projectRoot,
  tableNames,
} from "./published.js";

export type Cell = string | number | boolean | null;
export type Record_ = Record<string, Cell>;

/** A table's CSV as a danfojs DataFrame, typed by the Table Schema (dates stay ISO text: danfojs has no date type). */
export async function loadTable(name: string): Promise<dfd.DataFrame> {
  const fields = fieldsOf(name);
  const dynamicTyping = Object.fromEntries(fields.map((f) => [f.name, f.type !== "string" && f.type !== "date"]));
  const df = (await dfd.readCSV(csvPath(name), { dynamicTyping, delimiter: ",", skipEmptyLines: true } as never)) as dfd.DataFrame;
  return df;
}

function normalize(v: unknown): Cell {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  // a Parquet DATE (hyparquet: a Date at midnight UTC) as the CSV writes it, 2025-06-30
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/, "");
  return String(v);
}

/** A DataFrame (or a CSV table's rows) as plain row objects: NaN and "" become null. */
export function rowsOf<T = Record_>(df: dfd.DataFrame): T[] {
  const columns = df.columns.map(String);
  return (df.values as unknown[][]).map((r) => Object.fromEntries(columns.map((c, i) => [c, normalize(r[i])])) as T);
}

/** A table's Parquet file as plain row objects (hyparquet). */
export async function loadParquetRows<T = Record_>(name: string): Promise<T[]> {
  // an ArrayBuffer is a valid hyparquet AsyncBuffer (asyncBufferFromFile is only in hyparquet's
  // node typings, which tslab's Node10 resolution does not see)
  const bytes = fs.readFileSync(parquetPath(name));
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file })) as Array<Record<string, unknown>>;
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])) as T);
}

export interface Comparison {
  table: string;
  rows: number;
  columns: number;
  /** cells that differ between the CSV and the Parquet file */
  differences: number;
  same: boolean;
}

/** Compare a table's CSV (via danfojs) with its Parquet file cell by cell. */
export async function compareCsvParquet(name: string): Promise<Comparison> {
  const csv = rowsOf(await loadTable(name));
  const pq = await loadParquetRows(name);
  const cols = fieldsOf(name).map((f) => f.name);
  let differences = Math.abs(csv.length - pq.length) * cols.length;
  for (let i = 0; i < Math.min(csv.length, pq.length); i++) {
    for (const c of cols) if (csv[i]?.[c] !== pq[i]?.[c]) differences++;
  }
  return { table: name, rows: csv.length, columns: cols.length, differences, same: differences === 0 };
}
