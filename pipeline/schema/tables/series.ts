/**
 * The cited time series: every cited figure with its page, the share, market-size and revenue
 * series chosen from them, the changes and concentration derived, the gaps, the lineage of every
 * derived row, and the article's figures against the series. Deno-compatible: imports nothing but
 * zod and siblings.
 */
import { z } from "zod";
import { bool, ids, int, intOrNull, m, num, numOrNull, qualifier, str, strOrNull } from "./columns.ts";
import { fk, table, toProvider } from "./registry.ts";

const periodCols = {
  period: str("Period, ISO-style (2025-Q2, 2024)"),
  period_start: str("First day of the period (YYYY-MM-DD)"),
  period_end: str("Last day of the period (YYYY-MM-DD)"),
};
const seriesKey = {
  firm: str("Research firm (or company) the figure is attributed to (see sources)"),
  market: str("Market the firm measures (see markets)"),
  geography: str("world, or the ISO 3166-1 alpha-2 code of the country measured"),
};

export const CitedFact = z.object({
  fact_id: str("Id of the cited figure: citation:subject:measure:period"),
  citation_id: str("The page the figure was read on"),
  ...seriesKey,
  provider_id: strOrNull("Provider the figure is about; null for the whole market"),
  measure: z.enum(["market_share", "market_size", "cloud_revenue"]).meta(m("What the figure measures")),
  ...periodCols,
  value: num("The figure in base units (share as a fraction, money in units of its currency)", "fraction | usd | cny"),
  unit: str("Base unit of value: fraction, usd or cny"),
  qualifier: qualifier("exact, approximately, over or at_least, as the page words it"),
  printed: str("The figure exactly as the page prints it"),
  value_as_printed: num("The figure in the unit printed", "as printed"),
  unit_as_printed: str("Unit as printed: percent, usd_billion, usd_million or cny_billion"),
  url: str("Address of the page"),
  publisher: str("Who published the page"),
  title: strOrNull("The page's title; null when the copy read shows none"),
  published: str("Publication date of the page (YYYY-MM-DD, or YYYY-MM when only the month is known)"),
  published_evidence: strOrNull("How the publication date was read when the page does not print it"),
  date_read: str("When the page was read (YYYY-MM-DD)"),
  locator: str("Where on the page the figure is (heading, paragraph, table cell)"),
  note: str("What the figure is, in the project's own words"),
});

export const ShareSeries = z.object({
  ...seriesKey,
  ...periodCols,
  provider_id: str("Provider"),
  share: num("Share of the market", "fraction"),
  share_of_named: num("Share divided by the sum of the shares named for this firm, market and period", "fraction"),
  rank: int("Rank among the providers named for this firm, market and period (1 = largest; ties share the best rank)", "rank"),
  qualifier: qualifier("How the kept report words the figure"),
  reports: int("How many reports give this figure (cited pages plus the article)", "count"),
  shares_reported: strOrNull("Every reported share when reports disagree (semicolon-separated fractions); null when they agree"),
  origin: z.enum(["citation", "article"]).meta(m("Whether the kept figure comes from a cited page or the article")),
  fact_id: str("The fact kept (cited_facts or facts)"),
  fact_ids: ids("Every fact reporting this figure"),
});

export const MarketSizeSeries = z.object({
  ...seriesKey,
  ...periodCols,
  size: num("Market size in the period, in units of the currency", "usd"),
  qualifier: qualifier("How the kept report words the figure"),
  reports: int("How many cited reports give this figure", "count"),
  sizes_reported: strOrNull("Every reported size when reports disagree (semicolon-separated); null when they agree"),
  fact_id: str("The cited fact kept"),
  fact_ids: ids("Every fact reporting this figure"),
});

export const ShareChange = z.object({
  ...seriesKey,
  provider_id: str("Provider"),
  period: str("Period of the later share"),
  basis: z.enum(["qoq", "yoy"]).meta(m("qoq: against the previous quarter; yoy: against the same period a year earlier")),
  previous_period: str("Period compared against"),
  share: num("Share in period", "fraction"),
  previous_share: num("Share in previous_period", "fraction"),
  change_pp: num("share − previous_share", "percentage points"),
  fact_ids: ids("Facts of the two shares"),
});

export const ConcentrationSeries = z.object({
  ...seriesKey,
  ...periodCols,
  providers_named: int("How many providers the series has a share for in the period", "count"),
  named_total: num("Sum of the named providers' shares", "fraction"),
  hhi_named: num("Sum of squared percentage shares of the named providers (a lower bound of the market's HHI)", "HHI points"),
  us_led_share: num("Sum of the named US-led providers' shares", "fraction"),
  china_led_share: num("Sum of the named China-led providers' shares", "fraction"),
  big_three_share: numOrNull("AWS + Azure + Google Cloud; null unless all three are named", "fraction"),
  fact_ids: ids("Facts summed"),
});

export const RevenueSeries = z.object({
  source_id: str("Who the revenue figure is attributed to: the company, or a research firm's estimate"),
  provider_id: str("Provider"),
  market: str("Market or segment the revenue is for (see markets)"),
  ...periodCols,
  revenue: num("Revenue in the period, in units of currency", "currency units"),
  currency: z.enum(["usd", "cny"]).meta(m("Currency of revenue")),
  qualifier: qualifier("How the report words the figure"),
  fact_id: str("The cited fact"),
});

export const SeriesGap = z.object({
  ...seriesKey,
  provider_id: str("Provider the series names in some period but not in this one"),
  ...periodCols,
  granularity: z.enum(["quarter", "year"]).meta(m("Whether the series is quarterly or yearly")),
});

export const SeriesLineage = z.object({
  table: str("Derived table"),
  row_key: str("The row's primary key, its values joined with '|'"),
  fact_id: str("A fact the row is computed from (cited_facts or facts)"),
});

export const SeriesCheck = z.object({
  fact_id: str("The article's fact (facts)"),
  source_id: str("Research firm"),
  market: str("Market"),
  period: str("Period"),
  provider_id: str("Provider"),
  article_share: num("Share as the article gives it", "fraction"),
  series_share: numOrNull("Share the cited reports give (the kept one); null when none does", "fraction"),
  delta_pp: numOrNull("series_share − article_share", "percentage points"),
  agrees: z.boolean().nullable().meta(m("Whether the two are equal; null when no cited report gives the figure")),
  verdict: z.enum(["agrees", "differs", "not_in_series"]).meta(m("agrees, differs (a finding), or not_in_series")),
  cited_fact_ids: ids("The cited reports of the figure"),
  reports_disagree: bool("Whether the cited reports disagree among themselves"),
  reports: intOrNull("How many cited reports give the figure", "count"),
});

// --- Registry entries: names, keys, descriptions (pipeline/schema/tables.ts joins the groups) ---

export const SERIES_TABLES = {
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
