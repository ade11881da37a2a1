/**
 * The charts over time, from the cited series: each provider's worldwide share per quarter
 * (Synergy) and per year (Gartner) on one time axis with the two markets told apart, the big
 * three's combined share and the two blocs, Alibaba and Huawei worldwide and in China, and the
 * market size. Every point is one row of share_series, concentration_series or market_size_series.
 */
import type { Row } from "../schema/tables.ts";
import { base, shareAxis, uniq, type ChartTheme, type TopLevelSpec } from "./theme.ts";
import { BIG_THREE_LABEL, chinaLedTrendsTitle, concentrationTrendsTitle, marketSizeTitle, shareTrendsTitle } from "./titles.ts";

/** "Synergy Research Group · cloud infrastructure services · world", the series a point belongs to. */
function seriesCaption(t: ChartTheme, r: { firm: string; market: string; geography: string }): string {
  return `${t.sourceLabel(r.firm)} · ${t.marketLabel(r.market)} · ${r.geography === "world" ? "worldwide" : r.geography}`;
}

/** One share of a series as a chart point: its provider (and `extra` fields after it), series, period, share and fact. */
function sharePoint(t: ChartTheme, r: Row<"share_series">, extra: Record<string, string> = {}) {
  return {
    provider: t.providerLabel(r.provider_id),
    ...extra,
    series: seriesCaption(t, r),
    period: r.period,
    end: r.period_end,
    share: r.share,
    fact_id: r.fact_id,
  };
}

/** Every trend is a line with a point per row, over a time axis labelled by year. */
const LINE = { type: "line", point: true, tooltip: true } as const;
const timeX = (title: string) => ({ field: "end", type: "temporal" as const, title, axis: { format: "%Y", tickCount: "year" as const } });

/** Quarterly series solid, yearly ones dashed, whatever their names' order. */
function dashScale(values: ReadonlyArray<{ series: string; period: string }>): { domain: string[]; range: number[][] } {
  const quarterly = new Set(values.filter((v) => /-Q\d$/.test(v.period)).map((v) => v.series));
  const domain = uniq(values.map((v) => v.series)).sort(
    (a, b) => Number(quarterly.has(b)) - Number(quarterly.has(a)) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return { domain, range: domain.map((s) => (quarterly.has(s) ? [1, 0] : [6, 4])) };
}

const shareTooltip = [
  { field: "provider", type: "nominal", title: "Provider" },
  { field: "series", type: "nominal", title: "Series" },
  { field: "period", type: "nominal", title: "Period" },
  { field: "share", type: "quantitative", title: "Share", format: ".1%" },
  { field: "fact_id", type: "nominal", title: "Fact" },
] as const;

/** The rows each trend chart draws from (its footer credits their figures, and no others). */
export const trendRows = {
  shares: (rows: readonly Row<"share_series">[]) => rows.filter((r) => r.geography === "world"),
  chinaLed: (rows: readonly Row<"share_series">[], t: ChartTheme) => rows.filter((r) => t.providerBloc(r.provider_id) === "china_led"),
  /** Worldwide periods with the big three's share or a China-led provider's. */
  concentration: (rows: readonly Row<"concentration_series">[]) =>
    rows.filter((r) => r.geography === "world" && (r.big_three_share !== null || r.china_led_share !== 0)),
  marketSize: (rows: readonly Row<"market_size_series">[]) => rows.filter((r) => /-Q\d$/.test(r.period)),
};

/** How many points each trend chart draws, counted from the rows without building it. */
export const trendPoints = {
  shares: (rows: readonly Row<"share_series">[]) => trendRows.shares(rows).length,
  chinaLed: (rows: readonly Row<"share_series">[], t: ChartTheme) => trendRows.chinaLed(rows, t).length,
  concentration: (rows: readonly Row<"concentration_series">[]) =>
    trendRows.concentration(rows).reduce((n, r) => n + (r.big_three_share === null ? 0 : 1) + (r.china_led_share === 0 ? 0 : 1), 0),
  marketSize: (rows: readonly Row<"market_size_series">[]) => trendRows.marketSize(rows).length,
};

/** Worldwide shares over time: one line per provider and series; Synergy solid, Gartner dashed. */
export function shareTrends(rows: readonly Row<"share_series">[], t: ChartTheme): TopLevelSpec {
  const world = trendRows.shares(rows);
  const values = world.map((r) => sharePoint(t, r, { bloc: t.blocLabel(t.providerBloc(r.provider_id)) }));
  return {
    ...base,
    title: shareTrendsTitle(rows, t),
    width: 620,
    height: 320,
    data: { values },
    mark: LINE,
    encoding: {
      x: timeX("End of period"),
      y: shareAxis(
        "Share of the firm's market (%)",
        values.map((v) => v.share),
      ),
      color: { field: "provider", type: "nominal", scale: t.providerColorScale(world.map((r) => r.provider_id)), title: "Provider" },
      strokeDash: { field: "series", type: "nominal", title: "Series", scale: dashScale(values), legend: { labelLimit: 0 } },
      shape: { field: "bloc", type: "nominal", title: "Bloc" },
      detail: { field: "series", type: "nominal" },
      tooltip: [...shareTooltip],
    },
  };
}

/** The big three's combined share and the two blocs' shares of the named, per series, over time. */
export function concentrationTrends(rows: readonly Row<"concentration_series">[], t: ChartTheme): TopLevelSpec {
  const values = trendRows.concentration(rows).flatMap((r) => {
    const series = seriesCaption(t, r);
    const point = (measure: string, share: number | null) =>
      share === null || share === 0
        ? []
        : [{ measure, series, period: r.period, end: r.period_end, share, providers_named: r.providers_named, fact_ids: r.fact_ids }];
    return [...point(BIG_THREE_LABEL, r.big_three_share), ...point(t.blocLabel("china_led"), r.china_led_share)];
  });
  return {
    ...base,
    title: concentrationTrendsTitle(rows, t),
    width: 620,
    height: 280,
    data: { values },
    mark: LINE,
    encoding: {
      x: timeX("End of period"),
      y: shareAxis("Combined share (%)", 1),
      color: { field: "measure", type: "nominal", title: null },
      strokeDash: { field: "series", type: "nominal", title: "Series", scale: dashScale(values), legend: { labelLimit: 0 } },
      detail: { field: "series", type: "nominal" },
      tooltip: [
        { field: "measure", type: "nominal", title: "Measure" },
        { field: "series", type: "nominal", title: "Series" },
        { field: "period", type: "nominal", title: "Period" },
        { field: "share", type: "quantitative", title: "Share", format: ".1%" },
        { field: "providers_named", type: "quantitative", title: "Providers named" },
      ],
    },
  };
}

/** Alibaba and Huawei: worldwide (Synergy, Gartner) and in mainland China (Canalys), one panel per provider. */
export function chinaLedTrends(rows: readonly Row<"share_series">[], t: ChartTheme): TopLevelSpec {
  const china = trendRows.chinaLed(rows, t);
  const values = china.map((r) => sharePoint(t, r));
  return {
    ...base,
    title: chinaLedTrendsTitle(rows, t),
    data: { values },
    facet: { column: { field: "provider", type: "nominal", title: null, sort: t.providerOrder(china.map((r) => r.provider_id)) } },
    spec: {
      width: 300,
      height: 240,
      mark: LINE,
      encoding: {
        x: timeX("End of period"),
        y: shareAxis(
          "Share (%)",
          values.map((v) => v.share),
        ),
        color: {
          field: "series",
          type: "nominal",
          title: "Series",
          sort: uniq(values.map((v) => v.series)).sort(),
          legend: { labelLimit: 0 },
        },
        tooltip: [...shareTooltip],
      },
    },
  };
}

/** Market size per quarter: Synergy worldwide and Canalys for mainland China (quarters only). */
export function marketSizeTrend(rows: readonly Row<"market_size_series">[], t: ChartTheme): TopLevelSpec {
  const values = trendRows.marketSize(rows).map((r) => ({
    series: seriesCaption(t, r),
    period: r.period,
    end: r.period_end,
    size: r.size / 1e9,
    qualifier: r.qualifier,
    fact_id: r.fact_id,
  }));
  return {
    ...base,
    title: marketSizeTitle(rows, t),
    width: 620,
    height: 280,
    data: { values },
    mark: LINE,
    encoding: {
      x: timeX("End of quarter"),
      y: { field: "size", type: "quantitative", title: "US$ billions" },
      color: { field: "series", type: "nominal", title: "Series", legend: { labelLimit: 0 } },
      tooltip: [
        { field: "series", type: "nominal", title: "Series" },
        { field: "period", type: "nominal", title: "Period" },
        { field: "size", type: "quantitative", title: "US$ billions", format: ".1f" },
        { field: "qualifier", type: "nominal", title: "As printed" },
        { field: "fact_id", type: "nominal", title: "Fact" },
      ],
    },
  };
}
