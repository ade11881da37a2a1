/**
 * The write edge: a plan's files (plan.ts) into a temporary folder beside the output folder, then
 * swapped in only when every file was written (output-dir.ts). A CSV file is encoded and written in
 * pieces (csv.ts), so one piece of one table is in memory at a time besides the tables; its Parquet
 * copy is queued to DuckDB (parquet.ts) as soon as the CSV file is closed and converted while the
 * next files are written.
 */
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { open, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { msg } from "../messages.ts";
import type { StageContext } from "../stages/context.ts";
import { encodeCsv } from "./csv.ts";
import { carryOver } from "./carry-over.ts";
import { outputTarget } from "./output-dir.ts";
import { ParquetFromCsv, type ParquetOptions } from "./parquet.ts";
import type { OutputFile } from "./plan.ts";
import { encodeWorkbook } from "./xlsx.ts";
import { replaceOutputDir, runFolders, startJournal } from "./swap.ts";

/** Calls at known points of the write (the test of a killed run pauses there: test/support/paused-cli.ts). */
export interface WriteHooks {
  /** After the `index`-th file (1-based) of `count` is in the temporary folder (a Parquet file: once queued). */
  onFileWritten?: (file: { rel: string; index: number; count: number; tmpDir: string }) => void | Promise<void>;
  /** When the temporary folder is complete, just before the swap. */
  beforeSwap?: (tmpDir: string) => void | Promise<void>;
}

/** What `writeOutputs` did: files written, their bytes, and where the time went. */
export interface WriteStats {
  files: number;
  bytes: number;
  /** Milliseconds spent waiting for the CSV files' writes (the rest is encoding, copying and renaming). */
  ioMs: number;
  /** Milliseconds spent, after the last file, waiting for the Parquet conversions still running. */
  parquetWaitMs: number;
}

/** CSV bytes are written in pieces of about this size. */
const WRITE_SIZE = 1 << 20;

/** A CSV buffer's size: a write's bytes and the encoder's next piece (about 64 Ki UTF-16 units, csv.ts) fit. */
const BUFFER_SIZE = 4 * WRITE_SIZE;

/** Writes all of `bytes` (a write may take fewer than asked). */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.byteLength; ) at += (await handle.write(bytes, at, bytes.byteLength - at)).bytesWritten;
}

/**
 * 0. a symlinked output folder is written through to its target (`outputTarget`);
 * 1. this run's journal is written (stale folders of killed runs were repaired by the caller: run.ts);
 * 2. every file of the plan is written into `<out>.tmp-<run id>`, in order;
 * 3. the old output's files that its manifest does not claim are carried over (`carryOver`);
 * 4. the temporary folder replaces the output folder (`replaceOutputDir`).
 * Any failure before the swap deletes the temporary folder and leaves `<out>` as it was.
 */
export async function writeOutputs(
  outDir: string,
  plan: readonly OutputFile[],
  ctx: StageContext,
  hooks: WriteHooks = {},
  parquetOptions: ParquetOptions = {},
): Promise<WriteStats> {
  const out = outputTarget(outDir);
  const run = runFolders(out);
  const tmp = run.tmp;
  const stats: WriteStats = { files: plan.length, bytes: 0, ioMs: 0, parquetWaitMs: 0 };
  // A new output folder may sit in folders that do not exist yet (`--out runs/today/output`): the
  // journal and the temporary folder go beside it, so its parent is made first (when it is missing:
  // a parent that exists but is not a folder fails below, at the journal, as before).
  if (!existsSync(path.dirname(out))) mkdirSync(path.dirname(out), { recursive: true });
  startJournal(run);
  const parquet = plan.some((f) => f.kind === "parquet") ? new ParquetFromCsv(parquetOptions) : undefined;
  try {
    /** The text columns each CSV file's guard changed, by the file's path (for its Parquet copy). */
    const guardedOf = new Map<string, ReadonlySet<string>>();
    /** Per CSV file, a bound on its longest record in bytes, for its Parquet conversion (a long text must not fail there). */
    const longestOf = new Map<string, number>();
    const buffers = [Buffer.allocUnsafe(BUFFER_SIZE), Buffer.allocUnsafe(BUFFER_SIZE)] as const;
    for (const [i, file] of plan.entries()) {
      const target = path.join(tmp, file.rel);
      mkdirSync(path.dirname(target), { recursive: true });
      if (file.kind === "csv") {
        const handle = await open(target, "w");
        // The encoder's pieces are copied into a buffer and written about 1 MiB at a time: one
        // write per piece costs more in waiting for the file system than it takes to encode the
        // piece, and a buffer per piece, joined before the write, was an allocation and a copy more.
        // Two buffers: while one is written the encoder fills the other, so that the wait for the
        // file system overlaps the encoding.
        let [buffer, spare] = buffers;
        let at = 0;
        let writing: Promise<void> = Promise.resolve();
        const waitForWrite = async () => {
          const t0 = performance.now();
          await writing;
          stats.ioMs += performance.now() - t0;
        };
        /** Waits for the write in flight, then starts writing `bytes` (its failure is thrown by the next wait). */
        const flush = async (bytes: Uint8Array) => {
          await waitForWrite();
          writing = writeAll(handle, bytes);
          writing.catch(() => undefined); // awaited by the next flush or after the last piece
          stats.bytes += bytes.byteLength;
        };
        const flushBuffer = async () => {
          if (at === 0) return;
          await flush(buffer.subarray(0, at));
          [buffer, spare] = [spare, buffer];
          at = 0;
        };
        try {
          const chunks = encodeCsv(file.def, file.rows);
          let next = chunks.next();
          let longest = 0;
          for (; !next.done; next = chunks.next()) {
            const piece = next.value;
            // A UTF-16 unit is at most 3 bytes of UTF-8: a piece that may not fit goes after the bytes before it.
            if (at + piece.length * 3 > buffer.byteLength) await flushBuffer();
            // Every piece ends at the end of a record: no record (quoted line breaks and all) is longer than its piece.
            let size: number;
            if (piece.length * 3 > buffer.byteLength) {
              const bytes = Buffer.from(piece, "utf8"); // a record longer than the buffer: a write of its own
              size = bytes.byteLength;
              await flush(bytes);
            } else {
              size = buffer.write(piece, at, "utf8");
              at += size;
              if (at >= WRITE_SIZE) await flushBuffer();
            }
            if (size > longest) longest = size;
          }
          await flushBuffer();
          await waitForWrite();
          guardedOf.set(file.rel, next.value);
          longestOf.set(file.rel, longest);
        } finally {
          await writing.catch(() => undefined); // a write still running must end before its file is closed
          await handle.close();
        }
      } else if (file.kind === "parquet") {
        const guarded = guardedOf.get(file.csv);
        parquet?.convert({
          def: file.def,
          csvFile: path.join(tmp, file.csv),
          parquetFile: target,
          rel: file.rel,
          ...(guarded && { guarded }),
          longestLine: longestOf.get(file.csv) ?? 0,
        });
      } else if (file.kind === "xlsx") {
        const bytes = await encodeWorkbook(file.tables, file.options);
        await writeFile(target, bytes);
        stats.bytes += bytes.byteLength;
      } else {
        await writeFile(target, file.bytes);
        stats.bytes += typeof file.bytes === "string" ? Buffer.byteLength(file.bytes) : file.bytes.byteLength;
      }
      await hooks.onFileWritten?.({ rel: file.rel, index: i + 1, count: plan.length, tmpDir: tmp });
    }
    if (parquet) {
      const t0 = performance.now();
      await parquet.finish();
      stats.parquetWaitMs = performance.now() - t0;
      for (const file of plan) if (file.kind === "parquet") stats.bytes += statSync(path.join(tmp, file.rel)).size;
    }
    carryOver(out, tmp, new Set(plan.map((f) => f.rel)));
    await hooks.beforeSwap?.(tmp);
  } catch (error) {
    await parquet?.close(); // first: a conversion still running must not write into a folder being removed
    rmSync(tmp, { recursive: true, force: true });
    rmSync(run.journal, { force: true });
    throw error;
  } finally {
    await parquet?.close();
  }
  replaceOutputDir(run, ctx.log);
  ctx.log(msg.outputsWritten(plan.length, path.relative(process.cwd(), path.resolve(outDir)) || out));
  return stats;
}
