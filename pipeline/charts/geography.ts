/**
 * The geography charts: the article's claims per macro-region, its battlegrounds, and the region
 * catalog's regions per provider and per bloc.
 */
import type { Row } from "../schema/tables.ts";
import { base, BLOC_COLORS, FALLBACK_COLOR, ordered, uniq, type BlocId, type ChartTheme, type TopLevelSpec } from "./theme.ts";
import { battlegroundsTitle, blocPresenceTitle, geoClaimsTitle, regionalHeatmapTitle } from "./titles.ts";

// Maps, not objects: a subject id from the data may be `constructor` or `__proto__`.
const RELATION_LABELS: ReadonlyMap<string, string> = new Map([
  ["regions_in", "has regions in"],
  ["regions_mainly_in", "regions mainly in"],
  ["regions_absent_from", "absent from"],
  ["growth_region", "growth reported"],
  ["growth_opportunity", "growth opportunity"],
  ["battleground", "battleground"],
  ["expected_leader_in", "expected to lead in"],
  ["leans_toward", "leans toward (it)"],
  ["less_aligned_with", "less aligned with (it)"],
]);
const SUBJECT_LABELS: ReadonlyMap<string, string> = new Map([
  ["us_led", "US-led stack"],
  ["china_led", "China-led stack"],
  ["cloud_ai_market", "Cloud & AI market"],
  ["western_providers", "Western providers"],
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
      text: geoClaimsTitle(rows, t),
      subtitle: "One dot per claim and macro-region it names, wholly or in part; colour = bloc of the subject",
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

/** The relations of the battlegrounds table, each in its own column (and its own chart column). */
const RELATIONS = [
  { key: "is_battleground", label: "Battleground (the article)", color: "#333333" },
  // Labels short enough for vega's label width (no "…"): who says so is in each label, the
  // sentence in the tooltip. Colours checked apart under colour-blindness (test/charts/palette.test.ts).
  { key: "us_led_leads", label: "US-led keep leading (article)", color: BLOC_COLORS.us_led },
  { key: "leans_to_western", label: "Leans to Western (analyst)", color: "#56b4e9" },
  { key: "growth_reported", label: "Growth reported (Huawei)", color: BLOC_COLORS.china_led },
  { key: "growth_opportunity", label: "Growth opportunity (analyst)", color: "#e69f00" },
  { key: "less_aligned_with_us", label: "Less aligned with US (analyst)", color: "#cc79a7" },
] as const;

/** The article's own names for the geographies a relation names inside a macro-region. */
const NAMED_LABELS: Readonly<Record<string, string>> = { US: "the U.S.", mena: "MENA", eastern_europe: "Eastern Europe" };

/**
 * Per macro-region, which of the article's statements apply: a filled square when the statement names
 * the whole macro-region, an open one when it names only part of it (the U.S. in North America,
 * Eastern Europe in Europe, MENA in Africa), with the article's own geography in the tooltip.
 */
export function battlegrounds(rows: readonly Row<"battlegrounds">[], t: ChartTheme): TopLevelSpec {
  const label = (id: string): string => NAMED_LABELS[id] ?? t.geoLabel(id);
  const values = rows.flatMap((r) =>
    RELATIONS.flatMap((f) => {
      const v = r[f.key];
      if (v === false || v === null) return [];
      const named = v === true ? [r.macro_geo] : v.split(";");
      const whole = named.includes(r.macro_geo);
      return [
        {
          macro_geo: t.geoLabel(r.macro_geo),
          statement: f.label,
          named: named.map(label).join(", "),
          extent: whole ? "the whole macro-region" : "part of it",
          facts: (r.fact_ids ?? "").split(";").join("; "),
        },
      ];
    }),
  );
  return {
    ...base,
    title: {
      text: battlegroundsTitle(rows, t),
      subtitle: "One column per statement, never merged; open square = the statement names only part of the macro-region",
    },
    data: { values },
    width: { step: 44 },
    height: { step: 24 },
    mark: { type: "point", shape: "square", size: 220, strokeWidth: 2, opacity: 1, tooltip: true },
    encoding: {
      x: {
        field: "statement",
        type: "nominal",
        sort: RELATIONS.map((f) => f.label),
        title: null,
        axis: { orient: "top", labelAngle: -30, labelLimit: 320 },
      },
      y: { field: "macro_geo", type: "nominal", scale: { domain: t.geoOrder(rows.map((r) => r.macro_geo)) }, title: null },
      color: {
        field: "statement",
        type: "nominal",
        legend: null,
        scale: { domain: RELATIONS.map((f) => f.label), range: RELATIONS.map((f) => f.color) },
      },
      fill: {
        condition: {
          test: "datum.extent === 'the whole macro-region'",
          field: "statement",
          type: "nominal",
          legend: null,
          scale: { domain: RELATIONS.map((f) => f.label), range: RELATIONS.map((f) => f.color) },
        },
        value: "transparent",
      },
      tooltip: [
        { field: "macro_geo", type: "nominal", title: "Macro-region" },
        { field: "statement", type: "nominal", title: "Statement" },
        { field: "named", type: "nominal", title: "As the article names it" },
        { field: "facts", type: "nominal", title: "Facts behind the row" },
      ],
    },
  };
}

/** The text of a heatmap cell the catalog has no row for. */
export const MISSING_CELL = "–";

/**
 * Heatmap: regions per provider × macro-region; ★ marks the article's battlegrounds. A provider
 * with no region in a macro-region shows 0; a cell the catalog has no row for shows "–" on grey
 * (missing is not zero).
 */
export function regionalHeatmap(rows: readonly Row<"regional_breakdown">[], t: ChartTheme): TopLevelSpec {
  const battle = new Set<string>(rows.filter((r) => r.battleground).map((r) => r.macro_geo));
  const geoText = (g: string): string => (battle.has(g) ? `${t.geoLabel(g)} ★` : t.geoLabel(g));
  const geos = t.geoIds(rows.map((r) => r.macro_geo));
  const providerIds = uniq(rows.map((r) => r.provider_id));
  const known = new Map(rows.map((r) => [`${r.provider_id}\u0000${r.macro_geo}`, r]));
  const values = providerIds.flatMap((p) =>
    geos.map((g) => {
      const r = known.get(`${p}\u0000${g}`);
      return {
        provider: t.providerLabel(p),
        macro_geo: geoText(g),
        regions: r ? r.regions : null,
        label: r ? String(r.regions) : MISSING_CELL,
        availability_zones: r ? r.availability_zones : null,
        share_of_provider_regions: r ? r.share_of_provider_regions : null,
        fact_ids: r ? r.battleground_fact_ids : null,
      };
    }),
  );
  const missing = values.some((v) => v.regions === null);
  const y = { field: "provider", type: "nominal" as const, sort: t.providerOrder(providerIds), title: null };
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
      text: regionalHeatmapTitle(rows, t),
      subtitle: [
        "Regions in the region catalog, every status; ★ = one of the article's battlegrounds",
        ...(missing ? [`${MISSING_CELL} on grey = not in the catalog (missing, not zero)`] : []),
      ],
    },
    data: { values },
    width: { step: 64 },
    height: { step: 30 },
    encoding: { x, y },
    layer: [
      {
        transform: [{ filter: "datum.regions !== null" }],
        mark: { type: "rect", tooltip: true, stroke: "white", strokeWidth: 1 },
        encoding: {
          color: { field: "regions", type: "quantitative", title: "Regions (count)", scale: { scheme: "blues" } },
          tooltip: [
            { field: "provider", type: "nominal", title: "Provider" },
            { field: "macro_geo", type: "nominal", title: "Macro-region" },
            { field: "regions", type: "quantitative", title: "Regions" },
            { field: "availability_zones", type: "quantitative", title: "Availability zones" },
            { field: "share_of_provider_regions", type: "quantitative", title: "Share of the provider's regions", format: ".1%" },
          ],
        },
      },
      ...(missing
        ? [
            {
              transform: [{ filter: "datum.regions === null" }],
              mark: { type: "rect" as const, tooltip: true, fill: "#d9d9d9", stroke: "white", strokeWidth: 1 },
              encoding: {
                tooltip: [
                  { field: "provider", type: "nominal" as const, title: "Provider" },
                  { field: "macro_geo", type: "nominal" as const, title: "Macro-region" },
                  { field: "label", type: "nominal" as const, title: "Regions (not in the catalog)" },
                ],
              },
            },
          ]
        : []),
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "label", type: "nominal" },
          color: { condition: { test: "datum.regions >= 10", value: "white" }, value: "#222222" },
        },
      },
    ],
  } as TopLevelSpec;
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
      fact_ids: r.battleground_fact_ids,
    })),
  );
  return {
    ...base,
    title: {
      text: blocPresenceTitle(rows, t),
      subtitle:
        battle.size > 0
          ? "Regions of the bloc's providers, every status; ★ = one of the article's battlegrounds"
          : "Regions of the bloc's providers, every status",
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
