import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BLOC_COLORS,
  PROVIDER_COLORS,
  blocPresence,
  chartSpecs,
  regionalHeatmap,
  type BattlegroundRow,
  type BlocPresenceRow,
  type ChartTables,
  type ConcentrationRow,
  type FactRow,
  type FootprintRow,
  type FootprintVsShareRow,
  type GeoClaimRow,
  type MarketShareRow,
  type RegionalBreakdownRow,
  type ShareComparisonRow,
} from "../../notebooks/lib/charts.ts";
import { chartBuilders, chartPoints, finalizeSpec, renderCharts, renderSvgSync } from "../../pipeline/stages/charts.ts";
import type { Row } from "../../pipeline/schema/tables.ts";
import { realTables } from "../helpers.ts";

// --- helpers ---------------------------------------------------------------------------------

/** A vega logger that records every message at warn level or above (and info, which Vega-Lite
 * uses for dropped channels etc.). */
function recordingLogger(): vega.LoggerInterface & { messages: string[] } {
  const messages: string[] = [];
  const rec = (kind: string) => (...args: readonly unknown[]) => {
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
function marks(svg: string, role: string): Array<{ label: string; fill: string | null; tag: string }> {
  const re = new RegExp(`<(path|line|text)\\b[^>]*aria-roledescription="${role}"[^>]*>`, "g");
  return [...svg.matchAll(re)].map((m) => ({
    tag: m[0],
    label: /aria-label="([^"]*)"/.exec(m[0])?.[1] ?? "",
    fill: /\bfill="([^"]*)"/.exec(m[0])?.[1] ?? null,
  }));
}

function markGroups(svg: string, type: string): number {
  return (svg.match(new RegExp(`<g class="mark-${type} role-mark`, "g")) ?? []).length;
}

/** Regional rows in the colleague's contract, small and hand-made. */
function regionalRows(): RegionalBreakdownRow[] {
  const r = (provider_id: string, macro_geo: string, regions: number, battleground: boolean): RegionalBreakdownRow => ({
    provider_id, macro_geo, regions, availability_zones: null, share_of_provider_regions: null, battleground,
  });
  return [
    r("aws", "north_america", 8, false), r("aws", "middle_east", 3, true), r("aws", "oceania", 0, false),
    r("huawei", "middle_east", 2, true), r("huawei", "china_mainland", 12, false), r("huawei", "north_america", 0, false),
  ];
}
function presenceRows(): BlocPresenceRow[] {
  return [
    { macro_geo: "north_america", us_led_regions: 30, china_led_regions: 1, us_led_providers: "aws;azure;gcp;oracle", china_led_providers: "alibaba", us_led_provider_count: 4, china_led_provider_count: 1, battleground: false },
    { macro_geo: "middle_east", us_led_regions: 12, china_led_regions: 5, us_led_providers: "aws;azure", china_led_providers: "alibaba;huawei", us_led_provider_count: 2, china_led_provider_count: 2, battleground: true },
  ];
}

function tablesWithRegional(): ChartTables {
  const t = realTables() as unknown as ChartTables;
  return { ...t, regional_breakdown: t.regional_breakdown ?? regionalRows(), bloc_presence: t.bloc_presence ?? presenceRows() };
}

const specs = chartSpecs(tablesWithRegional());
const specOf = (name: string): TopLevelSpec => {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(`no chart ${name}`);
  return finalizeSpec(s.spec);
};
const svgCache = new Map<string, string>();
const svgOf = (name: string): string => {
  let svg = svgCache.get(name);
  if (svg === undefined) {
    svg = renderSvgSync(specOf(name));
    svgCache.set(name, svg);
  }
  return svg;
};

// --- tests ----------------------------------------------------------------------------------

describe("chart specs", () => {
  it("lists every chart, the regional ones only when their tables are present", () => {
    const base = ["market_share_by_source", "share_dumbbell", "share_of_named", "bloc_share", "footprint", "regions_vs_share", "geo_claims", "battlegrounds", "fact_positions"];
    expect(specs.map((s) => s.name)).toEqual([...base, "regional_heatmap", "bloc_presence"]);
    const { regional_breakdown: _r, bloc_presence: _b, ...without } = tablesWithRegional();
    expect(chartSpecs(without).map((s) => s.name)).toEqual(base);
  });

  it("says how many points a chart has before building it only where that count is exact", () => {
    const declared = chartBuilders(tablesWithRegional()).filter((b) => b.points !== undefined);
    expect(declared.map((b) => b.name)).toEqual(["market_share_by_source", "share_dumbbell", "share_of_named", "bloc_share", "regions_vs_share", "fact_positions"]);
    for (const b of declared) expect(chartPoints(b.build()), b.name).toBe(b.points);
    // The bundled data: 10 market shares (5 providers × 2 firms), the dumbbell's 10 points (5
    // providers × 2 firms), 2 concentration rows × 3 blocs, 10 footprint-vs-share rows, 68 facts.
    expect(declared.map((b) => b.points)).toEqual([10, 10, 10, 6, 10, 68]);
  });

  it.each(specs.map((s) => s.name))("%s compiles with Vega-Lite without a single warning, inline data, v5 schema, sans-serif", (name) => {
    const logger = recordingLogger();
    const spec = specOf(name);
    const vg = compile(spec, { logger }).spec;
    expect(logger.messages).toEqual([]);
    // and Vega parses it without warnings too
    const view = new vega.View(vega.parse(vg), { renderer: "none", logger: recordingLogger() });
    view.finalize();
    const json = JSON.stringify(spec);
    expect(json).not.toContain('"url"');
    expect((spec as { $schema?: string }).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect((spec as { config?: { font?: string } }).config?.font).toBe("DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif");
    expect(svgOf(name)).toContain('font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"');
  });

  it("the synchronous SVG renderer gives the same bytes as vega's async view.toSVG()", async () => {
    for (const { name } of specs) {
      const view = new vega.View(vega.parse(compile(specOf(name)).spec), { renderer: "none" });
      (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds();
      const expected = await view.toSVG();
      view.finalize();
      expect(svgOf(name), name).toBe(expected);
    }
  });
});

describe("rendered marks", () => {
  it("market share: one bar per provider and source (5 × 2), Gartner's AWS at 37.7%", () => {
    const bars = marks(svgOf("market_share_by_source"), "bar");
    expect(bars).toHaveLength(10);
    expect(bars.filter((b) => b.label.includes("Source: Gartner · IaaS · 2024"))).toHaveLength(5);
    expect(bars.filter((b) => b.label.includes("Source: Synergy Research Group · cloud infrastructure services · 2025-Q2"))).toHaveLength(5);
    expect(bars.find((b) => b.label.includes("Fact: gartner-share-aws"))?.label).toContain("Share: 37.7%");
    expect(bars.find((b) => b.label.includes("Fact: synergy-share-huawei"))?.label).toContain("Share: 2.0%");
  });

  it("dumbbell: 5 rules and 10 points, Google the only provider Synergy puts higher", () => {
    const svg = svgOf("share_dumbbell");
    expect(markGroups(svg, "rule")).toBe(1);
    expect(marks(svg, "rule")).toHaveLength(0); // rules carry no aria-label role; count the lines
    const rules = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
    expect(rules.match(/<line /g) ?? []).toHaveLength(5);
    const points = marks(svg, "point");
    expect(points).toHaveLength(10);
    const google = points.filter((p) => p.label.includes("Provider: Google Cloud"));
    expect(google.map((p) => /Share: ([\d.]+%)/.exec(p.label)?.[1]).sort()).toEqual(["13.0%", "9.0%"]);
    expect(google.every((p) => p.label.includes("Gap (pp, second − first): −4.0"))).toBe(true);
  });

  it("share of named: stacked segments (5 × 2), AWS 46.0% of Gartner's named total", () => {
    const bars = marks(svgOf("share_of_named"), "bar");
    expect(bars).toHaveLength(10);
    expect(bars.find((b) => b.label.includes("Provider: AWS") && b.label.includes("Gartner"))?.label).toContain("Share of named: 46.0%");
  });

  it("bloc share: three segments per source in the bloc colours", () => {
    const bars = marks(svgOf("bloc_share"), "bar");
    expect(bars).toHaveLength(6);
    const synergy = bars.filter((b) => b.label.includes("Synergy"));
    expect(synergy.map((b) => [/Bloc: ([^;]+)/.exec(b.label)?.[1], /Share: ([\d.]+%)/.exec(b.label)?.[1], b.fill])).toEqual([
      ["US-led", "63.0%", BLOC_COLORS["us_led"]],
      ["China-led", "6.0%", BLOC_COLORS["china_led"]],
      ["Not named by the source", "31.0%", BLOC_COLORS["others"]],
    ]);
  });

  it("footprint: Azure's 'over 70' is drawn as a lower bound, not a plain bar", () => {
    const svg = svgOf("footprint");
    const bars = marks(svg, "bar");
    const regionBars = bars.filter((b) => b.label.includes("Measure: Cloud regions"));
    const azure = regionBars.find((b) => b.label.includes("Provider: Microsoft Azure"));
    expect(azure?.label).toContain("As stated: over 70");
    expect(azure?.tag).toContain('fill-opacity="0.35"');
    // every other bar is solid
    expect(bars.filter((b) => b !== azure).every((b) => b.tag.includes('fill-opacity="1"'))).toBe(true);
    // exactly one lower-bound marker (a right-pointing triangle), at Azure, and one "listed" tick (55)
    const symbols = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/gs;
    const triangles = [...svg.matchAll(symbols)].flatMap((m) => (m[1] ?? "").match(/<path [^>]*>/g) ?? []);
    expect(triangles).toHaveLength(1);
    expect(triangles[0]).toContain(`fill="${PROVIDER_COLORS["azure"]}"`);
    const ticks = marks(svg, "tick");
    expect(ticks).toHaveLength(1);
    expect(ticks[0]?.label).toContain("provider: Microsoft Azure; Regions listed: 55");
    expect(svg).toContain(">over 70</text>");
    // availability zones: Alibaba 89, Huawei 101 only
    expect(bars.filter((b) => b.label.includes("Measure: Availability zones")).map((b) => /As stated: (\d+)/.exec(b.label)?.[1])).toEqual(["89", "101"]);
  });

  it("regions vs share: 10 points, Azure's two as lower-bound triangles", () => {
    const points = marks(svgOf("regions_vs_share"), "point");
    expect(points).toHaveLength(10);
    const azure = points.filter((p) => p.label.includes("Provider: Microsoft Azure"));
    expect(azure).toHaveLength(2);
    expect(azure.every((p) => p.label.includes("Regions: over 70"))).toBe(true);
  });

  it("geo claims: one dot per distinct claim and macro-region", () => {
    const t = realTables();
    const distinct = new Set(t.geo_claims.map((g) => `${g.subject_id}|${g.relation}|${g.macro_geo}`));
    const dots = marks(svgOf("geo_claims"), "circle");
    expect(dots).toHaveLength(distinct.size);
    const battle = dots.filter((d) => d.label.includes("Claim: Cloud &amp; AI market: battleground"));
    expect(battle.map((d) => /Macro-region: ([^;]+)/.exec(d.label)?.[1]).sort()).toEqual(["Asia-Pacific", "Latin America", "Middle East"]);
  });

  it("battlegrounds: one square per true statement; the article's three battlegrounds", () => {
    const squares = marks(svgOf("battlegrounds"), "square");
    const t = realTables();
    const flags = t.battlegrounds.flatMap((b) => [b.is_battleground, b.china_led_growth, b.us_led_lead, b.less_aligned_with_us]).filter(Boolean);
    expect(squares).toHaveLength(flags.length);
    expect(squares.filter((s) => s.label.includes("Statement: Battleground (article)")).map((s) => /Macro-region: ([^;]+)/.exec(s.label)?.[1]).sort()).toEqual(["Asia-Pacific", "Latin America", "Middle East"]);
  });

  it("fact positions: one span per fact", () => {
    expect(marks(svgOf("fact_positions"), "rule").length + (svgOf("fact_positions").match(/<line /g) ?? []).length).toBeGreaterThan(0);
    const spec = specOf("fact_positions") as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(realTables().facts.length);
  });

  it("regional heatmap (hand-made rows): one cell per provider × macro-region with regions, ★ on battlegrounds", () => {
    const svg = renderSvgSync(finalizeSpec(regionalHeatmap(regionalRows())));
    const cells = /<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
    expect(cells.match(/<path /g) ?? []).toHaveLength(4); // zeros are left blank
    expect(svg).toContain("Macro-region: Middle East ★");
    expect(svg).toContain("Provider: Huawei Cloud; Macro-region: China (mainland); Regions: 12");
  });

  it("bloc presence (hand-made rows): two bars per macro-region in the bloc colours", () => {
    const bars = marks(renderSvgSync(finalizeSpec(blocPresence(presenceRows()))), "bar");
    expect(bars.map((b) => [/Macro-region: ([^;]+)/.exec(b.label)?.[1], /Regions: (\d+)/.exec(b.label)?.[1], b.fill])).toEqual([
      ["North America", "30", BLOC_COLORS["us_led"]],
      ["North America", "1", BLOC_COLORS["china_led"]],
      ["Middle East ★", "12", BLOC_COLORS["us_led"]],
      ["Middle East ★", "5", BLOC_COLORS["china_led"]],
    ]);
    expect(bars[2]?.label).toContain("Which: AWS, Microsoft Azure");
  });

  it("AWS has the same colour in every chart that shows providers", () => {
    const awsFills = new Map<string, Set<string>>();
    for (const name of ["market_share_by_source", "share_of_named", "footprint", "regions_vs_share"]) {
      const svg = svgOf(name);
      const fills = [...svg.matchAll(/<path [^>]*aria-label="[^"]*Provider: AWS;[^"]*"[^>]*>/g)].map((m) => /\bfill="([^"]*)"/.exec(m[0])?.[1] ?? "");
      expect(fills.length, name).toBeGreaterThan(0);
      awsFills.set(name, new Set(fills));
    }
    expect([...awsFills.values()].map((s) => [...s])).toEqual([["#e8871e"], ["#e8871e"], ["#e8871e"], ["#e8871e"]]);
    expect(PROVIDER_COLORS["aws"]).toBe("#e8871e");
    // the legend of regions_vs_share uses the same colour for AWS
    expect(svgOf("regions_vs_share")).toMatch(/fill="#e8871e"[^>]*>[\s\S]{0,400}?>AWS</);
  });
});

describe("renderCharts", () => {
  it("writes .vl.json + .svg per chart, deterministically, and a PNG only when fonts are given", () => {
    const t = realTables() as unknown as ChartTables;
    const a = renderCharts(t);
    const b = renderCharts(t);
    expect([...a.keys()].filter((k) => k.endsWith(".png"))).toEqual([]);
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect([...a.keys()].slice(0, 4)).toEqual(["charts/market_share_by_source.vl.json", "charts/market_share_by_source.svg", "charts/share_dumbbell.vl.json", "charts/share_dumbbell.svg"]);
    const spec = JSON.parse(a.get("charts/market_share_by_source.vl.json") as string) as { data: { values: Array<{ share: number; fact_id: string }> } };
    expect(spec.data.values.find((v) => v.fact_id === "gartner-share-aws")?.share).toBe(0.377);
  });
});

// --- types: every published table's row fits the chart's row interface ----------------------

describe("row types", () => {
  it("the pipeline's row types are assignable to the chart row interfaces", () => {
    expectTypeOf<Row<"market_share">>().toExtend<MarketShareRow>();
    expectTypeOf<Row<"share_comparison">>().toExtend<ShareComparisonRow>();
    expectTypeOf<Row<"concentration">>().toExtend<ConcentrationRow>();
    expectTypeOf<Row<"footprint">>().toExtend<FootprintRow>();
    expectTypeOf<Row<"footprint_vs_share">>().toExtend<FootprintVsShareRow>();
    expectTypeOf<Row<"geo_claims">>().toExtend<GeoClaimRow>();
    expectTypeOf<Row<"battlegrounds">>().toExtend<BattlegroundRow>();
    expectTypeOf<Row<"facts">>().toExtend<FactRow>();
    expectTypeOf<Row<"regional_breakdown">>().toExtend<RegionalBreakdownRow>();
    expectTypeOf<Row<"bloc_presence">>().toExtend<BlocPresenceRow>();
    // and the interfaces name no column the table lacks
    expectTypeOf<Exclude<keyof MarketShareRow, keyof Row<"market_share">>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof FootprintRow, keyof Row<"footprint">>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof RegionalBreakdownRow, keyof Row<"regional_breakdown">>>().toEqualTypeOf<never>();
    expectTypeOf<Exclude<keyof BlocPresenceRow, keyof Row<"bloc_presence">>>().toEqualTypeOf<never>();
    expect(true).toBe(true);
  });
});
