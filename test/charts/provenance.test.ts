import { describe, expect, it } from "vitest";
import { marks, specOf, svgOf, tables, viewOf } from "../support/charts.ts";

describe("provenance chart", () => {
  it("fact positions: one span per fact, at its quote's offsets", async () => {
    const spec = viewOf(specOf("fact_positions")) as {
      data: { values: Array<{ fact_id: string; char_start: number; char_end: number; attributed_to: string }> };
    };
    expect(spec.data.values).toHaveLength(tables.facts.length);
    const azure = spec.data.values.find((v) => v.fact_id === "azure-regions");
    expect(azure).toMatchObject({ char_start: 1655, char_end: 1685, attributed_to: "Microsoft" });
    const rules = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(await svgOf("fact_positions"))?.[1] ?? "";
    expect((rules.match(/<line /g) ?? []).length + marks(rules, "rule").length).toBe(tables.facts.length);
  });
});
