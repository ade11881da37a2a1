/**
 * The sentences of notebook 01 (market share), each built from the tables it states: the leaders,
 * what the named providers add up to, where the two firms differ and the bloc split. Each names the
 * firm's market and period, and a comparison across firms says that it mixes markets and periods.
 * test/findings-notebooks.test.ts re-derives every number from the tables.
 */
import type { Row } from "../schema/tables.ts";
import { distinct, type Labels, listWords, pct1, plural, ppText, theOne } from "./words.ts";

type Share = Row<"market_share">;
type Comparison = Row<"share_comparison">;
type Concentration = Row<"concentration">;

/** "IaaS, 2024": a firm's market and period, as every sentence here names them. */
const marketPeriod = (l: Labels, market: string, period: string) => `${l.marketLabel(market)}, ${period}`;

/** "`t.parquet` and `t.csv` both hold 10 rows × 10 columns; 0 cells differ." (the figures of a CSV/Parquet comparison) */
export function formatsSentence(c: { table: string; rows: number; columns: number; differences: number }): string {
  return `\`${c.table}.parquet\` and \`${c.table}.csv\` both hold ${c.rows} rows × ${c.columns} columns; ${plural(c.differences, "cell")} ${c.differences === 1 ? "differs" : "differ"}.`;
}

/** The largest share the article quotes (the first in table order on a tie). */
export function largestShare(shares: readonly Share[]): Share | undefined {
  return shares.reduce<Share | undefined>((m, r) => (m === undefined || r.share > m.share ? r : m), undefined);
}

/** Who each firm puts first, and the largest share the article quotes (the first in table order on a tie). */
export function leadersSentence(shares: readonly Share[], l: Labels): string {
  const leaders = shares
    .filter((r) => r.rank === 1)
    .map(
      (r) =>
        `${l.sourceLabel(r.source_id)} puts ${l.providerLabel(r.provider_id)} first with ${pct1(r.share)} of ${l.marketLabel(r.market)} (${r.period})`,
    );
  const largest = largestShare(shares);
  const tail =
    largest === undefined
      ? ""
      : ` The largest share the article quotes is ${l.sourceLabel(largest.source_id)}'s ${pct1(largest.share)} for ${l.providerLabel(largest.provider_id)} (${marketPeriod(l, largest.market, largest.period)}).`;
  return `${listWords(leaders)}.${tail}`;
}

/** One line per firm, market and period: how many providers it names, their sum and the rest. */
export function namedTotalsLines(shares: readonly Share[], l: Labels): string[] {
  const keys = distinct(shares.map((r) => `${r.source_id}\u0000${r.market}\u0000${r.period}`)).sort();
  return keys.map((k) => {
    const [source, market, period] = k.split("\u0000") as [string, string, string];
    const rows = shares.filter((r) => r.source_id === source && r.market === market && r.period === period);
    const sum = rows.reduce((s, r) => s + r.share, 0);
    return `- The ${rows.length} providers ${l.sourceLabel(source)} names add up to ${pct1(sum)} of its market (${marketPeriod(l, market, period)}), leaving ${pct1(1 - sum)} to everyone else.`;
  });
}

const crossSource = (rows: readonly Comparison[]) => rows.filter((c) => c.comparison === "cross_source" && c.delta_pp !== null);

/** The widest gap between the firms, who gets more from the first firm, and whether they measure the same market. */
export function firmsGapSentence(comparison: readonly Comparison[], l: Labels): string {
  const cross = crossSource(comparison);
  const widest = [...cross].sort((a, b) => Math.abs(b.delta_pp ?? 0) - Math.abs(a.delta_pp ?? 0))[0];
  if (widest === undefined) return "The article gives no provider's share under two firms.";
  const higherA = cross.filter((c) => (c.delta_pp ?? 0) < 0).map((c) => l.providerLabel(c.provider_id));
  const who = higherA.length === 0 ? "No provider gets" : `Only ${listWords(higherA)} ${higherA.length === 1 ? "gets" : "get"}`;
  return (
    `The widest gap is ${l.providerLabel(widest.provider_id)}'s: ${pct1(widest.share_a)} per ${l.sourceLabel(widest.source_a)} against ${pct1(widest.share_b)} per ${l.sourceLabel(widest.source_b)} (${ppText(widest.delta_pp)}). ` +
    `${who} a higher share from ${l.sourceLabel(widest.source_a)}. ` +
    (cross.every((c) => c.same_market)
      ? "Both firms measure the same market and period."
      : "The firms measure different markets and periods, so these gaps mix definitions with change over time.")
  );
}

/** A provider's share of the named providers under each firm, and its gap there against the gap in market share. */
export function namedGapSentence(shares: readonly Share[], comparison: readonly Comparison[], provider: string, l: Labels): string {
  const named = shares.filter((r) => r.provider_id === provider).map((r) => `${pct1(r.share_of_named)} (${l.sourceLabel(r.source_id)})`);
  const gap = theOne(crossSource(comparison), (c) => c.provider_id === provider, `${provider}'s cross-source comparison`);
  const closer = Math.abs(gap.delta_named_pp ?? 0) < Math.abs(gap.delta_pp ?? 0);
  return (
    `Among the named providers ${l.providerLabel(provider)} holds ${listWords(named)}, a gap of ${ppText(gap.delta_named_pp)} against ${ppText(gap.delta_pp)} in market share: ` +
    `the gap is ${closer ? "narrower" : "not narrower"} among the named providers (each firm's own market and period).`
  );
}

/** US-led : China-led, 0.63 / 0.06 → "10.5 to 1" (one decimal). */
export const blocRatio = (c: Concentration): string =>
  c.china_led_share === 0 ? "no China-led share" : `${(c.us_led_share / c.china_led_share).toFixed(1)} to 1`;

/** One line per firm: the bloc split of its market, the ratio, and the China-led share of the named providers. */
export function blocLines(concentration: readonly Concentration[], l: Labels): string[] {
  return concentration.map(
    (c) =>
      `- **${l.sourceLabel(c.source_id)}** (${marketPeriod(l, c.market, c.period)}): US-led ${pct1(c.us_led_share)}, China-led ${pct1(c.china_led_share)} ` +
      `— ${blocRatio(c)}; among the named providers the China-led ones hold ${pct1(c.china_led_share_of_named)}.`,
  );
}

/** Whether every firm ranks the providers they all name in the same order (series: firm, market, period). */
export function sameRanking(shares: readonly Share[]): boolean {
  const bySeries = new Map<string, Share[]>();
  for (const r of shares) {
    const key = `${r.source_id}\u0000${r.market}\u0000${r.period}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), r]);
  }
  const series = [...bySeries.values()];
  if (series.length === 0) return true;
  const named = series.map((s) => new Set(s.map((r) => r.provider_id)));
  const common = new Set([...(named[0] ?? [])].filter((p) => named.every((n) => n.has(p))));
  const order = (s: readonly Share[]) =>
    [...s]
      .filter((r) => common.has(r.provider_id))
      .sort((a, b) => b.share - a.share)
      .map((r) => r.provider_id)
      .join(";");
  return series.every((s) => order(s) === order(series[0] ?? []));
}

/** What notebook 01 shows, as a list: the ranking, the blocs, the mixed markets, what the bloc split counts. */
export function marketShareSummaryLines(shares: readonly Share[], concentration: readonly Concentration[], l: Labels): string[] {
  const oneMarket = new Set(concentration.map((c) => `${c.market} ${c.period}`)).size === 1;
  const usAhead = concentration.every((c) => c.us_led_share > c.china_led_share);
  const series = concentration.map((c) => `${l.sourceLabel(c.source_id)} (${marketPeriod(l, c.market, c.period)})`);
  return [
    `- ${sameRanking(shares) ? "Both firms rank the providers they both name in the same order" : "The firms rank the providers they both name in different orders"}.`,
    `- The US-led providers hold ${usAhead ? "more" : "not always more"} of each firm's market than the China-led ones.`,
    `- ${oneMarket ? "Both firms measure the same market and period." : `The firms measure different markets over different periods (${listWords(series)}), so each gap between them mixes the two.`}`,
    "- The bloc split is a split of the *named* providers: the unnamed remainder of each market is not attributed to either bloc.",
  ];
}
