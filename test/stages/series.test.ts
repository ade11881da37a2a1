/**
 * The cited series: every citation's figure as printed reads as its stored value, the kept shares
 * per firm, market, geography and period sum to at most 100%, the reconciliation rule keeps the
 * preferred report (both stay), the derived tables' values, and the article against the series.
 */
import { describe, expect, it } from "vitest";
import { parsePrinted } from "../../pipeline/printed.ts";
import { periodDates } from "../../pipeline/periods.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { previousPeriod } from "../../pipeline/stages/series-derived.ts";
import { realInputs, realTables } from "../helpers.ts";

const extracted = extract(realInputs(), silentContext);
const t = realTables();

describe("figures as printed", () => {
  it("reads every printing the citations use", () => {
    expect(parsePrinted("32%")).toEqual({ value: 32, unit: "percent" });
    expect(parsePrinted("%46.1")).toEqual({ value: 46.1, unit: "percent" });
    expect(parsePrinted("23 per cent")).toEqual({ value: 23, unit: "percent" });
    expect(parsePrinted("$99 billion")).toEqual({ value: 99, unit: "usd_billion" });
    expect(parsePrinted("US$3.9 billion")).toEqual({ value: 3.9, unit: "usd_billion" });
    expect(parsePrinted("$84-billion")).toEqual({ value: 84, unit: "usd_billion" });
    expect(parsePrinted("$11.6B")).toEqual({ value: 11.6, unit: "usd_billion" });
    expect(parsePrinted("33.4 billion yuan")).toEqual({ value: 33.4, unit: "cny_billion" });
    expect(parsePrinted("54,648")).toEqual({ value: 54648, unit: null });
    expect(parsePrinted("39.0")).toEqual({ value: 39, unit: null });
    expect(parsePrinted("nine per cent")).toBeNull();
    expect(parsePrinted("32-34%")).toBeNull();
  });

  it("every cited figure's printing reads as its stored value, in a unit that fits", () => {
    expect(extracted.citations.length).toBe(197);
    for (const f of extracted.citations) {
      const read = parsePrinted(f.printed);
      expect(read, f.fact_id).not.toBeNull();
      expect(read!.value, f.fact_id).toBe(f.value);
      if (read!.unit !== null) expect(read!.unit, f.fact_id).toBe(f.unit);
    }
    for (const row of t.cited_facts) {
      const read = parsePrinted(row.printed)!;
      expect(read.value, row.fact_id).toBe(row.value_as_printed);
    }
  });

  it("every cited figure has its page: web URL, publisher, publication date on or before the date read, period over by then", () => {
    for (const row of t.cited_facts) {
      expect(row.url, row.fact_id).toMatch(/^https?:\/\/[^/\s]+\.[^/\s]+/);
      expect(row.publisher.length, row.fact_id).toBeGreaterThan(0);
      expect(row.published, row.fact_id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(row.date_read, row.fact_id).toBe("2026-12-02");
      expect(row.period_end <= periodDates(row.published)!.end, row.fact_id).toBe(true);
    }
  });
});

describe("share_series", () => {
  it("has 25 Synergy quarters, 8 Gartner years and 13 China periods", () => {
    const periods = (firm: string) => new Set(t.share_series.filter((r) => r.firm === firm).map((r) => r.period));
    const synergy = periods("synergy");
    expect([...synergy].filter((p) => /Q\d$/.test(p)).length).toBe(25);
    expect([...periods("gartner")].sort()).toEqual(["2015", "2016", "2019", "2020", "2021", "2022", "2023", "2024"]);
    expect([...periods("canalys")].sort()).toEqual([
      "2019",
      "2019-Q3",
      "2019-Q4",
      "2020-Q1",
      "2020-Q3",
      "2020-Q4",
      "2021",
      "2021-Q1",
      "2021-Q2",
      "2021-Q3",
      "2022-Q1",
      "2022-Q2",
      "2025-Q1",
    ]);
  });

  it("kept shares per firm, market, geography and period sum to at most 100%", () => {
    const totals = new Map<string, number>();
    for (const r of t.share_series) {
      const k = `${r.firm}|${r.market}|${r.geography}|${r.period}`;
      totals.set(k, (totals.get(k) ?? 0) + r.share);
    }
    expect(totals.size).toBe(46);
    for (const [k, total] of totals) expect(total, k).toBeLessThanOrEqual(1 + 1e-9);
    expect(totals.get("synergy|cloud_infrastructure_services|world|2024-Q2")).toBeCloseTo(0.74, 9);
  });

  it("keeps Gartner's restated 2022 figure and both reports (the reconciliation rule)", () => {
    const aws = t.share_series.find((r) => r.firm === "gartner" && r.period === "2022" && r.provider_id === "aws")!;
    expect(aws.share).toBe(0.399);
    expect(aws.reports).toBe(2);
    expect(aws.shares_reported).toBe("0.399;0.4");
    expect(aws.fact_id).toBe("zawya-2024-07:aws:market_share:2022");
    expect(aws.fact_ids).toBe("cxonet-2023-07-18:aws:market_share:2022;zawya-2024-07:aws:market_share:2022");
    const size = t.market_size_series.find((r) => r.firm === "synergy" && r.period === "2021-Q4")!;
    expect(size.size).toBe(50_700_000_000); // the PR Newswire copy of Synergy's release is preferred
    expect(size.sizes_reported).toBe("50500000000;50700000000");
  });

  it("ranks and shares of the named, with period bounds", () => {
    const q = t.share_series.filter((r) => r.firm === "synergy" && r.period === "2025-Q2");
    expect(q.map((r) => [r.provider_id, r.share, r.rank, r.origin])).toEqual([
      ["alibaba", 0.04, 4, "article"],
      ["aws", 0.3, 1, "citation"],
      ["azure", 0.2, 2, "citation"],
      ["gcp", 0.13, 3, "citation"],
      ["huawei", 0.02, 5, "article"],
    ]);
    expect(q[1]!.share_of_named).toBeCloseTo(0.3 / 0.69, 9);
    expect([q[0]!.period_start, q[0]!.period_end]).toEqual(["2025-04-01", "2025-06-30"]);
  });
});

describe("derived series", () => {
  it("share_change in points, qoq and yoy", () => {
    expect(previousPeriod("2025-Q1", "qoq")).toBe("2024-Q4");
    expect(previousPeriod("2025-Q1", "yoy")).toBe("2024-Q1");
    expect(previousPeriod("2024", "qoq")).toBeNull();
    const aws = t.share_change.find((r) => r.firm === "synergy" && r.provider_id === "aws" && r.period === "2025-Q4" && r.basis === "yoy")!;
    expect([aws.previous_period, aws.share, aws.previous_share, aws.change_pp]).toEqual(["2024-Q4", 0.28, 0.3, -2]);
    const azure = t.share_change.find(
      (r) => r.firm === "gartner" && r.provider_id === "azure" && r.period === "2024" && r.basis === "yoy",
    )!;
    expect(azure.change_pp).toBe(0.9);
  });

  it("concentration_series: big three, blocs and HHI of the named", () => {
    const q = t.concentration_series.find((r) => r.firm === "synergy" && r.period === "2025-Q3")!;
    expect([q.providers_named, q.big_three_share, q.us_led_share, q.china_led_share, q.hhi_named]).toEqual([3, 0.62, 0.62, 0, 1410]);
    const china = t.concentration_series.find((r) => r.firm === "canalys" && r.period === "2025-Q1")!;
    expect([china.china_led_share, china.big_three_share]).toEqual([0.51, null]);
  });

  it("series_gaps: the quarters Synergy's series is missing, and providers named elsewhere", () => {
    const whole = t.series_gaps.filter((r) => r.firm === "synergy" && r.provider_id === "*").map((r) => r.period);
    // From Synergy's first cited quarter (2017-Q2) on.
    expect(whole).toEqual(["2017-Q3", "2017-Q4", "2018-Q1", "2018-Q2", "2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2021-Q1", "2022-Q3"]);
    const huawei2019 = t.series_gaps.find((r) => r.firm === "gartner" && r.provider_id === "huawei" && r.period === "2019");
    expect(huawei2019?.granularity).toBe("year");
  });

  it("series_lineage: every derived row's facts, one row per fact", () => {
    const aws = t.series_lineage.filter((r) => r.table === "share_series" && r.row_key === "gartner|iaas|world|2022|aws");
    expect(aws.map((r) => r.fact_id)).toEqual(["cxonet-2023-07-18:aws:market_share:2022", "zawya-2024-07:aws:market_share:2022"]);
    const keys = new Set(t.series_lineage.map((r) => `${r.table}|${r.row_key}|${r.fact_id}`));
    expect(keys.size).toBe(t.series_lineage.length);
    const known = new Set([...t.cited_facts.map((f) => f.fact_id), ...t.facts.map((f) => f.fact_id)]);
    for (const r of t.series_lineage) expect(known.has(r.fact_id), r.fact_id).toBe(true);
  });

  it("revenue_series: company-reported and Gartner's estimates, in units of currency", () => {
    const alibaba = t.revenue_series.find((r) => r.source_id === "alibaba_group")!;
    expect([alibaba.period, alibaba.revenue, alibaba.currency]).toEqual(["2025-Q2", 33_400_000_000, "cny"]);
    const gartnerAws = t.revenue_series.find((r) => r.source_id === "gartner" && r.provider_id === "aws" && r.period === "2023")!;
    expect(gartnerAws.revenue).toBe(54_648_000_000);
  });
});

describe("the article against the series", () => {
  it("Synergy Q2 2025: the big three agree; Alibaba's and Huawei's are in no cited report; Gartner 2024 has no cited report", () => {
    const verdict = Object.fromEntries(t.series_check.map((r) => [r.fact_id, [r.verdict, r.delta_pp]]));
    expect(verdict).toEqual({
      "gartner-share-alibaba": ["not_in_series", null],
      "gartner-share-aws": ["not_in_series", null],
      "gartner-share-azure": ["not_in_series", null],
      "gartner-share-gcp": ["not_in_series", null],
      "gartner-share-huawei": ["not_in_series", null],
      "synergy-share-alibaba": ["not_in_series", null],
      "synergy-share-aws": ["agrees", 0],
      "synergy-share-azure": ["agrees", 0],
      "synergy-share-gcp": ["agrees", 0],
      "synergy-share-huawei": ["not_in_series", null],
    });
  });
});
