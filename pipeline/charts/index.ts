/**
 * The charts: tables → output/charts/<name>.vl.json (the Vega-Lite v5 spec, data inlined) and
 * <name>.svg, plus <name>.png for the charts in PNG_CHARTS (the README's screenshot).
 *
 * One module per chart family (share, footprint, geography, provenance); theme.ts labels and
 * colours them from the reference data; render.ts draws them. The notebooks use the same chart
 * functions, through a CommonJS bundle of this folder (tools/notebook-charts.ts).
 *
 * Pure and deterministic: the same tables give the same bytes.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Tables } from "../schema/tables.ts";
import { footprint, regionsVsShare } from "./footprint.ts";
import { battlegrounds, blocPresence, geoClaimsMatrix, regionalHeatmap } from "./geography.ts";
import { factPositions } from "./provenance.ts";
import { finalizeSpec, renderPng, renderSvg } from "./render.ts";
import { blocShare, marketShareBySource, shareDumbbell, shareDumbbellPoints, shareOfNamed } from "./share.ts";
import { chinaLedTrends, concentrationTrends, marketSizeTrend, shareTrends, trendPoints } from "./trends.ts";
import { chartTheme, type ChartReference, type ChartTheme } from "./theme.ts";

export { footprint, regionsVsShare } from "./footprint.ts";
export { battlegrounds, blocPresence, geoClaimsMatrix, regionalHeatmap } from "./geography.ts";
export { factPositions } from "./provenance.ts";
export { finalizeSpec, renderPng, renderSvg } from "./render.ts";
export { blocShare, marketShareBySource, shareDumbbell, shareDumbbellPoints, shareOfNamed } from "./share.ts";
export * from "./theme.ts";
export { chinaLedTrends, concentrationTrends, marketSizeTrend, shareTrends, trendPoints } from "./trends.ts";

/** Charts also written as PNG (2× scale). */
export const PNG_CHARTS: readonly string[] = ["market_share_by_source"];
export const DEFAULT_FONT_FILES: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];

/**
 * The most data points a static chart is drawn from. The charts are made for an article's or a few
 * quarters' figures (the bundled data: at most 68 points per chart); drawn from a whole corpus they
 * stop being readable long before they stop being drawable, and vega's cost grows with the marks.
 * A chart over the limit is not drawn: `onSkip` hears of it, the run's log and the report say so,
 * and its figures stay in the tables (and the notebooks, which can filter before they plot). Charts
 * bounded by the providers or macro-regions are drawn at any scale.
 */
export const CHART_MAX_POINTS = 2_000;

/** The tables the charts read; the regional ones are optional (a data folder without a region catalog). */
export type ChartTables = ChartReference &
  Pick<
    Tables,
    "market_share" | "share_comparison" | "concentration" | "footprint" | "footprint_vs_share" | "geo_claims" | "battlegrounds" | "facts"
  > &
  Partial<Pick<Tables, "regional_breakdown" | "bloc_presence" | "share_series" | "concentration_series" | "market_size_series">>;

export interface ChartOptions {
  /** Font files for the PNG rasterizer (the caller checks they exist); no PNG without fonts. */
  fontFiles?: readonly string[];
  /** Default CHART_MAX_POINTS. */
  maxPoints?: number;
  /** Called for each chart that is not drawn because its data is over `maxPoints`. */
  onSkip?: (skipped: SkippedChart) => void;
}

export interface SkippedChart {
  name: string;
  points: number;
  maxPoints: number;
}

/** A chart of the catalogue, built on demand. */
export interface ChartBuilder {
  name: string;
  /**
   * How many data points the chart will be drawn from, when the tables say so without building it
   * (one point per row, three per concentration row, a count of the shares), so that a chart over
   * the budget is not even built: building a spec copies its rows, and at the largest scales the
   * bounds allow that copy is what would cost. Undefined for the charts bounded by the providers or
   * macro-regions. test/charts/ checks each count against the built spec (share.test.ts: for any rows).
   */
  points?: number;
  build: () => TopLevelSpec;
}

/** Every chart the pipeline writes to output/charts/<name>.*, in a fixed order, not yet built. */
export function chartBuilders(t: ChartTables, theme: ChartTheme): ChartBuilder[] {
  const out: ChartBuilder[] = [
    { name: "market_share_by_source", points: t.market_share.length, build: () => marketShareBySource(t.market_share, theme) },
    { name: "share_dumbbell", points: shareDumbbellPoints(t.share_comparison), build: () => shareDumbbell(t.share_comparison, theme) },
    { name: "share_of_named", points: t.market_share.length, build: () => shareOfNamed(t.market_share, theme) },
    { name: "bloc_share", points: 3 * t.concentration.length, build: () => blocShare(t.concentration, theme) },
    { name: "footprint", build: () => footprint(t.footprint, theme) },
    { name: "regions_vs_share", points: t.footprint_vs_share.length, build: () => regionsVsShare(t.footprint_vs_share, theme) },
    { name: "geo_claims", build: () => geoClaimsMatrix(t.geo_claims, theme) },
    { name: "battlegrounds", build: () => battlegrounds(t.battlegrounds, theme) },
    { name: "fact_positions", points: t.facts.length, build: () => factPositions(t.facts, theme) },
  ];
  const { regional_breakdown, bloc_presence } = t;
  if (regional_breakdown) out.push({ name: "regional_heatmap", build: () => regionalHeatmap(regional_breakdown, theme) });
  if (bloc_presence) out.push({ name: "bloc_presence", build: () => blocPresence(bloc_presence, theme) });
  // Over time: the cited series (absent from a data folder without data/citations/ rows).
  const { share_series, concentration_series, market_size_series } = t;
  if (share_series?.length) {
    out.push({ name: "share_trends", points: trendPoints.shares(share_series), build: () => shareTrends(share_series, theme) });
    out.push({
      name: "china_led_trends",
      points: trendPoints.chinaLed(share_series, theme),
      build: () => chinaLedTrends(share_series, theme),
    });
  }
  if (concentration_series?.length)
    out.push({
      name: "concentration_trends",
      points: trendPoints.concentration(concentration_series),
      build: () => concentrationTrends(concentration_series, theme),
    });
  if (market_size_series?.length)
    out.push({
      name: "market_size_trend",
      points: trendPoints.marketSize(market_size_series),
      build: () => marketSizeTrend(market_size_series, theme),
    });
  return out;
}

/** Every chart's spec, built, in the order of chartBuilders. */
export function chartSpecs(t: ChartTables, theme: ChartTheme): Array<{ name: string; spec: TopLevelSpec }> {
  return chartBuilders(t, theme).map((b) => ({ name: b.name, spec: b.build() }));
}

/** How many data points a spec is drawn from (every spec inlines its data: `data: { values }`). */
export function chartPoints(spec: TopLevelSpec): number {
  const values = (spec as { data?: { values?: unknown } }).data?.values;
  return Array.isArray(values) ? values.length : 0;
}

/** Every chart file: path relative to the output folder → bytes, in chartBuilders' order. */
export async function renderCharts(tables: ChartTables, options: ChartOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const fonts = options.fontFiles ?? [];
  const maxPoints = options.maxPoints ?? CHART_MAX_POINTS;
  const files = new Map<string, string | Uint8Array>();
  for (const { name, points: known, build } of chartBuilders(tables, chartTheme(tables))) {
    const spec = known !== undefined && known > maxPoints ? undefined : build();
    const points = spec === undefined ? (known ?? 0) : chartPoints(spec);
    if (spec === undefined || points > maxPoints) {
      options.onSkip?.({ name, points, maxPoints });
      continue;
    }
    const full = finalizeSpec(spec);
    const svg = await renderSvg(full);
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(full, null, 2)}\n`);
    files.set(`charts/${name}.svg`, `${svg}\n`);
    if (PNG_CHARTS.includes(name) && fonts.length > 0) files.set(`charts/${name}.png`, renderPng(svg, fonts));
  }
  return files;
}
