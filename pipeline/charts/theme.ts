/**
 * The charts' look: font, Vega-Lite config, and the labels and colours of providers, sources,
 * markets, blocs and macro-regions.
 *
 * Providers, sources and markets are labelled and ordered from the reference tables
 * (providers, sources, markets: data/reference/providers.yaml, sources.yaml, measures.yaml): a
 * provider added there gets its label, colour and place in every chart without a code change. The
 * theme does not depend on the tables' row order (the published CSVs are sorted by id, the
 * pipeline's tables are in file order): it orders by id itself. The
 * charts need shorter labels than the reference's full names, so each label is derived from the
 * reference by a rule (see providerLabel, sourceLabel, marketLabel), not typed in.
 *
 * Blocs and macro-regions are closed sets of the schema (BLOCS, MACRO_GEOS in schema/vocabulary.ts),
 * so their chart labels are keyed by those enums here. The macro-region names in
 * data/reference/entities.yaml are definitions ("Asia Pacific (excluding mainland China)"), too long
 * for an axis; the labels below are the ones the charts and the report have always shown.
 */
import type { TopLevelSpec } from "vega-lite";
import type { MacroGeo } from "../schema/inputs.ts";
import { MACRO_GEOS, type BLOCS, type QUALIFIERS } from "../schema/vocabulary.ts";
import type { Row, Tables } from "../schema/tables.ts";

export type { TopLevelSpec };
export type Qualifier = (typeof QUALIFIERS)[number];
export type BlocId = (typeof BLOCS)[number];

/** DejaVu Sans is what the build machines have; the rest are fallbacks for viewers. */
export const CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
export const FALLBACK_COLOR = "#7f7f7f";

type Config = NonNullable<Extract<TopLevelSpec, { config?: unknown }>["config"]>;
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  title: { anchor: "start", fontSize: 14, subtitleFontSize: 11, subtitleColor: "#555555" },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", labelLimit: 260 },
  header: { labelFontSize: 11, titleFontSize: 11 },
  view: { stroke: null },
};

/** Splits a caption ("Gartner · IaaS · 2024") into lines at its " · ": labels wrap instead of being cut. */
export const CAPTION_LINES = "split(datum.label, ' · ')";

/** What every spec starts from. */
export const base: { readonly $schema: string; readonly config: Config } = { $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG };

/** Bloc colours, fixed across every chart ("others" = everyone a source does not name). */
export const BLOC_COLORS: Readonly<Record<BlocId | "others", string>> = { us_led: "#1f4e8c", china_led: "#b0302c", others: "#a3a3a3" };
export const BLOC_LABELS: Readonly<Record<BlocId | "others", string>> = {
  us_led: "US-led",
  china_led: "China-led",
  others: "Not named by the source",
};

/** Axis labels of the macro-regions, in MACRO_GEOS order (see the module comment). */
export const MACRO_GEO_LABELS: Readonly<Record<MacroGeo, string>> = {
  north_america: "North America",
  latin_america: "Latin America",
  europe: "Europe",
  middle_east: "Middle East",
  africa: "Africa",
  asia_pacific: "Asia-Pacific",
  china_mainland: "China (mainland)",
  oceania: "Oceania",
};

/** A macro-region's label; an unknown id is shown as it is. */
export const geoLabel = (id: string): string => GEO_LABEL_BY_ID.get(id) ?? id;

// Lookups by an id from the data go through maps: a plain object would answer `constructor` or `__proto__` with its prototype's members.
const GEO_LABEL_BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(MACRO_GEO_LABELS));
const BLOC_LABEL_BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(BLOC_LABELS));
const BLOC_COLOR_BY_ID: ReadonlyMap<string, string> = new Map(Object.entries(BLOC_COLORS));

/**
 * Kinds of source (the sources table's closed set), coloured where a chart tells them apart:
 * Okabe–Ito colours, apart under deuteranopia, protanopia and tritanopia (test/charts/palette.test.ts).
 */
export const SOURCE_KIND_COLORS: Readonly<Record<Row<"sources">["kind"], string>> = {
  research_firm: "#0072b2",
  company: "#e69f00",
  publisher: "#000000",
  analyst: "#cc79a7",
};
export const SOURCE_KIND_LABELS: Readonly<Record<Row<"sources">["kind"], string>> = {
  research_firm: "Research firm",
  company: "Company statement",
  publisher: "The article",
  analyst: "Analyst",
};

/** The reference tables the theme is made from. */
export type ChartReference = Pick<Tables, "providers" | "sources" | "markets">;

/** A provider's aliases (the providers table joins them with ";"). */
const aliasesOf = (p: Row<"providers">): string[] => p.aliases.split(";");

/** Labels over which a provider's name is too long for an axis; its first alias is used instead. */
const PROVIDER_LABEL_MAX = 16;

/** "Amazon Web Services" → "AWS" (its first alias), "Microsoft Azure" stays: see PROVIDER_LABEL_MAX. */
export function providerLabelOf(p: Row<"providers">): string {
  return p.provider_name.length <= PROVIDER_LABEL_MAX ? p.provider_name : (aliasesOf(p)[0] ?? p.provider_name);
}

/** A provider's shortest alias, for prose in a subtitle ("Azure claims ..."). */
export function providerShortName(p: Row<"providers">): string {
  return aliasesOf(p).sort((a, b) => a.length - b.length)[0] ?? p.provider_name;
}

/** "Fierce Network (the article)" → "Fierce Network": the name without its parenthetical note. */
export const sourceLabelOf = (name: string): string => name.replace(/\s*\([^)]*\)$/, "");

/** "Infrastructure as a service (IaaS)" → "IaaS"; "Cloud infrastructure services" → "cloud infrastructure services". */
export function marketLabelOf(name: string): string {
  const abbreviation = /\(([^)]+)\)$/.exec(name)?.[1];
  return abbreviation ?? name.charAt(0).toLowerCase() + name.slice(1);
}

export interface ColorScale {
  domain: string[];
  range: string[];
}

/** Labels, colours and orders for the chart functions; made by chartTheme from the reference. */
export interface ChartTheme {
  providerLabel(id: string): string;
  /** A provider's shortest alias, for prose. */
  providerShortName(id: string): string;
  sourceLabel(id: string): string;
  marketLabel(id: string): string;
  geoLabel(id: string): string;
  blocLabel(id: string): string;
  /** A provider's bloc id (us_led, china_led), or "others" for an unknown id. */
  providerBloc(id: string): string;
  /** Provider display labels of the ids present, US-led then China-led, each by id, unknown ids last. */
  providerOrder(ids: Iterable<string>): string[];
  /** Macro-region labels of the ids present, in MACRO_GEOS order. */
  geoOrder(ids: Iterable<string>): string[];
  /** The macro-region ids present, in MACRO_GEOS order. */
  geoIds(ids: Iterable<string>): string[];
  providerColorScale(ids: Iterable<string>): ColorScale;
  /** The sources in the order given, each in its firm's colour. */
  sourceColorScale(ids: Iterable<string>): ColorScale;
  /** A source's kind (research firm, company, publisher, analyst); undefined for an unknown id. */
  sourceKind(id: string): Row<"sources">["kind"] | undefined;
  blocColorScale(ids: Iterable<string>): ColorScale;
  /** "Gartner · IaaS · 2024" */
  sourceCaption(source: string, market: string, period: string): string;
}

/** Known ids first in `known`'s order, unknown ones after, alphabetically. */
export function ordered(ids: Iterable<string>, known: readonly string[]): string[] {
  const present = new Set(ids);
  const knownSet = new Set(known);
  return [...known.filter((k) => present.has(k)), ...[...present].filter((k) => !knownSet.has(k)).sort()];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function chartTheme(ref: ChartReference): ChartTheme {
  const providers = new Map(ref.providers.map((p) => [p.provider_id, p]));
  const byBloc = (us: boolean): string[] =>
    ref.providers
      .filter((p) => (p.bloc === "us_led") === us)
      .map((p) => p.provider_id)
      .sort(byText);
  const providerIds = [...byBloc(true), ...byBloc(false)];
  const sources = new Map(ref.sources.map((s) => [s.source_id, sourceLabelOf(s.source_name)]));
  // Each provider's and firm's colour comes from the reference data (providers.yaml, sources.yaml).
  const providerColors = new Map(ref.providers.map((p) => [p.provider_id, p.color]));
  const sourceColors = new Map(ref.sources.map((s) => [s.source_id, s.color]));
  const sourceKinds = new Map(ref.sources.map((s) => [s.source_id, s.kind]));
  const markets = new Map(ref.markets.map((m) => [m.market_id, marketLabelOf(m.market_name)]));

  const providerLabel = (id: string): string => {
    const p = providers.get(id);
    return p ? providerLabelOf(p) : id;
  };
  const sourceLabel = (id: string): string => sources.get(id) ?? id;
  const marketLabel = (id: string): string => markets.get(id) ?? id;
  const blocLabel = (id: string): string => BLOC_LABEL_BY_ID.get(id) ?? id;
  const scale = (keys: string[], label: (id: string) => string, color: (id: string) => string | undefined): ColorScale => ({
    domain: keys.map(label),
    range: keys.map((k) => color(k) ?? FALLBACK_COLOR),
  });
  return {
    providerLabel,
    providerShortName: (id) => {
      const p = providers.get(id);
      return p ? providerShortName(p) : id;
    },
    sourceLabel,
    marketLabel,
    geoLabel,
    blocLabel,
    providerBloc: (id) => providers.get(id)?.bloc ?? "others",
    providerOrder: (ids) => ordered(ids, providerIds).map(providerLabel),
    geoOrder: (ids) => ordered(ids, MACRO_GEOS).map(geoLabel),
    geoIds: (ids) => ordered(ids, MACRO_GEOS),
    providerColorScale: (ids) => scale(ordered(ids, providerIds), providerLabel, (id) => providerColors.get(id) || undefined), // "" from a CSV read as text: no colour
    sourceColorScale: (ids) => scale(uniq(ids), sourceLabel, (id) => sourceColors.get(id) || undefined),
    sourceKind: (id) => sourceKinds.get(id),
    blocColorScale: (ids) => scale(ordered(ids, Object.keys(BLOC_COLORS)), blocLabel, (id) => BLOC_COLOR_BY_ID.get(id)),
    sourceCaption: (source, market, period) => `${sourceLabel(source)} · ${marketLabel(market)} · ${period}`,
  };
}

export const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/** The largest value rounded up to a multiple of `step` (a shared axis end across facets). */
export const upTo = (xs: readonly number[], step: number): number =>
  // a loop, not Math.max(...xs): a spread of many values overflows the stack; toPrecision(12) so
  // that 3 steps of 0.1 end at 0.3, not at 0.30000000000000004
  Number((Math.ceil(xs.reduce((m, x) => Math.max(m, x), step) / step - 1e-9) * step).toPrecision(12));

/**
 * A share (a fraction) on a quantitative axis labelled in whole percent, from 0 to `end`: a fixed end
 * (1 for sums and 100% stacks), or the largest of the shares given rounded up to ten points (one end
 * for every facet); without `end`, Vega-Lite's own domain. `field` defaults to "share".
 */
export function shareAxis(title: string, end?: number | readonly number[], options: { field?: string; stack?: "zero" } = {}) {
  const { field = "share", stack } = options;
  return {
    field,
    type: "quantitative" as const,
    ...(stack ? { stack } : {}),
    title,
    axis: { format: ".0%" },
    ...(end === undefined ? {} : { scale: { domain: [0, typeof end === "number" ? end : upTo(end, 0.1)] } }),
  };
}
