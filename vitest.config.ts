import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (the pure code and the write edge in memory or in temp folders: seconds) and
 * `e2e` (real processes: the CLI's end-to-end runs, the tslab kernel, the browser). `npm run test:fast`
 * runs `unit`; `npm test` runs both.
 */
const E2E = [
  "test/e2e/**/*.test.ts",
  "test/report/browser.test.ts",
  "test/tools/jupyter/run-notebook.test.ts",
  "test/deno.test.ts",
  // a new process per tool (its real entry point answering --help): thirteen processes
  "test/tools/help.test.ts",
];

export default defineConfig({
  test: {
    // Native addons (zeromq, duckdb) and child processes: forks, not worker threads.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep heavy files from starving each other.
    maxWorkers: 2,
    // One temporary folder per run, removed at its end (test/support/global-setup.ts).
    globalSetup: ["test/support/global-setup.ts"],
    projects: [
      // The files of a project share one module graph per worker (no file changes global state that
      // another reads), which saves loading DuckDB, vega, the schemas and the report again for every
      // file: about a sixth of the e2e project's CPU time.
      // unit-setup.ts: the unit files run the pipeline in process again and again on the bundled
      // data, which parsed the same YAML texts and drew the same charts each time; the setup puts the
      // real parser and renderer behind a memo that lasts the worker (it relies on isolate: false).
      // e2e runs the real processes and keeps them as they are.
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: E2E, isolate: false, setupFiles: ["test/support/unit-setup.ts"] },
      },
      { extends: true, test: { name: "e2e", include: E2E, isolate: false } },
    ],
  },
});
