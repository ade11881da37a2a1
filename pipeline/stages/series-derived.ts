/**
 * Tables derived from the share series (./series.ts): share_change (qoq and yoy, in points),
 * concentration_series (named total, HHI of the named, bloc shares, big three), series_gaps (the
 * periods a series is missing), series_check (the article's figures against the series) and
 * series_lineage (table, row key, fact for every derived row). Pure.
 */
import { clean, sum } from "../numbers.ts";
import { periodDates } from "../periods.ts";
import type { SeriesPreferences } from "../schema/citations.ts";
import { joinIds, TABLES, type Row, type Tables } from "../schema/tables.ts";
import { groupBy } from "./group-by.ts";
import { rankReports, type Report } from "./series-reports.ts";

export type SeriesTables = Pick<
  Tables,
  | "cited_facts"
  | "share_series"
  | "market_size_series"
  | "share_change"
  | "concentration_series"
  | "revenue_series"
  | "series_gaps"
  | "series_lineage"
  | "series_check"
>;

type Share = Row<"share_series">;
const BIG_THREE = ["aws", "azure", "gcp"] as const;

/** A period one step back: the previous quarter, or the same period a year earlier. */
export function previousPeriod(period: string, basis: "qoq" | "yoy"): string | null {
  let x: RegExpMatchArray | null;
  if ((x = period.match(/^(\d{4})-Q([1-4])$/))) {
    const y = Number(x[1]);
    const q = Number(x[2]);
    if (basis === "yoy") return `${y - 1}-Q${q}`;
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  if ((x = period.match(/^(\d{4})$/))) return basis === "yoy" ? String(Number(x[1]) - 1) : null;
  return null;
}

const seriesKey = (r: { firm: string; market: string; geography: string }) => `${r.firm}\u0000${r.market}\u0000${r.geography}`;

/** previousPeriod, computed once per distinct period and basis. */
function previousPeriods(): (period: string, basis: "qoq" | "yoy") => string | null {
  const known = { qoq: new Map<string, string | null>(), yoy: new Map<string, string | null>() };
  return (period, basis) => {
    let p = known[basis].get(period);
    if (p === undefined) known[basis].set(period, (p = previousPeriod(period, basis)));
    return p;
  };
}

export function shareChangeRows(shares: readonly Share[]): Array<Row<"share_change">> {
  const previous = previousPeriods();
  const rows: Array<Row<"share_change">> = [];
  // one provider's series: its shares by period
  for (const series of groupBy(shares, (r) => `${seriesKey(r)}\u0000${r.provider_id}`).values()) {
    const byPeriod = new Map(series.map((r) => [r.period, r]));
    for (const r of series)
      for (const basis of ["qoq", "yoy"] as const) {
        const prev = previous(r.period, basis);
        const p = prev === null ? undefined : byPeriod.get(prev);
        if (!p) continue;
        rows.push({
          firm: r.firm,
          market: r.market,
          geography: r.geography,
          provider_id: r.provider_id,
          period: r.period,
          basis,
          previous_period: p.period,
          share: r.share,
          previous_share: p.share,
          change_pp: clean((r.share - p.share) * 100),
          fact_ids: joinIds([p.fact_id, r.fact_id]),
        });
      }
  }
  return rows;
}

export function concentrationRows(shares: readonly Share[], blocOf: ReadonlyMap<string, string>): Array<Row<"concentration_series">> {
  return [...groupBy(shares, (r) => `${seriesKey(r)}\u0000${r.period}`).values()].map((rows) => {
    const first = rows[0]!;
    const bloc = (b: string) => sum(rows.filter((r) => blocOf.get(r.provider_id) === b).map((r) => r.share));
    const big = BIG_THREE.map((p) => rows.find((r) => r.provider_id === p));
    return {
      firm: first.firm,
      market: first.market,
      geography: first.geography,
      period: first.period,
      period_start: first.period_start,
      period_end: first.period_end,
      providers_named: rows.length,
      named_total: sum(rows.map((r) => r.share)),
      hhi_named: sum(rows.map((r) => (r.share * 100) ** 2)),
      us_led_share: bloc("us_led"),
      china_led_share: bloc("china_led"),
      big_three_share: big.every((r) => r !== undefined) ? sum(big.map((r) => r!.share)) : null,
      fact_ids: joinIds(rows.map((r) => r.fact_id)),
    };
  });
}

/** Every period of one granularity from `first` to `last`, inclusive. */
function periodsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let p: string | null = last; p !== null && p >= first; p = previousPeriod(p, p.includes("Q") ? "qoq" : "yoy")) out.push(p);
  return out.reverse();
}

const granularityOf = (period: string) => (/-Q\d$/.test(period) ? "quarter" : /^\d{4}$/.test(period) ? "year" : null);

export function gapRows(shares: readonly Share[]): Array<Row<"series_gaps">> {
  const rows: Array<Row<"series_gaps">> = [];
  const series = groupBy(
    shares.filter((r) => granularityOf(r.period) !== null),
    (r) => `${seriesKey(r)}\u0000${granularityOf(r.period)}`,
  );
  for (const [k, rs] of series) {
    const granularity = k.endsWith("quarter") ? "quarter" : "year";
    const periods = new Set(rs.map((r) => r.period));
    const sorted = [...periods].sort();
    const have = new Set(rs.map((r) => `${r.provider_id}\u0000${r.period}`));
    const providers = [...new Set(rs.map((r) => r.provider_id))].sort();
    const { firm, market, geography } = rs[0]!;
    for (const period of periodsBetween(sorted[0]!, sorted[sorted.length - 1]!)) {
      const b = periodDates(period)!;
      const base = { firm, market, geography, period, period_start: b.start, period_end: b.end, granularity } as const;
      if (!periods.has(period)) rows.push({ ...base, provider_id: "*" });
      else for (const p of providers) if (!have.has(`${p}\u0000${period}`)) rows.push({ ...base, provider_id: p });
    }
  }
  return rows;
}

interface CitedShare {
  firm: string;
  market: string;
  geography: string;
  period: string;
  provider_id: string;
  report: Report;
}

export function seriesCheckRows(
  article: ReadonlyArray<Row<"facts">>,
  cited: readonly CitedShare[],
  prefs: SeriesPreferences,
): Array<Row<"series_check">> {
  const byKey = groupBy(cited, (c) => [c.firm, c.market, c.period, c.provider_id].join("\u0000"));
  return article.map((f) => {
    const reports = (byKey.get([f.attributed_to, f.market, f.period, f.subject_id].join("\u0000")) ?? []).map((c) => c.report);
    const kept = reports.length > 0 ? rankReports(reports, f.attributed_to, prefs)[0]! : undefined;
    const delta = kept === undefined ? null : clean((kept.value - f.value!) * 100);
    return {
      fact_id: f.fact_id,
      source_id: f.attributed_to,
      market: f.market!,
      period: f.period!,
      provider_id: f.subject_id,
      article_share: f.value!,
      series_share: kept?.value ?? null,
      delta_pp: delta,
      agrees: delta === null ? null : delta === 0,
      verdict: delta === null ? "not_in_series" : delta === 0 ? "agrees" : "differs",
      cited_fact_ids: joinIds(reports.map((r) => r.fact_id).sort()),
      reports_disagree: new Set(reports.map((r) => r.value)).size > 1,
      reports: reports.length > 0 ? reports.length : null,
    };
  });
}

type Lineage = Row<"series_lineage">;

/**
 * One lineage row per derived row and fact it rests on; the row key is its primary key joined with
 * '|'. Given tables sorted by their keys, the rows come out nearly in series_lineage's own order.
 */
export function lineageRows(t: Omit<SeriesTables, "series_lineage">): Lineage[] {
  const rows: Lineage[] = [];
  // Every fact id as one string, whichever row's id list it is cut from: at 10⁶ facts the lineage
  // holds millions of ids, and a copy per row was a tenth of the series' memory.
  const seen = new Map<string, string>();
  const canonical = (id: string) => {
    const known = seen.get(id);
    if (known !== undefined) return known;
    seen.set(id, id);
    return id;
  };
  for (const r of t.share_series) canonical(r.fact_id);
  const add = <N extends keyof Omit<SeriesTables, "series_lineage" | "cited_facts">>(
    table: N,
    ids: (r: SeriesTables[N][number]) => Array<string | null | undefined>,
  ) => {
    const key = TABLES[table].primaryKey;
    for (const r of t[table] as Array<SeriesTables[N][number]>) {
      const row_key = key.map((k) => String((r as Record<string, unknown>)[k])).join("|");
      const facts: string[] = []; // a row's facts are few: one per provider named at most
      for (const x of ids(r)) if (x) for (const id of x.split(";")) if (!facts.includes(id)) facts.push(canonical(id));
      for (const fact_id of facts) rows.push({ table, row_key, fact_id });
    }
  };
  add("concentration_series", (r) => [r.fact_ids]);
  add("market_size_series", (r) => [r.fact_ids]);
  add("revenue_series", (r) => [r.fact_id]);
  add("series_check", (r) => [r.fact_id, r.cited_fact_ids]);
  add("share_change", (r) => [r.fact_ids]);
  add("share_series", (r) => [r.fact_ids]);
  return rows;
}
