import { describe, expect, it } from "vitest";
import { footprint } from "../../pipeline/charts/footprint.ts";
import { marks, svgOf, tables, theme } from "../support/charts.ts";

const subtitle = (spec: object): unknown => (spec as { title: { subtitle: unknown } }).title.subtitle;

describe("footprint charts", () => {
  it("footprint: Azure's 'over 70' is drawn as a lower bound, not a plain bar", async () => {
    const svg = await svgOf("footprint");
    const bars = marks(svg, "bar");
    const regionBars = bars.filter((b) => b.label.includes("Measure: Cloud regions"));
    const azure = regionBars.find((b) => b.label.includes("Provider: Microsoft Azure"));
    expect(azure?.label).toContain("As stated: over 70");
    expect(azure?.tag).toContain('fill-opacity="0.35"');
    expect(bars.filter((b) => b !== azure).map((b) => /fill-opacity="([^"]*)"/.exec(b.tag)?.[1])).toEqual(Array(bars.length - 1).fill("1"));
    // exactly one lower-bound marker (a right-pointing triangle), at Azure, in Azure's colour, and one "listed" tick (55)
    const symbols = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/gs;
    const triangles = [...svg.matchAll(symbols)].flatMap((m) => (m[1] ?? "").match(/<path [^>]*>/g) ?? []);
    expect(triangles).toHaveLength(1);
    expect(triangles[0]).toContain('fill="#0072b2"');
    const ticks = marks(svg, "tick");
    expect(ticks).toHaveLength(1);
    expect(ticks[0]?.label).toContain("provider: Microsoft Azure; Regions listed: 55");
    expect(svg).toContain(">over 70</text>");
    // availability zones: Alibaba 89, Huawei 101 only
    expect(bars.filter((b) => b.label.includes("Measure: Availability zones")).map((b) => /As stated: (\d+)/.exec(b.label)?.[1])).toEqual([
      "89",
      "101",
    ]);
  });

  it("footprint's subtitle gives the lower bound and the listed count from the table", () => {
    expect(subtitle(footprint(tables.footprint, theme))).toEqual([
      '▶ marks a lower bound (Azure claims "over 70" regions); | marks the regions the article lists (Azure: 55)',
      '"(catalog)": the article gives no count, so the region catalog\'s count is shown',
    ]);
    const changed = tables.footprint.map((r) =>
      r.provider_id === "azure" ? { ...r, regions: 80, regions_qualifier: "at_least" as const, regions_listed: null } : r,
    );
    expect(subtitle(footprint(changed, theme))).toEqual([
      '▶ marks a lower bound (Azure claims "at least 80" regions)',
      '"(catalog)": the article gives no count, so the region catalog\'s count is shown',
    ]);
    const plain = tables.footprint.map((r) => ({
      ...r,
      regions_qualifier: null,
      regions_listed: null,
      regions_source: "article" as const,
    }));
    expect(subtitle(footprint(plain, theme))).toEqual([]);
  });

  it("regions vs share: 10 points, Azure's two as lower-bound triangles", async () => {
    const points = marks(await svgOf("regions_vs_share"), "point");
    expect(points).toHaveLength(10);
    const azure = points.filter((p) => p.label.includes("Provider: Microsoft Azure"));
    expect(azure.map((p) => /Regions: ([^;]+)/.exec(p.label)?.[1])).toEqual(["over 70", "over 70"]);
  });
});
