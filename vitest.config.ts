import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Native addons (zeromq, duckdb) and child processes: forks, not worker threads.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: notebooks and the end-to-end runs are heavy; keep runs from starving each other.
    maxWorkers: 2,
  },
});
