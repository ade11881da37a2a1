/**
 * The market-share charts: shares per research firm, the firms side by side, shares among the
 * named providers, and the US-led/China-led split.
 */
import type { Row } from "../schema/tables.ts";
import { base, CAPTION_LINES, shareAxis, uniq, type ChartTheme, type TopLevelSpec } from "./theme.ts";
import { blocShareTitle, marketShareTitle, shareGapTitle, shareOfNamedTitle } from "./titles.ts";

/** Market share by provider, one panel per research firm (its market and period in the header). */
export function marketShareBySource(rows: readonly Row<"market_share">[], t: ChartTheme): TopLevelSpec {
  const values = rows.map((r) => ({
    provider: t.providerLabel(r.provider_id),
    source: t.sourceCaption(r.source_id, r.market, r.period),
    share: r.share,
    rank: r.rank,
    fact_id: r.fact_id,
  }));
  return {
    ...base,
    title: {
      text: marketShareTitle(rows, t),
      subtitle:
        new Set(rows.map((r) => `${r.market}\u0000${r.period}`)).size > 1
          ? "Each firm measures a different market and period; shares of that firm's market"
          : "Shares of the firm's market",
    },
    data: { values },
    facet: {
      row: {
        field: "source",
        type: "nominal",
        title: null,
        header: {
          labelAngle: 0,
          labelAlign: "left",
          labelAnchor: "start",
          labelOrient: "top",
          labelFontWeight: "bold",
          labelExpr: CAPTION_LINES,
          labelLimit: 0,
        },
      },
    },
    spec: {
      width: 420,
      height: { step: 22 },
      mark: { type: "bar", tooltip: true },
      encoding: {
        y: { field: "provider", type: "nominal", sort: t.providerOrder(rows.map((r) => r.provider_id)), title: null },
        x: shareAxis(
          "Share of the firm's market (%)",
          rows.map((r) => r.share),
        ),
        color: { field: "provider", type: "nominal", scale: t.providerColorScale(rows.map((r) => r.provider_id)), legend: null },
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
export function shareDumbbellPoints(rows: readonly Row<"share_comparison">[]): number {
  let n = 0;
  for (const r of rows) if (r.comparison === "cross_source") n += (r.share_a !== null ? 1 : 0) + (r.share_b !== null ? 1 : 0);
  return n;
}

/** Dumbbell: each provider's share per source_a and source_b (cross-source rows only). */
export function shareDumbbell(rows: readonly Row<"share_comparison">[], t: ChartTheme): TopLevelSpec {
  const cross = rows.filter((r) => r.comparison === "cross_source");
  const values = cross
    .flatMap((r) => [
      {
        provider: t.providerLabel(r.provider_id),
        source: t.sourceLabel(r.source_a),
        caption: t.sourceCaption(r.source_a, r.market_a, r.period_a),
        share: r.share_a,
        delta_pp: r.delta_pp,
        fact_ids: r.fact_ids,
      },
      {
        provider: t.providerLabel(r.provider_id),
        source: t.sourceLabel(r.source_b),
        caption: t.sourceCaption(r.source_b, r.market_b, r.period_b),
        share: r.share_b,
        delta_pp: r.delta_pp,
        fact_ids: r.fact_ids,
      },
    ])
    .filter((v) => v.share !== null);
  const sources = uniq(cross.flatMap((r) => [r.source_a, r.source_b]));
  const sameMarket = cross.every((r) => r.same_market);
  const captions = uniq(
    cross.flatMap((r) => [t.sourceCaption(r.source_a, r.market_a, r.period_a), t.sourceCaption(r.source_b, r.market_b, r.period_b)]),
  );
  return {
    ...base,
    title: {
      text: shareGapTitle(rows, t),
      subtitle: sameMarket ? captions : ["Different markets and periods:", ...captions],
    },
    data: { values },
    width: 420,
    height: { step: 28 },
    encoding: {
      y: { field: "provider", type: "nominal", sort: t.providerOrder(cross.map((r) => r.provider_id)), title: null },
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
          x: shareAxis("Market share (%)"),
          color: {
            field: "source",
            type: "nominal",
            title: "Source",
            scale: t.sourceColorScale(sources),
            legend: { orient: "bottom", labelLimit: 300 },
          },
          shape: {
            field: "source",
            type: "nominal",
            title: "Source",
            scale: { domain: sources.map(t.sourceLabel), range: ["circle", "square", "diamond", "triangle-up"].slice(0, sources.length) },
          },
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
function stackedBySource(opts: {
  title: string;
  subtitle: string;
  values: object[];
  x: { field: string; title: string };
  color: object;
  tooltip: object[];
}): TopLevelSpec {
  return {
    ...base,
    title: { text: opts.title, subtitle: opts.subtitle },
    data: { values: opts.values },
    width: 420,
    height: { step: 46 },
    mark: { type: "bar", tooltip: true, stroke: "white", strokeWidth: 1 },
    encoding: {
      y: { field: "source", type: "nominal", title: null, axis: { labelExpr: CAPTION_LINES, labelLimit: 0 } },
      x: shareAxis(opts.x.title, 1, { field: opts.x.field, stack: "zero" }),
      color: opts.color,
      order: { field: "order", type: "quantitative" },
      tooltip: opts.tooltip,
    },
  } as TopLevelSpec;
}

/** 100% stacked bars: each provider's share among the providers the source names. */
export function shareOfNamed(rows: readonly Row<"market_share">[], t: ChartTheme): TopLevelSpec {
  const order = t.providerOrder(rows.map((r) => r.provider_id));
  const values = rows.map((r) => ({
    provider: t.providerLabel(r.provider_id),
    order: order.indexOf(t.providerLabel(r.provider_id)),
    source: t.sourceCaption(r.source_id, r.market, r.period),
    share: r.share,
    share_of_named: r.share_of_named,
    fact_id: r.fact_id,
  }));
  return stackedBySource({
    title: shareOfNamedTitle(rows, t),
    subtitle: "Each firm's named providers rescaled to 100%; unnamed providers left out",
    values,
    x: { field: "share_of_named", title: "Share of the named providers' total (%)" },
    color: {
      field: "provider",
      type: "nominal",
      title: "Provider",
      scale: t.providerColorScale(rows.map((r) => r.provider_id)),
      sort: order,
    },
    tooltip: [
      { field: "provider", type: "nominal", title: "Provider" },
      { field: "source", type: "nominal", title: "Source" },
      { field: "share_of_named", type: "quantitative", title: "Share of named", format: ".1%" },
      { field: "share", type: "quantitative", title: "Share of the market", format: ".1%" },
    ],
  });
}

/** 100% stacked bars per source: US-led vs China-led named providers vs everyone not named. */
export function blocShare(rows: readonly Row<"concentration">[], t: ChartTheme): TopLevelSpec {
  const blocs = ["us_led", "china_led", "others"] as const;
  const values = rows.flatMap((r) =>
    blocs.map((b, i) => ({
      source: t.sourceCaption(r.source_id, r.market, r.period),
      bloc: t.blocLabel(b),
      order: i,
      share: b === "us_led" ? r.us_led_share : b === "china_led" ? r.china_led_share : r.others,
      fact_ids: r.fact_ids,
    })),
  );
  return stackedBySource({
    title: blocShareTitle(rows, t),
    subtitle: "Named providers summed by bloc; the rest of each firm's market is not attributed",
    values,
    x: { field: "share", title: "Share of the firm's market (%)" },
    color: { field: "bloc", type: "nominal", title: "Bloc", scale: t.blocColorScale(blocs), sort: blocs.map(t.blocLabel) },
    tooltip: [
      { field: "source", type: "nominal", title: "Source" },
      { field: "bloc", type: "nominal", title: "Bloc" },
      { field: "share", type: "quantitative", title: "Share", format: ".1%" },
    ],
  });
}
