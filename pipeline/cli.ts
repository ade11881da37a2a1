/**
 * `npm run pipeline [-- --data DIR --out DIR]` and `npm run check` (`--check`: validate, write nothing).
 *
 * Exit codes: 0 success; 1 bad input data (every problem listed, one line each); 2 bad usage (an
 * unknown flag, a missing data folder, a refused output folder); 3 internal error (a bug: a short
 * message, and the stack trace only with DEBUG=1). Never a stack trace for bad input.
 *
 * Test-only environment (read here and nowhere else), so a test can kill a run at a known point:
 *   CMA_TEST_PAUSE_MID_WRITE_MS   pause this long after half of the files are in the temporary folder
 *   CMA_TEST_PAUSE_BEFORE_SWAP_MS pause this long when the temporary folder is complete, before the swap
 * Each pause first prints `test-pause: <where> <temporary folder>` on stderr.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatIssue, PipelineError } from "./errors.ts";
import { msg } from "./messages.ts";

const debug = process.env["DEBUG"] === "1" || process.env["DEBUG"] === "true";

function usageError(message: string): number {
  console.error(`usage error: ${message}`);
  console.error(msg.usage());
  return 2;
}

/** Blocks the process (no event loop, no timers): a kill arrives while it sleeps. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function testPause(variable: string, where: string, tmpDir: string): (() => void) | undefined {
  const ms = Number(process.env[variable] ?? "");
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return () => {
    process.stderr.write(`test-pause: ${where} ${tmpDir}\n`);
    sleep(ms);
  };
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { data: { type: "string", default: "data" }, out: { type: "string", default: "output" }, check: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } }, strict: true });
  } catch (error) {
    return usageError(msg.badArguments((error as Error).message));
  }
  if (args.values.help) {
    console.log(msg.usage());
    return 0;
  }
  const root = process.cwd();
  const dataDir = path.resolve(args.values.data);
  const outDir = path.resolve(args.values.out);
  const check = args.values.check;
  const t0 = performance.now();
  let lastStage: string | undefined;
  const log = (line: string) => {
    lastStage = /^(\w+)\s+\d+ ms/.exec(line)?.[1] ?? lastStage;
    console.log(line);
  };
  try {
    if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) return usageError(msg.dataDirMissing(dataDir));
    // Loaded here, not at the top, so that even a module that fails to load is reported as an
    // internal error without a stack trace.
    const { runPipeline } = await import("./run.ts");
    const { checkOutputDir, recoverOutputDir, setWriteHooks } = await import("./stages/export.ts");
    if (!check) {
      checkOutputDir(outDir, root, { dataDir });
      recoverOutputDir(outDir, log);
      const tmpDir = path.join(path.dirname(outDir), `${path.basename(outDir)}.tmp-${process.pid}`);
      const midWrite = testPause("CMA_TEST_PAUSE_MID_WRITE_MS", "mid-write", tmpDir);
      const beforeSwap = testPause("CMA_TEST_PAUSE_BEFORE_SWAP_MS", "before-swap", tmpDir);
      setWriteHooks({
        ...(midWrite && { afterFile: (i: number, n: number) => (i === Math.ceil(n / 2) ? midWrite() : undefined) }),
        ...(beforeSwap && { beforeSwap }),
      });
    }
    await runPipeline({ root, dataDir, outDir, check, log });
  } catch (error) {
    if (error instanceof PipelineError) {
      console.error(msg.problems(error.kind, error.stage, error.issues.length));
      for (const issue of error.issues) console.error(formatIssue(issue));
      if (error.kind === "data") console.error(msg.nothingWritten());
      return error.kind === "usage" ? 2 : 1;
    }
    const detail = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message.split("\n")[0]}` : String(error);
    console.error(msg.internalError(detail, lastStage));
    console.error(msg.internalErrorHint(debug));
    if (debug) console.error(error);
    return 3;
  }
  console.log(check ? msg.checkOk() : `done in ${(performance.now() - t0).toFixed(0)} ms`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(msg.internalError(String((error as Error)?.message ?? error), undefined));
    console.error(msg.internalErrorHint(debug));
    process.exitCode = 3;
  },
);
