/**
 * The pipeline, in order:
 *
 *   1. extract    data/fixtures + data/reference + data/sources → validated claims (every problem at once)
 *   2. normalize  claims → facts, reference tables, market_share, share_comparison, concentration
 *   3. enrich     → footprint, footprint_vs_share, geo_claims, battlegrounds; with the region catalog:
 *                   regions, regional_breakdown, bloc_presence, claims_check (stages/regions.ts)
 *   4. charts     tables → output/charts/<name>.vl.json + .svg (+ .png), labelled from the reference tables (charts/)
 *   5. report     tables + charts + input hashes → output/report.html, self-contained (report/)
 *   6. export     → output/tables/*.csv + *.parquet, output/datapackage.json, the charts, the report (atomic swap;
 *                   "serialize" lists the files, "write" encodes and writes them one at a time)
 *
 * Only extract's reader, the report's asset loader (browser bundles from node_modules) and export's
 * writer touch the disk.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { CHART_MAX_POINTS, DEFAULT_FONT_FILES, renderCharts, type SkippedChart } from "./charts/index.ts";
import { msg } from "./messages.ts";
import type { StageContext } from "./stages/context.ts";
import { enrich, type EnrichedTables } from "./stages/enrich.ts";
import { checkOutputDir, planOutputs, writeOutputs } from "./stages/export.ts";
import { ParquetFromCsv } from "./stages/parquet.ts";
import { readInputs, type Inputs } from "./read/inputs.ts";
import { extract, type Extracted } from "./stages/extract.ts";
import { normalize, type Normalized } from "./stages/normalize.ts";
import { chartsFromFiles, loadReportAssets, renderReport, REPORT_MAX_FACTS, reportContext } from "./report/index.ts";

export interface RunOptions {
  root: string;
  dataDir: string;
  outDir: string;
  /** Validate only; write nothing. */
  check?: boolean;
  log?: (line: string) => void;
  /** The chart and report budgets (default CHART_MAX_POINTS and REPORT_MAX_FACTS); for tests. */
  limits?: { chartPoints?: number; reportFacts?: number };
}

export interface StageReport {
  stage: string;
  ms: number;
  rows: Record<string, number>;
  /** The process's peak RSS so far (MiB), at the end of the stage. */
  peakRssMiB: number;
}

export interface RunResult {
  stages: StageReport[];
}

/** Every table the pipeline computes, from the files' contents (no disk access): for tests. */
export function computeTables(inputs: ReturnType<typeof readInputs>, ctx: StageContext): EnrichedTables {
  return enrich(normalize(extract(inputs, ctx), ctx), ctx);
}

export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
}

export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  if (!opts.check) checkOutputDir(opts.outDir, opts.root);
  // The Parquet writer's worker loads DuckDB (~0.15 s) while the stages run; writeOutputs closes it,
  // and so does the finally below if a stage fails first.
  const parquet = opts.check ? undefined : new ParquetFromCsv();
  try {
    return await run(opts, parquet);
  } finally {
    parquet?.close();
  }
}

async function run(opts: RunOptions, parquet: ParquetFromCsv | undefined): Promise<RunResult> {
  const ctx: StageContext = { log: () => {} };
  const stages: StageReport[] = [];
  const finish = (stage: string, t0: number, rows: Record<string, number>): void => {
    const report = { stage, ms: performance.now() - t0, rows, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
    stages.push(report);
    opts.log?.(formatStage(report));
  };
  const timed = <T>(stage: string, f: () => T, rows: (x: T) => Record<string, number>): T => {
    const t0 = performance.now();
    const x = f();
    finish(stage, t0, rows(x));
    return x;
  };
  const timedAsync = async <T>(stage: string, f: () => Promise<T>, rows: (x: T) => Record<string, number>): Promise<T> => {
    const t0 = performance.now();
    const x = await f();
    finish(stage, t0, rows(x));
    return x;
  };
  const counts = (t: object) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as unknown[]).length]));

  let inputs: Inputs | undefined = timed("read", () => readInputs(opts.dataDir, opts.root), (i) => ({ files: i.files.size }));
  let extracted: Extracted | undefined = timed("extract", () => extract(inputs!, ctx), (x) => ({ claims: x.claims.length, documents: x.documents.length }));
  if (opts.check) return { stages };
  // One fact per claim: whether the report is written is known now. It needs only the input files'
  // sizes and hashes: take them now and let the texts go (at scale the fixtures' text and the parsed
  // claims are most of the memory; see BENCHMARKS.md). Without a report nothing is hashed and the
  // source texts are not kept.
  const factCount = extracted.claims.length;
  const reportMax = opts.limits?.reportFacts ?? REPORT_MAX_FACTS;
  let context = factCount <= reportMax ? reportContext(inputs, extracted) : undefined;
  inputs = undefined;
  let normalized: Normalized | undefined = timed("normalize", () => normalize(extracted!, ctx), (n) => counts(n.tables));
  extracted = undefined;
  const normalizedTables = new Set(Object.keys(normalized.tables));
  let enriched: EnrichedTables | undefined = timed("enrich", () => enrich(normalized!, ctx), (e) => Object.fromEntries(Object.entries(counts(e)).filter(([k]) => !normalizedTables.has(k))));
  normalized = undefined;
  const version = packageVersion(opts.root);
  const fontFiles = DEFAULT_FONT_FILES.filter((f) => existsSync(f));
  const skippedCharts: SkippedChart[] = [];
  const charts = await timedAsync("charts", () => renderCharts(enriched!, { fontFiles, maxPoints: opts.limits?.chartPoints ?? CHART_MAX_POINTS, onSkip: (k) => skippedCharts.push(k) }), (f) => ({ files: f.size, skipped: skippedCharts.length }));
  for (const k of skippedCharts) opts.log?.(msg.chartSkipped(k.name, k.points, k.maxPoints));
  const extraFiles = new Map<string, string | Uint8Array>(charts);
  if (context) {
    const assets = loadReportAssets();
    const report = timed("report", () => renderReport({ tables: enriched!, charts: chartsFromFiles(charts), version, assets, skippedCharts, ...context! }), (h) => ({ kb: Math.round(h.length / 1024) }));
    extraFiles.set("report.html", report);
    context = undefined;
  } else opts.log?.(msg.reportSkipped(factCount, reportMax));
  // serialize only lists the files; write encodes each one straight into the temporary folder. The
  // plan holds the only reference to the tables from here on and lets each go once it is written.
  const files = timed("serialize", () => planOutputs(enriched!, { version, extraFiles }), (f) => ({ files: f.length }));
  enriched = undefined;
  timed("write", () => writeOutputs(opts.outDir, files, ctx, undefined, parquet), () => ({}));
  return { stages };
}

export function formatStage(r: StageReport): string {
  const rows = Object.entries(r.rows)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return `${r.stage.padEnd(10)} ${r.ms.toFixed(0).padStart(5)} ms  ${rows}${rows ? "  " : ""}(peak RSS ${r.peakRssMiB} MiB)`;
}
