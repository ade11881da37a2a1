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
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { parquetWriteBuffer } from "hyparquet-writer";
import { columnsOf, describePackage, type Column } from "../datapackage.ts";
import { PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
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

/**
 * Spreadsheet-injection guard for CSV text cells (OWASP "CSV Injection", ASVS 1.2.10): a text that
 * begins with =, +, -, @, a tab, a carriage return or a NUL gets a leading ' so that Excel, LibreOffice
 * and Google Sheets show it as text instead of running it as a formula. Text columns only: a
 * number column's -4 stays -4. The Parquet files keep the raw text.
 */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r\0]/.test(text) ? `'${text}` : text;
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

/** Every output file's path (relative to the output folder) and bytes. Pure. `extraFiles` (e.g. the
 * charts) are written and listed in the manifest like the tables. */
export function serialize(tables: AnyTables, opts: { version: string; extraFiles?: ReadonlyMap<string, Uint8Array | string> }): Map<string, Uint8Array | string> {
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
  for (const [rel, bytes] of opts.extraFiles ?? []) files.set(rel, bytes);
  const owned = [...files.keys(), MANIFEST].sort();
  files.set(MANIFEST, `${JSON.stringify({ generated_by: "npm run pipeline", files: owned }, null, 2)}\n`);
  return files;
}

/** Test-only pauses inside `writeOutputs`, so a test can kill a run at a known point. */
export interface WriteHooks {
  /** Called after the i-th file (1-based) of n was written into the temporary folder. */
  afterFile?: (i: number, n: number) => void;
  /** Called when the temporary folder is complete, just before the swap. */
  beforeSwap?: () => void;
}

let defaultHooks: WriteHooks = {};
/** Sets the hooks `writeOutputs` uses when none are passed (the CLI's test pauses: pipeline/cli.ts). */
export function setWriteHooks(hooks: WriteHooks): void {
  defaultHooks = hooks;
}

const SYSTEM_FOLDERS = ["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/work"];

/** The real path of `p` (symlinks resolved), for a path that may not exist yet. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/**
 * Refuse output folders whose replacement would destroy something that is not ours: the project
 * root or a parent of it, the data folder (or a folder holding it, or inside it), a home or system
 * folder, a file, and a folder that holds files but no manifest (not written by this pipeline).
 */
export function checkOutputDir(outDir: string, projectRoot: string, opts: { dataDir?: string } = {}): void {
  const out = realPath(outDir);
  const root = realPath(projectRoot);
  const refuse = (message: string) => {
    throw new PipelineError("export", [{ file: out, path: "--out", rule: "output-path", message }], "usage");
  };
  const home = homedir() ? realPath(homedir()) : undefined;
  if (out === path.parse(out).root || SYSTEM_FOLDERS.includes(out) || SYSTEM_FOLDERS.map(realPath).includes(out) || within(root, out) || out === home) refuse(msg.refuseOutput(out));
  if (opts.dataDir !== undefined) {
    const data = realPath(opts.dataDir);
    if (within(out, data) || within(data, out)) refuse(msg.refuseOutputInData(out, data));
  }
  let stat;
  try {
    stat = statSync(out);
  } catch {
    return; // a new folder
  }
  if (!stat.isDirectory()) refuse(msg.outputNotAFolder(out));
  if (!existsSync(path.join(out, MANIFEST)) && readdirSync(out).length > 0) refuse(msg.outputNotOurs(out, MANIFEST));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Repairs what a killed run left beside the output folder. A run builds `<out>.tmp-<pid>`, then
 * renames `<out>` to `<out>.old-<pid>` and the temporary folder to `<out>`. Killed before the swap,
 * it leaves a temporary folder (deleted here); killed between the two renames, it leaves no `<out>`
 * but `<out>.old-<pid>`: the previous output, restored here. Folders of a run still alive are left alone.
 */
export function recoverOutputDir(outDir: string, log: (line: string) => void = () => {}): void {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  let stale = names.flatMap((name) => {
    const m = name.startsWith(`${base}.`) ? /^\.(tmp|old)-(\d+)$/.exec(name.slice(base.length)) : null;
    if (!m) return [];
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) return [];
    const full = path.join(parent, name);
    return [{ full, kind: m[1], mtime: lstatSync(full).mtimeMs }];
  });
  if (!existsSync(out)) {
    const newest = stale.filter((x) => x.kind === "old").sort((a, b) => b.mtime - a.mtime)[0];
    if (newest) {
      renameSync(newest.full, out);
      log(msg.outputRestored(newest.full, out));
      stale = stale.filter((x) => x !== newest);
    }
  }
  for (const x of stale) {
    rmSync(x.full, { recursive: true, force: true });
    log(msg.staleRemoved(x.full));
  }
}

/** Every entry under `dir` (folders, files, symlinks), relative, with `/` separators; symlinks are not followed. */
function listEntries(dir: string, prefix = ""): Array<{ rel: string; kind: "dir" | "file" | "link" | "other" }> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(full);
    if (st.isDirectory()) return [{ rel, kind: "dir" as const }, ...listEntries(full, rel)];
    return [{ rel, kind: st.isSymbolicLink() ? ("link" as const) : st.isFile() ? ("file" as const) : ("other" as const) }];
  });
}

/** The files the old output's manifest claims (an unreadable manifest claims nothing: every file is kept). */
function ownedBy(out: string): Set<string> {
  const owned = new Set<string>();
  try {
    const files = (JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")) as { files?: unknown }).files;
    if (Array.isArray(files)) for (const f of files) if (typeof f === "string") owned.add(f);
  } catch {
    /* no manifest, or not JSON */
  }
  return owned;
}

/**
 * The write edge: build the new output beside the old one, then swap it in.
 *
 * 1. stale folders of killed runs are repaired (`recoverOutputDir`);
 * 2. every file is written into `<out>.tmp-<pid>`;
 * 3. every entry of the old output that its manifest does not claim (a user's own file, anywhere
 *    under it) is copied over, with its mode, timestamps and symlinks;
 * 4. swap: `<out>` → `<out>.old-<pid>`, `<out>.tmp-<pid>` → `<out>`, then the old folder is deleted.
 * Any failure before the swap deletes the temporary folder and leaves `<out>` as it was.
 */
export function writeOutputs(outDir: string, files: ReadonlyMap<string, Uint8Array | string>, ctx: StageContext, hooks: WriteHooks = defaultHooks): void {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const tmp = path.join(parent, `${path.basename(out)}.tmp-${process.pid}`);
  const old = path.join(parent, `${path.basename(out)}.old-${process.pid}`);
  recoverOutputDir(out, ctx.log);
  rmSync(tmp, { recursive: true, force: true });
  try {
    let i = 0;
    for (const [rel, bytes] of files) {
      const target = path.join(tmp, rel);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      hooks.afterFile?.(++i, files.size);
    }
    const owned = ownedBy(out);
    for (const { rel, kind } of listEntries(out)) {
      if (owned.has(rel) || files.has(rel)) continue;
      const source = path.join(out, rel);
      const target = path.join(tmp, rel);
      if (kind === "dir") mkdirSync(target, { recursive: true });
      else if (kind === "link") {
        mkdirSync(path.dirname(target), { recursive: true });
        symlinkSync(readlinkSync(source), target);
      } else if (kind === "file") {
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(source, target, { preserveTimestamps: true });
      }
    }
    hooks.beforeSwap?.();
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const hadOld = existsSync(out);
  if (hadOld) renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (error) {
    if (hadOld) renameSync(old, out);
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
  ctx.log(`export: ${files.size} files written to ${path.relative(process.cwd(), out) || out}`);
}
