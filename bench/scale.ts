/**
 * One point of the scaling series: a synthetic corpus of N facts (test/support/synthetic.ts)
 * through the real stages, extract → normalize → enrich → export (CSV, Parquet,
 * datapackage.json), in this process. normalize is timed in its two parts: the article's tables
 * (`normalize`: facts, market_share, share_comparison, concentration, the work DuckDB does too) and
 * the cited series (`series`: share_series and the tables derived from it, which take in every
 * market share of the corpus). `bench/run.ts` runs it as a script, one fresh process per
 * run, and reads the one JSON line it prints:
 *
 *   node --import tsx bench/scale.ts --facts 100000 [--seed 1] [--format jsonl|yaml] [--without-series] [--out DIR]
 *
 * The corpus is generated in memory before the clock starts; charts and the report do not run (they
 * are made for the bundled data's handful of series and have budgets that leave them out at scale).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { silentContext } from "../pipeline/stages/context.ts";
import { enrich, type EnrichedTables } from "../pipeline/stages/enrich.ts";
import { extract } from "../pipeline/stages/extract.ts";
import { normalizeArticle, seriesTables, type Normalized } from "../pipeline/stages/normalize.ts";
import { writeOutputs } from "../pipeline/write/outputs.ts";
import { planOutputs } from "../pipeline/write/plan.ts";
import { shapeOf, synthesize, type FixtureFormat, type SyntheticShape } from "../test/support/synthetic.ts";
import { HELP, UsageError, helpText, parseCli } from "../tools/cli.ts";

type Stage = "extract" | "normalize" | "series" | "enrich" | "export";

export interface ScaleResult {
  facts: number;
  seed: number;
  format: FixtureFormat;
  shape: SyntheticShape;
  /** Whether the cited series were built (false with --without-series: every series table empty). */
  series: boolean;
  /** Milliseconds per stage; `total` is extract through export (the corpus's generation is not counted). */
  ms: Record<Stage | "total", number>;
  /**
   * CPU milliseconds per stage (user + system, of every thread: the garbage collector's and
   * DuckDB's too), which a loaded machine inflates far less than the wall time.
   */
  cpuMs: Record<Stage | "total", number>;
  /** Row count of every table. */
  rows: Record<string, number>;
  outputBytes: number;
  /**
   * Milliseconds of the export's wall time spent waiting: for the CSV files' writes (`io`), and
   * after the last file for the Parquet conversions still running (`parquet`) (writeOutputs' stats).
   */
  exportWaitMs: { io: number; parquet: number };
  /** The process's peak RSS, MiB. */
  peakRssMiB: number;
  /** The process's peak RSS (MiB) at the end of each stage: the first stage that reaches the peak set it. */
  peakAfterMiB: Record<Stage, number>;
}

/**
 * The export: the one place here that calls the write API, so that a change of that API is one
 * change here. It takes the tables in a box and empties it: the plan lets go of each table once its
 * files are written, which holds only if nothing else still refers to the tables (at 10⁶ facts they
 * are most of the peak RSS).
 */
async function exportTables(tables: EnrichedTables, outDir: string): Promise<{ bytes: number; waitMs: { io: number; parquet: number } }> {
  const stats = await writeOutputs(outDir, planOutputs(tables, { version: "bench" }), silentContext);
  return { bytes: stats.bytes, waitMs: { io: stats.ioMs, parquet: stats.parquetWaitMs } };
}

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Generates the corpus, runs the stages on it and writes the output folder `outDir`. The corpus is
 * made here, not passed in, so that nothing outside holds it once extract has read it.
 */
export async function runScale(
  corpus: { facts: number; seed: number; format: FixtureFormat },
  outDir: string,
  options: { series: boolean } = { series: true },
): Promise<ScaleResult> {
  const ms = { extract: 0, normalize: 0, series: 0, enrich: 0, export: 0, total: 0 };
  const cpuMs = { ...ms };
  const peakAfterMiB = { extract: 0, normalize: 0, series: 0, enrich: 0, export: 0 };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const timed = async <T>(stage: Stage, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const c0 = cpu();
    const x = await f();
    ms[stage] = performance.now() - t0;
    cpuMs[stage] = cpu() - c0;
    peakAfterMiB[stage] = peakRss();
    return x;
  };
  // One function per step, as in pipeline/run.ts: a stage's input can be collected once the next
  // stage has its output.
  const extracted = async () => {
    const input = synthesize(corpus); // not timed: the corpus stands for files read from disk
    return timed("extract", () => extract(input, silentContext));
  };
  // normalize, in the two parts that pipeline/stages/normalize.ts's normalize() joins
  const normalized = async (): Promise<Normalized> => {
    const x = await extracted();
    const article = await timed("normalize", () => normalizeArticle(x, silentContext));
    // Without the series (--without-series), they are built from no citations and no facts: every
    // series table is empty, so the run measures what the series cost by their absence.
    const series = await timed("series", () =>
      options.series ? seriesTables(x, article.tables.facts) : seriesTables({ ...x, citations: [] }, []),
    );
    return { tables: { ...article.tables, ...series }, geo: article.geo };
  };
  const tables = async () => {
    const n = await normalized();
    return timed("enrich", () => enrich(n, silentContext));
  };
  const exported = async () => {
    const t = await tables();
    const rows = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as unknown[]).length]));
    return { rows, ...(await timed("export", () => exportTables(t, outDir))) };
  };
  const { rows, bytes, waitMs } = await exported();
  ms.total = ms.extract + ms.normalize + ms.series + ms.enrich + ms.export;
  cpuMs.total = cpuMs.extract + cpuMs.normalize + cpuMs.series + cpuMs.enrich + cpuMs.export;
  return {
    ...corpus,
    shape: shapeOf(corpus.facts),
    series: options.series,
    ms,
    cpuMs,
    rows,
    outputBytes: bytes,
    exportWaitMs: waitMs,
    peakRssMiB: peakRss(),
    peakAfterMiB,
  };
}

const CLI = {
  command: "node --import tsx bench/scale.ts",
  about:
    "Generates a synthetic corpus, runs it through extract → normalize → enrich → export and prints the\ntimes, row counts and peak RSS as one JSON line.",
  options: {
    ...HELP,
    facts: { type: "string", value: "N", description: "the number of facts (required)" },
    seed: { type: "string", value: "S", description: "the generator's seed (default: 1)" },
    format: { type: "string", value: "jsonl|yaml", description: "the fixtures' format (default: jsonl)" },
    "without-series": {
      type: "boolean",
      description: "leave the cited series out (every series table empty), to see what they cost at a scale",
    },
    out: { type: "string", value: "DIR", description: "write the output folder to DIR and keep it (default: a temporary folder, removed)" },
  },
} as const;

async function main(argv: string[]): Promise<void> {
  const { values } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return;
  }
  const facts = Number(values.facts);
  const seed = Number(values.seed ?? "1");
  const format = (values.format ?? "jsonl") as FixtureFormat;
  if (!Number.isInteger(facts) || facts < 1) throw new UsageError("--facts must be a whole number of at least 1");
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number");
  if (format !== "jsonl" && format !== "yaml") throw new UsageError("--format must be jsonl or yaml");
  const tmp = values.out === undefined ? mkdtempSync(path.join(tmpdir(), "cma-scale-")) : null;
  try {
    const outDir = values.out === undefined ? path.join(tmp!, "output") : path.resolve(values.out);
    const result = await runScale({ facts, seed, format }, outDir, { series: !values["without-series"] });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`scale: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  });
}
