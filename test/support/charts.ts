/** Test-only helpers for test/charts/: the real tables' charts, rendered once, and SVG readers. */
import type * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { chartSpecs, chartTheme, finalizeSpec, renderSvg, type ChartTables } from "../../pipeline/charts/index.ts";
import type { Row } from "../../pipeline/schema/tables.ts";
import { realTables } from "../helpers.ts";

export const tables: ChartTables = realTables();
export const theme = chartTheme(tables);
export const specs = chartSpecs(tables, theme);

export function specOf(name: string): TopLevelSpec {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(`no chart ${name}`);
  return finalizeSpec(s.spec);
}

/** A published chart's view (withFooter wraps it as the one item of a vconcat under the title). */
export function viewOf(spec: TopLevelSpec): Record<string, unknown> {
  const view = (spec as { vconcat?: Array<Record<string, unknown>> }).vconcat?.[0];
  if (!view) throw new Error("not a published chart (no vconcat view)");
  return view;
}

const svgs = new Map<string, Promise<string>>();
/** The chart's SVG as the pipeline draws it (rendered once per test file). */
export function svgOf(name: string): Promise<string> {
  let svg = svgs.get(name);
  if (svg === undefined) {
    svg = renderSvg(specOf(name));
    svgs.set(name, svg);
  }
  return svg;
}

/** A vega logger that records every message at info level or above (Vega-Lite reports dropped channels as info). */
export function recordingLogger(): vega.LoggerInterface & { messages: string[] } {
  const messages: string[] = [];
  const rec =
    (kind: string) =>
    (...args: readonly unknown[]) => {
      messages.push(`${kind}: ${args.map(String).join(" ")}`);
      return logger;
    };
  const logger = {
    messages,
    level(): never {
      return logger as never;
    },
    error: rec("error"),
    warn: rec("warn"),
    info: rec("info"),
    debug: () => logger,
  } as unknown as vega.LoggerInterface & { messages: string[] };
  return logger;
}

/** The aria-labelled marks of one role ("bar", "point", "tick", "circle", "square", "rule"...). */
export function marks(svg: string, role: string): Array<{ label: string; fill: string | null; tag: string }> {
  const re = new RegExp(`<(path|line|text)\\b[^>]*aria-roledescription="${role}"[^>]*>`, "g");
  return [...svg.matchAll(re)].map((m) => ({
    tag: m[0],
    label: /aria-label="([^"]*)"/.exec(m[0])?.[1] ?? "",
    fill: /\bfill="([^"]*)"/.exec(m[0])?.[1] ?? null,
  }));
}

export function markGroups(svg: string, type: string): number {
  return (svg.match(new RegExp(`<g class="mark-${type} role-mark`, "g")) ?? []).length;
}

/** Regional rows, small and hand-made. */
export function regionalRows(): Array<Row<"regional_breakdown">> {
  const r = (
    provider_id: string,
    macro_geo: Row<"regional_breakdown">["macro_geo"],
    regions: number,
    battleground: boolean,
  ): Row<"regional_breakdown"> =>
    ({
      provider_id,
      macro_geo,
      regions,
      availability_zones: null,
      share_of_provider_regions: null,
      battleground,
    }) as Row<"regional_breakdown">;
  return [
    r("aws", "north_america", 8, false),
    r("aws", "middle_east", 3, true),
    r("aws", "oceania", 0, false),
    r("huawei", "middle_east", 2, true),
    r("huawei", "china_mainland", 12, false),
    r("huawei", "north_america", 0, false),
  ];
}

export function presenceRows(): Array<Row<"bloc_presence">> {
  return [
    {
      macro_geo: "north_america",
      us_led_regions: 30,
      china_led_regions: 1,
      us_led_providers: "aws;azure;gcp;oracle",
      china_led_providers: "alibaba",
      us_led_provider_count: 4,
      china_led_provider_count: 1,
      battleground: false,
    },
    {
      macro_geo: "middle_east",
      us_led_regions: 12,
      china_led_regions: 5,
      us_led_providers: "aws;azure",
      china_led_providers: "alibaba;huawei",
      us_led_provider_count: 2,
      china_led_provider_count: 2,
      battleground: true,
    },
  ] as Array<Row<"bloc_presence">>;
}
