/**
 * The footprint charts: regions and availability zones per provider as the article gives them,
 * and regions against market share.
 */
import type { Row } from "../schema/tables.ts";
import { base, shareAxis, upTo, type ChartTheme, type Qualifier, type TopLevelSpec } from "./theme.ts";
import { footprintTitle, regionsVsShareTitle } from "./titles.ts";

const qualifierText = (q: Qualifier | null, v: number): string =>
  q === "over" ? `over ${v}` : q === "at_least" ? `at least ${v}` : q === "approximately" ? `about ${v}` : String(v);
const isLowerBound = (q: Qualifier | null): boolean => q === "over" || q === "at_least";

/**
 * The subtitle line explaining the ▶ and | marks, with the first provider each applies to:
 * `▶ marks a lower bound (Azure claims "over 70" regions); | marks the regions the article lists (Azure: 55)`.
 * No line when no row has either.
 */
function footprintKey(rows: readonly Row<"footprint">[], t: ChartTheme): string[] {
  const bound = rows.find((r) => r.regions !== null && isLowerBound(r.regions_qualifier));
  const listed = rows.find((r) => r.regions_listed !== null);
  const parts = [
    ...(bound && bound.regions !== null
      ? [
          `▶ marks a lower bound (${t.providerShortName(bound.provider_id)} claims "${qualifierText(bound.regions_qualifier, bound.regions)}" regions)`,
        ]
      : []),
    ...(listed ? [`| marks the regions the article lists (${t.providerShortName(listed.provider_id)}: ${listed.regions_listed})`] : []),
  ];
  return parts.length > 0 ? [parts.join("; ")] : [];
}

/**
 * Regions and availability zones per provider, one panel each. A lower bound ("over 70") is drawn
 * as a hatched-looking open bar ending in a right-pointing triangle, labelled "over 70"; a count
 * of regions actually listed (Azure: 55) is a tick.
 */
export function footprint(rows: readonly Row<"footprint">[], t: ChartTheme): TopLevelSpec {
  const measures = [
    { key: "regions", title: "Cloud regions" },
    { key: "availability_zones", title: "Availability zones" },
  ] as const;
  const values = rows.flatMap((r) =>
    measures.flatMap((m) => {
      const value = m.key === "regions" ? r.regions : r.availability_zones;
      const q = m.key === "regions" ? r.regions_qualifier : r.availability_zones_qualifier;
      if (value === null) return [];
      return [
        {
          provider: t.providerLabel(r.provider_id),
          measure: m.title,
          value,
          bound: isLowerBound(q) ? "lower bound" : "count",
          text: m.key === "regions" && r.regions_source === "catalog" ? `${qualifierText(q, value)} (catalog)` : qualifierText(q, value),
          source: m.key === "regions" && r.regions_source === "catalog" ? "region catalog" : "article",
          listed: m.key === "regions" ? r.regions_listed : null,
          attributed_to: m.key === "regions" && r.regions_attributed_to ? t.sourceLabel(r.regions_attributed_to) : "",
          as_of: r.as_of ?? "",
          fact_ids: r.fact_ids,
        },
      ];
    }),
  );
  const providers = rows.filter((r) => r.regions !== null || r.availability_zones !== null).map((r) => r.provider_id);
  const color = t.providerColorScale(providers);
  const y = { field: "provider", type: "nominal" as const, sort: t.providerOrder(providers), title: null };
  return {
    ...base,
    title: {
      text: footprintTitle(rows, t),
      subtitle: [
        ...footprintKey(rows, t),
        ...(rows.some((r) => r.regions_source === "catalog")
          ? ['"(catalog)": the article gives no count, so the region catalog\'s count is shown']
          : []),
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
              fillOpacity: {
                field: "bound",
                type: "ordinal" as const,
                scale: { domain: ["count", "lower bound"], range: [1, 0.35] },
                legend: null,
              },
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
                  encoding: {
                    x: { field: "value", type: "quantitative" as const },
                    color: { field: "provider", type: "nominal" as const, scale: color, legend: null },
                  },
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
            mark: { type: "text" as const, align: "left" as const, dx: 9, fontSize: 11, color: "#333333" },
            encoding: { x: { field: "value", type: "quantitative" as const }, text: { field: "text" } },
          },
        ],
      };
    }),
    resolve: { scale: { y: "shared", color: "shared", fillOpacity: "shared" } },
  } as TopLevelSpec;
}

/** Scatter: regions (article) against market share, one panel per source; ▲ marks a lower bound. */
export function regionsVsShare(rows: readonly Row<"footprint_vs_share">[], t: ChartTheme): TopLevelSpec {
  const values = rows.map((r) => ({
    provider: t.providerLabel(r.provider_id),
    source: `${t.sourceLabel(r.source_id)} · ${r.period}`,
    share: r.share,
    regions: r.regions,
    bound: isLowerBound(r.regions_qualifier) ? "lower bound (over)" : "exact",
    regions_text: qualifierText(r.regions_qualifier, r.regions),
    regions_per_share_point: r.regions_per_share_point,
    fact_ids: r.fact_ids,
  }));
  const color = t.providerColorScale(rows.map((r) => r.provider_id));
  return {
    ...base,
    title: { text: regionsVsShareTitle(rows, t), subtitle: 'Region counts per the article; ▲ = a lower bound ("over")' },
    data: { values },
    facet: { column: { field: "source", type: "nominal", title: null, header: { labelFontWeight: "bold" } } },
    spec: {
      width: 260,
      height: 220,
      layer: [
        {
          mark: { type: "point", filled: true, size: 100, opacity: 1, tooltip: true },
          encoding: {
            x: shareAxis(
              "Market share (%)",
              rows.map((r) => r.share),
            ),
            y: {
              field: "regions",
              type: "quantitative",
              title: "Cloud regions (count)",
              scale: {
                domain: [
                  0,
                  upTo(
                    rows.map((r) => r.regions),
                    10,
                  ) + 10,
                ],
              },
            },
            color: { field: "provider", type: "nominal", title: "Provider", scale: color },
            shape: {
              field: "bound",
              type: "nominal",
              title: "Region count",
              scale: { domain: ["exact", "lower bound (over)"], range: ["circle", "triangle-up"] },
            },
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
          mark: { type: "text", align: "left", dx: 8, dy: -6, fontSize: 11, color: "#333333" },
          encoding: {
            x: { field: "share", type: "quantitative" },
            y: { field: "regions", type: "quantitative" },
            text: { field: "provider" },
          },
        },
      ],
    },
  };
}
