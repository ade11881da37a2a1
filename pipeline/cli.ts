/**
 * `npm run pipeline [-- --data DIR --out DIR]` and `npm run check` (`--check`: validate, write nothing).
 * Exit codes: 0 success, 1 bad input data, 2 bad usage, 3 internal error.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { formatIssue, PipelineError } from "./errors.ts";
import { runPipeline } from "./run.ts";

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs({ args: argv, options: { data: { type: "string", default: "data" }, out: { type: "string", default: "output" }, check: { type: "boolean", default: false }, help: { type: "boolean", default: false } }, strict: true });
  } catch (error) {
    console.error(`usage error: ${(error as Error).message}\nusage: npm run pipeline -- [--data DIR] [--out DIR] [--check]`);
    return 2;
  }
  if (args.values.help) {
    console.log("usage: npm run pipeline -- [--data DIR] [--out DIR] [--check]");
    return 0;
  }
  const root = process.cwd();
  const t0 = performance.now();
  try {
    runPipeline({ root, dataDir: path.resolve(args.values.data), outDir: path.resolve(args.values.out), check: args.values.check, log: (l) => console.log(l) });
  } catch (error) {
    if (error instanceof PipelineError) {
      console.error(`${error.kind === "usage" ? "usage error" : "invalid input"} (${error.stage}): ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"}`);
      for (const issue of error.issues) console.error(formatIssue(issue));
      if (error.kind === "data") console.error("Nothing was written; the previous outputs are unchanged.");
      return error.kind === "usage" ? 2 : 1;
    }
    console.error(`internal error: ${(error as Error)?.message ?? String(error)}`);
    console.error("This is a bug in the pipeline, not in your data. The previous outputs are unchanged. Rerun with NODE_OPTIONS=--stack-trace-limit=50 and DEBUG=1 for the stack trace.");
    if (process.env["DEBUG"]) console.error(error);
    return 3;
  }
  console.log(args.values.check ? "check: all inputs are valid (nothing written)" : `done in ${(performance.now() - t0).toFixed(0)} ms`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
