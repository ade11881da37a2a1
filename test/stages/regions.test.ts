import { describe, expect, it } from "vitest";
import { silentContext } from "../../pipeline/stages/context.ts";
import { clean } from "../../pipeline/numbers.ts";
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
  it("has 266 regions: AWS 38, Azure 69, Google 42, Alibaba 34, Huawei 34, Oracle 49", () => {
    expect(t.regions).toHaveLength(266);
    expect(["aws", "azure", "gcp", "alibaba", "huawei", "oracle"].map((p) => region(p).length)).toEqual([38, 69, 42, 34, 34, 49]);
  });

  it("gives every row a source and, apart from Azure's China rows (an undated page), the date that source reflects", () => {
    expect(t.regions.filter((r) => r.source_as_of === null).map((r) => r.region_code)).toEqual([
      "chinaeast",
      "chinaeast2",
      "chinaeast3",
      "chinanorth",
      "chinanorth2",
      "chinanorth3",
    ]);
    expect(t.regions.every((r) => /^(https:\/\/|github:[^ ]+@[0-9a-f]{40})/.test(r.source))).toBe(true);
  });

  it("takes Oracle from the 2025 .NET SDK list: Batam in, Salt Lake City 2 (in no public list) out", () => {
    expect(region("oracle").map((r) => r.source)).toEqual(
      Array(49).fill("github:oracle/oci-dotnet-sdk/Common/Src/RegionDefinitions.cs@1e209f6ecaf106d4497c3e9300852c960644705e"),
    );
    expect(region("oracle").some((r) => r.region_code === "ap-batam-1")).toBe(true);
    expect(region("oracle").some((r) => r.region_code === "us-saltlake-2")).toBe(false);
    expect(["general", "government", "sovereign"].map((s) => region("oracle").filter((r) => r.status === s).length)).toEqual([40, 7, 2]);
  });

  it("keeps statuses as of the catalog's date: Azure Belgium Central was announced, generally available on 2025-11-18", () => {
    expect(t.regions.filter((r) => r.status === "announced").map((r) => [r.region_code, r.general_availability_date])).toEqual([
      ["belgiumcentral", "2025-11-18"],
    ]);
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

  it("shows Huawei's four European regions with their statuses: Dublin general, Paris and the two Russian ids restricted", () => {
    expect(breakdown("huawei", "europe")).toMatchObject({
      regions: 4,
      regions_general: 1,
      regions_restricted: 3,
      countries: "FR;IE;RU",
      share_of_provider_regions: clean(4 / 34),
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

  it("counts North America 46 US-led regions to Alibaba's 2", () => {
    expect(bloc("north_america")).toMatchObject({
      us_led_regions: 46,
      us_led_public_regions: 34,
      china_led_regions: 2,
      china_led_providers: "alibaba",
    });
  });
});

describe("regions: claims_check", () => {
  /** The catalog's status definitions only (a provider's published lists are definitions too). */
  const statusOnly = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).filter(([k]) => !k.includes("@")));

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

  it("cannot reach Azure's 'over 70': 69 with government, China and announced regions; the 55 listed match", () => {
    expect(check("azure-regions")).toMatchObject({
      verdict: ["inconsistent"],
      value: { general: 46, public: 52, non_government: 64, all: 69, provider_list: 55 },
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
    expect(t.claims_check.find((r) => r.fact_id === "alibaba-regions")!.reproduced_under).toBe("public");
  });

  it("compares Alibaba's 89 zones only over the 29 regions of the same sentence: 91 there, so the zone count does not hold", () => {
    expect(check("alibaba-availability-zones")).toEqual({
      verdict: ["inconsistent"],
      value: { general: 89, public: 91, non_government: 99, all: 99 },
      holds: { general: null, public: false, non_government: null, all: null },
    });
    const row = (d: string) => t.claims_check.find((r) => r.fact_id === "alibaba-availability-zones" && r.definition === d)!;
    expect(row("public").explanation).toBe(
      "open to any customer (general + sovereign/partner-operated): 91 zones over 29 regions; the article says 89 → does not hold",
    );
    expect(row("general").explanation).toBe(
      "status general only: 28 regions here, not the 29 of the same sentence, so the zones are not compared (89 zones over 28 regions); the article says 89 → not compared",
    );
    expect(row("all").catalog_is_lower_bound).toBe(true);
    expect(row("public").reproduced_under).toBeNull();
  });

  it("reads 'around half in China' as 48.3% of public regions, but 55.9% of all (outside ±10%)", () => {
    expect(check("alibaba-regions-share-in-china")).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 0.5, public: clean(14 / 29), non_government: clean(18 / 33), all: clean(19 / 34) },
      holds: { public: true, all: false },
    });
  });

  it("finds no Alibaba region in Australia (Sydney closed in 2024)", () => {
    expect(check("alibaba-regions-in-australia")).toMatchObject({ verdict: ["inconsistent"], value: { general: 0, all: 0 } });
    expect(check("alibaba-regions-in-north-america")).toMatchObject({ verdict: ["consistent"], value: { all: 2 } });
  });

  it("reproduces Huawei's 34 under its SDK's VPC v2 list of release 0.1.163 and under every SDK id, not under its public list (25)", () => {
    const c = check("huawei-regions");
    expect(c.verdict).toEqual(["depends_on_definition"]);
    expect(statusOnly(c.value)).toEqual({ general: 24, public: 24, non_government: 34, all: 34, provider_list: 25 });
    expect(Object.fromEntries(Object.entries(c.value).filter(([k]) => k.includes("@")))).toEqual({
      "huawei-go-ecs-v2@07369e20": 33,
      "huawei-go-vpc-v2@07369e20": 34,
      "huawei-go-ims-v2@07369e20": 33,
      "huawei-go-as-v1@07369e20": 33,
      "huawei-go-nat-v2@07369e20": 33,
      "huawei-go-ecs-v2@2c66dedc": 29,
      "huawei-go-elb-v3@1e085004": 28,
      "huawei-go-iam-v3@12f14eec": 19,
      "huawei-go-evs-v2@12f14eec": 24,
      "huawei-go-cce-v3@12f14eec": 24,
      "huawei-go-vpc-v3@12f14eec": 23,
      "huawei-go-rds-v3@12f14eec": 24,
      "huawei-go-eip-v2@12f14eec": 21,
      "huawei-go-bms-v1@12f14eec": 18,
      "huawei-go-cbr-v1@12f14eec": 23,
    });
    expect(t.claims_check.find((r) => r.fact_id === "huawei-regions")!.reproduced_under).toBe(
      "non_government;all;huawei-go-vpc-v2@07369e20",
    );
    expect(t.claims_check.find((r) => r.fact_id === "huawei-regions" && r.definition === "huawei-go-vpc-v2@07369e20")!.explanation).toBe(
      "Huawei Go SDK VPC v2 region list (release 0.1.163): 34 Huawei Cloud regions; the article says 34 → holds",
    );
  });

  it("cannot check Huawei's 101 zones under the definitions that give its 34 regions: no zone count is published", () => {
    const c = check("huawei-availability-zones");
    expect(c.verdict).toEqual(["not_verifiable"]);
    expect(Object.values(c.holds).every((h) => h === null)).toBe(true);
    expect(
      t.claims_check
        .filter((r) => r.fact_id === "huawei-availability-zones" && r.explanation.endsWith("cannot tell"))
        .map((r) => r.definition),
    ).toEqual(["non_government", "all", "huawei-go-vpc-v2@07369e20"]);
  });

  it("confirms Huawei is primarily in Asia, the Middle East and South America, Mexico not counted as South America", () => {
    for (const f of ["huawei-regions-mainly-in-asia", "huawei-regions-mainly-in-middle-east", "huawei-regions-mainly-in-south-america"])
      expect(check(f), f).toMatchObject({
        verdict: ["consistent"],
        value: { general: clean(19 / 24), all: clean(26 / 34), provider_list: clean(20 / 25) },
      });
    expect(
      t.claims_check.find((r) => r.fact_id === "huawei-regions-mainly-in-south-america" && r.definition === "general")!.explanation,
    ).toBe(
      "status general only: 19 of 24 Huawei Cloud regions (79.2%) are in asia + middle_east + south_america; 2 in south_america → holds",
    );
  });

  it("confirms the three named countries", () => {
    expect(check("huawei-regions-in-ireland")).toMatchObject({ verdict: ["consistent"], value: { general: 1 } });
    expect(check("huawei-regions-in-south-africa")).toMatchObject({ verdict: ["consistent"], value: { general: 1 } });
    expect(check("huawei-regions-in-mexico")).toMatchObject({ verdict: ["consistent"], value: { general: 2 } });
  });

  it("finds Huawei absent from North America, and from Europe apart from Ireland only if its unconfirmed Paris and Russian ids are left out", () => {
    expect(check("huawei-absent-from-north-america")).toMatchObject({ verdict: ["consistent"], value: { all: 0 } });
    expect(check("huawei-absent-from-europe")).toMatchObject({
      verdict: ["depends_on_definition"],
      value: { general: 0, public: 0, provider_list: 0, non_government: 3, all: 3 },
    });
    expect(t.claims_check.find((r) => r.fact_id === "huawei-absent-from-europe" && r.definition === "all")!.explanation).toBe(
      "every status, government and announced included: 3 Huawei Cloud region(s) in europe apart from IE, which the article names: eu-west-0 (FR, restricted), ru-moscow-1 (RU, restricted), ru-northwest-2 (RU, restricted) → does not hold",
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
    // 96 rows under the status definitions, plus Huawei's two counts under each of its 15 published lists.
    expect(t.claims_check).toHaveLength(96 + 2 * 15);
    expect(t.claims_check.find((r) => r.fact_id === "gcp-regions" && r.definition === "all")).toMatchObject({
      claim: "Google Cloud, meanwhile, has 42 regions",
      article_value: 42,
      article_qualifier: "exact",
      catalog_unit: "count",
      catalog_regions: 42,
      reproduced_under: "general;public;non_government;all",
    });
  });

  it("computes verdicts from the catalog: a 43rd Google region turns the Google claim inconsistent", () => {
    const inputs = realInputs();
    const file = "data/reference/regions.csv";
    const extra = "gcp,asia-southeast3,Bangkok,Bangkok,TH,3,general,,,test,2026-01,\n";
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
  it("gives Oracle, which the article does not count, its 40 generally available catalog regions, and says so", () => {
    expect(t.footprint.find((r) => r.provider_id === "oracle")).toMatchObject({
      regions: 40,
      regions_source: "catalog",
      regions_definition: "general",
      availability_zones: null,
      as_of: "2025-09",
    });
    expect(t.footprint.find((r) => r.provider_id === "huawei")!.regions_definition).toBe("article");
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
