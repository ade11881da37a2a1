/**
 * Chart specs: typed functions of the tidy tables, `(rows) => TopLevelSpec` (Vega-Lite 5).
 *
 * One module for two module systems. The pipeline imports it as ESM
 * (`import { CHARTS } from "../../notebooks/lib/charts.ts"`, checked by the root tsconfig: strict,
 * exactOptionalPropertyTypes) and renders every chart to output/charts/; the notebooks import it
 * through tslab as CommonJS (`import { marketShareBySource } from "./lib/charts"`). So this file
 * has NO runtime imports — only `import type` from vega-lite, which vanishes when compiled — and
 * uses nothing Node- or DOM-specific.
 *
 * Every spec inlines its data (`data: { values }`), carries `$schema` v5 and the sans-serif font
 * stack, and is deterministic: the same rows give the same JSON.
 *
 * Colours: one fixed colour per provider (PROVIDER_COLORS) and per bloc (BLOC_COLORS), used by
 * every chart. A chart's colour scale lists only the providers it shows, each with its own colour,
 * so AWS is the same orange everywhere and legends hold no empty entries.
 *
 * The row interfaces below restate the columns of the published tables that the charts read (the
 * CSV headers in output/tables/); pipeline/schema/tables.ts is the source of truth and
 * test/stages/charts.test.ts checks that each table's row type is assignable to its interface.
 */
import type { TopLevelSpec } from "vega-lite";

export type { TopLevelSpec };

// --- Row types (columns as in output/tables/*.csv) -------------------------------------------

export type Qualifier = "exact" | "approximately" | "over" | "at_least";
export type BlocId = "us_led" | "china_led";

export interface MarketShareRow {
  source_id: string;
  market: string;
  period: string;
  provider_id: string;
  share: number;
  share_of_named: number;
  rank: number;
  fact_id: string;
}

export interface ShareComparisonRow {
  provider_id: string;
  source_a: string;
  source_b: string;
  share_a: number | null;
  share_b: number | null;
  delta_pp: number | null;
  comparison: "cross_source" | "period_over_period";
  market_a: string;
  market_b: string;
  period_a: string;
  period_b: string;
  same_market: boolean;
  fact_ids: string | null;
}

export interface ConcentrationRow {
  source_id: string;
  period: string;
  market: string;
  named_total: number;
  others: number;
  us_led_share: number;
  china_led_share: number;
  fact_ids: string | null;
}

export interface FootprintRow {
  provider_id: string;
  regions: number | null;
  regions_qualifier: Qualifier | null;
  availability_zones: number | null;
  availability_zones_qualifier: Qualifier | null;
  regions_listed: number | null;
  as_of: string | null;
  regions_attributed_to: string | null;
  /** article: the article's count; catalog: the region catalog's, when the article gives none */
  regions_source: "article" | "catalog" | "none";
  fact_ids: string | null;
}

export interface FootprintVsShareRow {
  provider_id: string;
  source_id: string;
  period: string;
  regions: number;
  regions_qualifier: Qualifier | null;
  share: number;
  regions_per_share_point: number;
  fact_ids: string | null;
}

export interface GeoClaimRow {
  fact_id: string;
  subject_id: string;
  subject_bloc: BlocId | null;
  relation: string;
  object_id: string;
  macro_geo: string;
  attributed_to: string;
}

export interface BattlegroundRow {
  macro_geo: string;
  is_battleground: boolean;
  china_led_growth: boolean;
  us_led_lead: boolean;
  less_aligned_with_us: boolean;
  fact_ids: string | null;
}

export interface FactRow {
  fact_id: string;
  subject_id: string;
  measure: string;
  value: number | null;
  unit: string | null;
  qualifier: Qualifier | null;
  period: string | null;
  attributed_to: string;
  quote: string;
  char_start: number;
  char_end: number;
}

/** regional_breakdown: regions per provider and macro-region (from the region catalog). */
export interface RegionalBreakdownRow {
  provider_id: string;
  macro_geo: string;
  regions: number;
  availability_zones: number | null;
  share_of_provider_regions: number | null;
  battleground: boolean;
}

/** bloc_presence: per macro-region, the regions and providers of each bloc. */
export interface BlocPresenceRow {
  macro_geo: string;
  us_led_regions: number;
  china_led_regions: number;
  /** semicolon-separated provider ids, null when none */
  us_led_providers: string | null;
  china_led_providers: string | null;
  us_led_provider_count: number;
  china_led_provider_count: number;
  battleground: boolean;
}

// --- Presentation: fonts, colours, labels ----------------------------------------------------

/** DejaVu Sans is what the build machines have; the rest are fallbacks for viewers. */
export const CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Provider order (US-led, then China-led) and colour: fixed across every chart. */
export const PROVIDER_COLORS: Readonly<Record<string, string>> = {
  aws: "#e8871e",
  azure: "#2f6db5",
  gcp: "#3a9e5c",
  oracle: "#8c6d46",
  alibaba: "#d1495b",
  huawei: "#7b4fa0",
};
export const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  aws: "AWS",
  azure: "Microsoft Azure",
  gcp: "Google Cloud",
  oracle: "Oracle",
  alibaba: "Alibaba Cloud",
  huawei: "Huawei Cloud",
};
/** Bloc colours, fixed across every chart ("others" = everyone a source does not name). */
export const BLOC_COLORS: Readonly<Record<string, string>> = {
  us_led: "#1f4e8c",
  china_led: "#b0302c",
  others: "#a3a3a3",
};
export const BLOC_LABELS: Readonly<Record<string, string>> = {
  us_led: "US-led",
  china_led: "China-led",
  others: "Not named by the source",
};
export const SOURCE_COLORS: Readonly<Record<string, string>> = { synergy: "#4c4c4c", gartner: "#c08a00" };
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  synergy: "Synergy Research Group",
  gartner: "Gartner",
  fierce: "Fierce Network",
  microsoft: "Microsoft",
  moor_insights: "Moor Insights & Strategy",
  avidthink: "AvidThink",
  huawei_company: "Huawei",
  alibaba_group: "Alibaba Group",
};
export const MARKET_LABELS: Readonly<Record<string, string>> = {
  cloud_infrastructure_services: "cloud infrastructure services",
  iaas: "IaaS",
};
export const MACRO_GEO_LABELS: Readonly<Record<string, string>> = {
  north_america: "North America",
  latin_america: "Latin America",
  europe: "Europe",
  middle_east: "Middle East",
  africa: "Africa",
  asia_pacific: "Asia-Pacific",
  china_mainland: "China (mainland)",
  oceania: "Oceania",
};
const FALLBACK_COLOR = "#7f7f7f";

const label = (map: Readonly<Record<string, string>>, id: string): string => map[id] ?? id;
export const providerLabel = (id: string): string => label(PROVIDER_LABELS, id);
export const sourceLabel = (id: string): string => label(SOURCE_LABELS, id);
export const marketLabel = (id: string): string => label(MARKET_LABELS, id);
export const geoLabel = (id: string): string => label(MACRO_GEO_LABELS, id);
export const blocLabel = (id: string): string => label(BLOC_LABELS, id);

/** Known ids first in the map's order, unknown ones after, alphabetically. */
function ordered(ids: Iterable<string>, map: Readonly<Record<string, string>>): string[] {
  const present = new Set(ids);
  const known = Object.keys(map).filter((k) => present.has(k));
  const unknown = [...present].filter((k) => !(k in map)).sort();
  return [...known, ...unknown];
}

interface ColorScale {
  domain: string[];
  range: string[];
}
/** A colour scale over display labels, for the ids present, each with its fixed colour. */
function colorScale(ids: Iterable<string>, colors: Readonly<Record<string, string>>, labels: (id: string) => string): ColorScale {
  const keys = ordered(ids, colors);
  return { domain: keys.map(labels), range: keys.map((k) => colors[k] ?? FALLBACK_COLOR) };
}
export const providerColorScale = (ids: Iterable<string>): ColorScale => colorScale(ids, PROVIDER_COLORS, providerLabel);
export const blocColorScale = (ids: Iterable<string>): ColorScale => colorScale(ids, BLOC_COLORS, blocLabel);
/** Provider display labels in the fixed order (for axis sort). */
export const providerOrder = (ids: Iterable<string>): string[] => ordered(ids, PROVIDER_COLORS).map(providerLabel);
const geoOrder = (ids: Iterable<string>): string[] => ordered(ids, MACRO_GEO_LABELS).map(geoLabel);

/** "Gartner · IaaS · 2024" */
export const sourceCaption = (source: string, market: string, period: string): string => `${sourceLabel(source)} · ${marketLabel(market)} · ${period}`;

type Config = NonNullable<Extract<TopLevelSpec, { config?: unknown }>["config"]>;
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  title: { anchor: "start", fontSize: 14, subtitleFontSize: 11, subtitleColor: "#555555" },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal" },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", labelLimit: 260 },
  header: { labelFontSize: 11, titleFontSize: 11 },
  view: { stroke: null },
};

const base = { $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG } as const;

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
/** The largest value rounded up to a multiple of `step` (a shared axis end across facets). */
const upTo = (xs: readonly number[], step: number): number => Math.ceil(xs.reduce((m, x) => Math.max(m, x), step) / step - 1e-9) * step; // (no spread: 10⁶ arguments overflow the stack)

// --- Market share ----------------------------------------------------------------------------

/** Market share by provider, one panel per research firm (its market and period in the header). */
export function marketShareBySource(rows: readonly MarketShareRow[]): TopLevelSpec {
  const values = rows.map((r) => ({
    provider: providerLabel(r.provider_id),
    source: sourceCaption(r.source_id, r.market, r.period),
    share: r.share,
    rank: r.rank,
    fact_id: r.fact_id,
  }));
  return {
    ...base,
    title: { text: "Cloud market share by provider, per research firm", subtitle: "Each firm measures a different market and period; shares of that firm's market" },
    data: { values },
    facet: { row: { field: "source", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top", labelFontWeight: "bold" } } },
    spec: {
      width: 420,
      height: { step: 22 },
      mark: { type: "bar", tooltip: true },
      encoding: {
        y: { field: "provider", type: "nominal", sort: providerOrder(rows.map((r) => r.provider_id)), title: null },
        x: { field: "share", type: "quantitative", title: "Share of the firm's market (%)", axis: { format: ".0%" }, scale: { domain: [0, upTo(rows.map((r) => r.share), 0.1)] } },
        color: { field: "provider", type: "nominal", scale: providerColorScale(rows.map((r) => r.provider_id)), legend: null },
        tooltip: [
          { field: "provider", type: "nominal", title: "Provider" },
          { field: "source", type: "nominal", title: "Source" },
          { field: "share", type: "quantitative", title: "Share", format: ".1%" },
          { field: "rank", type: "ordinal", title: "Rank" },
          { field: "fact_id", type: "nominal", title: "Fact" },
        ],
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}

/** How many points shareDumbbell draws: every known share of a cross-source row, one pass, nothing built. */
export function shareDumbbellPoints(rows: readonly ShareComparisonRow[]): number {
  let n = 0;
  for (const r of rows) if (r.comparison === "cross_source") n += (r.share_a !== null ? 1 : 0) + (r.share_b !== null ? 1 : 0);
  return n;
}

/** Dumbbell: each provider's share per source_a and source_b (cross-source rows only). */
export function shareDumbbell(rows: readonly ShareComparisonRow[]): TopLevelSpec {
  const cross = rows.filter((r) => r.comparison === "cross_source");
  const values = cross.flatMap((r) => [
    { provider: providerLabel(r.provider_id), source: sourceLabel(r.source_a), caption: sourceCaption(r.source_a, r.market_a, r.period_a), share: r.share_a, delta_pp: r.delta_pp },
    { provider: providerLabel(r.provider_id), source: sourceLabel(r.source_b), caption: sourceCaption(r.source_b, r.market_b, r.period_b), share: r.share_b, delta_pp: r.delta_pp },
  ]).filter((v) => v.share !== null);
  const sources = uniq(cross.flatMap((r) => [r.source_a, r.source_b]));
  const sameMarket = cross.every((r) => r.same_market);
  const captions = uniq(cross.flatMap((r) => [sourceCaption(r.source_a, r.market_a, r.period_a), sourceCaption(r.source_b, r.market_b, r.period_b)]));
  return {
    ...base,
    title: {
      text: `${sources.map(sourceLabel).join(" vs ")}: share per provider`,
      subtitle: sameMarket ? captions : ["Different markets and periods:", ...captions],
    },
    data: { values },
    width: 420,
    height: { step: 28 },
    encoding: {
      y: { field: "provider", type: "nominal", sort: providerOrder(cross.map((r) => r.provider_id)), title: null },
    },
    layer: [
      {
        mark: { type: "rule", color: "#b5b5b5", strokeWidth: 3 },
        encoding: {
          x: { aggregate: "min", field: "share", type: "quantitative" },
          x2: { aggregate: "max", field: "share" },
        },
      },
      {
        mark: { type: "point", filled: true, size: 90, opacity: 1, tooltip: true },
        encoding: {
          x: { field: "share", type: "quantitative", title: "Market share (%)", axis: { format: ".0%" } },
          color: { field: "source", type: "nominal", title: "Source", scale: colorScale(sources, SOURCE_COLORS, sourceLabel), legend: { orient: "bottom", labelLimit: 300 } },
          shape: { field: "source", type: "nominal", title: "Source", scale: { domain: sources.map(sourceLabel), range: ["circle", "square", "diamond", "triangle-up"].slice(0, sources.length) } },
          tooltip: [
            { field: "provider", type: "nominal", title: "Provider" },
            { field: "caption", type: "nominal", title: "Source" },
            { field: "share", type: "quantitative", title: "Share", format: ".1%" },
            { field: "delta_pp", type: "quantitative", title: "Gap (pp, second − first)", format: "+.1f" },
          ],
        },
      },
    ],
  };
}

/** A 100% stacked bar per source: the skeleton shared by shareOfNamed and blocShare. */
function stackedBySource(opts: { title: string; subtitle: string; values: object[]; x: { field: string; title: string }; color: object; tooltip: object[] }): TopLevelSpec {
  return {
    ...base,
    title: { text: opts.title, subtitle: opts.subtitle },
    data: { values: opts.values },
    width: 420,
    height: { step: 34 },
    mark: { type: "bar", tooltip: true, stroke: "white", strokeWidth: 1 },
    encoding: {
      y: { field: "source", type: "nominal", title: null, axis: { labelLimit: 340 } },
      x: { field: opts.x.field, type: "quantitative", stack: "zero", title: opts.x.title, axis: { format: ".0%" }, scale: { domain: [0, 1] } },
      color: opts.color,
      order: { field: "order", type: "quantitative" },
      tooltip: opts.tooltip,
    },
  } as TopLevelSpec;
}

/** 100% stacked bars: each provider's share among the providers the source names. */
export function shareOfNamed(rows: readonly MarketShareRow[]): TopLevelSpec {
  const order = providerOrder(rows.map((r) => r.provider_id));
  const values = rows.map((r) => ({
    provider: providerLabel(r.provider_id),
    order: order.indexOf(providerLabel(r.provider_id)),
    source: sourceCaption(r.source_id, r.market, r.period),
    share: r.share,
    share_of_named: r.share_of_named,
  }));
  return stackedBySource({
    title: "Share among the providers each firm names",
    subtitle: "Each firm's named providers rescaled to 100%; unnamed providers left out",
    values,
    x: { field: "share_of_named", title: "Share of the named providers' total (%)" },
    color: { field: "provider", type: "nominal", title: "Provider", scale: providerColorScale(rows.map((r) => r.provider_id)), sort: order },
    tooltip: [
      { field: "provider", type: "nominal", title: "Provider" },
      { field: "source", type: "nominal", title: "Source" },
      { field: "share_of_named", type: "quantitative", title: "Share of named", format: ".1%" },
      { field: "share", type: "quantitative", title: "Share of the market", format: ".1%" },
    ],
  });
}

/** 100% stacked bars per source: US-led vs China-led named providers vs everyone not named. */
export function blocShare(rows: readonly ConcentrationRow[]): TopLevelSpec {
  const blocs = ["us_led", "china_led", "others"] as const;
  const values = rows.flatMap((r) =>
    blocs.map((b, i) => ({
      source: sourceCaption(r.source_id, r.market, r.period),
      bloc: blocLabel(b),
      order: i,
      share: b === "us_led" ? r.us_led_share : b === "china_led" ? r.china_led_share : r.others,
    })),
  );
  return stackedBySource({
    title: "US-led vs China-led providers, per research firm",
    subtitle: "Named providers summed by bloc; the rest of each firm's market is not attributed",
    values,
    x: { field: "share", title: "Share of the firm's market (%)" },
    color: { field: "bloc", type: "nominal", title: "Bloc", scale: blocColorScale(blocs), sort: blocs.map(blocLabel) },
    tooltip: [
      { field: "source", type: "nominal", title: "Source" },
      { field: "bloc", type: "nominal", title: "Bloc" },
      { field: "share", type: "quantitative", title: "Share", format: ".1%" },
    ],
  });
}

// --- Footprint -------------------------------------------------------------------------------

const qualifierText = (q: Qualifier | null, v: number): string => (q === "over" ? `over ${v}` : q === "at_least" ? `at least ${v}` : q === "approximately" ? `about ${v}` : String(v));
const isLowerBound = (q: Qualifier | null): boolean => q === "over" || q === "at_least";

/**
 * Regions and availability zones per provider, one panel each. A lower bound ("over 70") is drawn
 * as a hatched-looking open bar ending in a right-pointing triangle, labelled "over 70"; a count
 * of regions actually listed (Azure: 55) is a tick.
 */
export function footprint(rows: readonly FootprintRow[]): TopLevelSpec {
  const measures = [
    { key: "regions", title: "Cloud regions" },
    { key: "availability_zones", title: "Availability zones" },
  ] as const;
  const values = rows.flatMap((r) =>
    measures.flatMap((m) => {
      const value = m.key === "regions" ? r.regions : r.availability_zones;
      const q = m.key === "regions" ? r.regions_qualifier : r.availability_zones_qualifier;
      if (value === null) return [];
      return [{
        provider: providerLabel(r.provider_id),
        measure: m.title,
        value,
        bound: isLowerBound(q) ? "lower bound" : "count",
        text: m.key === "regions" && r.regions_source === "catalog" ? `${qualifierText(q, value)} (catalog)` : qualifierText(q, value),
        source: m.key === "regions" && r.regions_source === "catalog" ? "region catalog" : "article",
        listed: m.key === "regions" ? r.regions_listed : null,
        attributed_to: m.key === "regions" && r.regions_attributed_to ? sourceLabel(r.regions_attributed_to) : "",
        as_of: r.as_of ?? "",
      }];
    }),
  );
  const providers = rows.filter((r) => r.regions !== null || r.availability_zones !== null).map((r) => r.provider_id);
  const color = providerColorScale(providers);
  const y = { field: "provider", type: "nominal" as const, sort: providerOrder(providers), title: null };
  return {
    ...base,
    title: {
      text: "Cloud footprint per provider, as the article gives it",
      subtitle: [
        "▶ marks a lower bound (Azure claims \"over 70\" regions); | marks the regions the article lists (Azure: 55)",
        ...(rows.some((r) => r.regions_source === "catalog") ? ["\"(catalog)\": the article gives no count, so the region catalog's count is shown"] : []),
      ],
    },
    data: { values },
    // One panel per measure, side by side, sharing the provider rows. A panel gets the lower-bound
    // and "listed" layers only when its own data has such a row: an empty layer makes Vega warn
    // "Infinite extent" in the browser (a facet would give every panel every layer).
    hconcat: measures.map((m, i) => {
      const here = values.filter((v) => v.measure === m.title);
      return {
        title: { text: m.title, fontSize: 11, fontWeight: "bold" as const, anchor: "middle" as const },
        transform: [{ filter: { field: "measure", equal: m.title } }],
        width: 230,
        height: { step: 24 },
        // the provider names once, at the left (the rows are shared)
        encoding: { y: i === 0 ? y : { ...y, axis: null } },
        layer: [
          {
            mark: { type: "bar" as const, tooltip: true },
            encoding: {
              x: { field: "value", type: "quantitative" as const, title: "Count" },
              color: { field: "provider", type: "nominal" as const, scale: color, legend: null },
              fillOpacity: { field: "bound", type: "ordinal" as const, scale: { domain: ["count", "lower bound"], range: [1, 0.35] }, legend: null },
              tooltip: [
                { field: "provider", type: "nominal" as const, title: "Provider" },
                { field: "measure", type: "nominal" as const, title: "Measure" },
                { field: "text", type: "nominal" as const, title: "As stated" },
                { field: "source", type: "nominal" as const, title: "From" },
                { field: "attributed_to", type: "nominal" as const, title: "Claimed by" },
                { field: "as_of", type: "nominal" as const, title: "As of" },
              ],
            },
          },
          ...(here.some((v) => v.bound === "lower bound")
            ? [
                {
                  transform: [{ filter: "datum.bound === 'lower bound'" }],
                  mark: { type: "point" as const, shape: "triangle-right", filled: true, size: 110, opacity: 1 },
                  encoding: { x: { field: "value", type: "quantitative" as const }, color: { field: "provider", type: "nominal" as const, scale: color, legend: null } },
                },
              ]
            : []),
          ...(here.some((v) => v.listed !== null)
            ? [
                {
                  transform: [{ filter: "datum.listed !== null" }],
                  mark: { type: "tick" as const, color: "#222222", thickness: 2, tooltip: true },
                  encoding: {
                    x: { field: "listed", type: "quantitative" as const },
                    tooltip: [{ field: "listed", type: "quantitative" as const, title: "Regions listed" }],
                  },
                },
              ]
            : []),
          {
            mark: { type: "text" as const, align: "left" as const, dx: 9, fontSize: 10, color: "#333333" },
            encoding: { x: { field: "value", type: "quantitative" as const }, text: { field: "text" } },
          },
        ],
      };
    }),
    resolve: { scale: { y: "shared", color: "shared", fillOpacity: "shared" } },
  } as TopLevelSpec;
}

/** Scatter: regions (article) against market share, one panel per source; ▲ marks a lower bound. */
export function regionsVsShare(rows: readonly FootprintVsShareRow[]): TopLevelSpec {
  const values = rows.map((r) => ({
    provider: providerLabel(r.provider_id),
    source: sourceLabel(r.source_id) + ` · ${r.period}`,
    share: r.share,
    regions: r.regions,
    bound: isLowerBound(r.regions_qualifier) ? "lower bound (over)" : "exact",
    regions_text: qualifierText(r.regions_qualifier, r.regions),
    regions_per_share_point: r.regions_per_share_point,
  }));
  const color = providerColorScale(rows.map((r) => r.provider_id));
  return {
    ...base,
    title: { text: "Regions vs market share", subtitle: "Region counts per the article; ▲ = a lower bound (\"over\")" },
    data: { values },
    facet: { column: { field: "source", type: "nominal", title: null, header: { labelFontWeight: "bold" } } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        {
          mark: { type: "point", filled: true, size: 100, opacity: 1, tooltip: true },
          encoding: {
            x: { field: "share", type: "quantitative", title: "Market share (%)", axis: { format: ".0%" }, scale: { domain: [0, upTo(rows.map((r) => r.share), 0.1)] } },
            y: { field: "regions", type: "quantitative", title: "Cloud regions (count)", scale: { domain: [0, upTo(rows.map((r) => r.regions), 10) + 10] } },
            color: { field: "provider", type: "nominal", title: "Provider", scale: color },
            shape: { field: "bound", type: "nominal", title: "Region count", scale: { domain: ["exact", "lower bound (over)"], range: ["circle", "triangle-up"] } },
            tooltip: [
              { field: "provider", type: "nominal", title: "Provider" },
              { field: "source", type: "nominal", title: "Share per" },
              { field: "share", type: "quantitative", title: "Share", format: ".1%" },
              { field: "regions_text", type: "nominal", title: "Regions" },
              { field: "regions_per_share_point", type: "quantitative", title: "Regions per share point", format: ".2f" },
            ],
          },
        },
        {
          mark: { type: "text", align: "left", dx: 8, dy: -6, fontSize: 10, color: "#333333" },
          encoding: { x: { field: "share", type: "quantitative" }, y: { field: "regions", type: "quantitative" }, text: { field: "provider" } },
        },
      ],
    },
  };
}

// --- The article's geography -----------------------------------------------------------------

const RELATION_LABELS: Readonly<Record<string, string>> = {
  regions_in: "has regions in",
  regions_mainly_in: "regions mainly in",
  regions_absent_from: "absent from",
  growth_region: "growth region",
  battleground: "battleground",
  expected_leader_in: "expected to lead in",
  leans_toward: "leans toward (it)",
  less_aligned_with: "less aligned with (it)",
};
const SUBJECT_LABELS: Readonly<Record<string, string>> = { us_led: "US-led stack", china_led: "China-led stack", cloud_ai_market: "Cloud & AI market" };
const subjectLabel = (id: string): string => SUBJECT_LABELS[id] ?? providerLabel(id);

const geoBlocLabel = (bloc: BlocId | null): string => (bloc === null ? "Neither bloc" : blocLabel(bloc));

/** Dot matrix: who is claimed to do what where (one row per subject × relation). */
export function geoClaimsMatrix(rows: readonly GeoClaimRow[]): TopLevelSpec {
  const seen = new Map<string, { claim: string; subject: string; relation: string; macro_geo: string; bloc: string; facts: string[]; by: string[] }>();
  for (const r of rows) {
    const claim = `${subjectLabel(r.subject_id)}: ${RELATION_LABELS[r.relation] ?? r.relation}`;
    const key = `${claim}\u0000${r.macro_geo}`;
    const v = seen.get(key) ?? { claim, subject: subjectLabel(r.subject_id), relation: r.relation, macro_geo: geoLabel(r.macro_geo), bloc: geoBlocLabel(r.subject_bloc), facts: [], by: [] };
    v.facts.push(r.fact_id);
    if (!v.by.includes(sourceLabel(r.attributed_to))) v.by.push(sourceLabel(r.attributed_to));
    seen.set(key, v);
  }
  const values = [...seen.values()].map((v) => ({ ...v, facts: v.facts.join("; "), by: v.by.join("; ") }));
  const blocOrder = (label: string): number => (["us_led", "china_led", null] as const).map(geoBlocLabel).indexOf(label);
  const claims = uniq([...values].sort((a, b) => blocOrder(a.bloc) - blocOrder(b.bloc) || a.claim.localeCompare(b.claim)).map((v) => v.claim));
  const blocIds = ordered(rows.map((r) => r.subject_bloc ?? "others"), BLOC_COLORS);
  return {
    ...base,
    title: { text: "The article's geography claims", subtitle: "One dot per claim and macro-region it covers; colour = bloc of the subject" },
    data: { values },
    width: { step: 62 },
    height: { step: 18 },
    mark: { type: "circle", size: 120, opacity: 1, tooltip: true },
    encoding: {
      x: { field: "macro_geo", type: "nominal", sort: geoOrder(rows.map((r) => r.macro_geo)), title: null, axis: { orient: "top", labelAngle: -30 } },
      y: { field: "claim", type: "nominal", sort: claims, title: null, axis: { labelLimit: 320 } },
      color: { field: "bloc", type: "nominal", title: "Subject's bloc", scale: { domain: blocIds.map((b) => geoBlocLabel(b === "others" ? null : (b as BlocId))), range: blocIds.map((b) => BLOC_COLORS[b] ?? FALLBACK_COLOR) } },
      tooltip: [
        { field: "claim", type: "nominal", title: "Claim" },
        { field: "macro_geo", type: "nominal", title: "Macro-region" },
        { field: "by", type: "nominal", title: "Attributed to" },
        { field: "facts", type: "nominal", title: "Facts" },
      ],
    },
  };
}

const BATTLEGROUND_FLAGS = [
  { key: "is_battleground", label: "Battleground (article)", color: "#333333" },
  { key: "china_led_growth", label: "China-led growth region", color: BLOC_COLORS["china_led"] ?? FALLBACK_COLOR },
  { key: "us_led_lead", label: "US-led expected to lead", color: BLOC_COLORS["us_led"] ?? FALLBACK_COLOR },
  { key: "less_aligned_with_us", label: "Less aligned with the U.S.", color: "#8a6d00" },
] as const;

/** Per macro-region, which of the article's four statements apply (one square per true flag). */
export function battlegrounds(rows: readonly BattlegroundRow[]): TopLevelSpec {
  const values = rows.flatMap((r) =>
    BATTLEGROUND_FLAGS.filter((f) => r[f.key]).map((f) => ({ macro_geo: geoLabel(r.macro_geo), statement: f.label, facts: (r.fact_ids ?? "").split(";").join("; ") })),
  );
  return {
    ...base,
    title: { text: "Where the two stacks meet", subtitle: "What the article and its analysts say about each macro-region" },
    data: { values },
    width: { step: 44 },
    height: { step: 24 },
    mark: { type: "square", size: 260, opacity: 1, tooltip: true },
    encoding: {
      x: { field: "statement", type: "nominal", sort: BATTLEGROUND_FLAGS.map((f) => f.label), title: null, axis: { orient: "top", labelAngle: -30, labelLimit: 320 } },
      y: { field: "macro_geo", type: "nominal", scale: { domain: geoOrder(rows.map((r) => r.macro_geo)) }, title: null },
      color: { field: "statement", type: "nominal", legend: null, scale: { domain: BATTLEGROUND_FLAGS.map((f) => f.label), range: BATTLEGROUND_FLAGS.map((f) => f.color) } },
      tooltip: [
        { field: "macro_geo", type: "nominal", title: "Macro-region" },
        { field: "statement", type: "nominal", title: "Statement" },
        { field: "facts", type: "nominal", title: "Facts" },
      ],
    },
  };
}

// --- Regional tables (region catalog) --------------------------------------------------------

/** Heatmap: regions per provider × macro-region; ★ marks the article's battlegrounds. */
export function regionalHeatmap(rows: readonly RegionalBreakdownRow[]): TopLevelSpec {
  const battle = new Set(rows.filter((r) => r.battleground).map((r) => r.macro_geo));
  const geoText = (g: string): string => (battle.has(g) ? `${geoLabel(g)} ★` : geoLabel(g));
  const geos = ordered(rows.map((r) => r.macro_geo), MACRO_GEO_LABELS);
  const values = rows
    .filter((r) => r.regions > 0)
    .map((r) => ({
      provider: providerLabel(r.provider_id),
      macro_geo: geoText(r.macro_geo),
      regions: r.regions,
      availability_zones: r.availability_zones,
      share_of_provider_regions: r.share_of_provider_regions,
    }));
  const y = { field: "provider", type: "nominal" as const, sort: providerOrder(rows.map((r) => r.provider_id)), title: null };
  const x = { field: "macro_geo", type: "nominal" as const, sort: geos.map(geoText), title: null, axis: { orient: "top" as const, labelAngle: -30 } };
  return {
    ...base,
    title: { text: "Cloud regions per provider and macro-region", subtitle: "Regions in the region catalog, every status; ★ = a battleground in the article" },
    data: { values },
    width: { step: 64 },
    height: { step: 30 },
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect", tooltip: true, stroke: "white", strokeWidth: 1 },
        encoding: {
          color: { field: "regions", type: "quantitative", title: "Regions (count)", scale: { scheme: "blues" } },
          tooltip: [
            { field: "provider", type: "nominal", title: "Provider" },
            { field: "macro_geo", type: "nominal", title: "Macro-region" },
            { field: "regions", type: "quantitative", title: "Regions" },
            { field: "availability_zones", type: "quantitative", title: "Availability zones" },
            { field: "share_of_provider_regions", type: "quantitative", title: "Share of the provider's regions", format: ".0%" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "regions", type: "quantitative" },
          color: { condition: { test: "datum.regions >= 10", value: "white" }, value: "#222222" },
        },
      },
    ],
  };
}

/** Grouped bars: US-led vs China-led regions per macro-region; ★ marks the battlegrounds. */
export function blocPresence(rows: readonly BlocPresenceRow[]): TopLevelSpec {
  const battle = new Set(rows.filter((r) => r.battleground).map((r) => r.macro_geo));
  const names = (ids: string | null): string => (ids ? ids.split(";").map(providerLabel).join(", ") : "none");
  const geoText = (g: string): string => (battle.has(g) ? `${geoLabel(g)} ★` : geoLabel(g));
  const blocs = ["us_led", "china_led"] as const;
  const values = rows.flatMap((r) =>
    blocs.map((b) => ({
      macro_geo: geoText(r.macro_geo),
      bloc: blocLabel(b),
      regions: b === "us_led" ? r.us_led_regions : r.china_led_regions,
      providers: names(b === "us_led" ? r.us_led_providers : r.china_led_providers),
      provider_count: b === "us_led" ? r.us_led_provider_count : r.china_led_provider_count,
    })),
  );
  return {
    ...base,
    title: { text: "Presence of each bloc per macro-region", subtitle: battle.size > 0 ? "Regions of the bloc's providers; ★ = a battleground in the article" : "Regions of the bloc's providers" },
    data: { values },
    width: 360,
    height: { step: 12 },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "macro_geo", type: "nominal", sort: ordered(rows.map((r) => r.macro_geo), MACRO_GEO_LABELS).map(geoText), title: null },
      yOffset: { field: "bloc", type: "nominal", sort: blocs.map(blocLabel) },
      x: { field: "regions", type: "quantitative", title: "Cloud regions (count)" },
      color: { field: "bloc", type: "nominal", title: "Bloc", scale: blocColorScale(blocs), sort: blocs.map(blocLabel) },
      tooltip: [
        { field: "macro_geo", type: "nominal", title: "Macro-region" },
        { field: "bloc", type: "nominal", title: "Bloc" },
        { field: "regions", type: "quantitative", title: "Regions" },
        { field: "provider_count", type: "quantitative", title: "Providers present" },
        { field: "providers", type: "nominal", title: "Which" },
      ],
    },
  };
}

// --- Provenance ------------------------------------------------------------------------------

/** Where in the article each fact's quote sits (code-point offsets), one row per measure. */
export function factPositions(rows: readonly FactRow[]): TopLevelSpec {
  const values = rows.map((r) => ({
    fact_id: r.fact_id,
    measure: r.measure,
    attributed_to: sourceLabel(r.attributed_to),
    char_start: r.char_start,
    char_end: r.char_end,
    quote: r.quote.length > 90 ? `${r.quote.slice(0, 87)}...` : r.quote,
  }));
  return {
    ...base,
    title: { text: "Where each fact is quoted in the article", subtitle: "Quote spans as code-point offsets into the source text" },
    data: { values },
    width: 460,
    height: { step: 14 },
    mark: { type: "rule", strokeWidth: 6, opacity: 0.7, tooltip: true },
    encoding: {
      x: { field: "char_start", type: "quantitative", title: "Position in the article (code points)" },
      x2: { field: "char_end" },
      y: { field: "measure", type: "nominal", title: null, sort: "ascending", axis: { labelLimit: 240 } },
      color: { field: "attributed_to", type: "nominal", title: "Attributed to", scale: { scheme: "tableau10" } },
      tooltip: [
        { field: "fact_id", type: "nominal", title: "Fact" },
        { field: "attributed_to", type: "nominal", title: "Attributed to" },
        { field: "char_start", type: "quantitative", title: "Start" },
        { field: "char_end", type: "quantitative", title: "End" },
        { field: "quote", type: "nominal", title: "Quote" },
      ],
    },
  };
}

// --- The catalogue the pipeline renders ------------------------------------------------------

/** The tables the charts read; the regional ones are optional until they land. */
export interface ChartTables {
  market_share: readonly MarketShareRow[];
  share_comparison: readonly ShareComparisonRow[];
  concentration: readonly ConcentrationRow[];
  footprint: readonly FootprintRow[];
  footprint_vs_share: readonly FootprintVsShareRow[];
  geo_claims: readonly GeoClaimRow[];
  battlegrounds: readonly BattlegroundRow[];
  facts: readonly FactRow[];
  regional_breakdown?: readonly RegionalBreakdownRow[];
  bloc_presence?: readonly BlocPresenceRow[];
}

/** A chart of the catalogue, built on demand. */
export interface ChartBuilder {
  name: string;
  /**
   * How many data points the chart will be drawn from, when the tables say so without building it
   * (one point per row, three per concentration row, a count of the shares): lets a caller with a
   * budget skip a chart without building it. Otherwise undefined (charts bounded by the providers
   * or macro-regions, small at any scale).
   */
  points?: number;
  build: () => TopLevelSpec;
}

/** Every chart the pipeline writes to output/charts/<name>.*, in a fixed order, not yet built. */
export function chartBuilders(t: ChartTables): ChartBuilder[] {
  const out: ChartBuilder[] = [
    { name: "market_share_by_source", points: t.market_share.length, build: () => marketShareBySource(t.market_share) },
    { name: "share_dumbbell", points: shareDumbbellPoints(t.share_comparison), build: () => shareDumbbell(t.share_comparison) },
    { name: "share_of_named", points: t.market_share.length, build: () => shareOfNamed(t.market_share) },
    { name: "bloc_share", points: 3 * t.concentration.length, build: () => blocShare(t.concentration) },
    { name: "footprint", build: () => footprint(t.footprint) },
    { name: "regions_vs_share", points: t.footprint_vs_share.length, build: () => regionsVsShare(t.footprint_vs_share) },
    { name: "geo_claims", build: () => geoClaimsMatrix(t.geo_claims) },
    { name: "battlegrounds", build: () => battlegrounds(t.battlegrounds) },
    { name: "fact_positions", points: t.facts.length, build: () => factPositions(t.facts) },
  ];
  const { regional_breakdown, bloc_presence } = t;
  if (regional_breakdown) out.push({ name: "regional_heatmap", build: () => regionalHeatmap(regional_breakdown) });
  if (bloc_presence) out.push({ name: "bloc_presence", build: () => blocPresence(bloc_presence) });
  return out;
}

/** Every chart the pipeline writes to output/charts/<name>.*, in a fixed order. */
export function chartSpecs(t: ChartTables): Array<{ name: string; spec: TopLevelSpec }> {
  return chartBuilders(t).map((b) => ({ name: b.name, spec: b.build() }));
}
