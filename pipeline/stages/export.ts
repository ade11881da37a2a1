/**
 * Stage 4 — export: tables → output/tables/<table>.csv + .parquet, output/datapackage.json and a
 * manifest of the files the pipeline owns.
 *
 * `serialize` is pure (tables → file bytes); `writeOutputs` is the write edge. It builds the whole
 * new output in a temporary folder beside the output folder and swaps it in only when every file
 * was written: a failed or killed run leaves the previous outputs as they were. Files in the output
 * folder that the previous manifest does not list (a user's own notes, the notebooks' executed
 * copies, charts written by other commands) are carried over untouched.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { parquetWriteBuffer } from "hyparquet-writer";
import { columnsOf, describePackage, type Column } from "../datapackage.ts";
import { PipelineError } from "../errors.ts";
import { TABLES, type TableDef, type TableName } from "../schemas/tables.ts";
import type { StageContext } from "./context.ts";

export type AnyTables = Partial<Record<TableName, ReadonlyArray<Record<string, unknown>>>> & Record<string, ReadonlyArray<Record<string, unknown>>>;

export const MANIFEST = "manifest.json";

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rows sorted by the table's primary key (the documented, stable row order). */
export function sortRows<T extends Record<string, unknown>>(def: TableDef, rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    for (const k of def.primaryKey) {
      const c = compareValues(a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Spreadsheet-injection guard for CSV text cells (OWASP CSV injection guidance): prefix with '. */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(col: Column, v: unknown): string {
  if (v === null || v === undefined) return "";
  if (col.type === "string") return neutralize(String(v));
  return String(v);
}

export function toCsv(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  const records = rows.map((r) => cols.map((c) => csvCell(c, r[c.name])));
  return stringify([cols.map((c) => c.name), ...records], { record_delimiter: "\n", quoted_match: /^\s|\s$/ });
}

const PARQUET_TYPE = { string: "STRING", number: "DOUBLE", integer: "INT32", boolean: "BOOLEAN" } as const;

export function toParquet(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): Uint8Array {
  const cols = columnsOf(def);
  const buffer = parquetWriteBuffer({
    columnData: cols.map((c) => ({ name: c.name, type: PARQUET_TYPE[c.type], nullable: c.nullable, data: rows.map((r) => (r[c.name] ?? null) as never) })),
  });
  return new Uint8Array(buffer);
}

/** Every output file's path (relative to the output folder) and bytes. Pure. */
export function serialize(tables: AnyTables, opts: { version: string }): Map<string, Uint8Array | string> {
  const files = new Map<string, Uint8Array | string>();
  const defs: TableDef[] = [];
  for (const def of Object.values(TABLES) as TableDef[]) {
    const rows = tables[def.name];
    if (!rows) continue;
    defs.push(def);
    const sorted = sortRows(def, rows);
    files.set(`tables/${def.name}.csv`, toCsv(def, sorted));
    files.set(`tables/${def.name}.parquet`, toParquet(def, sorted));
  }
  const documents = (tables["documents"] ?? []) as ReadonlyArray<{ document_id: string; publisher: string; date_approx: string }>;
  files.set("datapackage.json", `${JSON.stringify(describePackage(defs, { version: opts.version, documents }), null, 2)}\n`);
  const owned = [...files.keys(), MANIFEST].sort();
  files.set(MANIFEST, `${JSON.stringify({ generated_by: "npm run pipeline", files: owned }, null, 2)}\n`);
  return files;
}

/** Refuse output folders whose replacement would destroy something that is not ours. */
export function checkOutputDir(outDir: string, projectRoot: string): void {
  const out = path.resolve(outDir);
  const root = path.resolve(projectRoot);
  const system = ["/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/opt", "/proc", "/root", "/sbin", "/sys", "/tmp", "/usr", "/var", "/work"];
  const bad = system.includes(out) || out === root || root.startsWith(out + path.sep) || out === path.parse(out).root;
  if (bad) throw new PipelineError("export", [{ file: out, path: "--out", rule: "output-path", message: `refusing to write to ${out}: it is the project root, a parent of it, or a system folder` }], "usage");
}

function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
  });
}

/** The write edge: build the new output beside the old one, then swap it in. */
export function writeOutputs(outDir: string, files: ReadonlyMap<string, Uint8Array | string>, ctx: StageContext, hooks: { beforeSwap?: () => void } = {}): void {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const tmp = path.join(parent, `${path.basename(out)}.tmp-${process.pid}`);
  const old = path.join(parent, `${path.basename(out)}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, bytes] of files) {
      const target = path.join(tmp, rel);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    // Carry over every file of the old output that the old manifest does not claim.
    const previouslyOwned = new Set<string>();
    const manifestPath = path.join(out, MANIFEST);
    if (existsSync(manifestPath)) {
      try {
        for (const f of (JSON.parse(readFileSync(manifestPath, "utf8")) as { files?: string[] }).files ?? []) previouslyOwned.add(f);
      } catch {
        /* an unreadable manifest claims nothing: every old file is kept */
      }
    }
    for (const rel of listFiles(out)) {
      if (previouslyOwned.has(rel) || files.has(rel)) continue;
      const target = path.join(tmp, rel);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, readFileSync(path.join(out, rel)));
    }
    hooks.beforeSwap?.();
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  ctx.log(`export: ${files.size} files written to ${path.relative(process.cwd(), out) || out}`);
}
