/**
 * `npm run bench [-- --quick] [-- --runs N] [-- --scale-runs N] [-- --notebook-runs N] [-- --no-notebooks]
 * [-- --max N]`: the benchmarks, printed as tables and
 * written to .bench/results/<time>.json and .bench/latest.json (git-ignored).
 *
 *   1. cold pipeline   `npm run pipeline` on the bundled data in a fresh process, N times: wall time,
 *                      each stage's time (the CLI's own report), peak RSS, whether danfojs loaded
 *   2. notebooks       every notebooks/*.ipynb executed headlessly (tools/notebook-runner.ts),
 *                      3 times each in a fresh kernel: wall time, the kernel's start, the cells, and
 *                      the slowest cell
 *   3. scaling         synthetic corpora (test/support/synthetic.ts) of 10³…10⁶ facts through
 *                      extract → normalize → enrich → export, each run in its own process
 *                      (bench/scale.ts) so that its peak RSS is its own
 *   4. DuckDB          the market_share / share_comparison / concentration work in DuckDB on the same
 *                      facts (bench/duckdb.ts), its agreement with ours, and the ratio
 *
 * --quick (CI smoke test): one cold run, no notebooks, scales 10³ and 10⁴ only. Nothing asserts on
 * time; the run fails only when a step fails or DuckDB disagrees with ours.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { DuckResult } from "./duckdb.ts";
import type { ScaleResult } from "./scale.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Stat {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function stat(xs: readonly number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
}

// --- 1. cold pipeline --------------------------------------------------------------------------------

/** Preloaded into every node process of a cold run: on exit, appends its peak RSS and whether danfojs or TensorFlow was loaded. */
const PROBE = `import{appendFileSync}from"node:fs";import{createRequire}from"node:module";const r=createRequire(process.cwd()+"/probe.js");process.on("exit",()=>{try{const heavy=Object.keys(r.cache).filter(k=>/danfojs|@tensorflow/.test(k)).length;appendFileSync(process.env.BENCH_PROBE_FILE,JSON.stringify({pid:process.pid,maxRSS:process.resourceUsage().maxRSS,heavy,argv:process.argv.slice(1).join(" ")})+"\\n")}catch{}})`;

export interface ColdRun {
  wallMs: number;
  inProcessMs: number | null;
  stages: Record<string, number>;
  /** Charts drawn and left out (over the chart budget), from the charts stage's line. */
  charts: { drawn: number; skipped: number } | null;
  reportWritten: boolean;
  /** The peak RSS (MiB) the CLI reports at the end of each stage. */
  stagePeaks: Record<string, number>;
  maxRssMiB: number;
  heavyModules: number;
}

function coldRun(command: string, args: string[], outDir: string): ColdRun {
  const probe = path.join(path.dirname(outDir), `probe-${process.hrtime.bigint()}.jsonl`);
  const env = { ...process.env, BENCH_PROBE_FILE: probe, NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} --import=data:text/javascript,${encodeURIComponent(PROBE)}`.trim() };
  const t0 = performance.now();
  const r = spawnSync(command, [...args, "--out", outDir], { cwd: ROOT, env, encoding: "utf8" });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const stages: Record<string, number> = {};
  let inProcessMs: number | null = null;
  let charts: ColdRun["charts"] = null;
  const stagePeaks: Record<string, number> = {};
  for (const line of r.stdout.split("\n")) {
    // `<stage> <ms> ms  <rows>  (peak RSS <MiB> MiB)` (pipeline/run.ts formatStage)
    const m = /^(\w+)\s+(\d+) ms(.*?)(?:\(peak RSS (\d+) MiB\))?$/.exec(line);
    if (m) {
      stages[m[1]!] = Number(m[2]);
      if (m[4] !== undefined) stagePeaks[m[1]!] = Number(m[4]);
      const c = m[1] === "charts" ? /files=(\d+) skipped=(\d+)/.exec(m[3]!) : null;
      if (c) charts = { drawn: chartsDrawn(Number(c[1])), skipped: Number(c[2]) };
    }
    const d = /^done in (\d+) ms/.exec(line);
    if (d) inProcessMs = Number(d[1]);
  }
  const probes = existsSync(probe) ? readFileSync(probe, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { maxRSS: number; heavy: number }) : [];
  rmSync(probe, { force: true });
  const reportWritten = "report" in stages;
  return { wallMs, inProcessMs, stages, charts, reportWritten, stagePeaks, maxRssMiB: Math.max(0, ...probes.map((p) => p.maxRSS)) / 1024, heavyModules: probes.reduce((a, p) => a + p.heavy, 0) };
}

/** The first stage, in order, whose end-of-stage peak RSS reached `top` (to within the 1 MiB of rounding). */
function firstAtPeak(peaks: Readonly<Record<string, number>>, top: number): string {
  return Object.entries(peaks).find(([, mib]) => mib >= Math.round(top) - 1)?.[0] ?? "?";
}

/** The CLI stage at whose end its peak RSS was first reached. */
function cliPeakStage(r: ColdRun): string {
  return firstAtPeak(r.stagePeaks, Math.max(0, ...Object.values(r.stagePeaks)));
}

/** Charts drawn, from the files the charts stage wrote (a .vl.json and an .svg each, one PNG chart). */
function chartsDrawn(files: number): number {
  return Math.floor(files / 2);
}

export interface ColdResult {
  command: string;
  runs: ColdRun[];
  wall: Stat;
  inProcess: Stat;
  stages: Record<string, Stat>;
  maxRssMiB: Stat;
  danfojsLoaded: boolean;
}

function coldBench(runs: number, tmp: string): ColdResult[] {
  const variants: Array<[string, string, string[]]> = [
    ["npm run pipeline", process.platform === "win32" ? "npm.cmd" : "npm", ["run", "-s", "pipeline", "--"]],
    ["node --import tsx pipeline/cli.ts", process.execPath, ["--import", "tsx", "pipeline/cli.ts"]],
  ];
  return variants.map(([label, cmd, args]) => {
    const outDir = path.join(tmp, "cold", "output");
    mkdirSync(path.dirname(outDir), { recursive: true });
    const rs: ColdRun[] = [];
    for (let i = 0; i < runs; i++) rs.push(coldRun(cmd, args, outDir));
    const stageNames = [...new Set(rs.flatMap((r) => Object.keys(r.stages)))];
    return {
      command: label,
      runs: rs,
      wall: stat(rs.map((r) => r.wallMs)),
      inProcess: stat(rs.flatMap((r) => (r.inProcessMs === null ? [] : [r.inProcessMs]))),
      stages: Object.fromEntries(stageNames.map((s) => [s, stat(rs.flatMap((r) => r.stages[s] ?? []))])),
      maxRssMiB: stat(rs.map((r) => r.maxRssMiB)),
      danfojsLoaded: rs.some((r) => r.heavyModules > 0),
    };
  });
}

// --- 1b. the whole CLI at scale ----------------------------------------------------------------------

export interface CliScale {
  facts: number;
  run: ColdRun;
}

/**
 * `npm run pipeline`'s process (the same node flags) on a synthetic corpus written as a data folder:
 * every stage, charts and report included, which the scaling series leaves out. One run per scale.
 */
function cliScaleBench(facts: number, tmp: string): CliScale {
  const data = path.join(tmp, `cli-${facts}`, "data");
  child<{ dir: string }>("scale.ts", ["--facts", String(facts), "--write-corpus", data]);
  const outDir = path.join(tmp, `cli-${facts}`, "output");
  try {
    return { facts, run: coldRun(process.execPath, [...childNodeFlags(), "--import", "tsx", "pipeline/cli.ts", "--data", data], outDir) };
  } finally {
    rmSync(path.dirname(data), { recursive: true, force: true });
  }
}

// --- 2. notebooks ------------------------------------------------------------------------------------

export interface NotebookBench {
  notebook: string;
  ok: boolean;
  /** Runs that completed (a failed run ends the notebook's series). */
  runs: number;
  /** Wall time of a whole run: kernel start, every cell, shutdown. */
  ms: Stat;
  /** The kernel's start (tslab: Node.js and the TypeScript compiler). */
  startMs: Stat;
  /** The cells, summed. */
  cellsMs: Stat;
  /** The slowest code cell (median over the runs): its 1-based index in the notebook and its time. */
  slowestCell: { index: number; ms: number } | null;
  cells: number;
  error?: string;
}

/** Every notebook, `runs` times each, each run in a fresh kernel. */
async function notebookBench(tmp: string, runs: number): Promise<NotebookBench[]> {
  const { listNotebooks, runNotebook } = await import("../tools/notebook-runner.ts");
  const out: NotebookBench[] = [];
  for (const nb of listNotebooks(path.join(ROOT, "notebooks"))) {
    const wall: number[] = [];
    const start: number[] = [];
    const cellSums: number[] = [];
    const perCell = new Map<number, number[]>();
    let cells = 0;
    let error: string | undefined;
    for (let i = 0; i < runs && error === undefined; i++) {
      const t0 = performance.now();
      try {
        const r = await runNotebook(nb, { outDir: path.join(tmp, "notebooks") });
        wall.push(performance.now() - t0);
        start.push(r.startMs);
        cellSums.push(r.cells.reduce((a, c) => a + c.ms, 0));
        for (const c of r.cells) {
          const times = perCell.get(c.index) ?? [];
          times.push(c.ms);
          perCell.set(c.index, times);
        }
        cells = r.cells.length;
      } catch (e) {
        error = String((e as Error).message ?? e).split("\n").slice(0, 3).join(" ");
      }
    }
    const slowest = [...perCell].map(([index, ms]) => ({ index, ms: stat(ms).median })).sort((a, b) => b.ms - a.ms || a.index - b.index)[0] ?? null;
    out.push({ notebook: path.basename(nb), ok: error === undefined, runs: wall.length, ms: stat(wall), startMs: stat(start), cellsMs: stat(cellSums), slowestCell: slowest, cells, ...(error === undefined ? {} : { error }) });
  }
  return out;
}

// --- 3 + 4. scaling and DuckDB --------------------------------------------------------------------------

export interface ScalePoint {
  facts: number;
  format: string;
  runs: ScaleResult[];
  ms: Record<keyof ScaleResult["ms"], Stat>;
  factsPerSecond: Stat;
  maxRssMiB: Stat;
  duckdb: DuckResult | null;
  /** Our normalize (facts + market_share + share_comparison + concentration) / DuckDB's SQL for the three tables. */
  ratioNormalizeToSql: number | null;
  /** Our normalize / DuckDB's load of the facts from Parquet plus the SQL. */
  ratioNormalizeToLoadAndSql: number | null;
}

/**
 * The node flags of `npm run pipeline` (package.json), which every bench child runs with, so that
 * the scaling series measures the process users run: a 64 MiB young generation (Node 24's default
 * here; on Node 20, whose default is 16 MiB, about 10% off the 10⁶ run), and a heap that grows by
 * 30% at a time instead of V8's dynamic factor keeps the 10⁶ peak RSS under 2 GiB instead of
 * 2.3–2.7 GiB (BENCHMARKS.md).
 */
let nodeFlags: string[] | undefined;
function childNodeFlags(): string[] {
  if (nodeFlags) return nodeFlags;
  const script = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["pipeline"] ?? "";
  const words = script.split(/\s+/);
  const end = words.indexOf("--import");
  if (words[0] !== "node" || end < 0) throw new Error(`package.json's pipeline script is not "node <flags> --import tsx ...": ${script}`);
  return (nodeFlags = words.slice(1, end));
}

/** The stage during which the run with the highest peak RSS reached it (the first whose end saw it). */
export function peakStage(p: Pick<ScalePoint, "runs">): string {
  const worst = p.runs.reduce((a, b) => (b.maxRssMiB > a.maxRssMiB ? b : a));
  return firstAtPeak(worst.peakAfterMiB ?? {}, worst.maxRssMiB);
}

function child<T>(script: string, args: string[]): T {
  const r = spawnSync(process.execPath, [...childNodeFlags(), "--import", "tsx", path.join(ROOT, "bench", script), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`);
  const last = r.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as T;
}

function scaleBench(facts: number, format: string, runs: number, withDuck: boolean, tmp: string, log: (l: string) => void): ScalePoint {
  const results: ScaleResult[] = [];
  let duckdb: DuckResult | null = null;
  for (let i = 0; i < runs; i++) {
    const outDir = path.join(tmp, `scale-${facts}-${format}-${i}`, "output");
    const r = child<ScaleResult>("scale.ts", ["--facts", String(facts), "--format", format, "--seed", "1", "--out", outDir, "--keep"]);
    results.push(r);
    log(`  ${format} ${facts}: run ${i + 1}/${runs} ${(r.ms.pipeline / 1000).toFixed(2)} s, peak RSS ${r.maxRssMiB.toFixed(0)} MiB`);
    if (withDuck && i === runs - 1) {
      duckdb = child<DuckResult>("duckdb.ts", ["--dir", outDir]);
      log(`  duckdb ${facts}: sql ${duckdb.ms.sql.toFixed(0)} ms, load ${duckdb.ms.load.toFixed(0)} ms, agrees ${duckdb.agrees}`);
    }
    rmSync(path.dirname(outDir), { recursive: true, force: true });
  }
  const keys = Object.keys(results[0]!.ms) as Array<keyof ScaleResult["ms"]>;
  const ms = Object.fromEntries(keys.map((k) => [k, stat(results.map((r) => r.ms[k]))])) as ScalePoint["ms"];
  return {
    facts,
    format,
    runs: results,
    ms,
    factsPerSecond: stat(results.map((r) => r.factsPerSecond)),
    maxRssMiB: stat(results.map((r) => r.maxRssMiB)),
    duckdb,
    ratioNormalizeToSql: duckdb ? ms.normalize.median / duckdb.ms.sql : null,
    ratioNormalizeToLoadAndSql: duckdb ? ms.normalize.median / (duckdb.ms.sql + duckdb.ms.load) : null,
  };
}

// --- report ------------------------------------------------------------------------------------------

export function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: git.status === 0 ? `${git.stdout.trim()}${spawnSync("git", ["diff", "--quiet"], { cwd: ROOT }).status === 0 ? "" : " (+ uncommitted changes)"}` : "unknown",
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "-");
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");
const sec = (ms: number) => (ms / 1000).toFixed(2);
const mmm = (s: Stat, f: (x: number) => string = f0) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(" | ")} |`;
  return [line(head), `|${w.map((n, i) => (i === 0 ? ` ${"-".repeat(n)} ` : ` ${"-".repeat(n - 1)}: `)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function report(r: BenchResult): string {
  const out: string[] = [];
  out.push(`Machine: ${r.machine["cpu"]}, ${r.machine["cores"]} cores, ${r.machine["memoryGiB"]} GiB, ${r.machine["os"]}, Node ${r.machine["node"]}, commit ${r.machine["commit"]}, load ${r.machine["loadAverage1m"]} at start${r.quick ? " — QUICK MODE" : ""}`);
  out.push("");
  out.push(`## Cold pipeline on the bundled data (${r.cold[0]?.runs.length ?? 0} runs; median (min–max), ms)`);
  for (const c of r.cold) {
    out.push("");
    out.push(`\`${c.command}\`: wall ${mmm(c.wall)} ms, in-process ${mmm(c.inProcess)} ms, peak RSS ${mmm(c.maxRssMiB)} MiB, danfojs/TensorFlow loaded: ${c.danfojsLoaded ? "YES" : "no"}`);
    out.push("");
    out.push(table(["stage", "median", "min", "max"], Object.entries(c.stages).map(([s, st]) => [s, f0(st.median), f0(st.min), f0(st.max)])));
  }
  out.push("");
  out.push("## Notebooks (headless, tslab over ZeroMQ)");
  out.push("");
  out.push(
    r.notebooks === null
      ? "skipped"
      : r.notebooks.length === 0
        ? "no notebooks"
        : table(
            ["notebook", "ok", "runs", "code cells", "wall s", "kernel start s", "cells s", "slowest cell"],
            r.notebooks.map((n) => [n.notebook, n.ok ? "yes" : `NO: ${n.error ?? ""}`, String(n.runs), String(n.cells), n.runs > 0 ? mmm(n.ms, sec) : "–", n.runs > 0 ? sec(n.startMs.median) : "–", n.runs > 0 ? sec(n.cellsMs.median) : "–", n.slowestCell ? `${n.slowestCell.index}: ${sec(n.slowestCell.ms)} s` : "–"]),
          ),
  );
  out.push("");
  out.push("## Scaling: synthetic facts through extract → normalize → enrich → export (medians, seconds)");
  out.push("");
  out.push(
    table(
      ["facts", "format", "runs", "generate", "extract", "normalize", "enrich", "serialize", "(Parquet wait)", "write", "pipeline", "facts/s", "peak RSS MiB", "peak in"],
      r.scales.map((p) => [String(p.facts), p.format, String(p.runs.length), sec(p.ms.generate.median), sec(p.ms.extract.median), sec(p.ms.normalize.median), sec(p.ms.enrich.median), sec(p.ms.serialize.median), p.ms.parquetWait ? sec(p.ms.parquetWait.median) : "–", sec(p.ms.write.median), `${sec(p.ms.pipeline.median)} (${sec(p.ms.pipeline.min)}–${sec(p.ms.pipeline.max)})`, f0(p.factsPerSecond.median), f0(p.maxRssMiB.max), peakStage(p)]),
    ),
  );
  const jsonl = r.scales.filter((p) => p.format === "jsonl");
  const at = (n: number) => jsonl.find((p) => p.facts === n);
  const growth = at(1e5) && at(1e6) ? at(1e6)!.ms.pipeline.median / at(1e5)!.ms.pipeline.median : null;
  if (growth !== null) out.push("", `Growth from 10⁵ to 10⁶ facts: ×${f2(growth)} (target ≤ ×12).`);
  out.push("");
  out.push("## The whole CLI on synthetic corpora (`npm run pipeline -- --data DIR`, one run each, seconds)");
  out.push("");
  const st = (c: CliScale, s: string) => (c.run.stages[s] === undefined ? "–" : sec(c.run.stages[s]!));
  out.push(
    r.cli.length === 0
      ? "skipped"
      : table(
          ["facts", "wall", "read", "extract", "normalize", "enrich", "charts", "report", "write", "peak RSS MiB", "peak in", "charts drawn / left out", "report"],
          r.cli.map((c) => [String(c.facts), sec(c.run.wallMs), st(c, "read"), st(c, "extract"), st(c, "normalize"), st(c, "enrich"), st(c, "charts"), st(c, "report"), st(c, "write"), f0(c.run.maxRssMiB), cliPeakStage(c.run), c.run.charts ? `${c.run.charts.drawn} / ${c.run.charts.skipped}` : "?", c.run.reportWritten ? "written" : "left out"]),
        ),
  );
  out.push("");
  out.push("## DuckDB on the same facts (market_share + share_comparison + concentration)");
  out.push("");
  out.push(
    table(
      ["facts", "ours: normalize ms", "DuckDB SQL ms", "DuckDB load ms", "ours / SQL", "ours / (load+SQL)", "threads", "agrees with ours"],
      jsonl.filter((p) => p.duckdb).map((p) => {
        const d = p.duckdb!;
        const rows = Object.entries(d.agreement).map(([t, a]) => `${t} ${a.ours}=${a.duckdb}${a.differ + a.onlyOurs + a.onlyDuckdb > 0 ? ` (${a.differ} differ, ${a.onlyOurs}/${a.onlyDuckdb} unmatched)` : ""}`).join(", ");
        return [String(p.facts), f0(p.ms.normalize.median), f0(d.ms.sql), f0(d.ms.load), f2(p.ratioNormalizeToSql!), f2(p.ratioNormalizeToLoadAndSql!), String(d.threads), `${d.agrees ? "yes" : "NO"}: ${rows}`];
      }),
    ),
  );
  if (r.csvProposal) {
    const c = r.csvProposal;
    out.push("", `## CSV writer check (${c.facts} facts, every table): csv-stringify (reference) ${f0(c.referenceMs)} ms, export.ts toCsv ${f0(c.toCsvMs)} ms, byte-identical: ${c.identical ? "yes" : "NO"}`);
  }
  return out.join("\n");
}

export interface BenchResult {
  started: string;
  quick: boolean;
  machine: Record<string, string | number>;
  cold: ColdResult[];
  notebooks: NotebookBench[] | null;
  scales: ScalePoint[];
  /** The whole CLI (charts and report included) on synthetic corpora. */
  cli: CliScale[];
  /** export.ts's toCsv against csv-stringify, the reference (bench/csv-proposal.ts), same rows. */
  csvProposal: { facts: number; referenceMs: number; toCsvMs: number; identical: boolean } | null;
  totalSeconds: number;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: "boolean", default: false }, runs: { type: "string" }, "scale-runs": { type: "string" }, "no-notebooks": { type: "boolean", default: false }, "notebook-runs": { type: "string" }, max: { type: "string" } },
    strict: true,
  });
  const quick = values.quick;
  // A count given on the command line must be a whole number ≥ 1: a typo is a usage error, not a
  // bench that silently runs nothing.
  const count = (name: string, given: string | undefined, fallback: number): number => {
    if (given === undefined) return fallback;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1, not ${JSON.stringify(given)}`);
    return n;
  };
  const runs = count("runs", values.runs, quick ? 1 : 7);
  const scaleRuns = count("scale-runs", values["scale-runs"], quick ? 1 : 3);
  const notebookRuns = count("notebook-runs", values["notebook-runs"], 3);
  const max = count("max", values.max, 1e6);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const t0 = performance.now();
  const started = new Date().toISOString();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "cma-bench-"));
  try {
    const result: BenchResult = { started, quick, machine: machine(), cold: [], notebooks: null, scales: [], cli: [], csvProposal: null, totalSeconds: 0 };
    log(`cold pipeline: ${runs} run(s) per command`);
    result.cold = coldBench(runs, tmp);
    if (!quick && !values["no-notebooks"]) {
      log("notebooks");
      result.notebooks = await notebookBench(tmp, notebookRuns);
    }
    const plan: Array<[number, string, number, boolean]> = quick
      ? [[1e3, "jsonl", 1, true], [1e4, "jsonl", 1, true], [1e3, "yaml", 1, false]]
      : [[1e3, "jsonl", scaleRuns, true], [1e4, "jsonl", scaleRuns, true], [1e5, "jsonl", scaleRuns, true], [1e6, "jsonl", scaleRuns, true], [1e3, "yaml", scaleRuns, false], [1e4, "yaml", scaleRuns, false], [1e5, "yaml", 1, false]];
    for (const [facts, format, n, duck] of plan) {
      if (facts > max) continue;
      log(`scale ${facts} ${format}`);
      result.scales.push(scaleBench(facts, format, n, duck, tmp, log));
    }
    for (const facts of quick ? [1e3] : [1e3, 1e4, 1e5, 1e6]) {
      if (facts > max) continue;
      log(`cli ${facts}`);
      const c = cliScaleBench(facts, tmp);
      log(`  cli ${facts}: ${(c.run.wallMs / 1000).toFixed(2)} s, peak RSS ${c.run.maxRssMiB.toFixed(0)} MiB`);
      result.cli.push(c);
    }
    log("CSV writer proposal");
    result.csvProposal = child("csv-proposal.ts", ["--facts", String(Math.min(max, quick ? 1e4 : 1e5))]);
    result.totalSeconds = (performance.now() - t0) / 1000;
    const text = report(result);
    console.log(text);
    const dir = path.join(ROOT, ".bench", "results");
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    const file = path.join(dir, `${started.replace(/[:.]/g, "-")}${quick ? "-quick" : ""}.json`);
    writeFileSync(file, json);
    writeFileSync(path.join(ROOT, ".bench", "latest.json"), json);
    writeFileSync(path.join(ROOT, ".bench", "latest.md"), `${text}\n`);
    console.log(`\nwritten: ${path.relative(ROOT, file)} (and .bench/latest.json, .bench/latest.md); ${result.totalSeconds.toFixed(0)} s in all`);
    const disagree = result.scales.some((p) => p.duckdb && !p.duckdb.agrees);
    if (result.csvProposal && !result.csvProposal.identical) console.error("bench: export.ts's CSV bytes differ from csv-stringify's");
    const nbFailed = (result.notebooks ?? []).some((n) => !n.ok);
    if (disagree) console.error("bench: DuckDB and the pipeline disagree (see the table)");
    if (nbFailed) console.error("bench: a notebook failed (see the table)");
    return disagree || nbFailed ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
