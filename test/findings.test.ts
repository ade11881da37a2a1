/** pipeline/findings.ts: the figures the prose states, against the real tables. */
import { describe, expect, it } from "vitest";
import {
  battlegroundsSentence,
  inferredPeriods,
  inferredPeriodsSentence,
  largestShare,
  relationLines,
  providerShareIn,
  providerShareSentence,
  sameRanking,
} from "../pipeline/findings.ts";
import { geoLabel } from "../pipeline/charts/theme.ts";
import { battlegroundFigures, chinaShareSentence } from "../pipeline/findings.ts";
import { realTables } from "./helpers.ts";

const t = realTables();

describe("findings: the figures behind the prose", () => {
  it("names the article's three battlegrounds and the China-led share under each definition", () => {
    const f = battlegroundFigures(t.bloc_presence);
    expect(battlegroundsSentence(f, geoLabel)).toBe("The article names 3 battlegrounds: Latin America, Middle East and Asia-Pacific.");
    expect(chinaShareSentence(f, geoLabel)).toBe(
      "In the article's battlegrounds the China-led providers hold 22.2% (Middle East) to 25% (Latin America) of the regions open to any customer (status general or sovereign), and 23.8% (Latin America) to 25% (Middle East and Asia-Pacific) of the regions counting every status, government and restricted included.",
    );
  });

  it("states Alibaba's mainland-China share with its definition: 14 of 29 public regions, 19 of 34 with every status", () => {
    const s = providerShareIn(t.regions, "alibaba", "china_mainland");
    expect(s).toEqual({ provider_id: "alibaba", macro_geo: "china_mainland", public: { k: 14, n: 29 }, all: { k: 19, n: 34 } });
    expect(providerShareSentence(s, "Alibaba Cloud", "mainland China")).toBe(
      "In the catalog, 14 of 29 (48.3%) of Alibaba Cloud's regions open to any customer (status general or sovereign) are in mainland China; 19 of 34 (55.9%) counting every status, government and restricted included.",
    );
  });

  it("finds the largest share the article quotes, Gartner's 37.7% for AWS, and the same ranking under both firms", () => {
    expect(largestShare(t.market_share)).toMatchObject({ source_id: "gartner", provider_id: "aws", share: 0.377, period: "2024" });
    expect(sameRanking(t.market_share)).toBe(true);
    const swapped = t.market_share.map((r) => (r.source_id === "gartner" && r.provider_id === "gcp" ? { ...r, share: 0.3 } : r));
    expect(sameRanking(swapped)).toBe(false);
  });

  it("counts inferred periods from facts.period_inferred alone", () => {
    const p = inferredPeriods(t.facts);
    expect(p.inferred).toBe(t.facts.filter((f) => f.period_inferred).length);
    expect(inferredPeriodsSentence(p)).toBe(
      "For 100 of 113 facts the period is not printed in the sentence that states the fact: it was read from the article's date or converted (column facts.period_inferred; how, in period_note): 87 dated 2025-H2, 8 dated 2025-Q2, 3 dated 2025-02 and 2 dated 2025-07.",
    );
  });
});

describe("findings: the relations, each on its own line, in the article's words", () => {
  it("lists where each relation applies, naming the part of a macro-region the article means", () => {
    const names = new Map(t.geographies.map((g) => [g.geo_id, g.name]));
    const lines = relationLines(t.battlegrounds, geoLabel, (id) => names.get(id) ?? id);
    expect(lines).toEqual([
      "- **Battleground** (the article): Latin America, Middle East and Asia-Pacific.",
      "- **us_led_leads** (the article says the US hyperscalers will continue to lead (a forecast)): North America (US only) and Europe.",
      "- **growth_reported** (a China-led provider reports realised growth): Latin America, Middle East, Africa and Asia-Pacific.",
      "- **growth_opportunity** (an analyst sees a growth opportunity for the China-led providers (a forecast)): Latin America, Europe (Eastern Europe only), Middle East, Africa and China (mainland).",
      '- **less_aligned_with_us** (an analyst calls it "less aligned with the U.S." (an opinion)): Latin America, Middle East (Middle East and North Africa only) and Africa (Middle East and North Africa only).',
      "- **leans_to_western** (an analyst says it leans toward Western cloud providers): Middle East.",
    ]);
  });
});
