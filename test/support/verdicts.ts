/**
 * Test-only: the verdicts of `npm run check` and of `npm run pipeline` without the write into
 * output/, on inputs in memory. `check` runs the stages up to the tables (pipeline/run.ts with
 * `check`); the pipeline runs them, draws every chart, renders the report, plans the files and writes
 * them (CSV, DuckDB's Parquet copies, the data package) into a temporary folder. A verdict is `ok` or
 * the rules of the data error; any other exception is a bug and is thrown.
 */
import { renderCharts } from "../../pipeline/charts/index.ts";
import { PipelineError } from "../../pipeline/errors.ts";
import type { Inputs } from "../../pipeline/read/inputs.ts";
import { computeTables } from "../../pipeline/run.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { writtenFiles } from "./outputs.ts";

export type Verdict = "ok" | `data: ${string}`;

async function verdictOf(f: () => unknown): Promise<{ verdict: Verdict; error?: PipelineError }> {
  try {
    await f();
    return { verdict: "ok" };
  } catch (error) {
    if (error instanceof PipelineError && error.kind === "data")
      return { verdict: `data: ${[...new Set(error.issues.map((i) => i.rule))].join(",")}`, error };
    throw error;
  }
}

/** The pipeline's steps after the tables: every chart drawn, every file written to a temporary folder. */
async function publish(tables: ReturnType<typeof computeTables>): Promise<void> {
  const charts = await renderCharts(tables);
  await writtenFiles(tables, { version: "0.0.0-test", extraFiles: charts });
}

/**
 * Both verdicts reduced to success or failure: what a user sees as the exit code, with check's data
 * error (its stage and issues) when it failed. The stages run once:
 * the pipeline's first step is the same pure function of the same inputs as `check`, so when `check`
 * fails the pipeline fails with the same error, and when it succeeds the pipeline goes on from its
 * tables (charts drawn, files written).
 */
export async function bothVerdicts(
  inputs: Inputs,
): Promise<{ check: boolean; pipeline: boolean; detail: string; verdict: Verdict; error?: PipelineError }> {
  const computed: { tables?: ReturnType<typeof computeTables> } = {};
  const check = await verdictOf(() => {
    computed.tables = computeTables(inputs, silentContext);
  });
  const { tables } = computed;
  const pipeline = tables === undefined ? check : await verdictOf(() => publish(tables));
  return {
    check: check.verdict === "ok",
    pipeline: pipeline.verdict === "ok",
    detail: `check ${check.verdict}; pipeline ${pipeline.verdict}`,
    verdict: check.verdict,
    ...(check.error ? { error: check.error } : {}),
  };
}
