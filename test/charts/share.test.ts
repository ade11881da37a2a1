import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chartPoints } from "../../pipeline/charts/index.ts";
import { shareDumbbell, shareDumbbellPoints } from "../../pipeline/charts/share.ts";
import { BLOC_COLORS } from "../../pipeline/charts/theme.ts";
import { markGroups, marks, svgOf, tables, theme } from "../support/charts.ts";

describe("market-share charts", () => {
  it("market share: one bar per provider and source (5 × 2), Gartner's AWS at 37.7%", async () => {
    const bars = marks(await svgOf("market_share_by_source"), "bar");
    expect(bars).toHaveLength(10);
    expect(bars.filter((b) => b.label.includes("Source: Gartner · IaaS · 2024"))).toHaveLength(5);
    expect(bars.filter((b) => b.label.includes("Source: Synergy Research Group · cloud infrastructure services · 2025-Q2"))).toHaveLength(
      5,
    );
    expect(bars.find((b) => b.label.includes("Fact: gartner-share-aws"))?.label).toContain("Share: 37.7%");
    expect(bars.find((b) => b.label.includes("Fact: synergy-share-huawei"))?.label).toContain("Share: 2.0%");
  });

  it("dumbbell: 5 rules and 10 points, Google the only provider Synergy puts higher", async () => {
    const svg = await svgOf("share_dumbbell");
    expect(markGroups(svg, "rule")).toBe(1);
    const rules = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? "";
    expect(rules.match(/<line /g) ?? []).toHaveLength(5);
    const points = marks(svg, "point");
    expect(points).toHaveLength(10);
    const google = points.filter((p) => p.label.includes("Provider: Google Cloud"));
    expect(google.map((p) => /Share: ([\d.]+%)/.exec(p.label)?.[1]).sort()).toEqual(["13.0%", "9.0%"]);
    expect(google.map((p) => /Gap \(pp, second − first\): ([^;]+)/.exec(p.label)?.[1])).toEqual(["−4.0", "−4.0"]);
    // the firms' colours, in sources.yaml's order of research firms
    expect(points.filter((p) => p.label.includes("Source: Synergy")).map((p) => p.fill)).toEqual(Array(5).fill("#4c4c4c"));
    expect(points.filter((p) => p.label.includes("Source: Gartner")).map((p) => p.fill)).toEqual(Array(5).fill("#c08a00"));
  });

  it("share of named: stacked segments (5 × 2), AWS 46.0% of Gartner's named total", async () => {
    const bars = marks(await svgOf("share_of_named"), "bar");
    expect(bars).toHaveLength(10);
    expect(bars.find((b) => b.label.includes("Provider: AWS") && b.label.includes("Gartner"))?.label).toContain("Share of named: 46.0%");
  });

  it("bloc share: three segments per source in the bloc colours", async () => {
    const bars = marks(await svgOf("bloc_share"), "bar");
    expect(bars).toHaveLength(6);
    const synergy = bars.filter((b) => b.label.includes("Synergy"));
    expect(synergy.map((b) => [/Bloc: ([^;]+)/.exec(b.label)?.[1], /Share: ([\d.]+%)/.exec(b.label)?.[1], b.fill])).toEqual([
      ["US-led", "63.0%", BLOC_COLORS.us_led],
      ["China-led", "6.0%", BLOC_COLORS.china_led],
      ["Not named by the source", "31.0%", BLOC_COLORS.others],
    ]);
  });
});

describe("shareDumbbellPoints (the count a chart over the budget is skipped by, without building it)", () => {
  it("is the number of points shareDumbbell draws, for any comparison rows", () => {
    const share = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
    const row = fc.record({
      provider_id: fc.constantFrom("aws", "azure", "newco"),
      share_a: share,
      share_b: share,
      comparison: fc.constantFrom("cross_source" as const, "period_over_period" as const),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (parts) => {
        const rows = parts.map((p) => ({ ...tables.share_comparison[0]!, ...p, delta_pp: null }));
        expect(shareDumbbellPoints(rows)).toBe(chartPoints(shareDumbbell(rows, theme)));
      }),
    );
  });
});
