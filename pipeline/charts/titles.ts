/**
 * Chart titles that state what the chart shows, computed from its rows: who leads, by how much,
 * where. Every number in a title comes from the rows; nothing is typed in. One function per chart,
 * all here, so that a chart's wording can change in one place.
 */
import { listWords } from "../findings/words.ts";
import { formatPercent, round } from "../numbers.ts";
import type { Row } from "../schema/tables.ts";
import { uniq, type ChartTheme } from "./theme.ts";

/** The rows with the largest value (ties: all of them, in row order). */
function top<T>(rows: readonly T[], value: (r: T) => number | null): T[] {
  const known = rows.filter((r) => value(r) !== null);
  const max = known.reduce((m, r) => Math.max(m, value(r) ?? Number.NEGATIVE_INFINITY), Number.NEGATIVE_INFINITY);
  return known.filter((r) => value(r) === max);
}

/** Each source's leader: "AWS leads under both firms: 30.0% (Synergy Research Group) and 37.7% (Gartner)". */
export function marketShareTitle(rows: readonly Row<"market_share">[], t: ChartTheme): string {
  const sources = uniq(rows.map((r) => r.source_id)).sort((a, b) => t.sourceLabel(a).localeCompare(t.sourceLabel(b), "en"));
  const leaders = sources.map((s) =>
    top(
      rows.filter((r) => r.source_id === s),
      (r) => r.share,
    ),
  );
  const leaderIds = uniq(leaders.flatMap((l) => l.map((r) => r.provider_id)));
  const figures = leaders.map((l) => (l[0] ? `${formatPercent(l[0].share)} (${t.sourceLabel(l[0].source_id)})` : ""));
  if (leaderIds.length === 1 && leaders.every((l) => l.length === 1)) {
    const who = t.providerLabel(leaderIds[0] ?? "");
    return sources.length === 1 ? `${who} leads with ${figures[0]}` : `${who} leads in every firm's figures: ${listWords(figures)}`;
  }
  return `Leaders per firm: ${listWords(leaders.map((l) => `${listWords(l.map((r) => t.providerLabel(r.provider_id)))} ${l[0] ? `(${t.sourceLabel(l[0].source_id)}, ${formatPercent(l[0].share)})` : ""}`))}`;
}

/** The largest gap between the firms: "The firms differ most on AWS: Gartner 7.7 points above Synergy Research Group". */
export function shareGapTitle(rows: readonly Row<"share_comparison">[], t: ChartTheme): string {
  const cross = rows.filter((r) => r.comparison === "cross_source" && r.delta_pp !== null);
  const widest = top(cross, (r) => Math.abs(r.delta_pp ?? 0))[0];
  if (!widest || widest.delta_pp === null) return "Share per provider under each research firm";
  const [high, low] = widest.delta_pp >= 0 ? [widest.source_b, widest.source_a] : [widest.source_a, widest.source_b];
  return `The firms differ most on ${t.providerLabel(widest.provider_id)}: ${t.sourceLabel(high)} ${Math.abs(widest.delta_pp).toFixed(1)} points above ${t.sourceLabel(low)}`;
}

/** The leader's share of the named providers: "AWS holds 43.5% to 46.0% of the named providers' total". */
export function shareOfNamedTitle(rows: readonly Row<"market_share">[], t: ChartTheme): string {
  const sources = uniq(rows.map((r) => r.source_id));
  const leaders = sources.flatMap((s) =>
    top(
      rows.filter((r) => r.source_id === s),
      (r) => r.share_of_named,
    ).slice(0, 1),
  );
  const ids = uniq(leaders.map((r) => r.provider_id));
  if (ids.length !== 1 || leaders.length === 0) return "Share among the providers each firm names";
  const shares = leaders.map((r) => r.share_of_named).sort((a, b) => a - b);
  const range =
    shares.length === 1 || shares[0] === shares[shares.length - 1]
      ? formatPercent(shares[0] ?? 0)
      : `${formatPercent(shares[0] ?? 0)} to ${formatPercent(shares[shares.length - 1] ?? 0)}`;
  return `${t.providerLabel(ids[0] ?? "")} holds ${range} of the named providers' total${sources.length > 1 ? " under each firm" : ""}`;
}

/** "a" or "a to b" over the values, as percentages. */
function pctRange(xs: readonly number[]): string {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? formatPercent(lo) : `${formatPercent(lo)} to ${formatPercent(hi)}`;
}

/** "US-led providers hold 63.0% to 70.6% of each firm's market, China-led 6.0% to 11.3%". */
export function blocShareTitle(rows: readonly Row<"concentration">[], t: ChartTheme): string {
  if (rows.length === 0) return "US-led vs China-led providers, per research firm";
  const each = rows.length > 1 ? "each firm's market" : "the firm's market";
  return `${t.blocLabel("us_led")} providers hold ${pctRange(rows.map((r) => r.us_led_share))} of ${each}, ${t.blocLabel("china_led")} ${pctRange(rows.map((r) => r.china_led_share))}`;
}

const QUALIFIER_WORDS: Readonly<Record<string, string>> = { over: "over ", at_least: "at least ", approximately: "about " };

/** "Azure claims the most regions (over 70); Alibaba the most availability zones (89)". */
export function footprintTitle(rows: readonly Row<"footprint">[], t: ChartTheme): string {
  const regions = top(rows, (r) => r.regions)[0];
  const zones = top(rows, (r) => r.availability_zones)[0];
  const q = (x: string | null): string => (x ? (QUALIFIER_WORDS[x] ?? "") : "");
  const parts = [
    ...(regions && regions.regions !== null
      ? [`${t.providerShortName(regions.provider_id)} gives the most regions (${q(regions.regions_qualifier)}${regions.regions})`]
      : []),
    ...(zones && zones.availability_zones !== null
      ? [
          `${t.providerShortName(zones.provider_id)} the most availability zones (${q(zones.availability_zones_qualifier)}${zones.availability_zones})`,
        ]
      : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "Cloud footprint per provider";
}

/** Whether the largest share goes with the most regions: "The largest share is not the largest footprint: AWS leads on share, Azure on regions". */
export function regionsVsShareTitle(rows: readonly Row<"footprint_vs_share">[], t: ChartTheme): string {
  const share = uniq(top(rows, (r) => r.share).map((r) => r.provider_id));
  const regions = uniq(top(rows, (r) => r.regions).map((r) => r.provider_id));
  if (share.length === 0 || regions.length === 0) return "Regions vs market share";
  const names = (ids: string[]): string => listWords(ids.map(t.providerShortName));
  return share.every((id) => regions.includes(id))
    ? `${names(share)} leads on both market share and regions`
    : `The largest share is not the largest footprint: ${names(share)} leads on share, ${names(regions)} on regions`;
}

/** "The article's 27 geography claims touch 8 macro-regions, Asia-Pacific most often (9)". */
export function geoClaimsTitle(rows: readonly Row<"geo_claims">[], t: ChartTheme): string {
  const facts = uniq(rows.map((r) => r.fact_id)).length;
  const geos = uniq(rows.map((r) => r.macro_geo));
  const counts = geos.map((g) => ({ g, n: uniq(rows.filter((r) => r.macro_geo === g).map((r) => r.fact_id)).length }));
  const most = top(counts, (c) => c.n);
  if (facts === 0) return "The article's geography claims";
  return `The article's ${facts} geography claims touch ${geos.length} macro-regions, ${listWords(most.map((c) => t.geoLabel(c.g)))} most often (${most[0]?.n ?? 0})`;
}

/** "The article names 3 battlegrounds: Asia-Pacific, Latin America and Middle East". */
export function battlegroundsTitle(rows: readonly Row<"battlegrounds">[], t: ChartTheme): string {
  const named = t.geoIds(rows.filter((r) => r.is_battleground).map((r) => r.macro_geo));
  if (named.length === 0) return "What the article says about each macro-region";
  return `The article names ${named.length} battleground${named.length === 1 ? "" : "s"}: ${listWords(named.map(t.geoLabel))}`;
}

const KIND_PHRASES: Readonly<Record<string, string>> = {
  research_firm: "research firms",
  company: "the companies themselves",
  publisher: "the article itself",
  analyst: "analysts",
};

/** "69 of the 113 facts are said by the article itself". */
export function factPositionsTitle(rows: readonly Row<"facts">[], t: ChartTheme): string {
  // By who says each fact (the chart's colour): the article in its own voice, a company, an analyst.
  const kindOf = (r: Row<"facts">): string => t.sourceKind(r.speaker) ?? "unknown";
  const counts = uniq(rows.map(kindOf)).map((k) => ({ k, n: rows.filter((r) => kindOf(r) === k).length }));
  const most = top(counts, (c) => c.n)[0];
  if (!most) return "Where each fact is quoted in the article";
  return `${most.n} of the ${rows.length} facts are said by ${KIND_PHRASES[most.k] ?? "unknown sources"}`;
}

/** "Most regions in one macro-region: Microsoft Azure in Europe and Alibaba Cloud in China (mainland) (19 each)". */
export function regionalHeatmapTitle(rows: readonly Row<"regional_breakdown">[], t: ChartTheme): string {
  const most = top(rows, (r) => r.regions);
  const first = most[0];
  if (!first) return "Cloud regions per provider and macro-region";
  const cells = listWords(most.map((r) => `${t.providerLabel(r.provider_id)} in ${t.geoLabel(r.macro_geo)}`));
  return `Most regions in one macro-region: ${cells} (${first.regions}${most.length > 1 ? " each" : ""})`;
}

/** "US-led providers have more regions in 7 of 8 macro-regions; China-led in China (mainland)". */
export function blocPresenceTitle(rows: readonly Row<"bloc_presence">[], t: ChartTheme): string {
  const us = rows.filter((r) => r.us_led_regions > r.china_led_regions).map((r) => r.macro_geo);
  const cn = t.geoIds(rows.filter((r) => r.china_led_regions > r.us_led_regions).map((r) => r.macro_geo));
  const head = `${t.blocLabel("us_led")} providers have more regions in ${us.length} of ${rows.length} macro-regions`;
  return cn.length > 0 ? `${head}; ${t.blocLabel("china_led")} in ${listWords(cn.map(t.geoLabel))}` : head;
}

// --- The charts over time (share_series, concentration_series, market_size_series) ---------------

/** A chart's title and its subtitle's lines. */
export interface ChartTitle {
  text: string;
  subtitle: string[];
}

/** How the charts name concentration_series.big_three_share. */
export const BIG_THREE_LABEL = "AWS + Azure + Google Cloud";

type Dated = { period: string; period_start: string; period_end: string };
type InSeries = { firm: string; market: string; geography: string };

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Time order: by the period's end, then its start (a year before the quarter that ends with it), then its name. */
const byTime = (a: Dated, b: Dated): number =>
  cmp(a.period_end, b.period_end) || cmp(a.period_start, b.period_start) || cmp(a.period, b.period);

/** The first and the last row in time order (undefined for no rows). */
export function seriesEnds<R extends Dated>(rows: readonly R[]): { first: R; last: R } | undefined {
  const sorted = [...rows].sort(byTime);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return first && last ? { first, last } : undefined;
}

/** "Gartner, IaaS worldwide", "Canalys, cloud infrastructure services, mainland China". */
export function seriesName(t: ChartTheme, r: InSeries): string {
  return `${t.sourceLabel(r.firm)}, ${t.marketLabel(r.market)}${r.geography === "world" ? " worldwide" : ""}`;
}

/** The rows of each series (firm, market, geography), the series in the order of their names. */
function bySeries<R extends InSeries>(rows: readonly R[], t: ChartTheme): R[][] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const key = [r.firm, r.market, r.geography].join("\u0000");
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const name = (g: R[]): string => (g[0] ? seriesName(t, g[0]) : "");
  return [...groups.values()].sort((a, b) => cmp(name(a), name(b)));
}

const isQuarter = (r: Dated): boolean => /-Q\d$/.test(r.period);
/** "quarterly", "yearly", or "quarterly and yearly" for a series that mixes them. */
function cadence(rows: readonly Dated[]): string {
  const q = rows.filter(isQuarter).length;
  return q === rows.length ? "quarterly" : q === 0 ? "yearly" : "quarterly and yearly";
}

type Direction = "lower" | "higher" | "the same";
const direction = (from: number, to: number): Direction => (to < from ? "lower" : to > from ? "higher" : "the same");

/** "The firms measure different markets (IaaS and cloud infrastructure services)", when the rows mix markets (`named`: with their names). */
function marketsLine(rows: readonly InSeries[], t: ChartTheme, named: boolean, then = ""): string[] {
  const markets = uniq(rows.map((r) => r.market))
    .map(t.marketLabel)
    .sort(cmp);
  return markets.length > 1 ? [`The firms measure different markets${named ? ` (${listWords(markets)})` : ""}${then}`] : [];
}

/** "AWS leads in each firm's latest period, with a lower share than in its first", and each series' figures. */
export function shareTrendsTitle(rows: readonly Row<"share_series">[], t: ChartTheme): ChartTitle {
  const world = rows.filter((r) => r.geography === "world");
  const series = bySeries(world, t).map((s) => {
    const latest = seriesEnds(s)?.last.period;
    const leaders = top(
      s.filter((r) => r.period === latest),
      (r) => r.share,
    );
    const leader = leaders.length === 1 ? leaders[0] : undefined;
    return { s, leaders, own: leader ? seriesEnds(s.filter((r) => r.provider_id === leader.provider_id)) : undefined };
  });
  const each = series.length > 1 ? "each firm's" : "the firm's";
  const leaderIds = uniq(series.flatMap((x) => x.leaders.map((r) => r.provider_id)));
  const ends = series.flatMap((x) => (x.own ? [x.own] : []));
  const dirs = uniq(ends.map((e) => direction(e.first.share, e.last.share)));
  const who = t.providerLabel(leaderIds[0] ?? "");
  const text =
    series.length === 0
      ? "Worldwide cloud market share over time"
      : leaderIds.length !== 1 || ends.length !== series.length
        ? `Largest share in ${each} latest period: ${listWords(series.map((x) => `${listWords(x.leaders.map((r) => t.providerLabel(r.provider_id)))} (${t.sourceLabel(x.s[0]?.firm ?? "")})`))}`
        : dirs.length === 1
          ? `${who} leads in ${each} latest period, with ${dirs[0] === "the same" ? "the same share as" : `a ${dirs[0]} share than`} in its first`
          : `${who} leads in ${each} latest period; against its first, its share is ${listWords(series.map((x) => `${direction(x.own?.first.share ?? 0, x.own?.last.share ?? 0)} under ${t.sourceLabel(x.s[0]?.firm ?? "")}`))}`;
  const figures = series.flatMap(({ s, own }) =>
    own && s[0]
      ? [
          `${seriesName(t, s[0])}, ${cadence(s)}: ${t.providerLabel(own.first.provider_id)} ${formatPercent(own.first.share)} in ${own.first.period}, ${formatPercent(own.last.share)} in ${own.last.period}`,
        ]
      : [],
  );
  return {
    text,
    subtitle: [...figures, "Solid lines quarterly, dashed yearly", ...marketsLine(world, t, true, ": compare shapes, not levels")],
  };
}

const AMOUNT: Readonly<Record<Direction, string>> = { lower: "less", higher: "more", "the same": "as much" };

/** "AWS, Azure and Google Cloud together hold more of each firm's market in its latest period than in its first", and the figures. */
export function concentrationTrendsTitle(rows: readonly Row<"concentration_series">[], t: ChartTheme): ChartTitle {
  const world = rows.filter((r) => r.geography === "world");
  const series = bySeries(
    world.filter((r) => r.big_three_share !== null),
    t,
  ).flatMap((s) => {
    const e = seriesEnds(s);
    return e && s[0] ? [{ s, e, dir: direction(e.first.big_three_share ?? 0, e.last.big_three_share ?? 0) }] : [];
  });
  const names = listWords(BIG_THREE_LABEL.split(" + "));
  const than = (d: Direction): string => (d === "the same" ? "as" : "than");
  const dirs = uniq(series.map((x) => x.dir));
  const text =
    series.length === 0
      ? `${names}'s combined share, and the China-led providers', over time`
      : dirs.length === 1 && dirs[0]
        ? `${names} together hold ${AMOUNT[dirs[0]]} of ${series.length > 1 ? "each firm's" : "the firm's"} market in its latest period ${than(dirs[0])} in its first`
        : `${names} together hold, in each firm's latest period against its first, ${listWords(series.map((x) => `${AMOUNT[x.dir]} of ${t.sourceLabel(x.s[0]?.firm ?? "")}'s market`))}`;
  const figures = series.map(
    ({ s, e }) =>
      `${seriesName(t, e.first)}, ${cadence(s)}: ${formatPercent(e.first.big_three_share ?? 0)} in ${e.first.period}, ${formatPercent(e.last.big_three_share ?? 0)} in ${e.last.period}`,
  );
  return {
    text,
    subtitle: [
      ...figures,
      `Sums of each firm's shares: ${BIG_THREE_LABEL} where it names all three, ${t.blocLabel("china_led")} where it names one (fewer named, lower sum)`,
      ...marketsLine(world, t, true),
    ],
  };
}

/** "higher in 1, lower in 1 and the same in 1", "lower in all 3 series", "lower in its one series". */
function directionCounts(dirs: readonly Direction[]): string {
  const kinds = (["higher", "lower", "the same"] as const).filter((d) => dirs.includes(d));
  if (kinds.length === 1) return `${kinds[0]} in ${dirs.length === 1 ? "its one series" : `all ${dirs.length} series`}`;
  return listWords(kinds.map((d) => `${d} in ${dirs.filter((x) => x === d).length}`));
}

/** "Alibaba Cloud's share is lower in all 3 series; Huawei Cloud's higher in 1, lower in 1 and the same in 1" (latest period against first). */
export function chinaLedTrendsTitle(rows: readonly Row<"share_series">[], t: ChartTheme): ChartTitle {
  const china = rows.filter((r) => t.providerBloc(r.provider_id) === "china_led");
  const order = t.providerOrder(china.map((r) => r.provider_id));
  const ids = uniq(china.map((r) => r.provider_id)).sort((a, b) => order.indexOf(t.providerLabel(a)) - order.indexOf(t.providerLabel(b)));
  const clauses = ids.map((id, i) => {
    const dirs = bySeries(
      china.filter((r) => r.provider_id === id),
      t,
    ).flatMap((s) => {
      const e = seriesEnds(s);
      return e ? [direction(e.first.share, e.last.share)] : [];
    });
    return `${t.providerLabel(id)}'s${i === 0 ? " share is" : ""} ${directionCounts(dirs)}`;
  });
  const text = clauses.length > 0 ? clauses.join("; ") : "China-led providers, worldwide and in China";
  const names = bySeries(china, t).map((s) => (s[0] ? seriesName(t, s[0]) : ""));
  return {
    text,
    subtitle: ["Each series' latest period against its first", `Each line is one firm's market, a different whole: ${names.join("; ")}`],
  };
}

/** "US$29.0 billion", "over US$5.0 billion". */
const billions = (r: Row<"market_size_series">): string =>
  `${QUALIFIER_WORDS[r.qualifier ?? ""] ?? ""}US$${round(r.size / 1e9, 1).toFixed(1)} billion`;

/** "The latest quarter's market is 4.0 times the first's (Canalys) and 4.1 times (Synergy Research Group)", and the figures. */
export function marketSizeTitle(rows: readonly Row<"market_size_series">[], t: ChartTheme): ChartTitle {
  const quarters = rows.filter(isQuarter);
  const series = bySeries(quarters, t).flatMap((s) => {
    const e = seriesEnds(s);
    return e ? [e] : [];
  });
  const exact = series.filter((e) => e.first.qualifier === "exact" && e.last.qualifier === "exact");
  const times = exact.map(
    (e, i) => `${round(e.last.size / e.first.size, 1).toFixed(1)} times${i === 0 ? " the first's" : ""} (${t.sourceLabel(e.first.firm)})`,
  );
  const text = exact.length === 0 ? "Cloud infrastructure market size per quarter" : `The latest quarter's market is ${listWords(times)}`;
  return {
    text,
    subtitle: [
      ...series.map((e) => `${seriesName(t, e.first)}: ${billions(e.first)} in ${e.first.period}, ${billions(e.last)} in ${e.last.period}`),
      ...marketsLine(quarters, t, false, "; US$ as each firm reports it"),
    ],
  };
}
