/**
 * Test-only entry point: the CLI (pipeline/cli.ts `main`) with a pause at one point of the write, so
 * that test/failure.test.ts can kill the run there. Before pausing it prints
 * `test-pause: <where> <temporary folder>` on stderr.
 *
 *   node --import tsx test/support/paused-cli.ts mid-write|before-swap MS [CLI arguments]
 *
 * mid-write pauses once half of the plan's files are in the temporary folder; before-swap once the
 * temporary folder is complete. It draws no charts (the report has no figures): the subject is the
 * process and its write, not what it writes.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { runMain } from "../../pipeline/cli.ts";

const [where, ms, ...argv] = process.argv.slice(2);
if ((where !== "mid-write" && where !== "before-swap") || !(Number(ms) > 0))
  throw new Error("usage: paused-cli.ts mid-write|before-swap MS [CLI arguments]");

async function pause(tmpDir: string): Promise<void> {
  process.stderr.write(`test-pause: ${where} ${tmpDir}\n`);
  await sleep(Number(ms));
}

runMain(argv, {
  renderCharts: async () => new Map(),
  writeHooks:
    where === "mid-write"
      ? { onFileWritten: ({ index, count, tmpDir }) => (index === Math.ceil(count / 2) ? pause(tmpDir) : undefined) }
      : { beforeSwap: (tmpDir) => pause(tmpDir) },
});
