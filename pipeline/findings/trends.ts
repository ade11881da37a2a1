/**
 * The sentences of notebook 04 (trends): what the cited series cover, how two providers' shares
 * moved, the big three's share, the latest China-led figures and the market's size. Each names the
 * firm, market and geography it reads, its first and last period, and says when it sets different
 * markets or periods side by side. test/findings-notebooks.test.ts re-derives every number.
 */
import type { Row } from "../schema/tables.ts";
import { distinct, type Labels, listWords, pct1, ppText } from "./words.ts";

type ShareRow = Row<"share_series">;
type Series = { firm: string; market: string; geography: string };

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** In time order: by start, then end (a year before its own quarters). */
const inTime = <T extends { period_start: string; period_end: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => cmp(a.period_start, b.period_start) || cmp(a.period_end, b.period_end));
const geographyWords = (g: string) => (g === "world" ? "worldwide" : g);
/** "Synergy Research Group (cloud infrastructure services, worldwide)" */
export const seriesWords = (s: Series, l: Labels): string =>
  `${l.sourceLabel(s.firm)} (${l.marketLabel(s.market)}, ${geographyWords(s.geography)})`;
const inSeries = (s: Series) => (r: Series) => r.firm === s.firm && r.market === s.market && r.geography === s.geography;
/** pp between two fractions, rounded away from float noise (0.28 - 0.32 → -4). */
const ppBetween = (from: number, to: number) => Math.round((to - from) * 1e6) / 1e4;

/** "2024" → "years", "2025-Q2" → "quarters", "2025-H2" → "halves", "2025-07" → "months". */
export function periodKind(period: string): string {
  return /^\d{4}$/.test(period) ? "years" : /-Q[1-4]$/.test(period) ? "quarters" : /-H[12]$/.test(period) ? "halves" : "months";
}

/** How many cited figures from how many pages, and each share series' periods. */
export function seriesCoverageSentence(shares: readonly ShareRow[], cited: ReadonlyArray<Row<"cited_facts">>, l: Labels): string {
  const keys = distinct(shares.map((r) => `${r.firm}|${r.market}|${r.geography}`)).sort();
  const cover = keys.map((k) => {
    const [firm, market, geography] = k.split("|") as [string, string, string];
    const periods = distinct(inTime(shares.filter(inSeries({ firm, market, geography }))).map((r) => r.period));
    const kinds = distinct(periods.map(periodKind));
    return `**${l.sourceLabel(firm)}**, ${l.marketLabel(market)} (${geographyWords(geography)}): ${periods.length} periods (${listWords(kinds)}), ${periods[0]} to ${periods[periods.length - 1]}`;
  });
  return `${cited.length} cited figures from ${new Set(cited.map((c) => c.citation_id)).size} pages. ${cover.join("; ")}.`;
}

/** Two providers' shares in one series, from the first to the last period that has both. */
export function shareChangeSentence(shares: readonly ShareRow[], s: Series, a: string, b: string, l: Labels): string {
  const rows = shares.filter(inSeries(s));
  const share = (p: string, period: string) => rows.find((r) => r.provider_id === p && r.period === period)?.share;
  const both = distinct(inTime(rows).map((r) => r.period)).filter((p) => share(a, p) !== undefined && share(b, p) !== undefined);
  const first = both[0];
  const last = both[both.length - 1];
  if (first === undefined || last === undefined || first === last)
    return `${seriesWords(s, l)} gives ${l.providerLabel(a)} and ${l.providerLabel(b)} together in fewer than two periods.`;
  const [a0, a1, b0, b1] = [share(a, first), share(a, last), share(b, first), share(b, last)] as [number, number, number, number];
  const gap0 = ppBetween(b0, a0);
  const gap1 = ppBetween(b1, a1);
  const moved = Math.abs(gap1) < Math.abs(gap0) ? "narrowed" : Math.abs(gap1) > Math.abs(gap0) ? "widened" : "stayed";
  return (
    `Per ${seriesWords(s, l)}, ${l.providerLabel(a)} went from ${pct1(a0)} in ${first} to ${pct1(a1)} in ${last} (${ppText(ppBetween(a0, a1))}); ` +
    `${l.providerLabel(b)} from ${pct1(b0)} to ${pct1(b1)} (${ppText(ppBetween(b0, b1))}). The gap between them ${moved} ${moved === "stayed" ? "at" : "from"} ${ppText(gap0)}${moved === "stayed" ? "" : ` to ${ppText(gap1)}`} ` +
    `(the first and last periods with both shares).`
  );
}

/** The providers concentration_series.big_three_share sums (as pipeline/stages/series-derived.ts). */
export const BIG_THREE = ["aws", "azure", "gcp"] as const;

/** The big three's share in one series, its first and last period with all three named. */
export function bigThreeSentence(rows: ReadonlyArray<Row<"concentration_series">>, s: Series, l: Labels): string {
  const known = inTime(rows.filter(inSeries(s))).filter((r) => r.big_three_share !== null);
  const b0 = known[0];
  const b1 = known[known.length - 1];
  const who = listWords(BIG_THREE.map((p) => l.providerLabel(p)));
  if (b0 === undefined || b1 === undefined) return `${seriesWords(s, l)} never names ${who} in the same period.`;
  return `Per ${seriesWords(s, l)}, the big three (${who}) held ${pct1(b0.big_three_share)} in ${b0.period} and ${pct1(b1.big_three_share)} in ${b1.period} (the first and last of the ${known.length} periods that name all three).`;
}

/** Each provider's latest share under each firm: figures of different markets and periods, said so. */
export function latestSharesSentence(
  shares: readonly ShareRow[],
  firms: readonly string[],
  providers: readonly string[],
  l: Labels,
): string {
  const lines = firms.flatMap((firm) =>
    providers.flatMap((p) => {
      // the latest: the last to end, and of those the shortest (a quarter before the year it closes)
      const r = [...shares.filter((x) => x.firm === firm && x.provider_id === p)]
        .sort((a, b) => cmp(a.period_end, b.period_end) || cmp(a.period_start, b.period_start))
        .pop();
      return r === undefined
        ? []
        : [
            `${l.providerLabel(p)} ${pct1(r.share)} per ${l.sourceLabel(firm)} (${l.marketLabel(r.market)}, ${geographyWords(r.geography)}, ${r.period})`,
          ];
    }),
  );
  return `Latest figures, each in its firm's own market and period (so they are not one market's split): ${listWords(lines)}.`;
}

/** One series' quarterly market size, first and last quarter. */
export function marketSizeSentence(rows: ReadonlyArray<Row<"market_size_series">>, s: Series, l: Labels): string {
  const q = inTime(rows.filter(inSeries(s)).filter((r) => /-Q[1-4]$/.test(r.period)));
  const s0 = q[0];
  const s1 = q[q.length - 1];
  if (s0 === undefined || s1 === undefined) return `${seriesWords(s, l)} gives no quarterly market size.`;
  // A size printed as "about" or "over" a figure is stated that way.
  const words: Readonly<Record<string, string>> = { approximately: "about ", over: "over ", at_least: "at least " };
  const bn = (r: Row<"market_size_series">) => `${words[r.qualifier] ?? ""}US ${(r.size / 1e9).toFixed(1)} billion dollars`;
  const verb = s1.size > s0.size ? "grew" : s1.size < s0.size ? "shrank" : "stayed";
  return `Per ${seriesWords(s, l)}, the quarterly market ${verb} from ${bn(s0)} in ${s0.period} to ${bn(s1)} in ${s1.period} (${q.length} quarters in the series).`;
}

/** The article's share figures (each firm and period named) against the cited series: how many agree, differ, or have no figure there. */
export function seriesCheckSentence(check: ReadonlyArray<Row<"series_check">>, l: Labels): string {
  const count = (v: string) => check.filter((r) => r.verdict === v).length;
  const which = listWords(distinct(check.map((r) => `${l.sourceLabel(r.source_id)} ${r.period}`)));
  return `Of the article's ${check.length} share figures (${which}), ${count("agrees")} agree with a cited report for the same firm, market, period and provider, ${count("differs")} differ and ${count("not_in_series")} have none.`;
}
