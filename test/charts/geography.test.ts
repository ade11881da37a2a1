import { describe, expect, it } from "vitest";
import { blocPresence, regionalHeatmap } from "../../pipeline/charts/geography.ts";
import { finalizeSpec, renderSvg } from "../../pipeline/charts/render.ts";
import { BLOC_COLORS } from "../../pipeline/charts/theme.ts";
import { marks, presenceRows, regionalRows, svgOf, tables, theme } from "../support/charts.ts";

describe("geography charts", () => {
  it("geo claims: one dot per distinct claim and macro-region", async () => {
    const distinct = new Set(tables.geo_claims.map((g) => `${g.subject_id}|${g.relation}|${g.macro_geo}`));
    const dots = marks(await svgOf("geo_claims"), "circle");
    expect(dots).toHaveLength(distinct.size);
    const battle = dots.filter((d) => d.label.includes("Claim: Cloud &amp; AI market: battleground"));
    expect(battle.map((d) => /Macro-region: ([^;]+)/.exec(d.label)?.[1]).sort()).toEqual(["Asia-Pacific", "Latin America", "Middle East"]);
  });

  it("battlegrounds: one square per statement the article makes about a macro-region; the article's three battlegrounds", async () => {
    const squares = marks(await svgOf("battlegrounds"), "point");
    const statements = tables.battlegrounds.flatMap((b) =>
      [b.is_battleground, b.us_led_leads, b.growth_reported, b.growth_opportunity, b.less_aligned_with_us, b.leans_to_western].filter(
        (v) => v !== false && v !== null,
      ),
    );
    expect(squares).toHaveLength(statements.length);
    const where = (statement: string) =>
      squares
        .filter((s) => s.label.includes(`Statement: ${statement}`))
        .map((s) => /Macro-region: ([^;]+)/.exec(s.label)?.[1])
        .sort();
    expect(where("Battleground (the article)")).toEqual(["Asia-Pacific", "Latin America", "Middle East"]);
    expect(where("US-led keep leading (article)")).toEqual(["Europe", "North America"]);
    const europe = squares.find((s) => s.label.includes("Macro-region: Europe; Statement: Growth opportunity"));
    expect(europe?.label).toContain("As the article names it: Eastern Europe");
    expect(europe?.fill).toBeNull(); // an open square: Eastern Europe is part of Europe
    const battle = squares.find((s) => s.label.includes("Macro-region: Middle East; Statement: Battleground"));
    expect(battle?.fill).toBe("#333333");
  });

  it("regional heatmap (hand-made rows): a cell per provider × macro-region, zero as 0, missing as – on grey, ★ on battlegrounds", async () => {
    const svg = await renderSvg(finalizeSpec(regionalHeatmap(regionalRows(), theme)));
    const layers = [...svg.matchAll(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)].map((m) => m[1] ?? "");
    // 2 providers × 4 macro-regions: 6 rows (2 of them zero) in the blues, 2 cells the rows do not have in grey
    expect(layers.map((l) => (l.match(/<path /g) ?? []).length)).toEqual([6, 2]);
    expect(layers[1]).toContain('fill="#d9d9d9"');
    expect(layers[1]).toContain("Provider: AWS; Macro-region: China (mainland); Regions (not in the catalog): –");
    expect(layers[1]).toContain("Provider: Huawei Cloud; Macro-region: Oceania");
    const texts = [...(/<g class="mark-text role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? "").matchAll(/>([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(texts.sort()).toEqual(["0", "0", "12", "2", "3", "8", "–", "–"]);
    expect(svg).toContain("– on grey = not in the catalog (missing, not zero)");
    expect(svg).toContain("Macro-region: Middle East ★");
    expect(svg).toContain("Provider: Huawei Cloud; Macro-region: China (mainland); Regions: 12");
  });

  it("bloc presence (hand-made rows): two bars per macro-region in the bloc colours", async () => {
    const bars = marks(await renderSvg(finalizeSpec(blocPresence(presenceRows(), theme))), "bar");
    expect(bars.map((b) => [/Macro-region: ([^;]+)/.exec(b.label)?.[1], /Regions: (\d+)/.exec(b.label)?.[1], b.fill])).toEqual([
      ["North America", "30", BLOC_COLORS.us_led],
      ["North America", "1", BLOC_COLORS.china_led],
      ["Middle East ★", "12", BLOC_COLORS.us_led],
      ["Middle East ★", "5", BLOC_COLORS.china_led],
    ]);
    expect(bars[2]?.label).toContain("Which: AWS, Microsoft Azure");
  });
});
