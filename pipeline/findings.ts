/**
 * The figures the prose states: a small model computed from the published tables, so that every
 * sentence the report and the notebooks write about the data comes from here (no number typed into
 * text) and says which definition it counts (every region status, or the regions open to any
 * customer). test/findings.test.ts checks each figure against the tables; the notebooks reach it
 * through the chart bundle (pipeline/charts/index.ts re-exports it).
 *
 * Nothing here states a cause: a sentence compares figures and says when they measure different
 * markets or periods; why they differ is left to the sources.
 */
import { clean } from "./numbers.ts";
import type { Row } from "./schema/tables.ts";

/** 0.377 → "37.7%", 0.3 → "30%" (one decimal, a trailing .0 dropped). */
export function pctText(x: number): string {
  return `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Which catalog rows a figure counts, in words (claims_check's public and all). */
export const STATUS_WORDS = {
  public: "regions open to any customer (status general or sovereign)",
  all: "every status, government and restricted included",
} as const;

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

export const total = (xs: ReadonlyArray<[string, number]>): number => xs.reduce((a, [, k]) => a + k, 0);

// --- Periods -----------------------------------------------------------------------------------------

export interface InferredPeriods {
  facts: number;
  /** Facts with period_inferred true. */
  inferred: number;
  /** Of those, per period, most first (ties by period). */
  byPeriod: Array<[period: string, facts: number]>;
}

export function inferredPeriods(facts: ReadonlyArray<Row<"facts">>): InferredPeriods {
  const m = new Map<string, number>();
  for (const f of facts) if (f.period_inferred === true && f.period !== null) m.set(f.period, (m.get(f.period) ?? 0) + 1);
  const byPeriod = [...m.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return { facts: facts.length, inferred: total(byPeriod), byPeriod };
}

/** "For 56 of 68 facts the period is not printed in the sentence that states them (facts.period_inferred): 46 dated 2025-H2, …" */
export function inferredPeriodsSentence(p: InferredPeriods): string {
  return `For ${p.inferred} of ${plural(p.facts, "fact")} the period is not printed in the sentence that states the fact: it was read from the article's date or converted (column facts.period_inferred; how, in period_note): ${listWords(p.byPeriod.map(([period, n]) => `${n} dated ${period}`))}.`;
}

// --- Market shares -----------------------------------------------------------------------------------

/** The largest share the article quotes (the first in table order on a tie). */
export function largestShare(shares: ReadonlyArray<Row<"market_share">>): Row<"market_share"> | undefined {
  return shares.reduce<Row<"market_share"> | undefined>((m, r) => (m === undefined || r.share > m.share ? r : m), undefined);
}

/** Whether every firm ranks the providers it names that the others name too in the same order. */
export function sameRanking(shares: ReadonlyArray<Row<"market_share">>): boolean {
  const bySeries = new Map<string, Array<Row<"market_share">>>();
  for (const r of shares) {
    const key = `${r.source_id}\u0000${r.market}\u0000${r.period}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), r]);
  }
  const series = [...bySeries.values()];
  if (series.length === 0) return true;
  const named = series.map((s) => new Set(s.map((r) => r.provider_id)));
  const common = new Set([...(named[0] ?? [])].filter((p) => named.every((n) => n.has(p))));
  const order = (s: ReadonlyArray<Row<"market_share">>) =>
    [...s]
      .filter((r) => common.has(r.provider_id))
      .sort((a, b) => b.share - a.share)
      .map((r) => r.provider_id)
      .join(";");
  return series.every((s) => order(s) === order(series[0] ?? []));
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
