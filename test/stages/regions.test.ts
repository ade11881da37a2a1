import { describe, expect, it } from "vitest";
import { silentContext } from "../../pipeline/stages/context.ts";
import { compareFigure } from "../../pipeline/stages/claims-check.ts";
import { computeTables } from "../../pipeline/run.ts";
import { realInputs, realTables, withFiles } from "../helpers.ts";

const t = realTables();
const region = (p: string) => t.regions.filter((r) => r.provider_id === p);
const breakdown = (p: string, g: string) => t.regional_breakdown.find((r) => r.provider_id === p && r.macro_geo === g)!;
const bloc = (g: string) => t.bloc_presence.find((r) => r.macro_geo === g)!;
/** claims_check for one fact: its verdict and the catalog figure per definition. */
const check = (fact: string) => {
  const rows = t.claims_check.filter((r) => r.fact_id === fact);
  return {
    verdict: [...new Set(rows.map((r) => r.verdict))],
    value: Object.fromEntries(rows.map((r) => [r.definition, r.catalog_value])),
    holds: Object.fromEntries(rows.map((r) => [r.definition, r.holds])),
  };
};

describe("regions: the catalog", () => {
  it("has 265 regions: AWS 38, Azure 69, Google 42, Alibaba 34, Huawei 33, Oracle 49", () => {
    expect(t.regions).toHaveLength(265);
    expect(["aws", "azure", "gcp", "alibaba", "huawei", "oracle"].map((p) => region(p).length)).toEqual([38, 69, 42, 34, 33, 49]);
  });

  it("puts 14 of Alibaba's public regions in mainland China (19 with the finance and government clouds); Hong Kong is not mainland", () => {
    const mainland = region("alibaba").filter((r) => r.macro_geo === "china_mainland");
    expect(mainland.filter((r) => r.status === "general" || r.status === "sovereign")).toHaveLength(14);
    expect(mainland).toHaveLength(19);
    expect(region("alibaba").find((r) => r.region_code === "cn-hongkong")).toMatchObject({ country: "HK", macro_geo: "asia_pacific" });
  });

  it("has Huawei regions in Ireland, South Africa and Mexico", () => {
    const codes = (c: string) =>
      region("huawei")
        .filter((r) => r.country === c)
        .map((r) => r.region_code);
    expect(codes("IE")).toEqual(["eu-west-101"]);
    expect(codes("ZA")).toEqual(["af-south-1"]);
    expect(codes("MX")).toEqual(["la-north-2", "na-mexico-1"]);
    expect(region("huawei").find((r) => r.region_code === "eu-west-101")).toMatchObject({
      country_name: "Ireland",
      macro_geo: "europe",
      bloc: "china_led",
      city: "Dublin",
    });
  });

  it("counts 42 Google Cloud regions, the article's figure, all general with 127 zones", () => {
    expect(region("gcp")).toHaveLength(42);
    expect(region("gcp").every((r) => r.status === "general")).toBe(true);
    expect(region("gcp").reduce((a, r) => a + (r.availability_zones ?? 0), 0)).toBe(127);
  });

  it("sends Mexico to Latin America and Turkey to the Middle East (geography.yaml overrides)", () => {
    expect(t.regions.find((r) => r.provider_id === "aws" && r.region_code === "mx-central-1")!.macro_geo).toBe("latin_america");
    expect(t.regions.find((r) => r.provider_id === "huawei" && r.region_code === "tr-west-1")!.macro_geo).toBe("middle_east");
  });
});

describe("regions: regional_breakdown", () => {
  it("has every provider × macro-region, zeros included", () => {
    expect(t.regional_breakdown).toHaveLength(48);
    expect(breakdown("huawei", "north_america")).toMatchObject({
      regions: 0,
      availability_zones: null,
      share_of_provider_regions: 0,
      countries: null,
    });
  });

  it("gives Alibaba 19 mainland-China regions, 63 published zones, 19/34 of its catalog regions", () => {
    expect(breakdown("alibaba", "china_mainland")).toMatchObject({
      regions: 19,
      availability_zones: 63,
      share_of_provider_regions: 0.558823529412,
      regions_general: 14,
      regions_restricted: 4,
      regions_government: 1,
      regions_with_az: 18,
      battleground: false,
    });
  });

  it("shows Huawei's three European regions with their statuses: Dublin general, Paris and Moscow restricted", () => {
    expect(breakdown("huawei", "europe")).toMatchObject({
      regions: 3,
      regions_general: 1,
      regions_restricted: 2,
      countries: "FR;IE;RU",
      share_of_provider_regions: 0.0909090909091,
      battleground: false,
    });
  });

  it("marks as battlegrounds the article's three and nothing else: growth regions and Europe are not battlegrounds", () => {
    const flagged = t.regional_breakdown.filter((r) => r.provider_id === "aws" && r.battleground).map((r) => r.macro_geo);
    expect(flagged).toEqual(["latin_america", "middle_east", "asia_pacific"]);
    expect(breakdown("aws", "europe")).toMatchObject({ battleground: false, battleground_fact_ids: null });
    expect(breakdown("aws", "asia_pacific").battleground_fact_ids).toBe("battleground-asia-pacific");
    expect(breakdown("aws", "china_mainland").battleground).toBe(false);
    expect(t.bloc_presence.filter((b) => b.battleground).map((b) => b.macro_geo)).toEqual(flagged);
  });

  it("shares of each provider's regions sum to 1", () => {
    for (const p of t.providers) {
      const s = t.regional_breakdown
        .filter((r) => r.provider_id === p.provider_id)
        .reduce((a, r) => a + (r.share_of_provider_regions ?? 0), 0);
      expect(s, p.provider_id).toBeCloseTo(1, 3);
    }
  });
});

describe("regions: bloc_presence", () => {
  it("has the China-led providers hold 34 of 42 mainland-China regions; AWS and Azure the other 8 through their China partners", () => {
    expect(bloc("china_mainland")).toMatchObject({
      us_led_regions: 8,
      china_led_regions: 34,
      us_led_providers: "aws;azure",
      china_led_providers: "alibaba;huawei",
      china_led_share_of_regions: 0.809523809524,
    });
  });

  it("has only Huawei of the China-led bloc in Africa, and no China-led region in Oceania", () => {
    expect(bloc("africa")).toMatchObject({
      us_led_regions: 5,
      china_led_regions: 2,
      china_led_providers: "huawei",
      china_led_provider_count: 1,
      us_led_provider_count: 4,
      battleground: false,
    });
    expect(bloc("oceania")).toMatchObject({
      us_led_regions: 12,
      china_led_regions: 0,
      china_led_providers: null,
      china_led_share_of_regions: 0,
      battleground: false,
    });
  });

  it("counts North America 47 US-led regions to Alibaba's 2", () => {
    expect(bloc("north_america")).toMatchObject({
      us_led_regions: 47,
      us_led_public_regions: 35,
      china_led_regions: 2,
      china_led_providers: "alibaba",
    });
  });
});

describe("regions: claims_check", () => {
  it("finds AWS's 38 only when the two GovCloud regions count (34 general, 36 public)", () => {
    expect(check("aws-regions")).toEqual({
      verdict: ["depends_on_definition"],
      value: { general: 34, public: 36, non_government: 36, all: 38 },
      holds: { general: false, public: false, non_government: false, all: true },
    });
  });

  it("confirms Google's 42 under every definition", () => {
    expect(check("gcp-regions")).toMatchObject({
      verdict: ["consistent"],
      value: { general: 42, public: 42, non_government: 42, all: 42 },
    });
  });

  it("cannot reach Azure's 'over 70': 69 with government and China regions; the 55 listed match", () => {
    expect(check("azure-regions")).toMatchObject({
      verdict: ["inconsistent"],
      value: { general: 47, public: 53, non_government: 64, all: 69, provider_list: 55 },
    });
    expect(check("azure-regions-listed")).toEqual({
      verdict: ["consistent"],
      value: { provider_list: 55 },
      holds: { provider_list: true },
    });
  });

  it("matches Alibaba's 29 regions as its public regions (general + partner-operated Riyadh)", () => {
    expect(check("alibaba-regions")).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 28, public: 29, non_government: 33, all: 34 },
      holds: { public: true, all: false },
    });
  });

  it("finds 91 zones over Alibaba's 29 public regions, not 89 (89 only without Riyadh)", () => {
    const c = check("alibaba-availability-zones");
    expect(c).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 89, public: 91, non_government: 99, all: 99 },
      holds: { general: true, public: false, all: false },
    });
    expect(t.claims_check.find((r) => r.fact_id === "alibaba-availability-zones" && r.definition === "all")!.catalog_is_lower_bound).toBe(
      true,
    );
  });

  it("reads 'around half in China' as 48.3% of public regions, but 55.9% of all (outside ±10%)", () => {
    expect(check("alibaba-regions-share-in-china")).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 0.5, public: 0.48275862069, non_government: 0.545454545455, all: 0.558823529412 },
      holds: { public: true, all: false },
    });
  });

  it("finds no Alibaba region in Australia (Sydney closed in 2024)", () => {
    expect(check("alibaba-regions-in-australia")).toMatchObject({ verdict: ["inconsistent"], value: { general: 0, all: 0 } });
    expect(check("alibaba-regions-in-north-america")).toMatchObject({ verdict: ["consistent"], value: { all: 2 } });
  });

  it("cannot reproduce Huawei's 34 regions (33 SDK ids, 25 in its public list, 24 general) nor check its 101 zones", () => {
    expect(check("huawei-regions")).toMatchObject({
      verdict: ["inconsistent"],
      value: { general: 24, public: 24, non_government: 33, all: 33, provider_list: 25 },
    });
    expect(check("huawei-availability-zones")).toMatchObject({ verdict: ["not_verifiable"], value: { general: null, all: null } });
  });

  it("confirms Huawei is primarily in Asia, the Middle East and South America (19 of 24 general regions; Mexico is not South America)", () => {
    for (const f of ["huawei-regions-mainly-in-asia", "huawei-regions-mainly-in-middle-east", "huawei-regions-mainly-in-south-america"])
      expect(check(f), f).toMatchObject({
        verdict: ["consistent"],
        value: { general: 0.791666666667, all: 0.787878787879, provider_list: 0.8 },
      });
  });

  it("confirms the three named countries", () => {
    expect(check("huawei-regions-in-ireland")).toMatchObject({ verdict: ["consistent"], value: { general: 1 } });
    expect(check("huawei-regions-in-south-africa")).toMatchObject({ verdict: ["consistent"], value: { general: 1 } });
    expect(check("huawei-regions-in-mexico")).toMatchObject({ verdict: ["consistent"], value: { general: 2 } });
  });

  it("finds Huawei absent from North America, and from Europe apart from Ireland only if its unconfirmed Paris and Moscow ids are left out", () => {
    expect(check("huawei-absent-from-north-america")).toMatchObject({ verdict: ["consistent"], value: { all: 0 } });
    expect(check("huawei-absent-from-europe")).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 0, public: 0, provider_list: 0, non_government: 2, all: 2 },
    });
    expect(t.claims_check.find((r) => r.fact_id === "huawei-absent-from-europe" && r.definition === "all")!.explanation).toBe(
      "every status, government included: 2 Huawei Cloud region(s) in europe apart from the named IE, MX, ZA: eu-west-0 (FR, restricted), ru-moscow-1 (RU, restricted) → does not hold",
    );
  });

  it("checks each footprint and geography claim of the article, and nothing else", () => {
    const measures = [
      "regions",
      "availability_zones",
      "regions_listed",
      "regions_share_in_geo",
      "regions_in",
      "regions_mainly_in",
      "regions_absent_from",
    ];
    const expected = t.facts
      .filter((f) => measures.includes(f.measure))
      .map((f) => f.fact_id)
      .sort();
    expect(expected).toHaveLength(22);
    expect([...new Set(t.claims_check.map((r) => r.fact_id))].sort()).toEqual(expected);
    expect(t.claims_check).toHaveLength(96);
    expect(t.claims_check.find((r) => r.fact_id === "gcp-regions" && r.definition === "all")).toMatchObject({
      claim: "Google Cloud, meanwhile, has 42 regions",
      article_value: 42,
      article_qualifier: "exact",
      catalog_unit: "count",
      catalog_regions: 42,
    });
  });

  it("computes verdicts from the catalog: a 43rd Google region turns the Google claim inconsistent", () => {
    const inputs = realInputs();
    const file = "data/reference/regions.csv";
    const extra = "gcp,asia-southeast3,Bangkok,Bangkok,TH,3,general,,test,2026-01,\n";
    const tables = computeTables(withFiles(inputs, { [file]: inputs.files.get(file)! + extra }), silentContext);
    const rows = tables.claims_check.filter((r) => r.fact_id === "gcp-regions");
    expect(rows.map((r) => [r.catalog_value, r.verdict])).toEqual([
      [43, "inconsistent"],
      [43, "inconsistent"],
      [43, "inconsistent"],
      [43, "inconsistent"],
    ]);
  });
});

describe("regions: footprint falls back to the catalog", () => {
  it("gives Oracle, which the article does not count, its 42 public catalog regions", () => {
    expect(t.footprint.find((r) => r.provider_id === "oracle")).toMatchObject({
      regions: 42,
      regions_source: "catalog",
      availability_zones: null,
      as_of: "2025-09",
    });
  });
});

describe("regions: compareFigure", () => {
  it("reads qualifiers: exact, over, at least, around (±10%)", () => {
    expect(compareFigure(42, 42, "exact")).toBe(true);
    expect(compareFigure(69, 70, "over")).toBe(false);
    expect(compareFigure(70, 70, "over")).toBe(false);
    expect(compareFigure(70, 70, "at_least")).toBe(true);
    expect(compareFigure(0.45, 0.5, "approximately")).toBe(true);
    expect(compareFigure(0.5588, 0.5, "approximately")).toBe(false);
  });

  it("lets a lower bound refute only what it already exceeds", () => {
    expect(compareFigure(99, 89, "exact", true)).toBe(false);
    expect(compareFigure(80, 89, "exact", true)).toBe(null);
    expect(compareFigure(71, 70, "over", true)).toBe(true);
    expect(compareFigure(60, 70, "over", true)).toBe(null);
  });
});
