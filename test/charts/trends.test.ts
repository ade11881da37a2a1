import { describe, expect, it } from "vitest";
import { marks, svgOf } from "../support/charts.ts";

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
