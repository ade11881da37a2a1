/** The "Over time" part of the report's model: what the cited series cover and say, computed from the tables. */
import type { Tables } from "../schema/tables.ts";

/** Code-unit order of two texts (ISO dates and period names sort by it); 0 for equal texts, so the sort is total. */
const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface SeriesCoverage {
  firm: string;
  market: string;
  geography: string;
  periods: number;
  first: string;
  last: string;
  /** Periods between the first and the last with no share at all (series_gaps, provider '*'). */
  gaps: string[];
}

export interface LeaderMove {
  firm: string;
  provider_id: string;
  first: { period: string; share: number };
  last: { period: string; share: number };
}

export interface TrendsModel {
  coverage: SeriesCoverage[];
  /** The largest provider of each worldwide series: its share in the first and the last period. */
  leaders: LeaderMove[];
  citedFacts: number;
  pages: number;
  /** How the article's figures compare with the series: verdict → count. */
  check: Record<"agrees" | "differs" | "not_in_series", number>;
  /** Figures two reports give differently (share_series and market_size_series). */
  disagreements: number;
}

type T = Pick<Tables, "share_series" | "series_gaps" | "cited_facts" | "series_check" | "market_size_series">;

export function trendsModel(t: T): TrendsModel {
  const bySeries = new Map<string, Tables["share_series"]>();
  for (const r of t.share_series) {
    const k = `${r.firm}|${r.market}|${r.geography}`;
    bySeries.set(k, [...(bySeries.get(k) ?? []), r]);
  }
  const coverage: SeriesCoverage[] = [];
  const leaders: LeaderMove[] = [];
  for (const rows of bySeries.values()) {
    const { firm, market, geography } = rows[0]!;
    const periods = [...new Set(rows.map((r) => r.period))].sort(cmpText);
    const gaps = t.series_gaps
      .filter((g) => g.firm === firm && g.market === market && g.geography === geography && g.provider_id === "*")
      .map((g) => g.period);
    coverage.push({ firm, market, geography, periods: periods.length, first: periods[0]!, last: periods[periods.length - 1]!, gaps });
    const top = rows.find((r) => r.period === periods[periods.length - 1] && r.rank === 1);
    if (geography !== "world" || !top) continue;
    const own = rows
      .filter((r) => r.provider_id === top.provider_id)
      .sort((a, b) => cmpText(a.period_end, b.period_end) || cmpText(a.period_start, b.period_start) || cmpText(a.period, b.period));
    const first = own[0]!;
    leaders.push({
      firm,
      provider_id: top.provider_id,
      first: { period: first.period, share: first.share },
      last: { period: top.period, share: top.share },
    });
  }
  const check = { agrees: 0, differs: 0, not_in_series: 0 };
  for (const r of t.series_check) check[r.verdict] += 1;
  return {
    coverage,
    leaders,
    citedFacts: t.cited_facts.length,
    pages: new Set(t.cited_facts.map((f) => f.citation_id)).size,
    check,
    disagreements:
      t.share_series.filter((r) => r.shares_reported !== null).length +
      t.market_size_series.filter((r) => r.sizes_reported !== null).length,
  };
}
