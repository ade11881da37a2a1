import { describe, expect, it } from "vitest";
import { marks, specOf, svgOf, tables, viewOf } from "../support/charts.ts";

describe("the charts over time", () => {
  it("worldwide shares: one point per share_series row, AWS's Synergy Q4 2025 at 28.0% and Gartner 2019 at 44.6%", async () => {
    const points = marks(await svgOf("share_trends"), "point");
    expect(points).toHaveLength(102);
    const aws = points.filter((p) => p.label.includes("Provider: AWS"));
    expect(aws.find((p) => p.label.includes("Period: 2025-Q4"))?.label).toContain("Share: 28.0%");
    expect(aws.find((p) => p.label.includes("Period: 2019;"))?.label).toContain("Share: 44.6%");
  });

  it("China-led: Alibaba and Huawei in three series, Alibaba's China share 33.0% in Q1 2025", async () => {
    const points = marks(await svgOf("china_led_trends"), "point");
    expect(points).toHaveLength(42);
    const q = points.find((p) => p.label.includes("Provider: Alibaba Cloud") && p.label.includes("Period: 2025-Q1"));
    expect(q?.label).toContain("Share: 33.0%");
  });

  it("concentration: the big three at 62.0% in Synergy's Q3 2025; market size at $119.1 billion in Q4 2025", async () => {
    const c = marks(await svgOf("concentration_trends"), "point");
    expect(c).toHaveLength(31);
    expect(c.find((p) => p.label.includes("Period: 2025-Q3") && p.label.includes("AWS + Azure"))?.label).toContain("Share: 62.0%");
    const m = marks(await svgOf("market_size_trend"), "point");
    expect(m).toHaveLength(32);
    expect(m.find((p) => p.label.includes("Period: 2025-Q4"))?.label).toContain("US$ billions: 119.1");
  });
});

describe("the trend charts' footers credit the figures the chart draws, and no others", () => {
  const footer = (name: string): string => (viewOf(specOf(name)) as { title: { text: string[] } }).title.text.join(" ");
  /** How many pages the figures of these rows were read on. */
  const pages = (rows: ReadonlyArray<{ fact_ids: string | null }>): number => {
    const ids = new Set(rows.flatMap((r) => (r.fact_ids ?? "").split(";")));
    return new Set((tables.cited_facts ?? []).filter((f) => ids.has(f.fact_id)).map((f) => f.citation_id)).size;
  };

  it("worldwide charts name Gartner and Synergy; the market size names Canalys and Synergy (quarters only); the China-led chart all three", () => {
    const world = (tables.share_series ?? []).filter((r) => r.geography === "world");
    expect(footer("share_trends")).toMatch(
      new RegExp(`^Source: ${pages(world)} published reports of Gartner and Synergy Research Group figures, `),
    );
    const quarters = (tables.market_size_series ?? []).filter((r) => /-Q\d$/.test(r.period));
    expect(footer("market_size_trend")).toMatch(
      new RegExp(`^Source: ${pages(quarters)} published reports of Canalys and Synergy Research Group figures, `),
    );
    expect(footer("concentration_trends")).toMatch(/^Source: \d+ published reports of Gartner and Synergy Research Group figures, /);
    expect(footer("china_led_trends")).toMatch(/^Source: \d+ published reports of Canalys, Gartner and Synergy Research Group figures, /);
  });
});
