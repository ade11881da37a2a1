/**
 * The publishing guard: a run must not publish a table that had rows with none, or with much fewer
 * rows, by accident (a fixture that vanished, a filter gone wrong). The previous row counts come from
 * the output folder the run would replace (read here, at the write edge: each of its own tables'
 * Parquet footer, or its CSV file when that is unreadable); `shrinkIssues` compares them with the
 * new tables. `--allow-shrink` lets a run through on purpose.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { parquetMetadata } from "hyparquet";
import { dataIssue, type DataIssue } from "../errors.ts";
import { msg } from "../messages.ts";
import { MANIFEST } from "./plan.ts";

/** A table may lose at most this fraction of its rows in one run (more needs --allow-shrink). */
export const MAX_SHRINK = 0.5;

/** The Parquet footer of `file`, read from its end (the rows are not read). */
function parquetRows(file: string): number {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 8));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const footer = tail.length === 8 ? tail.readUInt32LE(0) + 8 : 0;
    if (footer > size || footer === 0) throw new Error("not a Parquet file");
    const bytes = Buffer.alloc(footer);
    readSync(fd, bytes, 0, footer, size - footer);
    return Number(parquetMetadata(bytes).num_rows);
  } finally {
    closeSync(fd);
  }
}

/**
 * Row counts of the tables the previous run published into `outDir` (those its manifest lists).
 * No manifest, no counts: a new output folder has nothing to shrink from.
 */
export function previousRowCounts(outDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  let files: unknown;
  try {
    files = (JSON.parse(readFileSync(path.join(outDir, MANIFEST), "utf8")) as { files?: unknown }).files;
  } catch {
    return counts;
  }
  if (!Array.isArray(files)) return counts;
  for (const f of files) {
    const m = typeof f === "string" ? /^tables\/([a-z0-9_]+)\.csv$/.exec(f) : null;
    if (!m) continue;
    const name = m[1]!;
    try {
      counts.set(name, parquetRows(path.join(outDir, "tables", `${name}.parquet`)));
    } catch {
      try {
        counts.set(name, (parse(readFileSync(path.join(outDir, f as string)), { columns: true }) as unknown[]).length);
      } catch {
        /* neither copy readable: no count to compare with */
      }
    }
  }
  return counts;
}

/** Each table the new run would publish emptied, or shrunk by more than `maxShrink`, as an issue naming it and its counts. */
export function shrinkIssues(
  previous: ReadonlyMap<string, number>,
  next: ReadonlyMap<string, number>,
  outLabel: string,
  maxShrink = MAX_SHRINK,
): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const [table, before] of [...previous].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const after = next.get(table);
    if (after === undefined || before === 0 || after >= before) continue;
    const file = `${outLabel}/tables/${table}.csv`;
    if (after === 0) issues.push(dataIssue(file, undefined, table, "empty-table", msg.tableEmptied(table, before)));
    else if ((before - after) / before > maxShrink)
      issues.push(dataIssue(file, undefined, table, "table-shrink", msg.tableShrunk(table, before, after, maxShrink)));
  }
  return issues;
}
