/**
 * The pipeline, in order:
 *
 *   1. extract    data/fixtures + data/reference + data/sources → validated claims (every problem at once)
 *   2. normalize  claims → facts, reference tables, market_share, share_comparison, concentration
 *   3. enrich     → footprint, footprint_vs_share, geographies, geo_claims, battlegrounds; with the region catalog:
 *                   regions, regional_breakdown, bloc_presence, claims_check (stages/regions.ts)
 *   4. charts     tables → output/charts/<name>.vl.json + .svg (+ .png), labelled from the reference tables (charts/)
 *   5. report     tables + charts + input hashes → output/report.html, self-contained (report/)
 *   6. write      plan: which files, with what (write/plan.ts); write: the CSV files, their Parquet copies
 *                   (DuckDB), datapackage.json, the Excel workbook, atlas.sql (DuckDB views), the charts and
 *                   the report into a temporary folder, swapped in when complete (write/outputs.ts)
 *
 * Only extract's reader, the report's asset loader (browser bundles from node_modules) and the
 * write edge touch the disk.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CHART_MAX_POINTS,
  type ChartOptions,
  type ChartTables,
  DEFAULT_FONT_FILES,
  renderCharts,
  type SkippedChart,
} from "./charts/index.ts";
import { PipelineError } from "./errors.ts";
import { msg } from "./messages.ts";
import { projectPackage } from "./package.ts";
import type { StageContext } from "./stages/context.ts";
import { enrich, type EnrichedTables } from "./stages/enrich.ts";
import { readInputs } from "./read/inputs.ts";
import { extract } from "./stages/extract.ts";
import { normalize } from "./stages/normalize.ts";
import { chartsFromFiles, loadReportAssets, renderReport, REPORT_MAX_FACTS, reportContext } from "./report/index.ts";
import { checkOutputDir, outputTarget } from "./write/output-dir.ts";
import { writeOutputs, type WriteHooks } from "./write/outputs.ts";
import { planOutputs } from "./write/plan.ts";
import { previousRowCounts, shrinkIssues } from "./write/shrink.ts";
import { recoverOutputDir } from "./write/swap.ts";

/**
 * The Excel workbook is written while all the tables together have at most this many rows: it is
 * built in memory (exceljs), and a sheet holds at most 1 048 575 rows under its header.
 */
export const WORKBOOK_MAX_ROWS = 200_000;

/** Draws the charts: the tables → every chart file, by path relative to the output folder (charts/index.ts). */
export type ChartRenderer = (tables: ChartTables, options: ChartOptions) => Promise<Map<string, string | Uint8Array>>;

export interface RunOptions {
  root: string;
  dataDir: string;
  outDir: string;
  /** Validate only; write nothing. */
  check?: boolean;
  /** Let a table shrink by more than MAX_SHRINK, or lose every row (write/shrink.ts); default: refused. */
  allowShrink?: boolean;
  log?: (line: string) => void;
  /** The chart, report and workbook budgets (default CHART_MAX_POINTS, REPORT_MAX_FACTS, WORKBOOK_MAX_ROWS); for tests. */
  limits?: { chartPoints?: number; reportFacts?: number; workbookRows?: number };
  /** Calls at known points of the write (test/support/paused-cli.ts pauses there). */
  writeHooks?: WriteHooks;
  /**
   * Draws the charts; default charts/index.ts `renderCharts`. One that returns what `renderCharts`
   * returns for the same arguments (skipped charts told to `options.onSkip` included) may keep its
   * drawings between runs: the end-to-end tests run the pipeline many times in one process on the
   * same tables and draw its charts once (test/support/render-once.ts).
   */
  renderCharts?: ChartRenderer;
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

type Timed = <T>(stage: string, f: () => T | Promise<T>, rows: (x: T) => Record<string, number>) => Promise<T>;

const counts = (t: object) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as unknown[]).length]));

/**
 * The stages up to the tables, one function per step: each holds its step's input only while the
 * step runs and returns only what the next step needs, so that a stage's input (at scale the
 * fixtures' text, the parsed claims, the normalized tables: most of the memory) can be collected
 * once the next stage has its output.
 */
interface ExtractStep {
  extracted: Awaited<ReturnType<typeof extract>>;
  /** What the report needs of the inputs (their sizes and hashes), when it is written. */
  context: ReturnType<typeof reportContext> | undefined;
  factCount: number;
}

async function extractStage(opts: RunOptions, timed: Timed, ctx: StageContext): Promise<ExtractStep> {
  const inputs = await timed(
    "read",
    () => readInputs(opts.dataDir, opts.root),
    (i) => ({ files: i.files.size }),
  );
  const extracted = await timed(
    "extract",
    () => extract(inputs, ctx),
    (x) => ({ claims: x.claims.length, documents: x.documents.length }),
  );
  // One fact per claim: whether the report is written is known now. Without a report nothing is hashed.
  const factCount = extracted.claims.length;
  return {
    extracted,
    context: factCount <= (opts.limits?.reportFacts ?? REPORT_MAX_FACTS) ? reportContext(inputs, extracted) : undefined,
    factCount,
  };
}

async function normalizeStage(opts: RunOptions, timed: Timed, ctx: StageContext) {
  const { extracted, context, factCount } = await extractStage(opts, timed, ctx);
  return {
    normalized: await timed(
      "normalize",
      () => normalize(extracted, ctx),
      (n) => counts(n.tables),
    ),
    context,
    factCount,
  };
}

async function tablesStage(opts: RunOptions, timed: Timed, ctx: StageContext) {
  const { normalized, context, factCount } = await normalizeStage(opts, timed, ctx);
  const normalizedTables = new Set(Object.keys(normalized.tables));
  const tables: EnrichedTables = await timed(
    "enrich",
    () => enrich(normalized, ctx),
    (e) => Object.fromEntries(Object.entries(counts(e)).filter(([k]) => !normalizedTables.has(k))),
  );
  return { tables, context, factCount };
}

export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  if (!opts.check) {
    checkOutputDir(opts.outDir, opts.root);
    // First: a run killed mid-swap may have left no output/, and the publishing guard compares with it.
    recoverOutputDir(outputTarget(opts.outDir), opts.log);
  }
  const ctx: StageContext = { log: () => {} };
  const stages: StageReport[] = [];
  const timed: Timed = async (stage, f, rows) => {
    const t0 = performance.now();
    const x = await f();
    const report = { stage, ms: performance.now() - t0, rows: rows(x), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
    stages.push(report);
    opts.log?.(formatStage(report));
    return x;
  };
  // `check` is the pipeline minus writing: every stage up to the tables, and the publishing guard.
  const { tables, context, factCount } = await tablesStage(opts, timed, ctx);
  if (!opts.allowShrink) {
    const next = new Map(Object.entries(tables).map(([k, v]) => [k, (v as unknown[]).length]));
    const issues = shrinkIssues(previousRowCounts(opts.outDir), next, path.relative(opts.root, opts.outDir) || opts.outDir);
    if (issues.length > 0) throw new PipelineError("write", issues);
  }
  if (opts.check) return { stages };
  const { version } = projectPackage();
  const fontFiles = DEFAULT_FONT_FILES.filter((f) => existsSync(f));
  const skippedCharts: SkippedChart[] = [];
  const render = opts.renderCharts ?? renderCharts;
  const charts = await timed(
    "charts",
    () => render(tables, { fontFiles, maxPoints: opts.limits?.chartPoints ?? CHART_MAX_POINTS, onSkip: (k) => skippedCharts.push(k) }),
    (f) => ({ files: f.size, skipped: skippedCharts.length }),
  );
  for (const k of skippedCharts) opts.log?.(msg.chartSkipped(k.name, k.points, k.maxPoints));
  const extraFiles = new Map<string, string | Uint8Array>(charts);
  if (context) {
    const assets = loadReportAssets();
    const report = await timed(
      "report",
      () => renderReport({ tables, charts: chartsFromFiles(charts), version, assets, skippedCharts, ...context }),
      (h) => ({ kb: Math.round(h.length / 1024) }),
    );
    extraFiles.set("report.html", report);
  } else opts.log?.(msg.reportSkipped(factCount, opts.limits?.reportFacts ?? REPORT_MAX_FACTS));
  const totalRows = Object.values(tables).reduce((n, rows) => n + rows.length, 0);
  const maxRows = opts.limits?.workbookRows ?? WORKBOOK_MAX_ROWS;
  if (totalRows > maxRows) opts.log?.(msg.workbookSkipped(totalRows, maxRows));
  const plan = await timed(
    "plan",
    () => planOutputs(tables, { version, extraFiles, workbook: totalRows <= maxRows }),
    (f) => ({ files: f.length }),
  );
  await timed(
    "write",
    () => writeOutputs(opts.outDir, plan, ctx, opts.writeHooks),
    () => ({}),
  );
  return { stages };
}

export function formatStage(r: StageReport): string {
  const rows = Object.entries(r.rows)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return `${r.stage.padEnd(10)} ${r.ms.toFixed(0).padStart(5)} ms  ${rows}${rows ? "  " : ""}(peak RSS ${r.peakRssMiB} MiB)`;
}
