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
 * and hyparquet (ESM-only, loaded through Node 20's require(esm)).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as dfd from "danfojs-node";
import { parquetReadObjects } from "hyparquet";

export type Cell = string | number | boolean | null;
export type Record_ = Record<string, Cell>;

interface Field {
  name: string;
  type: "string" | "number" | "integer" | "boolean" | "date";
  /** The quantity's unit ("fraction", "count", "see unit"…), where the pipeline gives one. */
  unit?: string;
}
interface Resource {
  name: string;
  path: string;
  schema: { fields: Field[] };
}

/** The project root: $CMA_ROOT, else the nearest folder above the working directory whose
 * package.json is cloud-market-atlas (the kernel runs in notebooks/). */
export function projectRoot(start: string = process.cwd()): string {
  const env = process.env["CMA_ROOT"];
  if (env) return path.resolve(env);
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "cloud-market-atlas") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`projectRoot: no cloud-market-atlas package.json above ${start}; set CMA_ROOT`);
    dir = up;
  }
}

/** output/ of the project ($CMA_OUTPUT overrides). */
export function outputDir(): string {
  const env = process.env["CMA_OUTPUT"];
  return env ? path.resolve(env) : path.join(projectRoot(), "output");
}

let packageCache: { dir: string; resources: Map<string, Resource> } | undefined;
function resources(): Map<string, Resource> {
  const dir = outputDir();
  if (packageCache?.dir !== dir) {
    const file = path.join(dir, "datapackage.json");
    if (!fs.existsSync(file)) throw new Error(`${file} not found: run \`npm run pipeline\` first`);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { resources: Resource[] };
    // one resource per CSV; the Parquet copies are listed as "<name>_parquet" resources
    const csv = pkg.resources.filter((r) => r.path.endsWith(".csv"));
    packageCache = { dir, resources: new Map(csv.map((r) => [r.name, r])) };
  }
  return packageCache.resources;
}

/** The names of the published tables, from output/datapackage.json. */
export function tableNames(): string[] {
  return [...resources().keys()];
}

export function hasTable(name: string): boolean {
  return resources().has(name);
}

function resource(name: string): Resource {
  const r = resources().get(name);
  if (!r) throw new Error(`no table ${JSON.stringify(name)} in output/datapackage.json; tables: ${tableNames().join(", ")}`);
  return r;
}

export function fieldsOf(name: string): Field[] {
  return resource(name).schema.fields;
}

/**
 * The unit of every published column that has one, by column name (the tables name a quantity the
 * same way wherever it appears; a name with two different units is left out).
 */
export function columnUnits(): Record<string, string> {
  const units = new Map<string, string | null>();
  for (const r of resources().values())
    for (const f of r.schema.fields)
      if (f.unit !== undefined) units.set(f.name, units.has(f.name) && units.get(f.name) !== f.unit ? null : f.unit);
  return Object.fromEntries([...units].filter((e): e is [string, string] => e[1] !== null));
}

export function csvPath(name: string): string {
  return path.join(outputDir(), resource(name).path);
}

export function parquetPath(name: string): string {
  return csvPath(name).replace(/\.csv$/, ".parquet");
}

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

// --- the source text ----------------------------------------------------------------------------

/** The text of a source document (data/sources/<file>, as listed in the documents table). */
export function documentText(file: string): string {
  return fs.readFileSync(path.join(projectRoot(), "data", "sources", file), "utf8");
}
