/**
 * The published tables as output/datapackage.json lists them: where the output folder is, the tables'
 * names, columns, units and files, and the source documents' text. Node built-ins only, so that
 * display.ts and charts.ts can look up units and files without loading danfojs (data.ts, which loads
 * the tables, re-exports all of this for the notebooks).
 *
 * Like the other helpers this file is compiled by tslab as CommonJS (no tsconfig, extensionless
 * imports) and also type-checks under the project's strict ESM tsconfig.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface Field {
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

// --- the source text ----------------------------------------------------------------------------

/** The text of a source document (data/sources/<file>, as listed in the documents table). */
export function documentText(file: string): string {
  return fs.readFileSync(path.join(projectRoot(), "data", "sources", file), "utf8");
}
