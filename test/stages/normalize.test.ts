import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { silentContext } from "../../pipeline/stages/context.ts";
import { computeTables } from "../../pipeline/run.ts";
import { realInputs, realTables, ROOT, withFiles } from "../helpers.ts";
import path from "node:path";
import { synthesize } from "../support/synthetic.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { normalize } from "../../pipeline/stages/normalize.ts";
import { sortRows } from "../../pipeline/schema/order.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";

const t = realTables();
const share = (source: string, provider: string) => t.market_share.find((r) => r.source_id === source && r.provider_id === provider)!;
const cmp = (provider: string) => t.share_comparison.find((r) => r.provider_id === provider && r.comparison === "cross_source")!;
const conc = (source: string) => t.concentration.find((r) => r.source_id === source)!;

describe("normalize: facts", () => {
  it("converts percents to fractions and billions to units, keeping the value as printed", () => {
    const aws = t.facts.find((f) => f.fact_id === "gartner-share-aws")!;
    expect(aws).toMatchObject({
      value: 0.377,
      unit: "fraction",
      value_as_stated: 37.7,
      unit_as_stated: "percent",
      subject_id: "aws",
      subject_as_stated: "Amazon",
      period: "2024",
    });
    const usd = t.facts.find((f) => f.fact_id === "alibaba-investment-usd")!;
    expect(usd).toMatchObject({ value: 53_000_000_000, unit: "usd", qualifier: "approximately" });
    const cny = t.facts.find((f) => f.fact_id === "alibaba-investment-cny")!;
    expect(cny).toMatchObject({ value: 380_000_000_000, unit: "cny", qualifier: "exact" });
    expect(t.facts.find((f) => f.fact_id === "alibaba-investment-horizon")).toMatchObject({ value: 3, unit: "years" });
    expect(t.facts.find((f) => f.fact_id === "alibaba-cloud-revenue")).toMatchObject({
      value: 4_600_000_000,
      unit: "usd",
      period: "2025-Q2",
    });
    expect(t.facts.find((f) => f.fact_id === "alibaba-cloud-revenue-growth")).toMatchObject({ value: 0.26, unit: "fraction" });
    expect(t.facts.find((f) => f.fact_id === "huawei-cloud-growth-outside-china")).toMatchObject({
      value: 0.5,
      qualifier: "over",
      period: "2024",
      object_id: "world_ex_china",
    });
    expect(t.facts.find((f) => f.fact_id === "pangu-use-cases")).toMatchObject({
      value: 500,
      qualifier: "over",
      attributed_to: "huawei_company",
    });
    expect(t.facts.find((f) => f.fact_id === "pangu-verticals")).toMatchObject({ value: 30, qualifier: "exact" });
  });

  it("keeps Azure's 'over 70' as a lower bound and the 55 listed regions apart", () => {
    expect(t.facts.find((f) => f.fact_id === "azure-regions")).toMatchObject({ value: 70, qualifier: "over", attributed_to: "microsoft" });
    expect(t.facts.find((f) => f.fact_id === "azure-regions-listed")).toMatchObject({
      value: 55,
      measure: "regions_listed",
      attributed_to: "fierce",
    });
  });

  it("records Alibaba's rank once per firm", () => {
    const ranks = t.facts.filter((f) => f.measure === "market_rank").map((f) => [f.attributed_to, f.subject_id, f.value]);
    expect(ranks).toEqual([
      ["synergy", "alibaba", 4],
      ["gartner", "alibaba", 4],
    ]);
  });

  it("records the AI for Industries sectors", () => {
    expect(t.facts.filter((f) => f.measure === "target_sector").map((f) => f.object_id)).toEqual([
      "government_services",
      "finance",
      "manufacturing",
      "healthcare",
      "mining",
      "railways",
      "autonomous_driving",
      "meteorology",
    ]);
  });
});

describe("normalize: period dates", () => {
  it("gives every period its first and last day, and a fact without a period none", () => {
    const fact = (id: string) => t.facts.find((f) => f.fact_id === id)!;
    expect(fact("alibaba-availability-zones")).toMatchObject({ period: "2025-H2", period_start: "2025-07-01", period_end: "2025-12-31" });
    expect(fact("alibaba-investment-cny")).toMatchObject({ period: "2025-02", period_start: "2025-02-01", period_end: "2025-02-28" });
    for (const f of t.facts.filter((x) => x.period === null)) expect([f.period_start, f.period_end]).toEqual([null, null]);
    expect(cmp("aws")).toMatchObject({
      period_a: "2025-Q2",
      period_a_start: "2025-04-01",
      period_a_end: "2025-06-30",
      period_b: "2024",
      period_b_start: "2024-01-01",
      period_b_end: "2024-12-31",
    });
    expect(t.concentration.map((c) => [c.period, c.period_start, c.period_end])).toEqual(
      expect.arrayContaining([
        ["2024", "2024-01-01", "2024-12-31"],
        ["2025-Q2", "2025-04-01", "2025-06-30"],
      ]),
    );
  });
});

describe("normalize: market share", () => {
  it("Gartner puts AWS at 0.377 of the 2024 IaaS market, Synergy at 0.30 of Q2 2025 cloud infrastructure services", () => {
    expect(share("gartner", "aws")).toMatchObject({ share: 0.377, market: "iaas", period: "2024", rank: 1, fact_id: "gartner-share-aws" });
    expect(share("synergy", "aws")).toMatchObject({ share: 0.3, market: "cloud_infrastructure_services", period: "2025-Q2", rank: 1 });
    expect(share("synergy", "aws")).toMatchObject({ period_start: "2025-04-01", period_end: "2025-06-30" });
    expect(share("gartner", "aws")).toMatchObject({ period_start: "2024-01-01", period_end: "2024-12-31" });
  });

  it("has every named provider under both firms", () => {
    expect(t.market_share.map((r) => `${r.source_id}:${r.provider_id}:${r.share}`).sort()).toEqual([
      "gartner:alibaba:0.072",
      "gartner:aws:0.377",
      "gartner:azure:0.239",
      "gartner:gcp:0.09",
      "gartner:huawei:0.041",
      "synergy:alibaba:0.04",
      "synergy:aws:0.3",
      "synergy:azure:0.2",
      "synergy:gcp:0.13",
      "synergy:huawei:0.02",
    ]);
  });

  it("computes the share among the named providers", () => {
    expect(share("synergy", "aws").share_of_named).toBeCloseTo(0.3 / 0.69, 10);
    expect(share("gartner", "huawei").share_of_named).toBeCloseTo(0.041 / 0.819, 10);
  });

  it("ranks Alibaba fourth under both firms, as the article says", () => {
    expect(share("synergy", "alibaba").rank).toBe(4);
    expect(share("gartner", "alibaba").rank).toBe(4);
  });
});

describe("normalize: comparison and concentration", () => {
  it("puts Google's Gartner-minus-Synergy gap at −4.0 points, AWS's at +7.7", () => {
    expect(cmp("gcp")).toMatchObject({
      source_a: "synergy",
      source_b: "gartner",
      share_a: 0.13,
      share_b: 0.09,
      delta_pp: -4,
      rank_a: 3,
      rank_b: 3,
      same_market: false,
    });
    expect(cmp("aws").delta_pp).toBe(7.7);
    expect(cmp("huawei").delta_pp).toBe(2.1);
    expect(cmp("alibaba").delta_pp).toBe(3.2);
    expect(cmp("azure").delta_pp).toBe(3.9);
  });

  it("sums Synergy's named providers to 0.69 and Gartner's to 0.819", () => {
    expect(conc("synergy")).toMatchObject({
      named_total: 0.69,
      others: 0.31,
      hhi_named: 1489,
      us_led_share: 0.63,
      china_led_share: 0.06,
      providers_named: 5,
    });
    expect(conc("gartner")).toMatchObject({
      named_total: 0.819,
      others: 0.181,
      hhi_named: 2142.15,
      us_led_share: 0.706,
      china_led_share: 0.113,
    });
  });
});

describe("normalize: a third firm flows through with no code change", () => {
  const text = "Canalys said AWS held 32% of cloud infrastructure spending in Q3 2025, Microsoft 22% and Google 11%.";
  const sha = createHash("sha256").update(text).digest("hex");
  const inputs = realInputs();
  const claim = (id: string, subject: string, value: number, quote: string) => {
    const start = text.indexOf(quote);
    return `  - { id: ${id}, subject: ${subject}, measure: market_share, value: ${value}, unit: percent, qualifier: exact, period: Q3 2025, market: cloud_infrastructure_services, attributed_to: canalys, kind: figure, speaker: canalys, quote: "${quote}", char_start: ${start}, char_end: ${start + quote.length} }\n`;
  };
  const tables = computeTables(
    withFiles(inputs, {
      // Canalys is already in sources.yaml (for the cited series): a claim attributed to it needs no new reference row.
      "data/sources/canalys.txt": text,
      "data/sources/canalys.meta.yaml": `document_id: canalys-note\nfile: canalys.txt\nsha256: ${sha}\npublisher: Test\ntitle: null\nurl: null\ndate_approx: 2025-Q4\ndate_evidence: test\n`,
      "data/fixtures/canalys.yaml":
        "document_id: canalys-note\nclaims:\n" +
        claim("canalys-aws", "AWS", 32, "AWS held 32%") +
        claim("canalys-azure", "Microsoft", 22, "Microsoft 22%") +
        claim("canalys-gcp", "Google", 11, "Google 11%"),
    }),
    silentContext,
  );

  it("appears in market_share", () => {
    expect(tables.market_share.filter((r) => r.source_id === "canalys").map((r) => [r.provider_id, r.share, r.rank])).toEqual([
      ["aws", 0.32, 1],
      ["azure", 0.22, 2],
      ["gcp", 0.11, 3],
    ]);
  });

  it("appears in share_comparison against both other firms", () => {
    const gcp = tables.share_comparison.filter((r) => r.provider_id === "gcp" && r.source_b === "canalys");
    // (in the table's key order: source_a "gartner" before "synergy")
    expect(gcp.map((r) => [r.source_a, r.delta_pp])).toEqual([
      ["gartner", 2],
      ["synergy", -2],
    ]);
    const huawei = tables.share_comparison.find((r) => r.provider_id === "huawei" && r.source_a === "synergy" && r.source_b === "canalys")!;
    expect(huawei).toMatchObject({ share_a: 0.02, share_b: null, delta_pp: null });
  });

  it("appears in concentration", () => {
    expect(tables.concentration.find((r) => r.source_id === "canalys")).toMatchObject({
      period: "2025-Q3",
      named_total: 0.65,
      others: 0.35,
      hhi_named: 1629,
      us_led_share: 0.65,
      china_led_share: 0,
    });
  });
});

describe("normalize: share_comparison is made in its key order", () => {
  // Rows in primary-key order, as the table is published.
  const def = TABLES.share_comparison as TableDef;
  it("on the article's data and on a synthetic corpus of 10⁴ facts (43 providers, cross-source and period-over-period pairs)", () => {
    const synthetic = normalize(
      extract(synthesize({ facts: 10_000, seed: 3, format: "jsonl", referenceDir: path.join(ROOT, "data") }), silentContext),
      silentContext,
    ).tables.share_comparison;
    for (const rows of [realTables().share_comparison, synthetic]) {
      expect(rows.length).toBeGreaterThan(0);
      expect(sortRows(def, rows)).toEqual(rows);
    }
    expect(synthetic).toHaveLength(10_105);
    expect(new Set(synthetic.map((r) => r.comparison))).toEqual(new Set(["cross_source", "period_over_period"]));
  });
});
