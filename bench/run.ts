/**
 * `npm run bench [-- options]`: how long the pipeline takes and how much memory it needs, from the
 * bundled data to 10⁶ synthetic facts, next to DuckDB doing the same work, each figure beside the
 * bound it is read against (docs/performance.md). Nothing asserts on time: the bench fails only
 * when a step fails or DuckDB's tables disagree with ours.
 *
 *   1. `npm run pipeline` on the bundled data (bench/cold.ts)
 *   2. 10³…10⁶ synthetic facts through extract → normalize → enrich → export, one fresh process per
 *      run (bench/scale.ts), and DuckDB on the same facts (bench/duckdb.ts, bench/series.ts)
 *   3. the tables and the bounds (bench/report.ts), printed and written to .bench/ (git-ignored)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, UsageError, helpText, parseCli } from "../tools/cli.ts";
import { ROOT } from "./child.ts";
import { coldRuns } from "./cold.ts";
import { report, type BenchResult } from "./report.ts";
import { scalePoint } from "./series.ts";

const CLI = {
  command: "npm run bench --",
  about:
    "Times `npm run pipeline` on the bundled data and 10³–10⁶ synthetic facts end to end, with DuckDB's\ntime for the same work and the peak RSS, and prints each figure next to its bound.",
  options: {
    ...HELP,
    quick: { type: "boolean", description: "CI's smoke test: 10³ and 10⁴ facts, one run each" },
    runs: { type: "string", value: "N", description: "runs per scale (default: 3; --quick: 1)" },
    "cold-runs": { type: "string", value: "N", description: "runs of `npm run pipeline` on the bundled data (default: 5; --quick: 1)" },
    max: { type: "string", value: "FACTS", description: "leave out the scales above FACTS (e.g. 100000)" },
  },
} as const;

const SCALES = [1e3, 1e4, 1e5, 1e6];
const QUICK_SCALES = [1e3, 1e4];

function count(name: string, given: string | undefined, fallback: number): number {
  if (given === undefined) return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1, not ${JSON.stringify(given)}`);
  return n;
}

function machine(): Record<string, string | number> {
  const git = (args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["diff", "--quiet"]).status !== 0;
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: head.status === 0 ? `${head.stdout.trim()}${dirty ? " (+ uncommitted changes)" : ""}` : "unknown",
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

function main(argv: string[]): number {
  const { values } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  const quick = values.quick ?? false;
  const runs = count("runs", values.runs, quick ? 1 : 3);
  const coldN = count("cold-runs", values["cold-runs"], quick ? 1 : 5);
  const max = count("max", values.max, Infinity);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = new Date().toISOString();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "cma-bench-"));
  try {
    const result: BenchResult = {
      started,
      quick,
      machine: machine(),
      cold: { runs: 0, wallMs: { median: NaN, min: NaN, max: NaN, n: 0 }, peakRssMiB: null },
      scales: [],
    };
    log(`npm run pipeline: ${coldN} run(s)`);
    result.cold = coldRuns(coldN, tmp);
    for (const facts of (quick ? QUICK_SCALES : SCALES).filter((n) => n <= max)) {
      log(`${facts} facts`);
      result.scales.push(scalePoint(facts, runs, tmp, log));
    }
    const text = report(result);
    console.log(text);
    const dir = path.join(ROOT, ".bench");
    mkdirSync(path.join(dir, "results"), { recursive: true });
    writeFileSync(
      path.join(dir, "results", `${started.replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    writeFileSync(path.join(dir, "latest.md"), `${text}\n`);
    if (result.scales.some((p) => !p.duckdbAgrees)) {
      console.error("bench: DuckDB's tables and ours disagree (see the table)");
      return 1;
    }
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
