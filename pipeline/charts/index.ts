/**
 * The charts: tables → output/charts/<name>.vl.json (the Vega-Lite v5 spec, data inlined),
 * <name>.svg and <name>.png (2× scale), each with a footer naming its source, as-of date and licence
 * (credits.ts) and a title that states its finding (titles.ts).
 *
 * One module per chart family (share, footprint, geography, provenance); theme.ts labels and
 * colours them from the reference data; render.ts draws them. The notebooks use the same chart
 * functions, through a CommonJS bundle of this folder (tools/notebook-charts.ts).
 *
 * Pure and deterministic: the same tables give the same bytes.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Tables } from "../schema/tables.ts";
import { citedCreditLines, creditLines, factIdsOf, withFooter, type CreditTables } from "./credits.ts";
import { footprint, regionsVsShare } from "./footprint.ts";
import { battlegrounds, blocPresence, geoClaimsMatrix, regionalHeatmap } from "./geography.ts";
import { factPositions } from "./provenance.ts";
import { finalizeSpec, renderPng, renderSvg } from "./render.ts";
import { blocShare, marketShareBySource, shareDumbbell, shareDumbbellPoints, shareOfNamed } from "./share.ts";
import { chinaLedTrends, concentrationTrends, marketSizeTrend, shareTrends, trendPoints, trendRows } from "./trends.ts";
import { chartTheme, type ChartReference, type ChartTheme } from "./theme.ts";

export { creditLines, factIdsOf, withFooter, wrapText } from "./credits.ts";
export { footprint, regionsVsShare } from "./footprint.ts";
export { battlegrounds, blocPresence, geoClaimsMatrix, regionalHeatmap } from "./geography.ts";
export { factPositions } from "./provenance.ts";
export { finalizeSpec, renderPng, renderSvg } from "./render.ts";
export { blocShare, marketShareBySource, shareDumbbell, shareDumbbellPoints, shareOfNamed } from "./share.ts";
export * from "./theme.ts";
export * from "./titles.ts";
export { chinaLedTrends, concentrationTrends, marketSizeTrend, shareTrends, trendPoints, trendRows } from "./trends.ts";

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
  CreditTables &
  Pick<
    Tables,
    "market_share" | "share_comparison" | "concentration" | "footprint" | "footprint_vs_share" | "geo_claims" | "battlegrounds" | "facts"
  > &
  Partial<
    Pick<Tables, "regional_breakdown" | "bloc_presence" | "share_series" | "concentration_series" | "market_size_series" | "cited_facts">
  >;

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
  const out: ChartBuilder[] = withCredits(t, theme, [
    { name: "market_share_by_source", points: t.market_share.length, build: () => marketShareBySource(t.market_share, theme) },
    { name: "share_dumbbell", points: shareDumbbellPoints(t.share_comparison), build: () => shareDumbbell(t.share_comparison, theme) },
    { name: "share_of_named", points: t.market_share.length, build: () => shareOfNamed(t.market_share, theme) },
    { name: "bloc_share", points: 3 * t.concentration.length, build: () => blocShare(t.concentration, theme) },
    { name: "footprint", build: () => footprint(t.footprint, theme) },
    { name: "regions_vs_share", points: t.footprint_vs_share.length, build: () => regionsVsShare(t.footprint_vs_share, theme) },
    { name: "geo_claims", build: () => geoClaimsMatrix(t.geo_claims, theme) },
    { name: "battlegrounds", build: () => battlegrounds(t.battlegrounds, theme) },
    { name: "fact_positions", points: t.facts.length, build: () => factPositions(t.facts, theme) },
  ]);
  const { regional_breakdown, bloc_presence } = t;
  if (regional_breakdown) {
    out.push(
      ...withCredits(t, theme, [{ name: "regional_heatmap", build: () => regionalHeatmap(regional_breakdown, theme) }], regional_breakdown),
    );
  }
  if (bloc_presence)
    out.push(...withCredits(t, theme, [{ name: "bloc_presence", build: () => blocPresence(bloc_presence, theme) }], bloc_presence));
  // Over time: the cited series (absent from a data folder without data/citations/ rows).
  const { share_series, concentration_series, market_size_series } = t;
  const cited = (b: ChartBuilder, rows: readonly object[]): ChartBuilder => ({
    ...b,
    build: () => withFooter(b.build(), citedCreditLines(theme, t.cited_facts ?? [], factIdsOf(rows))),
  });
  if (share_series?.length) {
    const world = trendRows.shares(share_series);
    const china = trendRows.chinaLed(share_series, theme);
    out.push(cited({ name: "share_trends", points: world.length, build: () => shareTrends(share_series, theme) }, world));
    out.push(cited({ name: "china_led_trends", points: china.length, build: () => chinaLedTrends(share_series, theme) }, china));
  }
  if (concentration_series?.length)
    out.push(
      cited(
        {
          name: "concentration_trends",
          points: trendPoints.concentration(concentration_series),
          build: () => concentrationTrends(concentration_series, theme),
        },
        trendRows.concentration(concentration_series),
      ),
    );
  if (market_size_series?.length) {
    const quarters = trendRows.marketSize(market_size_series);
    out.push(
      cited({ name: "market_size_trend", points: quarters.length, build: () => marketSizeTrend(market_size_series, theme) }, quarters),
    );
  }
  return out;
}

/** The tables each chart of the article's facts is drawn from, for its footer. */
const FACT_TABLES: Readonly<Record<string, keyof ChartTables>> = {
  market_share_by_source: "market_share",
  share_dumbbell: "share_comparison",
  share_of_named: "market_share",
  bloc_share: "concentration",
  footprint: "footprint",
  regions_vs_share: "footprint_vs_share",
  geo_claims: "geo_claims",
  battlegrounds: "battlegrounds",
  fact_positions: "facts",
};

/**
 * The builders with each chart's footer: the facts of its table, or (for the region catalog's
 * charts, given their rows) the catalog and the battleground facts those rows name.
 */
function withCredits(t: ChartTables, theme: ChartTheme, builders: ChartBuilder[], catalogRows?: readonly object[]): ChartBuilder[] {
  return builders.map((b) => ({
    ...b,
    build: () => {
      const table = FACT_TABLES[b.name];
      const rows = catalogRows ?? (table ? (t[table] as readonly object[] | undefined) : undefined) ?? [];
      return withFooter(b.build(), creditLines(theme, t, { factIds: factIdsOf(rows), catalog: catalogRows !== undefined }));
    },
  }));
}

/** Every chart's spec, built, in the order of chartBuilders. */
export function chartSpecs(t: ChartTables, theme: ChartTheme): Array<{ name: string; spec: TopLevelSpec }> {
  return chartBuilders(t, theme).map((b) => ({ name: b.name, spec: b.build() }));
}

/** How many data points a spec is drawn from (every spec inlines its data: `data: { values }`, in its view). */
export function chartPoints(spec: TopLevelSpec): number {
  type Node = { data?: { values?: unknown }; vconcat?: Node[] };
  const n = spec as Node;
  const values = (n.data ?? n.vconcat?.[0]?.data)?.values; // a published chart: its view is the one vconcat item (withFooter)
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
    if (fonts.length > 0) files.set(`charts/${name}.png`, renderPng(svg, fonts));
  }
  return files;
}
// The prose model, for the notebooks (which load pipeline/charts through its CommonJS bundle).
export * from "../findings.ts";
