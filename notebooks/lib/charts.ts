/**
 * The pipeline's charts, for the notebooks: the same functions that draw output/charts/
 * (pipeline/charts, loaded from its CommonJS build in ./generated), labelled and coloured from the
 * published reference tables (providers, sources, markets) of the output the notebook reads.
 *
 *   import { marketShareBySource, providerLabel } from "./lib/charts";
 *   import type { MarketShareRow } from "./lib/charts";
 *   await showChart(marketShareBySource(rowsOf<MarketShareRow>(await loadTable("market_share"))));
 *
 * Compiled by tslab as CommonJS (and type-checked by the root tsconfig): local imports carry `.js`,
 * which both resolve to the neighbouring .ts and .d.ts files.
 */
import * as fs from "node:fs";
import { parse } from "csv-parse/sync";
import * as charts from "./generated/charts/index.js";
import type { Row, Tables } from "./generated/schema/tables.js";
import { csvPath, outputDir } from "./published.js";

export type TopLevelSpec = charts.TopLevelSpec;
export type MarketShareRow = Row<"market_share">;
export type ShareComparisonRow = Row<"share_comparison">;
export type ConcentrationRow = Row<"concentration">;
export type FootprintRow = Row<"footprint">;
export type FootprintVsShareRow = Row<"footprint_vs_share">;
export type GeoClaimRow = Row<"geo_claims">;
export type BattlegroundRow = Row<"battlegrounds">;
export type FactRow = Row<"facts">;
export type RegionalBreakdownRow = Row<"regional_breakdown">;
export type BlocPresenceRow = Row<"bloc_presence">;
export type ShareSeriesRow = Row<"share_series">;
export type ConcentrationSeriesRow = Row<"concentration_series">;
export type MarketSizeSeriesRow = Row<"market_size_series">;

let cached: { dir: string; theme: charts.ChartTheme } | undefined;
/** The theme of the output the notebook reads (its reference tables are text columns only). */
export function theme(): charts.ChartTheme {
  const dir = outputDir();
  if (cached?.dir !== dir) {
    const rows = (name: string): unknown => parse(fs.readFileSync(csvPath(name), "utf8"), { columns: true });
    const reference = { providers: rows("providers"), sources: rows("sources"), markets: rows("markets") } as Pick<
      Tables,
      "providers" | "sources" | "markets"
    >;
    cached = { dir, theme: charts.chartTheme(reference) };
  }
  return cached.theme;
}

export const providerLabel = (id: string): string => theme().providerLabel(id);
export const sourceLabel = (id: string): string => theme().sourceLabel(id);
export const marketLabel = (id: string): string => theme().marketLabel(id);
export const geoLabel = (id: string): string => theme().geoLabel(id);

export const marketShareBySource = (rows: readonly MarketShareRow[]): TopLevelSpec => charts.marketShareBySource(rows, theme());
export const shareDumbbell = (rows: readonly ShareComparisonRow[]): TopLevelSpec => charts.shareDumbbell(rows, theme());
export const shareOfNamed = (rows: readonly MarketShareRow[]): TopLevelSpec => charts.shareOfNamed(rows, theme());
export const blocShare = (rows: readonly ConcentrationRow[]): TopLevelSpec => charts.blocShare(rows, theme());
export const footprint = (rows: readonly FootprintRow[]): TopLevelSpec => charts.footprint(rows, theme());
export const regionsVsShare = (rows: readonly FootprintVsShareRow[]): TopLevelSpec => charts.regionsVsShare(rows, theme());
export const geoClaimsMatrix = (rows: readonly GeoClaimRow[]): TopLevelSpec => charts.geoClaimsMatrix(rows, theme());
export const battlegrounds = (rows: readonly BattlegroundRow[]): TopLevelSpec => charts.battlegrounds(rows, theme());
export const regionalHeatmap = (rows: readonly RegionalBreakdownRow[]): TopLevelSpec => charts.regionalHeatmap(rows, theme());
export const blocPresence = (rows: readonly BlocPresenceRow[]): TopLevelSpec => charts.blocPresence(rows, theme());
export const factPositions = (rows: readonly FactRow[]): TopLevelSpec => charts.factPositions(rows, theme());

/**
 * The prose model (pipeline/findings.ts and pipeline/findings/): every sentence a notebook states
 * about the data, with its definition; a cell calls one and shows what it returns (pass `theme()`
 * where a function takes labels). test/findings-notebooks.test.ts checks the executed notebooks.
 */
export const {
  battlegroundFigures,
  battlegroundParagraph,
  battlegroundsSentence,
  bigThreeSentence,
  blocLines,
  chinaShareSentence,
  claimsCheckSentence,
  firmsGapSentence,
  footprintSentence,
  formatsSentence,
  formatsSummary,
  homeMarketParagraphs,
  inferredPeriods,
  inferredPeriodsSentence,
  largestShare,
  latestSharesSentence,
  leadersSentence,
  limitsLines,
  marketShareSummaryLines,
  marketSizeSentence,
  namedGapSentence,
  namedTotalsLines,
  pctText,
  providerShareIn,
  providerShareSentence,
  quotesSentence,
  regionsPerShareSentence,
  relationLines,
  sameRanking,
  seriesCheckSentence,
  seriesCoverageSentence,
  shareChangeSentence,
  STATUS_WORDS,
} = charts;
export type CitedFactRow = Row<"cited_facts">;
export type ClaimsCheckRow = Row<"claims_check">;
export type RegionalBreakdownFull = Row<"regional_breakdown">;
export type SeriesCheckRow = Row<"series_check">;
export type BlocPresenceFull = Row<"bloc_presence">;
export type RegionRow = Row<"regions">;
export const shareTrends = (rows: readonly ShareSeriesRow[]): TopLevelSpec => charts.shareTrends(rows, theme());
export const chinaLedTrends = (rows: readonly ShareSeriesRow[]): TopLevelSpec => charts.chinaLedTrends(rows, theme());
export const concentrationTrends = (rows: readonly ConcentrationSeriesRow[]): TopLevelSpec => charts.concentrationTrends(rows, theme());
export const marketSizeTrend = (rows: readonly MarketSizeSeriesRow[]): TopLevelSpec => charts.marketSizeTrend(rows, theme());
