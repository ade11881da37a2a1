/**
 * The geography charts: the article's claims per macro-region, its battlegrounds, and the region
 * catalog's regions per provider and per bloc.
 */
import type { Row } from "../schema/tables.ts";
import { base, BLOC_COLORS, FALLBACK_COLOR, ordered, uniq, type BlocId, type ChartTheme, type TopLevelSpec } from "./theme.ts";

// Maps, not objects: a subject id from the data may be `constructor` or `__proto__`.
const RELATION_LABELS: ReadonlyMap<string, string> = new Map([
  ["regions_in", "has regions in"],
  ["regions_mainly_in", "regions mainly in"],
  ["regions_absent_from", "absent from"],
  ["growth_region", "growth region"],
  ["battleground", "battleground"],
  ["expected_leader_in", "expected to lead in"],
  ["leans_toward", "leans toward (it)"],
  ["less_aligned_with", "less aligned with (it)"],
]);
const SUBJECT_LABELS: ReadonlyMap<string, string> = new Map([
  ["us_led", "US-led stack"],
  ["china_led", "China-led stack"],
  ["cloud_ai_market", "Cloud & AI market"],
]);
/** Dot matrix: who is claimed to do what where (one row per subject × relation). */
export function geoClaimsMatrix(rows: readonly Row<"geo_claims">[], t: ChartTheme): TopLevelSpec {
  const subjectLabel = (id: string): string => SUBJECT_LABELS.get(id) ?? t.providerLabel(id);
  const geoBlocLabel = (bloc: BlocId | null): string => (bloc === null ? "Neither bloc" : t.blocLabel(bloc));
  const seen = new Map<
    string,
    { claim: string; subject: string; relation: string; macro_geo: string; bloc: string; facts: string[]; by: string[] }
  >();
  for (const r of rows) {
    const claim = `${subjectLabel(r.subject_id)}: ${RELATION_LABELS.get(r.relation) ?? r.relation}`;
    const key = `${claim}\u0000${r.macro_geo}`;
    const v = seen.get(key) ?? {
      claim,
      subject: subjectLabel(r.subject_id),
      relation: r.relation,
      macro_geo: t.geoLabel(r.macro_geo),
      bloc: geoBlocLabel(r.subject_bloc),
      facts: [],
      by: [],
    };
    v.facts.push(r.fact_id);
    if (!v.by.includes(t.sourceLabel(r.attributed_to))) v.by.push(t.sourceLabel(r.attributed_to));
    seen.set(key, v);
  }
  const values = [...seen.values()].map((v) => ({ ...v, facts: v.facts.join("; "), by: v.by.join("; ") }));
  const blocOrder = (label: string): number => (["us_led", "china_led", null] as const).map(geoBlocLabel).indexOf(label);
  const claims = uniq(
    [...values].sort((a, b) => blocOrder(a.bloc) - blocOrder(b.bloc) || a.claim.localeCompare(b.claim)).map((v) => v.claim),
  );
  const blocIds = ordered(
    rows.map((r) => r.subject_bloc ?? "others"),
    Object.keys(BLOC_COLORS),
  );
  return {
    ...base,
    title: {
      text: "The article's geography claims",
      subtitle: "One dot per claim and macro-region it covers; colour = bloc of the subject",
    },
    data: { values },
    width: { step: 62 },
    height: { step: 18 },
    mark: { type: "circle", size: 120, opacity: 1, tooltip: true },
    encoding: {
      x: {
        field: "macro_geo",
        type: "nominal",
        sort: t.geoOrder(rows.map((r) => r.macro_geo)),
        title: null,
        axis: { orient: "top", labelAngle: -30 },
      },
      y: { field: "claim", type: "nominal", sort: claims, title: null, axis: { labelLimit: 320 } },
      color: {
        field: "bloc",
        type: "nominal",
        title: "Subject's bloc",
        scale: {
          domain: blocIds.map((b) => geoBlocLabel(b === "others" ? null : (b as BlocId))),
          range: blocIds.map((b) => (Object.hasOwn(BLOC_COLORS, b) ? BLOC_COLORS[b as BlocId] : FALLBACK_COLOR)),
        },
      },
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
  { key: "china_led_growth", label: "China-led growth region", color: BLOC_COLORS.china_led },
  { key: "us_led_lead", label: "US-led expected to lead", color: BLOC_COLORS.us_led },
  { key: "less_aligned_with_us", label: "Less aligned with the U.S.", color: "#8a6d00" },
] as const;

/** Per macro-region, which of the article's four statements apply (one square per true flag). */
export function battlegrounds(rows: readonly Row<"battlegrounds">[], t: ChartTheme): TopLevelSpec {
  const values = rows.flatMap((r) =>
    BATTLEGROUND_FLAGS.filter((f) => r[f.key]).map((f) => ({
      macro_geo: t.geoLabel(r.macro_geo),
      statement: f.label,
      facts: (r.fact_ids ?? "").split(";").join("; "),
    })),
  );
  return {
    ...base,
    title: { text: "Where the two stacks meet", subtitle: "What the article and its analysts say about each macro-region" },
    data: { values },
    width: { step: 44 },
    height: { step: 24 },
    mark: { type: "square", size: 260, opacity: 1, tooltip: true },
    encoding: {
      x: {
        field: "statement",
        type: "nominal",
        sort: BATTLEGROUND_FLAGS.map((f) => f.label),
        title: null,
        axis: { orient: "top", labelAngle: -30, labelLimit: 320 },
      },
      y: { field: "macro_geo", type: "nominal", scale: { domain: t.geoOrder(rows.map((r) => r.macro_geo)) }, title: null },
      color: {
        field: "statement",
        type: "nominal",
        legend: null,
        scale: { domain: BATTLEGROUND_FLAGS.map((f) => f.label), range: BATTLEGROUND_FLAGS.map((f) => f.color) },
      },
      tooltip: [
        { field: "macro_geo", type: "nominal", title: "Macro-region" },
        { field: "statement", type: "nominal", title: "Statement" },
        { field: "facts", type: "nominal", title: "Facts" },
      ],
    },
  };
}

/** Heatmap: regions per provider × macro-region; ★ marks the article's battlegrounds. */
export function regionalHeatmap(rows: readonly Row<"regional_breakdown">[], t: ChartTheme): TopLevelSpec {
  const battle = new Set<string>(rows.filter((r) => r.battleground).map((r) => r.macro_geo));
  const geoText = (g: string): string => (battle.has(g) ? `${t.geoLabel(g)} ★` : t.geoLabel(g));
  const geos = t.geoIds(rows.map((r) => r.macro_geo));
  const values = rows
    .filter((r) => r.regions > 0)
    .map((r) => ({
      provider: t.providerLabel(r.provider_id),
      macro_geo: geoText(r.macro_geo),
      regions: r.regions,
      availability_zones: r.availability_zones,
      share_of_provider_regions: r.share_of_provider_regions,
    }));
  const y = { field: "provider", type: "nominal" as const, sort: t.providerOrder(rows.map((r) => r.provider_id)), title: null };
  const x = {
    field: "macro_geo",
    type: "nominal" as const,
    sort: geos.map(geoText),
    title: null,
    axis: { orient: "top" as const, labelAngle: -30 },
  };
  return {
    ...base,
    title: {
      text: "Cloud regions per provider and macro-region",
      subtitle: "Regions in the region catalog, every status; ★ = a battleground in the article",
    },
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
export function blocPresence(rows: readonly Row<"bloc_presence">[], t: ChartTheme): TopLevelSpec {
  const battle = new Set<string>(rows.filter((r) => r.battleground).map((r) => r.macro_geo));
  const names = (ids: string | null): string => (ids ? ids.split(";").map(t.providerLabel).join(", ") : "none");
  const geoText = (g: string): string => (battle.has(g) ? `${t.geoLabel(g)} ★` : t.geoLabel(g));
  const blocs = ["us_led", "china_led"] as const;
  const values = rows.flatMap((r) =>
    blocs.map((b) => ({
      macro_geo: geoText(r.macro_geo),
      bloc: t.blocLabel(b),
      regions: b === "us_led" ? r.us_led_regions : r.china_led_regions,
      providers: names(b === "us_led" ? r.us_led_providers : r.china_led_providers),
      provider_count: b === "us_led" ? r.us_led_provider_count : r.china_led_provider_count,
    })),
  );
  return {
    ...base,
    title: {
      text: "Presence of each bloc per macro-region",
      subtitle: battle.size > 0 ? "Regions of the bloc's providers; ★ = a battleground in the article" : "Regions of the bloc's providers",
    },
    data: { values },
    width: 360,
    height: { step: 12 },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "macro_geo", type: "nominal", sort: t.geoIds(rows.map((r) => r.macro_geo)).map(geoText), title: null },
      yOffset: { field: "bloc", type: "nominal", sort: blocs.map(t.blocLabel) },
      x: { field: "regions", type: "quantitative", title: "Cloud regions (count)" },
      color: { field: "bloc", type: "nominal", title: "Bloc", scale: t.blocColorScale(blocs), sort: blocs.map(t.blocLabel) },
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
