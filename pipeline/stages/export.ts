/**
 * Stage 4 — export: tables → output/tables/<table>.csv + .parquet, output/datapackage.json and a
 * manifest of the files the pipeline owns.
 *
 * `planOutputs` is pure and cheap: it lists every output file with a function that writes the file's
 * bytes into a sink, piece by piece; nothing is encoded until the file is written. `writeOutputs` is
 * the write edge: it encodes one file at a time straight into a temporary folder beside the output
 * folder (so only one table's bytes, in chunks of about 1 MB, are in memory at a time) and swaps it
 * in only when every file was written: a failed or killed run leaves the previous outputs as they
 * were. A table's Parquet file is DuckDB's copy of its CSV file, converted in a worker thread while
 * the next CSV file is written (parquet.ts). Files in the output folder that the previous manifest
 * does not list (a user's own notes, the notebooks' executed copies, charts written by other
 * commands) are carried over untouched. `serialize` returns the same files in memory (tests).
 */
import { closeSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { columnsOf, describePackage, type Column } from "../datapackage.ts";
import { invariant, PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
import { TABLES, type TableDef, type TableName } from "../schema/tables.ts";
import { sortRows } from "../schema/order.ts";

export { sortRows };
import type { StageContext } from "./context.ts";
import { ParquetFromCsv } from "./parquet.ts";

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

type Row = Record<string, unknown>;
/** A JavaScript property access with a constant name: `r["fact_id"]`. */
const prop = (row: string, name: string) => `${row}[${JSON.stringify(name)}]`;

/**
 * Per-table functions compiled once from the column names. Each reads every column with a constant
 * property name, which V8 turns into a fast named load; a loop over the names does a generic keyed
 * load per cell (at 10⁶ facts that was a third of the CSV time). The generated code only reads
 * properties and calls the helpers passed in.
 */
interface Compiled {
  /** Primary-key order, as `compareValues` over the key columns in turn. */
  compare: (a: Row, b: Row) => number;
  /** One row's CSV line, LF included; sets `guarded[k]` when column k's cell got the text guard (`neutralize`). */
  line: (r: Row, guarded: Uint8Array, lastText: unknown[], lastCell: string[]) => string;
}
const compiledCache = new WeakMap<TableDef, Compiled>();

function compiled(def: TableDef): Compiled {
  let c = compiledCache.get(def);
  if (c) return c;
  const cols = columnsOf(def);
  // Each is named in stack traces and profiles as export/<table>.<what>.js.
  const build = (what: string, params: string[], body: string, ...args: unknown[]) => new Function(...params, `${body}\n//# sourceURL=export/${def.name}.${what}.js`)(...args);
  // A text key compares two texts directly (code units, as compareValues does) and anything else,
  // null included, through compareValues: at 10⁶ facts the generic call per key was half the sort.
  const byType = new Map(cols.map((c) => [c.name, c.type]));
  const keyCompare = (k: string) => {
    const [x, y] = [prop("a", k), prop("b", k)];
    if (byType.get(k) !== "string") return `(c = compareValues(${x}, ${y}))`;
    return `(x = ${x}, y = ${y}, c = typeof x === "string" && typeof y === "string" ? (x < y ? -1 : x > y ? 1 : 0) : compareValues(x, y))`;
  };
  const compare = build("compare", ["compareValues"], `return (a, b) => { let c, x, y; ${def.primaryKey.map((k) => `if (${keyCompare(k)} !== 0) return c;`).join(" ")} return 0; };`, compareValues);
  // A cell of the column's own type takes a short path (a text column's texts, a number column's
  // numbers); anything else, null included, goes through csvCell. The bytes are csvCell's either way.
  // A text column keeps its last text and cell (`m`, `t`): ids, markets and periods repeat from row
  // to row, and the same string is then one comparison instead of the guard and the quoting rules.
  const cell = (col: Column, k: number) => {
    const v = prop("r", col.name);
    if (col.type === "string") return `(typeof (x = ${v}) === "string" ? (x === m[${k}] ? t[${k}] : (m[${k}] = x, t[${k}] = textCell(x, g, ${k}))) : csvCell(x, g, ${k}))`;
    if (col.type === "number" || col.type === "integer") return `(typeof ${v} === "number" ? "" + ${v} : csvCell(${v}, null, ${k}))`;
    return `csvCell(${v}, null, ${k})`;
  };
  const line = build("csv-line", ["csvCell", "textCell"], `return (r, g, m, t) => { let x; return ${cols.map(cell).join(' + "," + ')} + "\\n"; };`, csvCell, textCell);
  c = { compare, line };
  compiledCache.set(def, c);
  return c;
}

/**
 * Spreadsheet-injection guard for CSV text cells (OWASP "CSV Injection", ASVS 1.2.10): a text that
 * begins with =, +, -, @, a tab, a carriage return or a NUL gets a leading ' so that Excel, LibreOffice
 * and Google Sheets show it as text instead of running it as a formula. A text that begins with '
 * gets one more, so the rule can be undone without guessing: a CSV text cell that begins with ' lost
 * exactly that one character (parquet.ts relies on this). Text columns only: a number column's -4
 * stays -4. The Parquet files keep the raw text.
 */
export function neutralize(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  // = + - @ TAB CR NUL '
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 0 || c === 39 ? `'${text}` : text;
}

/** Where a file's bytes go, piece by piece. A chunk is only valid during the call (buffers are reused). */
export type Sink = (chunk: string | Uint8Array) => void;

/**
 * One output file: its path relative to the output folder and either a function that writes its
 * bytes, or (a table's Parquet file) the table and the CSV file it is converted from (parquet.ts).
 */
export type OutputFile = { rel: string; write: (sink: Sink) => void } | { rel: string; parquetOf: { def: TableDef; csv: string; guarded: () => ReadonlySet<string> | undefined } };

/** CSV bytes are handed to the sink about 1 MiB at a time. */
const CSV_CHUNK = 1 << 20;
/** Lines are joined into a text of about this many UTF-16 units before each copy into the buffer. */
const CSV_BATCH = 1 << 15;
const CSV_SPECIAL = /[",\n\r]/;
const EDGE_SPACE = /^\s|\s$/;

/**
 * One CSV cell, with the exact rules of csv-stringify 6.9 called with
 * `record_delimiter: "\n"` and `quoted_match: /^\s|\s$|\r/`: quoted when it holds `"`, `,`, LF or
 * CR (RFC 4180: a line break inside a field must be quoted, and many readers take a lone CR for one),
 * or starts or ends with white space (JavaScript's `\s`); quotes inside are doubled. (An empty text
 * cell is written `""` by `textCell`, so that it reads back as an empty text and not as a null.)
 * The check in bench/csv-proposal.ts and test/stages/export.test.ts holds the writer to
 * csv-stringify's bytes.
 */
function csvQuote(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  // Every `\s` character is ≤ U+0020 or ≥ U+00A0: printable ASCII at both ends needs no regex.
  const edge = first <= 32 || first >= 127 || last <= 32 || last >= 127 ? EDGE_SPACE.test(s) : false;
  if (edge || CSV_SPECIAL.test(s)) return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/**
 * A text column's cell: neutralized, then quoted if it must be; an empty text is `""` (a null is an
 * empty cell). Marks `guarded[k]` when the guard added its `'`.
 */
function textCell(v: string, guarded: Uint8Array, k: number): string {
  if (v.length === 0) return '""';
  const n = neutralize(v);
  if (n !== v) guarded[k] = 1;
  return csvQuote(n);
}

/**
 * A cell of any column: null or missing → empty; number, boolean → `String`; anything else → quoted
 * text (neutralized in a text column, the one that passes `guarded`).
 */
function csvCell(v: unknown, guarded: Uint8Array | null, k: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return guarded ? textCell(String(v), guarded, k) : csvQuote(String(v));
}

/**
 * The table as CSV, written into `sink` in chunks: a header line, then one line per row, each
 * ending in LF. Text cells are `neutralize`d; a null or missing cell is empty; numbers and booleans
 * are written with `String` (never quoted: they hold none of the characters that need it).
 * Returns the text columns in which the guard added a `'` to at least one cell: the Parquet
 * conversion undoes it in those columns only (parquet.ts).
 */
export function writeCsv(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>, sink: Sink): ReadonlySet<string> {
  const encode = compiled(def).line;
  const cols = columnsOf(def);
  const guarded = new Uint8Array(cols.length);
  // Per text column, the last text and its cell: ids, periods and markets repeat from row to row.
  const lastText: unknown[] = new Array(cols.length).fill(undefined);
  const lastCell: string[] = new Array(cols.length).fill("");
  const buf = Buffer.allocUnsafe(CSV_CHUNK);
  let at = 0;
  const put = (text: string) => {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (at + text.length * 3 > buf.length) {
      if (at > 0) sink(buf.subarray(0, at));
      at = 0;
      if (text.length * 3 > buf.length) {
        sink(Buffer.from(text, "utf8"));
        return;
      }
    }
    at += buf.write(text, at, "utf8");
  };
  let batch = `${columnsOf(def)
    .map((c) => csvQuote(c.name))
    .join(",")}\n`;
  for (const r of rows) {
    batch += encode(r, guarded, lastText, lastCell);
    if (batch.length >= CSV_BATCH) {
      put(batch);
      batch = "";
    }
  }
  put(batch);
  if (at > 0) sink(buf.subarray(0, at));
  return new Set(cols.filter((_, k) => guarded[k] === 1).map((c) => c.name));
}

export function toCsv(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const parts: Buffer[] = [];
  writeCsv(def, rows, (chunk) => parts.push(Buffer.from(chunk))); // a copy: the writer reuses its buffer
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The table as Parquet, in memory (tests), rows in primary-key order: `serialize`'s copy of it, so
 * written and converted exactly as `writeOutputs` does (parquet.ts).
 */
export function toParquet(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): Uint8Array {
  return serialize({ [def.name]: rows }, { version: "0.0.0" }).get(`tables/${def.name}.parquet`) as Uint8Array;
}

/**
 * The tables there are: their definitions in TABLES order (the data package's order), and the
 * write order. DuckDB converts each CSV file to Parquet while the next one is written, and idles
 * until the first is done: so facts first, the one table whose conversion (its long quotes) takes
 * longer than its CSV, which keeps DuckDB busy from the start; then the biggest first, so that what
 * is left to wait for after the last CSV file is a small table's conversion. (Johnson's rule for two
 * machines in a row; at 10⁶ facts the export was ~0.3 s shorter.)
 */
function presentTables(tables: AnyTables): { defs: TableDef[]; bySize: Array<readonly [TableDef, ReadonlyArray<Record<string, unknown>>]> } {
  const bySize: Array<readonly [TableDef, ReadonlyArray<Record<string, unknown>>]> = [];
  for (const def of Object.values(TABLES) as TableDef[]) {
    const rows = tables[def.name];
    if (rows) bySize.push([def, rows]);
  }
  const defs = bySize.map(([def]) => def);
  const first = (def: TableDef) => (def.name === "facts" ? 1 : 0);
  return { defs, bySize: bySize.sort((a, b) => first(b[0]) - first(a[0]) || b[1].length - a[1].length) };
}

/**
 * A table's two files: its CSV file, whose writer sorts and encodes the rows, and its Parquet file,
 * converted from the CSV. A function of its own, so that its closures' context holds this one
 * table and nothing else: once the CSV file is written the plan lets go of the rows, and a caller
 * that dropped its own reference gets the memory back during the export (at 10⁶ facts the big
 * tables are most of the heap).
 */
function tableFiles(def: TableDef, table: ReadonlyArray<Record<string, unknown>>): OutputFile[] {
  let rows: typeof table | undefined = table;
  let guarded: ReadonlySet<string> | undefined;
  return [
    {
      rel: `tables/${def.name}.csv`,
      write: (sink) => {
        invariant(rows, "export", `${def.name}: a plan's files are written once (its rows are released as they are)`);
        guarded = writeCsv(def, sortRows(def, rows), sink);
        rows = undefined;
      },
    },
    { rel: `tables/${def.name}.parquet`, parquetOf: { def, csv: `tables/${def.name}.csv`, guarded: () => guarded } },
  ];
}

/**
 * Every output file (path relative to the output folder), in write order, each with the function
 * that produces its bytes. Pure and cheap: the rows are sorted and encoded only when a file is
 * written. `extraFiles` (e.g. the charts) are written and listed in the manifest like the tables.
 */
export function planOutputs(tables: AnyTables, opts: { version: string; extraFiles?: ReadonlyMap<string, Uint8Array | string> }): OutputFile[] {
  const files: OutputFile[] = [];
  // No closure made in this function may mention `tables`: closures share their function's context,
  // and one that did would keep every table alive until the whole plan is dropped (tableFiles).
  const { defs, bySize } = presentTables(tables);
  for (const [def, rows] of bySize) files.push(...tableFiles(def, rows));
  const documents = (tables["documents"] ?? []) as ReadonlyArray<{ document_id: string; publisher: string; date_approx: string }>;
  files.push({ rel: "datapackage.json", write: (sink) => sink(`${JSON.stringify(describePackage(defs, { version: opts.version, documents }), null, 2)}\n`) });
  for (const [rel, bytes] of opts.extraFiles ?? []) files.push({ rel, write: (sink) => sink(bytes) });
  const owned = [...files.map((f) => f.rel), MANIFEST].sort();
  files.push({ rel: MANIFEST, write: (sink) => sink(`${JSON.stringify({ generated_by: "npm run pipeline", files: owned }, null, 2)}\n`) });
  return files;
}

/**
 * Every output file's path (relative to the output folder) and bytes, in memory (tests): written by
 * `writeOutputs` into a temporary folder and read back, so the bytes are the written files' own.
 */
export function serialize(tables: AnyTables, opts: { version: string; extraFiles?: ReadonlyMap<string, Uint8Array | string> }): Map<string, Uint8Array | string> {
  const dir = mkdtempSync(path.join(tmpdir(), "cma-serialize-"));
  try {
    const out = path.join(dir, "output");
    const plan = planOutputs(tables, opts);
    writeOutputs(out, plan, { log: () => {} }, {});
    const files = new Map<string, Uint8Array | string>();
    for (const { rel } of plan) {
      const bytes = readFileSync(path.join(out, rel));
      // Text files as strings, Parquet (and other binary files) as bytes.
      files.set(rel, /\.(csv|json|svg|html|md)$/.test(rel) ? bytes.toString("utf8") : new Uint8Array(bytes));
    }
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

/** What `writeOutputs` did: files written, their bytes, and the time spent in file-system writes. */
export interface WriteStats {
  files: number;
  bytes: number;
  /** Milliseconds inside `writeSync` (the rest of `writeOutputs` is encoding, copying and renaming). */
  ioMs: number;
  /**
   * Milliseconds the main thread waited, after its last file, for the Parquet files still being
   * converted in the worker (the rest of the conversion overlapped the CSV writing).
   */
  parquetWaitMs: number;
}

/**
 * The write edge: build the new output beside the old one, then swap it in.
 *
 * 1. stale folders of killed runs are repaired (`recoverOutputDir`);
 * 2. every file is encoded and written into `<out>.tmp-<pid>`, one at a time, in chunks;
 * 3. every entry of the old output that its manifest does not claim (a user's own file, anywhere
 *    under it) is copied over, with its mode, timestamps and symlinks;
 * 4. swap: `<out>` → `<out>.old-<pid>`, `<out>.tmp-<pid>` → `<out>`, then the old folder is deleted.
 * Any failure before the swap deletes the temporary folder and leaves `<out>` as it was.
 */
export function writeOutputs(
  outDir: string,
  list: readonly OutputFile[],
  ctx: StageContext,
  hooks: WriteHooks = defaultHooks,
  /** A Parquet writer started earlier (its worker loads DuckDB while the stages run); closed here. */
  started?: ParquetFromCsv,
): WriteStats {
  const names = new Set(list.map((f) => f.rel));
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const tmp = path.join(parent, `${path.basename(out)}.tmp-${process.pid}`);
  const old = path.join(parent, `${path.basename(out)}.old-${process.pid}`);
  const stats: WriteStats = { files: list.length, bytes: 0, ioMs: 0, parquetWaitMs: 0 };
  recoverOutputDir(out, ctx.log);
  rmSync(tmp, { recursive: true, force: true });
  // Started here (unless the caller started it) if there is a Parquet file to write; its worker
  // converts each CSV file while the next one is written.
  let parquet: ParquetFromCsv | undefined = started;
  try {
    let i = 0;
    for (const file of list) {
      const target = path.join(tmp, file.rel);
      mkdirSync(path.dirname(target), { recursive: true });
      if ("parquetOf" in file) {
        parquet ??= new ParquetFromCsv();
        parquet.convert(file.parquetOf.def, path.join(tmp, file.parquetOf.csv), target, file.rel, file.parquetOf.guarded());
      } else {
        const fd = openSync(target, "w");
        try {
          file.write((chunk) => {
            const t0 = performance.now();
            stats.bytes += typeof chunk === "string" ? writeAll(fd, Buffer.from(chunk, "utf8")) : writeAll(fd, chunk);
            stats.ioMs += performance.now() - t0;
          });
        } finally {
          closeSync(fd);
        }
      }
      hooks.afterFile?.(++i, list.length);
    }
    if (parquet) {
      const t0 = performance.now();
      parquet.finish();
      stats.parquetWaitMs = performance.now() - t0;
      for (const file of list) if ("parquetOf" in file) stats.bytes += statSync(path.join(tmp, file.rel)).size;
    }
    const owned = ownedBy(out);
    for (const { rel, kind } of listEntries(out)) {
      if (owned.has(rel) || names.has(rel)) continue;
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
    parquet?.close(); // first: a conversion still in flight must not write into a folder being removed
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    parquet?.close();
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
  ctx.log(`export: ${list.length} files written to ${path.relative(process.cwd(), out) || out}`);
  return stats;
}

/** `writeSync` until every byte is written (it may write fewer than asked). */
function writeAll(fd: number, bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.byteLength) at += writeSync(fd, bytes, at, bytes.byteLength - at);
  return bytes.byteLength;
}
