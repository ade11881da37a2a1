/**
 * The Parquet files, written by DuckDB from the CSV files export.ts has just written.
 *
 * Why: at 10⁶ facts, encoding Parquet in JavaScript (hyparquet-writer) was 10.5 of the 34 s of the
 * pipeline, on the one thread that does everything else. DuckDB reads a CSV file and writes its
 * Parquet copy in C++, in a worker thread: on a second core, while the main thread writes the next
 * CSV file (about 4 s of CPU for every table at 10⁶, none of it on the main thread). BENCHMARKS.md.
 *
 * Exact: the CSV is a lossless encoding of the table, and the conversion reads it back with every
 * column typed from the table's schema (no type sniffing). A null is an empty cell and an empty text
 * is `""` (read with `allow_quoted_nulls = false`); numbers are written in their shortest round-trip
 * form; a text cell that begins with `'` (a neutralized formula-like text, or a text that begins with
 * `'` itself: export.ts `neutralize`) loses that one `'` again, so the Parquet holds the raw text.
 * test/stages/export.test.ts holds the round trip to the rows on edge cases; test/stages/parquet.test.ts
 * the worker's failures and its shutdown.
 *
 * Sync: the pipeline is synchronous. DuckDB's Node API is not, so it runs in a worker thread that
 * takes one job at a time; the main thread blocks in `Atomics.wait` only in `finish`, after its own
 * work is done.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { columnsOf } from "../datapackage.ts";
import { PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
import type { TableDef } from "../schema/tables.ts";

const DUCKDB_TYPE = { string: "VARCHAR", number: "DOUBLE", integer: "INTEGER", boolean: "BOOLEAN" } as const;

/**
 * Row groups of 50 000 rows (DuckDB's default is 122 880): at 10⁶ facts the conversion's resident
 * memory was ~110 MiB above DuckDB's own baseline instead of ~150 MiB, at the same speed, and a
 * reader still finds 20 groups per 10⁶ rows with min/max statistics on every column.
 */
export const PARQUET_ROW_GROUP = 50_000;

/**
 * DuckDB's settings for the conversion: one thread per statement (the main thread has the other
 * core; and a COPY that DuckDB runs on several threads cuts its row groups differently from run to
 * run, so its bytes would not be reproducible), a cap on its memory, and freed memory given back to
 * the system at once (by default DuckDB's allocator keeps up to 128 MiB of it: 330 MiB resident
 * instead of 200 MiB at 10⁶ facts, for 0.4 s of CPU).
 */
const DUCKDB_CONFIG = { threads: "1", memory_limit: "512MB", preserve_insertion_order: "true", allocator_flush_threshold: "8MB", allocator_bulk_deallocation_flush_threshold: "8MB" } as const;

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * The DuckDB statement that reads `csvPath` (written by export.ts `writeCsv` for `def`) and writes
 * its Parquet copy to `parquetPath`: every column typed from the schema, the CSV's own dialect
 * (header, `,`, `"` doubled inside quotes, LF), strict (a malformed line is an error, not a guess),
 * and a text column's one leading `'` removed again: in the `guarded` columns, where the CSV writer
 * says it added one, or in every text column when not told (at 10⁶ facts undoing it in columns
 * that never needed it was ~12% of DuckDB's time).
 */
export function copySql(def: TableDef, csvPath: string, parquetPath: string, guarded?: ReadonlySet<string>): string {
  const cols = columnsOf(def);
  const types = `{${cols.map((c) => `${sqlText(c.name)}: ${sqlText(DUCKDB_TYPE[c.type])}`).join(", ")}}`;
  const select = cols
    .map((c) => {
      const n = sqlName(c.name);
      return c.type === "string" && (!guarded || guarded.has(c.name)) ? `CASE WHEN starts_with(${n}, '''') THEN substr(${n}, 2) ELSE ${n} END AS ${n}` : n;
    })
    .join(", ");
  const csv = `read_csv(${sqlText(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, strict_mode = true, columns = ${types})`;
  return `COPY (SELECT ${select} FROM ${csv}) TO ${sqlText(parquetPath)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP})`;
}

/**
 * The worker (plain JavaScript, run with `eval`: it needs no TypeScript loader, so it starts in
 * milliseconds under `node --import tsx` and under vitest alike). It runs the jobs in order, one at a
 * time, each on one DuckDB thread, until `{ lanes: 2 }` lets it run two at once on two connections
 * (the main thread sends it when it has nothing left to do but wait: its core is free). It counts
 * finished jobs in `state[0]` and reports each one on `port`, error message included; on
 * `{ close: true }` it waits for what is queued and in flight (DuckDB's start included), closes
 * DuckDB and lets its thread end, and `state[1]` says it has. Never stop it from outside while
 * DuckDB works: DuckDB's Node bindings abort the whole process (a C++ exception, exit 134) when a
 * thread ends under a running call.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const { state, port, duckdb, config } = workerData;
const done = new Int32Array(state);
process.on("exit", () => { Atomics.store(done, 1, 1); Atomics.notify(done, 0); Atomics.notify(done, 1); });
let db;
const first = import(duckdb).then(({ DuckDBInstance }) => DuckDBInstance.create(":memory:", config)).then((instance) => (db = instance).connect());
first.catch(() => {});
const idle = [first];
const queue = [];
let lanes = 1;
let running = 0;
let closing = false;
const report = (message) => { port.postMessage(message); Atomics.add(done, 0, 1); Atomics.notify(done, 0); };
const pump = () => {
  while (running < lanes && queue.length > 0) {
    const job = queue.shift();
    const connection = idle.pop() ?? first.then(() => db.connect());
    running++;
    connection
      .then((c) => c.run(job.sql))
      .then(() => report({ id: job.id }), (e) => report({ id: job.id, error: String((e && e.message) || e) }))
      .finally(() => { idle.push(connection); running--; pump(); });
  }
  if (closing && running === 0 && queue.length === 0) {
    closing = false;
    Promise.allSettled(idle)
      .then((connections) => { for (const c of connections) if (c.status === "fulfilled") c.value.closeSync(); db?.closeSync(); })
      .finally(() => { parentPort.close(); port.close(); });
  }
};
parentPort.on("message", (message) => {
  if (message.close) closing = true;
  else if (message.lanes) lanes = message.lanes;
  else queue.push(message);
  pump();
});
`;

interface Job {
  id: number;
  /** What the job writes (relative to the output folder), for messages. */
  rel: string;
}

/**
 * Converts CSV files to Parquet in a worker thread. `convert` queues a file and returns at once;
 * `finish` blocks until every queued file is written and throws one PipelineError listing every
 * file that failed. `close` stops the worker (also after a failure).
 */
export class ParquetFromCsv {
  private readonly worker: Worker;
  private readonly state = new SharedArrayBuffer(8);
  private readonly done = new Int32Array(this.state);
  private readonly port: MessagePort;
  private readonly jobs: Job[] = [];
  private links: string | undefined;
  private closed = false;

  constructor() {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const duckdb = pathToFileURL(createRequire(import.meta.url).resolve("@duckdb/node-api")).href;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { state: this.state, port: channel.port2, duckdb, config: DUCKDB_CONFIG }, transferList: [channel.port2], execArgv: [], stdout: false, stderr: false });
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Queues the Parquet copy of `csvFile` (a complete, closed CSV of `def`) into `parquetFile`;
   * `guarded`: the text columns where the CSV writer added its guard (default: every text column).
   */
  convert(def: TableDef, csvFile: string, parquetFile: string, rel: string, guarded?: ReadonlySet<string>): void {
    const id = this.jobs.length;
    this.jobs.push({ id, rel });
    this.worker.postMessage({ id, sql: copySql(def, this.readable(csvFile), parquetFile, guarded) });
  }

  /**
   * DuckDB's read_csv takes its path as a glob pattern: a folder named `out[1]` or `*` would match
   * other files or none. Such a path is read through a symlink with a plain name.
   */
  private readable(file: string): string {
    if (!/[*?[\]{}]/.test(file)) return file;
    this.links ??= mkdtempSync(path.join(tmpdir(), "cma-parquet-"));
    const link = path.join(this.links, `${this.jobs.length}.csv`);
    symlinkSync(file, link);
    return link;
  }

  /** Blocks until every queued file is written; throws a PipelineError naming every file that failed. */
  finish(): void {
    // From here the main thread only waits: the conversions still queued may use its core.
    if (!this.closed) this.worker.postMessage({ lanes: 2 });
    for (;;) {
      const finished = Atomics.load(this.done, 0);
      if (finished >= this.jobs.length || Atomics.load(this.done, 1) === 1) break;
      Atomics.wait(this.done, 0, finished, 1000);
    }
    const reported = new Map<number, string | undefined>();
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const { id, error } = m.message as { id: number; error?: string };
      reported.set(id, error);
    }
    const problems = this.jobs.flatMap((job) => {
      if (!reported.has(job.id)) return [{ file: job.rel, path: "(file)", rule: "parquet-write", message: msg.parquetNotWritten() }];
      const error = reported.get(job.id);
      return error === undefined ? [] : [{ file: job.rel, path: "(file)", rule: "parquet-write", message: msg.parquetFailed(error) }];
    });
    if (problems.length > 0) throw new PipelineError("export", problems);
  }

  /**
   * Stops the worker once what it is doing is done (at most DuckDB's start, ~0.15 s, when a run
   * fails early; nothing after `finish`) and waits until its thread has ended, so that the process
   * can exit safely right after. Safe to call more than once.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ close: true });
    // A minute is far beyond any conversion in flight; past it, DuckDB is stuck and only stopping
    // the thread is left.
    const deadline = Date.now() + 60_000;
    while (Atomics.load(this.done, 1) === 0 && Date.now() < deadline) Atomics.wait(this.done, 1, 0, 1000);
    if (Atomics.load(this.done, 1) === 0) void this.worker.terminate();
    this.port.close();
    if (this.links) rmSync(this.links, { recursive: true, force: true });
  }
}
