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

async function verdictOf(f: () => unknown): Promise<Verdict> {
  try {
    await f();
    return "ok";
  } catch (error) {
    if (error instanceof PipelineError && error.kind === "data") return `data: ${[...new Set(error.issues.map((i) => i.rule))].join(",")}`;
    throw error;
  }
}

/** What `npm run check` says of these inputs. */
export const checkVerdict = (inputs: Inputs): Promise<Verdict> => verdictOf(() => computeTables(inputs, silentContext));

/** What `npm run pipeline` says of them, every step but the swap into output/ (charts drawn, files written to a temporary folder). */
export const pipelineVerdict = (inputs: Inputs): Promise<Verdict> =>
  verdictOf(async () => {
    const tables = computeTables(inputs, silentContext);
    const charts = await renderCharts(tables);
    await writtenFiles(tables, { version: "0.0.0-test", extraFiles: charts });
  });

/** Both verdicts reduced to success or failure: what a user sees as the exit code. */
export async function bothVerdicts(inputs: Inputs): Promise<{ check: boolean; pipeline: boolean; detail: string; verdict: Verdict }> {
  const check = await checkVerdict(inputs);
  const pipeline = await pipelineVerdict(inputs);
  return { check: check === "ok", pipeline: pipeline === "ok", detail: `check ${check}; pipeline ${pipeline}`, verdict: check };
}
