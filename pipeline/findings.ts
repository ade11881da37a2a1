/**
 * The figures the prose states: a small model computed from the published tables, so that every
 * sentence the report and the notebooks write about the data comes from here (no number typed into
 * text) and says which definition it counts (every region status, or the regions open to any
 * customer). test/findings.test.ts checks each figure against the tables; the notebooks reach it
 * through the chart bundle (pipeline/charts/index.ts re-exports it). Each notebook's sentences are in
 * findings/ (market-share, regions, quality, trends; their words and formats in findings/words.ts),
 * re-exported here; test/findings-notebooks.test.ts re-derives their numbers and scans the executed
 * notebooks for any other.
 *
 * Nothing here states a cause: a sentence compares figures and says when they measure different
 * markets or periods; why they differ is left to the sources.
 */
import { clean } from "./numbers.ts";
import type { Row } from "./schema/tables.ts";
import { listWords, pctText, plural, STATUS_WORDS } from "./findings/words.ts";

export * from "./findings/market-share.ts";
export * from "./findings/quality.ts";
export * from "./findings/regions.ts";
export * from "./findings/trends.ts";
export { type Labels, listWords, pct1, pctText, plural, ppText, STATUS_WORDS, total } from "./findings/words.ts";

// --- Battlegrounds ----------------------------------------------------------------------------------

export interface ShareRange {
  min: number;
  max: number;
  /** Macro-regions at each end of the range (all of them on a tie, in the rows' order). */
  minGeos: string[];
  maxGeos: string[];
}

export interface BattlegroundFigures {
  /** The article's battlegrounds (bloc_presence.battleground), in table order. */
  geos: string[];
  /** How many of them have at least one region of each bloc (every status). */
  bothBlocs: number;
  /** The China-led share of the regions there, counting the regions open to any customer. */
  publicRange: ShareRange | undefined;
  /** The same over every status (bloc_presence.china_led_share_of_regions). */
  allRange: ShareRange | undefined;
}

function range(rows: ReadonlyArray<{ geo: string; share: number | null }>): ShareRange | undefined {
  const known = rows.filter((r): r is { geo: string; share: number } => r.share !== null);
  if (known.length === 0) return undefined;
  const min = Math.min(...known.map((r) => r.share));
  const max = Math.max(...known.map((r) => r.share));
  const at = (x: number) => known.filter((r) => r.share === x).map((r) => r.geo);
  return { min, max, minGeos: at(min), maxGeos: at(max) };
}

/** China-led public regions / both blocs' public regions; null when neither bloc has one. */
export function chinaPublicShare(b: Row<"bloc_presence">): number | null {
  const n = b.us_led_public_regions + b.china_led_public_regions;
  return n === 0 ? null : clean(b.china_led_public_regions / n);
}

export function battlegroundFigures(presence: ReadonlyArray<Row<"bloc_presence">>): BattlegroundFigures {
  const battle = presence.filter((b) => b.battleground);
  return {
    geos: battle.map((b) => b.macro_geo),
    bothBlocs: battle.filter((b) => b.us_led_provider_count > 0 && b.china_led_provider_count > 0).length,
    publicRange: range(battle.map((b) => ({ geo: b.macro_geo, share: chinaPublicShare(b) }))),
    allRange: range(battle.map((b) => ({ geo: b.macro_geo, share: b.china_led_share_of_regions }))),
  };
}

/** "The article names 3 battlegrounds: A, B and C." */
export function battlegroundsSentence(f: BattlegroundFigures, geoLabel: (id: string) => string): string {
  return `The article names ${plural(f.geos.length, "battleground")}: ${listWords(f.geos.map(geoLabel))}.`;
}

/** The China-led share of the regions in the battlegrounds, under both definitions, each named. */
export function chinaShareSentence(f: BattlegroundFigures, geoLabel: (id: string) => string): string {
  const part = (r: ShareRange | undefined, what: string) =>
    r === undefined
      ? `no ${what}`
      : r.min === r.max
        ? `${pctText(r.min)} of the ${what}`
        : `${pctText(r.min)} (${listWords(r.minGeos.map(geoLabel))}) to ${pctText(r.max)} (${listWords(r.maxGeos.map(geoLabel))}) of the ${what}`;
  return `In the article's battlegrounds the China-led providers hold ${part(f.publicRange, STATUS_WORDS.public)}, and ${part(f.allRange, `regions counting ${STATUS_WORDS.all}`)}.`;
}

/**
 * Notebook 02's paragraph on the battlegrounds: which they are, each bloc's regions there (every
 * status), the China-led share under both definitions, and where the China-led bloc has more regions.
 */
export function battlegroundParagraph(presence: ReadonlyArray<Row<"bloc_presence">>, geoLabel: (id: string) => string): string {
  const f = battlegroundFigures(presence);
  const battle = presence.filter((b) => b.battleground);
  const us = battle.reduce((s, r) => s + r.us_led_regions, 0);
  const cn = battle.reduce((s, r) => s + r.china_led_regions, 0);
  const chinaAhead = presence.filter((r) => r.china_led_regions > r.us_led_regions).map((r) => geoLabel(r.macro_geo));
  return (
    `${battlegroundsSentence(f, geoLabel)} Counting ${STATUS_WORDS.all}, the US-led providers run ${us} regions there and the China-led ones ${cn}. ` +
    `${chinaShareSentence(f, geoLabel)} Counting every status, the China-led bloc has more regions than the US-led one ${chinaAhead.length === 0 ? "in no macro-region" : `only in ${listWords(chinaAhead)}`}.`
  );
}

// --- Availability zones ------------------------------------------------------------------------------

export interface ZoneGaps {
  regions: number;
  /** Regions whose zone count the catalog has no source for, per provider (by provider id). */
  notSourced: Array<[provider: string, regions: number]>;
  /** Regions the provider publishes as having no availability zone (availability_zones = 0). */
  publishedNone: Array<[provider: string, regions: number]>;
}

export function zoneGaps(regions: ReadonlyArray<Row<"regions">>): ZoneGaps {
  const tally = (test: (r: Row<"regions">) => boolean) => {
    const m = new Map<string, number>();
    for (const r of regions) if (test(r)) m.set(r.provider_id, (m.get(r.provider_id) ?? 0) + 1);
    return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  return {
    regions: regions.length,
    notSourced: tally((r) => r.availability_zones === null),
    publishedNone: tally((r) => r.availability_zones === 0),
  };
}

// --- What the article says about each macro-region -------------------------------------------------

/** The battlegrounds table's relation columns, each with what it records, in words. */
export const RELATION_WORDS = [
  ["us_led_leads", "the article says the US hyperscalers will continue to lead (a forecast)"],
  ["growth_reported", "a China-led provider reports realised growth"],
  ["growth_opportunity", "an analyst sees a growth opportunity for the China-led providers (a forecast)"],
  ["less_aligned_with_us", 'an analyst calls it "less aligned with the U.S." (an opinion)'],
  ["leans_to_western", "an analyst says it leans toward Western cloud providers"],
] as const;

/**
 * One markdown line per relation: the macro-regions it names, each with the geography the article
 * names there when that is only part of the macro-region ("Europe (Eastern Europe only)").
 */
export function relationLines(
  rows: ReadonlyArray<Row<"battlegrounds">>,
  geoLabel: (macro: string) => string,
  nameOf: (geoOrCountry: string) => string,
): string[] {
  const battle = rows.filter((r) => r.is_battleground).map((r) => geoLabel(r.macro_geo));
  const lines = [`- **Battleground** (the article): ${battle.length > 0 ? listWords(battle) : "none"}.`];
  for (const [column, words] of RELATION_WORDS) {
    const where = rows.flatMap((r) => {
      const named = r[column]?.split(";") ?? [];
      if (named.length === 0) return [];
      const partial = named.filter((g) => g !== r.macro_geo);
      return [partial.length === 0 ? geoLabel(r.macro_geo) : `${geoLabel(r.macro_geo)} (${listWords(partial.map(nameOf))} only)`];
    });
    lines.push(`- **${column}** (${words}): ${where.length > 0 ? listWords(where) : "none"}.`);
  }
  return lines;
}
