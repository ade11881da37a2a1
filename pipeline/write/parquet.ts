/**
 * The Parquet files: DuckDB's copies of the CSV files just written (csv.ts), through one async
 * DuckDB connection in this process. DuckDB runs a statement on its own thread, so a conversion goes
 * on while the next CSV file is encoded.
 *
 * Exact: the CSV is a lossless encoding of the table, and the conversion reads it back with every
 * column typed from the table's schema (no type sniffing). A null is an empty cell and an empty text
 * is `""` (read with `allow_quoted_nulls = false`); numbers are written in their shortest round-trip
 * form; a text cell that begins with `'` (csv.ts `neutralize`) loses that one `'` again, so the
 * Parquet holds the raw text. test/write/parquet.test.ts holds the round trip to the rows.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { PipelineError, type DataIssue } from "../errors.ts";
import { msg } from "../messages.ts";
import { columnsOf } from "../schema/columns.ts";
import type { TableDef } from "../schema/tables.ts";

const DUCKDB_TYPE = { string: "VARCHAR", number: "DOUBLE", integer: "INTEGER", boolean: "BOOLEAN", date: "DATE" } as const;

/**
 * Row groups of 50 000 rows (DuckDB's default is 122 880): less memory for the conversion of a big
 * table, and a reader still finds 20 groups per 10⁶ rows with min/max statistics on every column.
 */
export const PARQUET_ROW_GROUP = 50_000;

/**
 * One thread: a COPY that DuckDB runs on several threads cuts its row groups differently from run to
 * run, so its bytes would not be reproducible (and the main thread has the other core). A cap on
 * DuckDB's memory, and freed memory given back to the system at once (by default its allocator keeps
 * up to 128 MiB of it).
 */
const DUCKDB_CONFIG = {
  threads: "1",
  memory_limit: "512MB",
  preserve_insertion_order: "true",
  allocator_flush_threshold: "8MB",
  allocator_bulk_deallocation_flush_threshold: "8MB",
} as const;

/** DuckDB's read_csv refuses a line longer than this many bytes unless told a larger max_line_size. */
export const DUCKDB_MAX_LINE = 2_097_152;

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * The DuckDB statement that reads `csvPath` (written by csv.ts for `def`) and writes its Parquet
 * copy to `parquetPath`: every column typed from the schema, the CSV's own dialect (header, `,`, `"`
 * doubled inside quotes, LF), strict (a malformed line is an error, not a guess), and a text
 * column's one leading `'` removed again: in the `guarded` columns, where the CSV encoder says it
 * added one, or in every text column when not told.
 */
export function copySql(
  def: TableDef,
  csvPath: string,
  parquetPath: string,
  guarded?: ReadonlySet<string>,
  longestLine = 0,
  rowGroupSize = PARQUET_ROW_GROUP,
): string {
  const cols = columnsOf(def);
  const types = `{${cols.map((c) => `${sqlText(c.name)}: ${sqlText(DUCKDB_TYPE[c.type])}`).join(", ")}}`;
  const select = cols
    .map((c) => {
      const n = sqlName(c.name);
      return c.type === "string" && (!guarded || guarded.has(c.name))
        ? `CASE WHEN starts_with(${n}, '''') THEN substr(${n}, 2) ELSE ${n} END AS ${n}`
        : n;
    })
    .join(", ");
  const csv = `read_csv(${sqlText(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, strict_mode = true${longestLine >= DUCKDB_MAX_LINE ? `, max_line_size = ${longestLine + 1}` : ""}, columns = ${types})`;
  return `COPY (SELECT ${select} FROM ${csv}) TO ${sqlText(parquetPath)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE ${rowGroupSize})`;
}

/** One conversion: the table, its complete CSV file, the Parquet file to write and its name in messages. */
export interface ParquetJob {
  def: TableDef;
  csvFile: string;
  parquetFile: string;
  /** The Parquet file relative to the output folder, for messages. */
  rel: string;
  /** The text columns where the CSV encoder added its guard (default: every text column). */
  guarded?: ReadonlySet<string>;
  /** A bound on the CSV file's longest record in bytes: DuckDB is told when it is over its default limit (DUCKDB_MAX_LINE). */
  longestLine?: number;
}

/** How a ParquetFromCsv writes: its DuckDB connections, and the rows per row group (PARQUET_ROW_GROUP). */
export interface ParquetOptions {
  lanes?: number;
  /**
   * DuckDB closes a row group at the first chunk of the CSV reader (2 048 rows) that reaches this
   * many rows: a test of several row groups passes a small size instead of writing 10⁵ rows.
   */
  rowGroupSize?: number;
}

/**
 * Converts CSV files to Parquet on two DuckDB connections, each taking the next file when it is
 * free: while the main thread encodes CSV one conversion runs beside it, and once the main thread
 * only waits, two run at once on the two cores. Each conversion runs on one thread (DUCKDB_CONFIG),
 * so the bytes do not depend on which connection wrote them or when. `convert` queues a file and
 * returns at once; `finish` waits for every queued file and throws one PipelineError naming every
 * file that failed; `close` waits for what is running, then closes DuckDB (also after a failure).
 */
export class ParquetFromCsv {
  private readonly connection: Promise<{ instance: DuckDBInstance; connections: DuckDBConnection[] }>;
  /** Per connection: the promise of its last queued conversion, and how many are queued on it. */
  private readonly lanes: Array<{ queue: Promise<unknown>; pending: number }>;
  /** Failed files, with the order they were queued in (two connections may fail out of order). */
  private readonly problems: Array<{ seq: number; issue: DataIssue }> = [];
  private queued = 0;
  private links: string | undefined;
  private linked = 0;
  private closed = false;
  private readonly rowGroupSize: number;

  constructor({ lanes = 2, rowGroupSize = PARQUET_ROW_GROUP }: ParquetOptions = {}) {
    this.rowGroupSize = rowGroupSize;
    this.connection = DuckDBInstance.create(":memory:", { ...DUCKDB_CONFIG }).then(async (instance) => ({
      instance,
      connections: await Promise.all(Array.from({ length: lanes }, () => instance.connect())),
    }));
    // A failure to start is reported by the first conversion (and by `close`), not as an unhandled rejection.
    const started = this.connection.catch(() => undefined);
    this.lanes = Array.from({ length: lanes }, () => ({ queue: started, pending: 0 }));
  }

  convert(job: ParquetJob): void {
    const sql = copySql(job.def, this.readable(job.csvFile), job.parquetFile, job.guarded, job.longestLine, this.rowGroupSize);
    const index = this.lanes.reduce((best, lane, i) => (lane.pending < (this.lanes[best]?.pending ?? 0) ? i : best), 0);
    const lane = this.lanes[index]!;
    const seq = this.queued++;
    lane.pending++;
    lane.queue = lane.queue
      .then(() => this.connection)
      .then(({ connections }) => connections[index]!.run(sql))
      .then(
        () => undefined,
        (error: unknown) => {
          this.problems.push({
            seq,
            issue: {
              file: job.rel,
              path: "(file)",
              rule: "parquet-write",
              message: msg.parquetFailed(error instanceof Error ? error.message : String(error)),
            },
          });
        },
      )
      .finally(() => {
        lane.pending--;
      });
  }

  /** Waits until every queued file is written; throws a PipelineError naming every file that failed. */
  async finish(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.queue));
    // Failures in the order the files were queued, whichever connection met them first.
    const problems = [...this.problems].sort((a, b) => a.seq - b.seq).map((p) => p.issue);
    if (problems.length > 0) throw new PipelineError("write", problems);
  }

  /** Waits for the conversion in flight (DuckDB must not write into a folder being removed), then closes DuckDB. Safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.lanes.map((l) => l.queue));
    try {
      const { instance, connections } = await this.connection;
      for (const c of connections) c.closeSync();
      instance.closeSync();
    } catch {
      /* DuckDB did not start: nothing to close (a conversion reported why) */
    }
    if (this.links) rmSync(this.links, { recursive: true, force: true });
  }

  /**
   * DuckDB's read_csv takes its path as a glob pattern: a folder named `out[1]` or `*` would match
   * other files or none. Such a path is read through a symlink with a plain name.
   */
  private readable(file: string): string {
    if (!/[*?[\]{}]/.test(file)) return file;
    this.links ??= mkdtempSync(path.join(tmpdir(), "cma-parquet-"));
    const link = path.join(this.links, `${++this.linked}.csv`);
    symlinkSync(file, link);
    return link;
  }
}
