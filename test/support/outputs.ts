/**
 * Test-only: a plan's files written by the real write edge into a temporary folder and read back,
 * so that a test compares the bytes a run writes (pipeline/write/outputs.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { silentContext } from "../../pipeline/stages/context.ts";
import { writeOutputs } from "../../pipeline/write/outputs.ts";
import type { ParquetOptions } from "../../pipeline/write/parquet.ts";
import { planOutputs, type AnyTables, type PlanOptions } from "../../pipeline/write/plan.ts";

/** Every output file's path (relative to the output folder) and bytes. */
export async function writtenFiles(tables: AnyTables, opts: PlanOptions, parquet: ParquetOptions = {}): Promise<Map<string, Buffer>> {
  const dir = mkdtempSync(path.join(tmpdir(), "cma-written-"));
  try {
    const out = path.join(dir, "output");
    const plan = planOutputs(tables, opts);
    await writeOutputs(out, plan, silentContext, {}, parquet);
    return new Map(plan.map(({ rel }) => [rel, readFileSync(path.join(out, rel))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One table's Parquet file as the pipeline writes it. */
export async function parquetOf(name: string, rows: ReadonlyArray<Record<string, unknown>>, parquet: ParquetOptions = {}): Promise<Buffer> {
  return (await writtenFiles({ [name]: rows }, { version: "0.0.0-test" }, parquet)).get(`tables/${name}.parquet`)!;
}
