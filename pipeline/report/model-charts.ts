/** The charts part of the report's model: each chart's title, alt text and the table with its figures. */
import { TABLES, type TableName } from "../schema/tables.ts";
import type { SkippedChart } from "../charts/index.ts";
import type { ReportChart } from "./input.ts";

/** What each chart shows, for its alt text (the numbers are in the table it names). */
const CHART_NOTES: Readonly<Record<string, { alt: string; table: TableName }>> = {
  market_share_by_source: {
    alt: "Horizontal bar chart: each provider's market share, one panel per research firm.",
    table: "market_share",
  },
  share_dumbbell: {
    alt: "Dumbbell chart: each provider's share under the two research firms, joined by a line showing the gap.",
    table: "share_comparison",
  },
  share_of_named: { alt: "Bar chart: each provider's share among the providers each firm names, rescaled to 100%.", table: "market_share" },
  bloc_share: {
    alt: "Stacked bar chart: US-led, China-led and unattributed share of each research firm's market.",
    table: "concentration",
  },
  footprint: {
    alt: "Bar chart: cloud regions and availability zones per provider as the article gives them, lower bounds marked.",
    table: "footprint",
  },
  regions_vs_share: { alt: "Scatter plot: regions per provider against its market share, per research firm.", table: "footprint_vs_share" },
  geo_claims: { alt: "Dot matrix: the article's geography claims per subject and macro-region, coloured by bloc.", table: "geo_claims" },
  battlegrounds: {
    alt: "Matrix of squares: which statements the article and its analysts make about each macro-region, one column per statement; an open square where the statement names only part of the macro-region.",
    table: "battlegrounds",
  },
  fact_positions: {
    alt: "Range chart: where in the article each fact's quote sits, as code-point offsets, per kind of claim, coloured by who says it.",
    table: "facts",
  },
  regional_heatmap: {
    alt: "Heatmap: cloud regions per provider and macro-region in the region catalog (every status), the article's battlegrounds starred.",
    table: "regional_breakdown",
  },
  bloc_presence: {
    alt: "Bar chart: regions of the US-led and the China-led providers per macro-region (every status), the article's battlegrounds starred.",
    table: "bloc_presence",
  },
  share_trends: {
    alt: "Line chart: each provider's worldwide share over time, Synergy's quarterly series solid and Gartner's yearly series dashed.",
    table: "share_series",
  },
  china_led_trends: {
    alt: "Line chart, one panel per provider: Alibaba Cloud's and Huawei Cloud's shares worldwide (Synergy, Gartner) and in mainland China (Canalys).",
    table: "share_series",
  },
  concentration_trends: {
    alt: "Line chart: the big three's combined share and the China-led providers' share over time, per research firm.",
    table: "concentration_series",
  },
  market_size_trend: {
    alt: "Line chart: quarterly market size in US$ billions, worldwide (Synergy) and mainland China (Canalys).",
    table: "market_size_series",
  },
};

/** The charts over time: the report shows them in their own section ("Over time"). */
export const TREND_CHARTS: ReadonlySet<string> = new Set(["share_trends", "china_led_trends", "concentration_trends", "market_size_trend"]);

/** A table a chart's figures are in: its name (for the link) and its title in lower case (for prose). */
export interface ChartTable {
  name: TableName;
  title: string;
}

export interface ChartEntry {
  name: string;
  title: string;
  subtitle: string;
  /** What the chart shows, for people who cannot see it. */
  alt: string;
  table: ChartTable | undefined;
  /** The static SVG's width in px (0 when it has none). */
  width: number;
  /** The static SVG as the charts stage wrote it. */
  svg: string;
}

export interface ChartsModel {
  charts: ChartEntry[];
  /** The charts over time (TREND_CHARTS), shown in the "Over time" section. */
  trends: ChartEntry[];
  /** The Vega-Lite specs the page's script draws, each with its description for assistive tech. */
  specs: Record<string, unknown>;
  skipped: Array<SkippedChart & { table: ChartTable | undefined }>;
}

function titleOf(spec: Record<string, unknown>): { text: string; subtitle: string } {
  const title = spec["title"];
  if (typeof title === "string") return { text: title, subtitle: "" };
  if (title && typeof title === "object") {
    const t = title as { text?: unknown; subtitle?: unknown };
    const lines = (x: unknown): string => (Array.isArray(x) ? x.map(String).join(" ") : typeof x === "string" ? x : "");
    return { text: lines(t.text), subtitle: lines(t.subtitle) };
  }
  return { text: "", subtitle: "" };
}

function tableOf(chart: string): ChartTable | undefined {
  const note = CHART_NOTES[chart];
  return note ? { name: note.table, title: TABLES[note.table].title.toLowerCase() } : undefined;
}

export function chartsModel(charts: readonly ReportChart[], skipped: readonly SkippedChart[] = []): ChartsModel {
  const specs: Record<string, unknown> = {};
  const entries = charts.map((c) => {
    const { text, subtitle } = titleOf(c.spec);
    const table = tableOf(c.name);
    const alt = `${CHART_NOTES[c.name]?.alt ?? text}${table ? ` The figures are in the ${table.title} table.` : ""}`;
    specs[c.name] = { ...c.spec, description: `${text}. ${alt}` };
    const width = Number(/^\s*<svg[^>]*\swidth="([\d.]+)"/.exec(c.svg)?.[1] ?? "");
    return { name: c.name, title: text, subtitle, alt, table, width, svg: c.svg };
  });
  return {
    charts: entries.filter((e) => !TREND_CHARTS.has(e.name)),
    trends: entries.filter((e) => TREND_CHARTS.has(e.name)),
    specs,
    skipped: skipped.map((k) => ({ ...k, table: tableOf(k.name) })),
  };
}
