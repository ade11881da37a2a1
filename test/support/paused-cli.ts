/**
 * Test-only entry point: the CLI (pipeline/cli.ts `main`) with a pause at one point of the write, so
 * that test/failure.test.ts can kill the run there. Before pausing it prints
 * `test-pause: <where> <temporary folder>` on stderr.
 *
 *   node --import tsx test/support/paused-cli.ts mid-write|before-swap MS [CLI arguments]
 *
 * mid-write pauses once half of the plan's files are in the temporary folder; before-swap once the
 * temporary folder is complete. The charts are drawn without their PNG copies: the subject is the
 * process and its write, and rasterizing fifteen charts at 2× is most of a run's chart time.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { renderCharts } from "../../pipeline/charts/index.ts";
import { runMain } from "../../pipeline/cli.ts";

const [where, ms, ...argv] = process.argv.slice(2);
if ((where !== "mid-write" && where !== "before-swap") || !(Number(ms) > 0))
  throw new Error("usage: paused-cli.ts mid-write|before-swap MS [CLI arguments]");

async function pause(tmpDir: string): Promise<void> {
  process.stderr.write(`test-pause: ${where} ${tmpDir}\n`);
  await sleep(Number(ms));
}

runMain(argv, {
  renderCharts: (tables, options) => renderCharts(tables, { ...options, fontFiles: [] }),
  writeHooks:
    where === "mid-write"
      ? { onFileWritten: ({ index, count, tmpDir }) => (index === Math.ceil(count / 2) ? pause(tmpDir) : undefined) }
      : { beforeSwap: (tmpDir) => pause(tmpDir) },
});
