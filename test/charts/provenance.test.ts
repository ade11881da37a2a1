import { describe, expect, it } from "vitest";
import { CLAIM_KINDS } from "../../pipeline/schema/inputs.ts";
import { marks, specOf, svgOf, tables, viewOf } from "../support/charts.ts";

describe("provenance chart", () => {
  it("fact positions: one span per fact, at its quote's offsets, in the row of its kind, coloured by the kind of source that says it", async () => {
    const spec = viewOf(specOf("fact_positions")) as {
      data: {
        values: Array<{
          fact_id: string;
          claim_kind: string;
          char_start: number;
          char_end: number;
          speaker: string;
          attributed_to: string;
          source_kind: string;
        }>;
      };
      encoding: { y: { field: string; sort: string[] } };
    };
    expect(spec.data.values).toHaveLength(tables.facts.length);
    const azure = spec.data.values.find((v) => v.fact_id === "azure-regions");
    expect(azure).toMatchObject({
      char_start: 1655,
      char_end: 1685,
      claim_kind: "figure",
      speaker: "Microsoft",
      attributed_to: "Microsoft",
    });
    const share = spec.data.values.find((v) => v.fact_id === "synergy-share-aws");
    expect(share).toMatchObject({ claim_kind: "figure", speaker: "Fierce Network", attributed_to: "Synergy Research Group" });
    expect(spec.encoding.y).toMatchObject({ field: "claim_kind", sort: [...CLAIM_KINDS] });
    const rules = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(await svgOf("fact_positions"))?.[1] ?? "";
    expect((rules.match(/<line /g) ?? []).length + marks(rules, "rule").length).toBe(tables.facts.length);
  });
});
