import { describe, expect, it } from "vitest";
import { realTables } from "../helpers.ts";

const t = realTables();
const fp = (p: string) => t.footprint.find((r) => r.provider_id === p)!;

describe("enrich: footprint", () => {
  it("gives Alibaba 89 availability zones over 29 regions, 89/29 per region to 12 significant digits", () => {
    expect(fp("alibaba")).toMatchObject({
      regions: 29,
      availability_zones: 89,
      az_per_region: 3.06896551724,
      regions_qualifier: "exact",
      fact_ids: "alibaba-regions;alibaba-availability-zones",
    });
  });

  it("gives Huawei 101 zones over 34 regions", () => {
    expect(fp("huawei")).toMatchObject({ regions: 34, availability_zones: 101, az_per_region: 2.97058823529 });
  });

  it("keeps Azure's region count a lower bound with no AZ figure", () => {
    expect(fp("azure")).toMatchObject({
      regions: 70,
      regions_qualifier: "over",
      regions_listed: 55,
      availability_zones: null,
      az_per_region: null,
      regions_attributed_to: "microsoft",
    });
  });

  it("has Google at 42 and AWS at 38 regions, and no article figure for Oracle", () => {
    expect(fp("gcp").regions).toBe(42);
    expect(fp("aws").regions).toBe(38);
    expect(fp("oracle").regions_source).not.toBe("article");
  });

  it("computes regions per point of market share, to 12 significant digits", () => {
    const r = (p: string, s: string) => t.footprint_vs_share.find((x) => x.provider_id === p && x.source_id === s)!;
    expect(r("huawei", "synergy")).toMatchObject({ regions: 34, share: 0.02, regions_per_share_point: 17 });
    expect(r("aws", "gartner").regions_per_share_point).toBe(1.00795755968);
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

  it("marks the article's three battlegrounds, and keeps every other relation in its own column, in the article's words", () => {
    const bg = (g: string) => t.battlegrounds.find((b) => b.macro_geo === g)!;
    expect(
      t.battlegrounds
        .filter((b) => b.is_battleground)
        .map((b) => b.macro_geo)
        .sort(),
    ).toEqual(["asia_pacific", "latin_america", "middle_east"]);
    expect(t.battlegrounds.filter((b) => b.us_led_leads !== null).map((b) => [b.macro_geo, b.us_led_leads])).toEqual([
      ["north_america", "US"],
      ["europe", "europe"],
    ]);
    expect(bg("europe")).toMatchObject({
      is_battleground: false,
      growth_opportunity: "eastern_europe",
      growth_reported: null,
      less_aligned_with_us: null,
    });
    expect(bg("middle_east")).toMatchObject({
      is_battleground: true,
      us_led_leads: null,
      growth_reported: "middle_east",
      growth_opportunity: "middle_east",
      less_aligned_with_us: "mena",
      leans_to_western: "middle_east",
    });
    expect(bg("africa")).toMatchObject({
      is_battleground: false,
      growth_reported: "africa",
      growth_opportunity: "africa",
      less_aligned_with_us: "mena",
    });
    expect(bg("china_mainland")).toMatchObject({ is_battleground: false, growth_opportunity: "china_mainland", growth_reported: null });
    expect(bg("oceania")).toMatchObject({ is_battleground: false, growth_reported: null, us_led_leads: null, fact_ids: null });
  });

  it("reads Eastern Europe, MENA and South America as their own country lists, not whole macro-regions", () => {
    const geo = (id: string) => t.geographies.find((g) => g.geo_id === id)!;
    expect(geo("eastern_europe")).toMatchObject({
      kind: "composite",
      macro_geos: "europe",
      countries: "BG;BY;CZ;HU;MD;PL;RO;RU;SK;UA",
      definition: "world-countries subregion Eastern Europe; plus BG, CZ, HU, PL, RO, SK",
    });
    expect(geo("mena")).toMatchObject({ macro_geos: "middle_east;africa", country_count: 22 });
    expect(geo("mena").countries!.split(";")).toEqual(expect.arrayContaining(["EG", "IR", "MA", "SA", "TR"]));
    expect(geo("mena").countries!.split(";")).not.toContain("GE");
    expect(geo("south_america")).toMatchObject({ country_count: 14, macro_geos: "latin_america" });
    expect(geo("south_america").countries!.split(";")).not.toContain("MX");
    expect(geo("europe").country_count).toBe(53);
  });
});
