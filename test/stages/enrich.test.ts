import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestBy } from "../../pipeline/stages/enrich.ts";
import { periodSortKey } from "../../pipeline/periods.ts";
import { realTables } from "../helpers.ts";

const t = realTables();
const fp = (p: string) => t.footprint.find((r) => r.provider_id === p)!;

describe("enrich: footprint", () => {
  it("gives Alibaba 89 availability zones over 29 regions, 3.07 per region", () => {
    expect(fp("alibaba")).toMatchObject({ regions: 29, availability_zones: 89, az_per_region: 3.07, regions_qualifier: "exact", fact_ids: "alibaba-regions;alibaba-availability-zones" });
  });

  it("gives Huawei 101 zones over 34 regions", () => {
    expect(fp("huawei")).toMatchObject({ regions: 34, availability_zones: 101, az_per_region: 2.97 });
  });

  it("keeps Azure's region count a lower bound with no AZ figure", () => {
    expect(fp("azure")).toMatchObject({ regions: 70, regions_qualifier: "over", regions_listed: 55, availability_zones: null, az_per_region: null, regions_attributed_to: "microsoft" });
  });

  it("has Google at 42 and AWS at 38 regions, and no article figure for Oracle", () => {
    expect(fp("gcp").regions).toBe(42);
    expect(fp("aws").regions).toBe(38);
    expect(fp("oracle").regions_source).not.toBe("article");
  });

  it("computes regions per point of market share", () => {
    const r = (p: string, s: string) => t.footprint_vs_share.find((x) => x.provider_id === p && x.source_id === s)!;
    expect(r("huawei", "synergy")).toMatchObject({ regions: 34, share: 0.02, regions_per_share_point: 17 });
    expect(r("aws", "gartner").regions_per_share_point).toBe(1.01);
    expect(r("azure", "synergy")).toMatchObject({ regions_per_share_point: 3.5, regions_qualifier: "over" });
  });
});

describe("enrich: the article's geography", () => {
  it("expands Huawei's regions to macro-regions, keeping the named countries", () => {
    const huawei = t.geo_claims.filter((g) => g.subject_id === "huawei" && g.relation === "regions_in");
    expect(huawei.map((g) => [g.country, g.macro_geo])).toEqual([
      ["IE", "europe"],
      ["ZA", "africa"],
      ["MX", "latin_america"],
    ]);
    const absent = t.geo_claims.filter((g) => g.subject_id === "huawei" && g.relation === "regions_absent_from").map((g) => g.macro_geo);
    expect(absent).toEqual(["north_america", "europe"]);
  });

  it("reads the article's 'Asia' as Asia Pacific plus mainland China", () => {
    const asia = t.geo_claims.filter((g) => g.fact_id === "alibaba-regions-in-asia").map((g) => g.macro_geo);
    expect(asia).toEqual(["asia_pacific", "china_mainland"]);
  });

  it("marks the article's three battlegrounds and who is said to lead where", () => {
    const bg = (g: string) => t.battlegrounds.find((b) => b.macro_geo === g)!;
    expect(t.battlegrounds.filter((b) => b.is_battleground).map((b) => b.macro_geo).sort()).toEqual(["asia_pacific", "latin_america", "middle_east"]);
    expect(bg("north_america")).toMatchObject({ us_led_lead: true, is_battleground: false, china_led_growth: false });
    expect(bg("middle_east")).toMatchObject({ is_battleground: true, china_led_growth: true, us_led_lead: true, less_aligned_with_us: true });
    expect(bg("africa")).toMatchObject({ is_battleground: false, china_led_growth: true });
    expect(bg("oceania")).toMatchObject({ is_battleground: false, china_led_growth: false, us_led_lead: false, fact_ids: null });
  });
});

describe("latestBy: each group's latest item, in one pass", () => {
  // The reference is what latestBy did before: a stable sort by period (then the tie-break), and a
  // Map filled in that order. The one-pass version must give the same entries in the same order.
  const reference = <T>(items: readonly T[], group: (t: T) => string, period: (t: T) => string, tie?: (t: T) => string) =>
    new Map([...items].sort((a, b) => periodSortKey(period(a)).localeCompare(periodSortKey(period(b))) || (tie ? tie(a).localeCompare(tie(b)) : 0)).map((t) => [group(t), t]));
  it("gives the sort-based answer on any items: groups, periods (years, quarters, halves, months), ties and duplicates", () => {
    const item = fc.record({ g: fc.constantFrom("aws", "azure", "gcp", "x\u0000y"), p: fc.constantFrom("2024", "2024-Q1", "2024-Q4", "2024-H1", "2024-H2", "2024-03", "2024-12", "2025", "2025-Q2", ""), t: fc.constantFrom("f-1", "f-2", "F-3", "f-10") });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.boolean(), (items, withTie) => {
        const tie = withTie ? (x: (typeof items)[number]) => x.t : undefined;
        const ours = latestBy(items, (x) => x.g, (x) => x.p, tie);
        const ref = reference(items, (x) => x.g, (x) => x.p, tie);
        expect([...ours.keys()]).toEqual([...ref.keys()]);
        for (const [k, v] of ref) expect(ours.get(k)).toBe(v); // the same object, not an equal one
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
