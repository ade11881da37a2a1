/**
 * The sentences of notebook 02 (regional footprint) about the footprint and the region catalog:
 * the article's counts, regions per share point, and where a provider's regions are. Each says
 * which count it uses (the article's, or the catalog's under a named definition) and when it sets
 * figures of different periods side by side. The battlegrounds' sentences are in ../findings.ts.
 * test/findings-notebooks.test.ts re-derives every number from the tables.
 */
import type { Row } from "../schema/tables.ts";
import { DEFINITION_WORDS, distinct, type Labels, listWords, pctText, STATUS_WORDS, theOne } from "./words.ts";

type Footprint = Row<"footprint">;

/** The article's lower bounds (regions_qualifier "over") with the listed count, the exact counts' ends, and the catalog's counts. */
export function footprintSentence(footprint: readonly Footprint[], l: Labels): string {
  const article = footprint.filter((r) => r.regions_source === "article" && r.regions !== null);
  const bounds = article
    .filter((r) => r.regions_qualifier === "over")
    .map(
      (r) =>
        `${r.regions_attributed_to === null ? l.providerLabel(r.provider_id) : l.sourceLabel(r.regions_attributed_to)}'s claim of **${r.regions_qualifier} ${r.regions}** regions is a lower bound` +
        (r.regions_listed === null ? "." : `, and only ${r.regions_listed} are listed on the page the article links to.`),
    );
  const exact = article.filter((r) => r.regions_qualifier === "exact");
  const counts = exact.map((r) => r.regions ?? 0);
  const at = (n: number) => listWords(exact.filter((r) => r.regions === n).map((r) => l.providerLabel(r.provider_id)));
  const ends =
    exact.length < 2
      ? ""
      : `Of the article's exact counts, ${at(Math.max(...counts))} ${exact.filter((r) => r.regions === Math.max(...counts)).length === 1 ? "has" : "have"} the most (${Math.max(...counts)}) and ${at(Math.min(...counts))} the fewest (${Math.min(...counts)}).`;
  const catalog = footprint
    .filter((r) => r.regions_source === "catalog")
    .map(
      (r) =>
        `${l.providerLabel(r.provider_id)} (${r.regions} regions in the catalog as of ${r.as_of}, ${DEFINITION_WORDS[r.regions_definition ?? ""] ?? r.regions_definition})`,
    );
  const none = catalog.length === 0 ? "" : `The article gives no count for ${listWords(catalog)}.`;
  return [...bounds, ends, none].filter((s) => s !== "").join(" ");
}

/**
 * Regions per percentage point of one firm's share: the lowest and highest and their ratio, saying
 * that the counts and the shares are of different periods when they are.
 */
export function regionsPerShareSentence(
  rows: ReadonlyArray<Row<"footprint_vs_share">>,
  footprint: readonly Footprint[],
  source: string,
  l: Labels,
): string {
  const mine = rows.filter((r) => r.source_id === source).sort((a, b) => a.regions_per_share_point - b.regions_per_share_point);
  const lean = mine[0];
  const heavy = mine[mine.length - 1];
  if (lean === undefined || heavy === undefined)
    return `The article gives no ${l.sourceLabel(source)} share for a provider with a region count.`;
  const counted = footprint.filter((r) => mine.some((m) => m.provider_id === r.provider_id));
  const asOf = distinct(counted.map((r) => r.as_of ?? "an unknown date")).sort();
  const whose = listWords(distinct(counted.map((r) => (r.regions_source === "article" ? "the article's" : `the ${r.regions_source}'s`))));
  const periods = distinct(mine.map((r) => r.period)).sort();
  const mixed = asOf.some((a) => !periods.includes(a));
  return (
    `Per percentage point of ${l.sourceLabel(source)} share (${listWords(periods)}), ${l.providerLabel(lean.provider_id)} runs ${lean.regions_per_share_point.toFixed(2)} regions and ${l.providerLabel(heavy.provider_id)} ${heavy.regions_per_share_point.toFixed(2)}: ` +
    `${(heavy.regions_per_share_point / lean.regions_per_share_point).toFixed(1)} times as many. ` +
    `The region counts are ${whose}, as of ${listWords(asOf)}` +
    (mixed ? ", so the ratio sets figures from different periods side by side." : ", the period of the shares.")
  );
}

// --- Where a provider's regions are ------------------------------------------------------------------

export interface ProviderShareIn {
  provider_id: string;
  macro_geo: string;
  /** Regions there / the provider's regions, every status. */
  all: { k: number; n: number };
  /** The same over the regions open to any customer. */
  public: { k: number; n: number };
}

const isPublic = (r: Row<"regions">) => r.status === "general" || r.status === "sovereign";

export function providerShareIn(regions: ReadonlyArray<Row<"regions">>, provider_id: string, macro_geo: string): ProviderShareIn {
  const mine = regions.filter((r) => r.provider_id === provider_id);
  const count = (rows: ReadonlyArray<Row<"regions">>) => ({ k: rows.filter((r) => r.macro_geo === macro_geo).length, n: rows.length });
  return { provider_id, macro_geo, all: count(mine), public: count(mine.filter(isPublic)) };
}

/** "14 of Alibaba Cloud's 29 regions open to any customer (48.3%) are in mainland China; 19 of 34 (55.9%) counting every status." */
export function providerShareSentence(s: ProviderShareIn, providerLabel: string, geoLabel: string): string {
  const frac = ({ k, n }: { k: number; n: number }) => `${k} of ${n} (${n === 0 ? "n/a" : pctText(k / n)})`;
  return `In the catalog, ${frac(s.public)} of ${providerLabel}'s ${STATUS_WORDS.public} are in ${geoLabel}; ${frac(s.all)} counting ${STATUS_WORDS.all}.`;
}

/**
 * Each China-led provider's share of its regions in a macro-region (both definitions), with the
 * article's own words where it states that share (a regions_share_in_geo fact), and which US-led
 * providers have regions there and under which statuses.
 */
export function homeMarketParagraphs(
  t: {
    regions: ReadonlyArray<Row<"regions">>;
    regional_breakdown: ReadonlyArray<Row<"regional_breakdown">>;
    facts: ReadonlyArray<Row<"facts">>;
  },
  providers: readonly string[],
  macro_geo: string,
  l: Labels,
): string[] {
  const lines = providers.map((p) => {
    const said = t.facts.filter((f) => f.subject_id === p && f.measure === "regions_share_in_geo" && f.object_id === macro_geo);
    const quote = said.map((f) => ` The article says: "${f.quote}".`).join("");
    return providerShareSentence(providerShareIn(t.regions, p, macro_geo), l.providerLabel(p), l.geoLabel(macro_geo)) + quote;
  });
  const us = t.regional_breakdown.filter((r) => r.bloc === "us_led" && r.macro_geo === macro_geo && r.regions > 0);
  const names = us.map((r) => `${l.providerLabel(r.provider_id)} (${r.regions})`);
  const statuses = distinct(
    t.regions.filter((r) => us.some((u) => u.provider_id === r.provider_id) && r.macro_geo === macro_geo).map((r) => r.status),
  ).sort();
  lines.push(
    us.length === 0
      ? `No US-led provider has a region in ${l.geoLabel(macro_geo)} (${STATUS_WORDS.all}).`
      : `Of the US-led providers only ${listWords(names)} ${us.length === 1 ? "has" : "have"} regions there (${STATUS_WORDS.all}), with catalog status ${listWords(statuses.map((s) => `*${s}*`))}` +
          (statuses.length === 1 && statuses[0] === "sovereign" ? " (sovereign or partner-operated)." : "."),
  );
  return lines;
}

/** The one footprint row of a provider (for a test or a cell that states one provider's figures). */
export const footprintOf = (footprint: readonly Footprint[], provider: string): Footprint =>
  theOne(footprint, (r) => r.provider_id === provider, `${provider}'s footprint`);
