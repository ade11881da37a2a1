/**
 * Chart titles that state what the chart shows, computed from its rows: who leads, by how much,
 * where. Every number in a title comes from the rows; nothing is typed in. One function per chart,
 * all here, so that a chart's wording can change in one place.
 */
import { formatPercent } from "../numbers.ts";
import type { Row } from "../schema/tables.ts";
import { uniq, type ChartTheme } from "./theme.ts";

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

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
    return sources.length === 1 ? `${who} leads with ${figures[0]}` : `${who} leads in every firm's figures: ${listText(figures)}`;
  }
  return `Leaders per firm: ${listText(leaders.map((l) => `${listText(l.map((r) => t.providerLabel(r.provider_id)))} ${l[0] ? `(${t.sourceLabel(l[0].source_id)}, ${formatPercent(l[0].share)})` : ""}`))}`;
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
  const names = (ids: string[]): string => listText(ids.map(t.providerShortName));
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
  return `The article's ${facts} geography claims touch ${geos.length} macro-regions, ${listText(most.map((c) => t.geoLabel(c.g)))} most often (${most[0]?.n ?? 0})`;
}

/** "The article names 3 battlegrounds: Asia-Pacific, Latin America and Middle East". */
export function battlegroundsTitle(rows: readonly Row<"battlegrounds">[], t: ChartTheme): string {
  const named = t.geoIds(rows.filter((r) => r.is_battleground).map((r) => r.macro_geo));
  if (named.length === 0) return "What the article says about each macro-region";
  return `The article names ${named.length} battleground${named.length === 1 ? "" : "s"}: ${listText(named.map(t.geoLabel))}`;
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
  const cells = listText(most.map((r) => `${t.providerLabel(r.provider_id)} in ${t.geoLabel(r.macro_geo)}`));
  return `Most regions in one macro-region: ${cells} (${first.regions}${most.length > 1 ? " each" : ""})`;
}

/** "US-led providers have more regions in 7 of 8 macro-regions; China-led in China (mainland)". */
export function blocPresenceTitle(rows: readonly Row<"bloc_presence">[], t: ChartTheme): string {
  const us = rows.filter((r) => r.us_led_regions > r.china_led_regions).map((r) => r.macro_geo);
  const cn = t.geoIds(rows.filter((r) => r.china_led_regions > r.us_led_regions).map((r) => r.macro_geo));
  const head = `${t.blocLabel("us_led")} providers have more regions in ${us.length} of ${rows.length} macro-regions`;
  return cn.length > 0 ? `${head}; ${t.blocLabel("china_led")} in ${listText(cn.map(t.geoLabel))}` : head;
}
