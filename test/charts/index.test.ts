import { readFileSync } from "node:fs";
import path from "node:path";
import * as vega from "vega";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { chartBuilders, chartPoints, chartSpecs, renderCharts } from "../../pipeline/charts/index.ts";
import { OUTPUT } from "../helpers.ts";
import { recordingLogger, specOf, specs, svgOf, tables, theme } from "../support/charts.ts";

describe("the chart catalogue", () => {
  it("lists every chart, the regional ones only when their tables are present", () => {
    const base = [
      "market_share_by_source",
      "share_dumbbell",
      "share_of_named",
      "bloc_share",
      "footprint",
      "regions_vs_share",
      "geo_claims",
      "battlegrounds",
      "fact_positions",
    ];
    const trends = ["share_trends", "china_led_trends", "concentration_trends", "market_size_trend"];
    expect(specs.map((s) => s.name)).toEqual([...base, "regional_heatmap", "bloc_presence", ...trends]);
    const {
      regional_breakdown: _r,
      bloc_presence: _b,
      share_series: _s,
      concentration_series: _c,
      market_size_series: _m,
      ...without
    } = tables;
    expect(chartSpecs(without, theme).map((s) => s.name)).toEqual(base);
  });

  it("says how many points a chart has before building it only where that count is exact", () => {
    const declared = chartBuilders(tables, theme).filter((b) => b.points !== undefined);
    expect(declared.map((b) => b.name)).toEqual([
      "market_share_by_source",
      "share_dumbbell",
      "share_of_named",
      "bloc_share",
      "regions_vs_share",
      "fact_positions",
      "share_trends",
      "china_led_trends",
      "concentration_trends",
      "market_size_trend",
    ]);
    for (const b of declared) expect(chartPoints(b.build()), b.name).toBe(b.points);
    // The bundled data: 10 market shares (5 providers × 2 firms), the dumbbell's 10 points (5
    // providers × 2 firms), 2 concentration rows × 3 blocs, 10 footprint-vs-share rows, 113 facts;
    // the series: 102 worldwide shares, 42 China-led shares, 31 concentration points, 32 quarterly sizes.
    expect(declared.map((b) => b.points)).toEqual([10, 10, 10, 6, 10, 113, 102, 42, 31, 32]);
  });

  it.each(specs.map((s) => s.name))(
    "%s compiles with Vega-Lite without a single warning, inline data, v5 schema, sans-serif",
    async (name) => {
      const logger = recordingLogger();
      const spec = specOf(name);
      const vg = compile(spec, { logger }).spec;
      expect(logger.messages).toEqual([]);
      // and Vega parses it without warnings too
      const vegaLogger = recordingLogger();
      const view = new vega.View(vega.parse(vg), { renderer: "none", logger: vegaLogger });
      view.finalize();
      expect(vegaLogger.messages).toEqual([]);
      expect(JSON.stringify(spec)).not.toContain('"url"');
      expect((spec as { $schema?: string }).$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect((spec as { config?: { font?: string } }).config?.font).toBe("DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif");
      expect(await svgOf(name)).toContain('font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"');
    },
  );
});

describe("renderCharts", () => {
  it("writes .vl.json + .svg per chart, the bytes of output/charts, and no PNG without fonts", async () => {
    const a = await renderCharts(tables);
    expect([...a.keys()].filter((k) => k.endsWith(".png"))).toEqual([]);
    expect([...a.keys()].slice(0, 4)).toEqual([
      "charts/market_share_by_source.vl.json",
      "charts/market_share_by_source.svg",
      "charts/share_dumbbell.vl.json",
      "charts/share_dumbbell.svg",
    ]);
    expect(a.size).toBe(2 * specs.length);
    for (const [rel, bytes] of a) expect(bytes, rel).toBe(readFileSync(path.join(OUTPUT, rel), "utf8"));
    const spec = JSON.parse(a.get("charts/market_share_by_source.vl.json") as string) as {
      vconcat: Array<{ data: { values: Array<{ share: number; fact_id: string }> } }>;
    };
    expect(spec.vconcat[0]?.data.values.find((v) => v.fact_id === "gartner-share-aws")?.share).toBe(0.377);
  });

  it("skips a chart over the point budget and says so", async () => {
    const skipped: Array<{ name: string; points: number; maxPoints: number }> = [];
    const files = await renderCharts(tables, { maxPoints: 10, onSkip: (k) => skipped.push(k) });
    expect(skipped).toEqual([
      { name: "geo_claims", points: 33, maxPoints: 10 },
      { name: "battlegrounds", points: 18, maxPoints: 10 },
      { name: "fact_positions", points: 113, maxPoints: 10 },
      { name: "regional_heatmap", points: 48, maxPoints: 10 },
      { name: "bloc_presence", points: 16, maxPoints: 10 },
      { name: "share_trends", points: 102, maxPoints: 10 },
      { name: "china_led_trends", points: 42, maxPoints: 10 },
      { name: "concentration_trends", points: 31, maxPoints: 10 },
      { name: "market_size_trend", points: 32, maxPoints: 10 },
    ]);
    expect([...files.keys()].filter((k) => k.endsWith(".svg"))).toEqual(
      ["market_share_by_source", "share_dumbbell", "share_of_named", "bloc_share", "footprint", "regions_vs_share"].map(
        (n) => `charts/${n}.svg`,
      ),
    );
  });
});
