/**
 * The cited time series (part of normalize): cited figures (data/citations/) and the article's own
 * market-share facts → share_series, market_size_series, revenue_series, with one kept report per
 * figure chosen by the reconciliation rule (data/reference/series-preferences.yaml; the others stay
 * in cited_facts and are counted), and the tables derived from them (./series-derived.ts).
 *
 * Pure: no clock, no files. Rows come out sorted by each table's primary key.
 */
import { invariant } from "../errors.ts";
import { clean, sum } from "../numbers.ts";
import { periodDates } from "../periods.ts";
import type { SeriesPreferences } from "../schema/citations.ts";
import type { ProviderRef } from "../schema/inputs.ts";
import { sortRows } from "../schema/order.ts";
import { joinIds, TABLES, type Row } from "../schema/tables.ts";
import type { CitedFact } from "./extract/citations.ts";
import { groupBy as groupAll } from "./group-by.ts";
import { rankReports, type Report } from "./series-reports.ts";
import { concentrationRows, gapRows, lineageRows, seriesCheckRows, shareChangeRows, type SeriesTables } from "./series-derived.ts";

/** percent → fraction, billions and millions → units of the currency. */
const FACTOR = { percent: 0.01, usd_billion: 1e9, usd_million: 1e6, cny_billion: 1e9 } as const;
const BASE = { percent: "fraction", usd_billion: "usd", usd_million: "usd", cny_billion: "cny" } as const;

export interface SeriesInput {
  citations: readonly CitedFact[];
  /** The article's facts (facts table); its market_share facts join the series as reports. */
  facts: ReadonlyArray<Row<"facts">>;
  providers: readonly ProviderRef[];
  preferences: SeriesPreferences;
}

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The reported values, when they differ: "0.12;0.13"; null when every report agrees. */
function disagreement(reports: readonly Report[]): string | null {
  const values = [...new Set(reports.map((r) => r.value))].sort((x, y) => x - y);
  return values.length > 1 ? values.join(";") : null;
}

/** One figure: its reports, grouped by the figure's key, and the first item (which holds the key's values). */
interface Group<T> {
  first: T;
  reports: Report[];
}

function groupBy<T>(items: readonly T[], keyOf: (x: T) => string, report: (x: T) => Report): Array<Group<T>> {
  return [...groupAll(items, keyOf).values()].map((xs) => ({ first: xs[0]!, reports: xs.map(report) }));
}

const citedReport = (f: CitedFact): Report => ({
  fact_id: f.fact_id,
  value: clean(f.value * FACTOR[f.unit]),
  qualifier: f.qualifier,
  publisher: f.publisher,
  published: f.published,
  origin: "citation",
});

function bounds(period: string): { period_start: string; period_end: string } {
  const b = periodDates(period);
  invariant(b !== null, "normalize", `period ${period} has no bounds`);
  return { period_start: b.start, period_end: b.end };
}

export function citedFactRows(citations: readonly CitedFact[]): Array<Row<"cited_facts">> {
  return citations
    .map((f) => ({
      fact_id: f.fact_id,
      citation_id: f.citation_id,
      firm: f.firm,
      market: f.market,
      geography: f.geography,
      provider_id: f.provider_id,
      measure: f.measure,
      period: f.period,
      period_start: f.period_start,
      period_end: f.period_end,
      value: clean(f.value * FACTOR[f.unit]),
      unit: BASE[f.unit],
      qualifier: f.qualifier,
      printed: f.printed,
      value_as_printed: f.value,
      unit_as_printed: f.unit,
      url: f.url,
      publisher: f.publisher,
      title: f.title,
      published: f.published,
      published_evidence: f.published_evidence,
      date_read: f.date_read,
      locator: f.locator,
      note: f.note,
    }))
    .sort((a, b) => byText(a.fact_id, b.fact_id));
}

/** The article's market shares are worldwide (Synergy's and Gartner's worldwide series). */
const ARTICLE_GEOGRAPHY = "world";

export function buildSeries(input: SeriesInput): SeriesTables {
  const { citations, facts, providers, preferences } = input;
  const articleShares = facts.filter((f) => f.measure === "market_share" && f.value !== null && f.market !== null && f.period !== null);
  type ShareItem = { firm: string; market: string; geography: string; period: string; provider_id: string; report: Report };
  const shareItems: ShareItem[] = [
    ...citations
      .filter((f) => f.measure === "market_share" && f.provider_id !== null)
      .map((f) => ({
        firm: f.firm,
        market: f.market,
        geography: f.geography,
        period: f.period,
        provider_id: f.provider_id!,
        report: citedReport(f),
      })),
    ...articleShares.map((f) => ({
      firm: f.attributed_to,
      market: f.market!,
      geography: ARTICLE_GEOGRAPHY,
      period: f.period!,
      provider_id: f.subject_id,
      report: { fact_id: f.fact_id, value: f.value!, qualifier: f.qualifier, publisher: null, published: null, origin: "article" as const },
    })),
  ];
  const shareGroups = groupBy(
    shareItems,
    (x) => `${x.firm}\u0000${x.market}\u0000${x.geography}\u0000${x.period}\u0000${x.provider_id}`,
    (x) => x.report,
  );
  const dates = new Map<string, { period_start: string; period_end: string }>();
  /** The kept report of a group and what every series row says about the group's reports. */
  const keep = (firm: string, period: string, reports: readonly Report[]) => {
    const kept = rankReports(reports, firm, preferences)[0]!;
    let b = dates.get(period);
    if (!b) dates.set(period, (b = bounds(period)));
    const common = {
      period_start: b.period_start,
      period_end: b.period_end,
      qualifier: kept.qualifier,
      reports: reports.length,
      fact_id: kept.fact_id,
      fact_ids: joinIds(reports.map((r) => r.fact_id).sort(byText)),
    };
    return { kept, common, reported: disagreement(reports) };
  };
  // One object literal per row, not spreads of partial rows: a corpus can have hundreds of thousands.
  const share_series: Array<Row<"share_series">> = shareGroups.map(({ first, reports }) => {
    const { firm, market, geography, period, provider_id } = first;
    const { kept, common, reported } = keep(firm, period, reports);
    return {
      firm,
      market,
      geography,
      period,
      provider_id,
      share: kept.value,
      share_of_named: 0,
      rank: 0,
      period_start: common.period_start,
      period_end: common.period_end,
      qualifier: common.qualifier,
      reports: common.reports,
      fact_id: common.fact_id,
      fact_ids: common.fact_ids,
      shares_reported: reported,
      origin: kept.origin,
    };
  });
  // share_of_named and rank within each firm × market × geography × period
  for (const rows of groupAll(share_series, (r) => `${r.firm}\u0000${r.market}\u0000${r.geography}\u0000${r.period}`).values()) {
    const total = sum(rows.map((r) => r.share));
    invariant(total <= 1 + 1e-9, "normalize", `${rows[0]!.firm} ${rows[0]!.market} ${rows[0]!.period}: kept shares sum to ${total}`);
    const desc = rows.map((r) => r.share).sort((x, y) => y - x);
    for (const r of rows) {
      r.share_of_named = total > 0 ? clean(r.share / total) : 0;
      r.rank = 1 + desc.findIndex((s) => s <= r.share); // ties share the best rank
    }
  }

  const sizeGroups = groupBy(
    citations.filter((f) => f.measure === "market_size"),
    (f) => `${f.firm}\u0000${f.market}\u0000${f.geography}\u0000${f.period}`,
    citedReport,
  );
  const market_size_series: Array<Row<"market_size_series">> = sizeGroups.map(({ first, reports }) => {
    const { firm, market, geography, period } = first;
    const { kept, common, reported } = keep(firm, period, reports);
    return { firm, market, geography, period, size: kept.value, ...common, sizes_reported: reported };
  });

  const revenueFacts = citations.filter((f) => f.measure === "cloud_revenue" && f.provider_id !== null);
  const revenueGroups = groupBy(revenueFacts, (f) => `${f.firm}\u0000${f.provider_id}\u0000${f.market}\u0000${f.period}`, citedReport);
  const currencyOf = new Map(revenueFacts.map((f) => [f.fact_id, BASE[f.unit] as "usd" | "cny"]));
  const revenue_series: Array<Row<"revenue_series">> = revenueGroups.map(({ first, reports }) => {
    const { firm, market, period } = first;
    const kept = rankReports(reports, firm, preferences)[0]!;
    return {
      source_id: firm,
      provider_id: first.provider_id!,
      market,
      period,
      ...bounds(period),
      revenue: kept.value,
      currency: currencyOf.get(kept.fact_id)!,
      qualifier: kept.qualifier,
      fact_id: kept.fact_id,
    };
  });

  const blocOf = new Map(providers.map((p) => [p.provider_id, p.bloc]));
  const derived = {
    cited_facts: citedFactRows(citations),
    share_series,
    market_size_series,
    revenue_series,
    share_change: shareChangeRows(share_series),
    concentration_series: concentrationRows(share_series, blocOf),
    series_gaps: gapRows(share_series),
    series_check: seriesCheckRows(
      articleShares,
      shareItems.filter((x) => x.report.origin === "citation"),
      preferences,
    ),
  };
  const sorted = {} as Record<string, unknown>;
  for (const [name, rows] of Object.entries(derived))
    sorted[name] = sortRows(TABLES[name as keyof SeriesTables], rows as Array<Record<string, unknown>>);
  const tables = sorted as Omit<SeriesTables, "series_lineage">;
  // built from the sorted tables, the lineage comes nearly in its own order, which its sort is quick on
  return { ...tables, series_lineage: sortRows(TABLES.series_lineage, lineageRows(tables)) };
}
