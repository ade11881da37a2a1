/**
 * The published tables: one zod schema per table, the single source of truth for the row type
 * (`z.infer`), the column order of the CSV and Parquet files, the Table Schema in
 * output/datapackage.json and the data dictionary (each column's `.meta({ description, unit })`).
 *
 * This file is the registry (names, keys, descriptions); the schemas live in tables/ by subject.
 * Deno-compatible: imports nothing but zod and siblings.
 */
import type { z } from "zod";
import { Document, Fact, Market, Measure, Provider, Source } from "./tables/reference.ts";
import { Concentration, MarketShare, ShareComparison } from "./tables/market.ts";
import { Battleground, Footprint, FootprintVsShare, GeoClaim, Geography } from "./tables/geography.ts";
import { BlocPresence, ClaimCheck, Region, RegionalBreakdown, RegionListRow } from "./tables/regions.ts";
import {
  CitedFact,
  ConcentrationSeries,
  MarketSizeSeries,
  RevenueSeries,
  SeriesCheck,
  SeriesGap,
  SeriesLineage,
  ShareChange,
  ShareSeries,
} from "./tables/series.ts";

export { joinIds } from "./tables/columns.ts";
export { REGION_SCOPES, REGION_STATUSES } from "./tables/regions.ts";
export { CitedFact, ConcentrationSeries, MarketSizeSeries, RevenueSeries, SeriesCheck, SeriesGap, SeriesLineage, ShareChange, ShareSeries };
export {
  Battleground,
  Geography,
  BlocPresence,
  ClaimCheck,
  RegionListRow,
  Concentration,
  Document,
  Fact,
  Footprint,
  FootprintVsShare,
  GeoClaim,
  Market,
  MarketShare,
  Measure,
  Provider,
  Region,
  RegionalBreakdown,
  ShareComparison,
  Source,
};

// --- Registry ------------------------------------------------------------------------------------

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  schema: S;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

const fk = (fields: string[], resource: string, refFields: string[] = fields): ForeignKey => ({
  fields,
  reference: { resource, fields: refFields },
});
const toProvider = fk(["provider_id"], "providers");

function table<S extends z.ZodObject>(def: TableDef<S>): TableDef<S> {
  return def;
}

export const TABLES = {
  providers: table({
    name: "providers",
    title: "Providers",
    description: "The six cloud providers, their parent companies and blocs.",
    schema: Provider,
    primaryKey: ["provider_id"],
    foreignKeys: [],
  }),
  sources: table({
    name: "sources",
    title: "Sources",
    description: "Who the article's figures and claims are attributed to.",
    schema: Source,
    primaryKey: ["source_id"],
    foreignKeys: [],
  }),
  documents: table({
    name: "documents",
    title: "Documents",
    description: "Source documents the facts are quoted from.",
    schema: Document,
    primaryKey: ["document_id"],
    foreignKeys: [],
  }),
  measures: table({
    name: "measures",
    title: "Measures",
    description: "What each fact measures.",
    schema: Measure,
    primaryKey: ["measure_id"],
    foreignKeys: [],
  }),
  markets: table({
    name: "markets",
    title: "Markets",
    description: "The markets the research firms measure, with their definitions.",
    schema: Market,
    primaryKey: ["market_id"],
    foreignKeys: [],
  }),
  facts: table({
    name: "facts",
    title: "Facts",
    description: "Every claim of every source document, with its verbatim quote and character offsets.",
    schema: Fact,
    primaryKey: ["fact_id"],
    foreignKeys: [
      fk(["document_id"], "documents"),
      fk(["measure"], "measures", ["measure_id"]),
      fk(["attributed_to"], "sources", ["source_id"]),
      fk(["speaker"], "sources", ["source_id"]),
    ],
  }),
  market_share: table({
    name: "market_share",
    title: "Market share",
    description: "Provider market shares per research firm, market and period.",
    schema: MarketShare,
    primaryKey: ["source_id", "market", "period", "provider_id"],
    foreignKeys: [toProvider, fk(["source_id"], "sources"), fk(["market"], "markets", ["market_id"]), fk(["fact_id"], "facts")],
  }),
  share_comparison: table({
    name: "share_comparison",
    title: "Share comparison",
    description: "Each provider's share under two sources side by side, with the gap in percentage points.",
    schema: ShareComparison,
    primaryKey: ["provider_id", "source_a", "period_a", "source_b", "period_b"],
    foreignKeys: [toProvider],
  }),
  concentration: table({
    name: "concentration",
    title: "Concentration",
    description: "Per source and period: the named providers' total, the HHI over them and the US-led/China-led split.",
    schema: Concentration,
    primaryKey: ["source_id", "market", "period"],
    foreignKeys: [fk(["source_id"], "sources")],
  }),
  footprint: table({
    name: "footprint",
    title: "Footprint",
    description: "Regions and availability zones per provider, as the article gives them.",
    schema: Footprint,
    primaryKey: ["provider_id"],
    foreignKeys: [toProvider],
  }),
  footprint_vs_share: table({
    name: "footprint_vs_share",
    title: "Footprint vs market share",
    description: "Regions per percentage point of market share, per provider and source.",
    schema: FootprintVsShare,
    primaryKey: ["provider_id", "source_id", "period"],
    foreignKeys: [toProvider, fk(["source_id"], "sources")],
  }),
  geographies: table({
    name: "geographies",
    title: "Geographies",
    description:
      "Every geography a fact names: the eight macro-regions and the article's composite terms (Eastern Europe, MENA, South America, …), each with its own country list.",
    schema: Geography,
    primaryKey: ["geo_id"],
    foreignKeys: [],
  }),
  geo_claims: table({
    name: "geo_claims",
    title: "Geography claims",
    description: "The article's geography claims, one row per fact and macro-region it covers.",
    schema: GeoClaim,
    primaryKey: ["fact_id", "macro_geo"],
    foreignKeys: [fk(["fact_id"], "facts")],
  }),
  battlegrounds: table({
    name: "battlegrounds",
    title: "Battlegrounds",
    description:
      "Per macro-region: whether it is one of the article's three battlegrounds, and each other thing the article or its analysts say about it (where the US-led lead, reported growth, growth opportunity, alignment), each in its own column.",
    schema: Battleground,
    primaryKey: ["macro_geo"],
    foreignKeys: [],
  }),
  regions: table({
    name: "regions",
    title: "Region catalog",
    description:
      "Every cloud region of the six providers live or announced by September 2025, with its country, macro-region, status at that date and source (data/reference/regions.csv).",
    schema: Region,
    primaryKey: ["provider_id", "region_code"],
    foreignKeys: [toProvider],
  }),
  regional_breakdown: table({
    name: "regional_breakdown",
    title: "Regional breakdown",
    description:
      "Per provider and macro-region: catalog regions, availability zones, share of the provider's regions, and whether it is one of the article's three battlegrounds.",
    schema: RegionalBreakdown,
    primaryKey: ["provider_id", "macro_geo"],
    foreignKeys: [toProvider, fk(["macro_geo"], "battlegrounds")],
  }),
  bloc_presence: table({
    name: "bloc_presence",
    title: "Bloc presence",
    description: "Per macro-region: catalog regions and providers present for the US-led and the China-led bloc.",
    schema: BlocPresence,
    primaryKey: ["macro_geo"],
    foreignKeys: [fk(["macro_geo"], "battlegrounds")],
  }),
  region_lists: table({
    name: "region_lists",
    title: "Published region lists",
    description:
      "Region lists the providers publish (an SDK's per-service region file at a named commit), each a definition of a region that claims_check counts under; every id is a row of the region catalog.",
    schema: RegionListRow,
    primaryKey: ["list_id"],
    foreignKeys: [toProvider],
  }),
  claims_check: table({
    name: "claims_check",
    title: "Claims check",
    description:
      "Each footprint or geography claim of the article against the region catalog, one row per claim and definition (a status definition of the catalog, or a published region list), with a verdict. Disagreements are findings, not errors.",
    schema: ClaimCheck,
    primaryKey: ["fact_id", "definition"],
    foreignKeys: [fk(["fact_id"], "facts"), toProvider],
  }),
  cited_facts: table({
    name: "cited_facts",
    title: "Cited facts",
    description:
      "Every figure read on a third-party page (data/citations/): the figure as printed, its page (URL, publisher, title, dates), where on the page, and a note in the project's words.",
    schema: CitedFact,
    primaryKey: ["fact_id"],
    foreignKeys: [fk(["firm"], "sources", ["source_id"]), fk(["market"], "markets", ["market_id"])],
  }),
  share_series: table({
    name: "share_series",
    title: "Share series",
    description:
      "Provider shares per firm, market, geography and period over time, one kept report per figure (data/reference/series-preferences.yaml), with share of the named and rank.",
    schema: ShareSeries,
    primaryKey: ["firm", "market", "geography", "period", "provider_id"],
    foreignKeys: [toProvider, fk(["firm"], "sources", ["source_id"]), fk(["market"], "markets", ["market_id"])],
  }),
  market_size_series: table({
    name: "market_size_series",
    title: "Market size series",
    description: "Market size per firm, market, geography and period, one kept report per figure.",
    schema: MarketSizeSeries,
    primaryKey: ["firm", "market", "geography", "period"],
    foreignKeys: [fk(["firm"], "sources", ["source_id"]), fk(["market"], "markets", ["market_id"]), fk(["fact_id"], "cited_facts")],
  }),
  share_change: table({
    name: "share_change",
    title: "Share change",
    description: "Each provider's share against the previous quarter (qoq) and the same period a year earlier (yoy), in points.",
    schema: ShareChange,
    primaryKey: ["firm", "market", "geography", "provider_id", "basis", "period"],
    foreignKeys: [toProvider],
  }),
  concentration_series: table({
    name: "concentration_series",
    title: "Concentration series",
    description: "Per firm, market, geography and period: the named providers' total, HHI over them, the bloc shares and the big three.",
    schema: ConcentrationSeries,
    primaryKey: ["firm", "market", "geography", "period"],
    foreignKeys: [fk(["firm"], "sources", ["source_id"])],
  }),
  revenue_series: table({
    name: "revenue_series",
    title: "Revenue series",
    description: "Cloud revenue per provider and period: company-reported segment revenue, and research firms' revenue estimates.",
    schema: RevenueSeries,
    primaryKey: ["source_id", "provider_id", "market", "period"],
    foreignKeys: [toProvider, fk(["source_id"], "sources"), fk(["fact_id"], "cited_facts")],
  }),
  series_gaps: table({
    name: "series_gaps",
    title: "Series gaps",
    description:
      "Periods a series is missing between its first and last: provider_id '*' when the firm has no share at all for the period, else the provider it names elsewhere but not then.",
    schema: SeriesGap,
    primaryKey: ["firm", "market", "geography", "provider_id", "period"],
    foreignKeys: [],
  }),
  series_lineage: table({
    name: "series_lineage",
    title: "Series lineage",
    description: "Provenance of every derived series row: one row per table, row key and fact it is computed from.",
    schema: SeriesLineage,
    primaryKey: ["table", "row_key", "fact_id"],
    foreignKeys: [],
  }),
  series_check: table({
    name: "series_check",
    title: "Article vs series",
    description:
      "Each of the article's market-share figures against the cited series for the same firm, market, period and provider. Differences are findings.",
    schema: SeriesCheck,
    primaryKey: ["fact_id"],
    foreignKeys: [fk(["fact_id"], "facts"), toProvider],
  }),
} as const;

export type TableName = keyof typeof TABLES;
export type Row<N extends TableName> = z.infer<(typeof TABLES)[N]["schema"]>;
export type Tables = { [N in TableName]: Array<Row<N>> };
