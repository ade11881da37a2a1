import { describe, expect, it } from "vitest";
import { parsePeriod, periodDates, periodSortKey } from "../pipeline/periods.ts";

describe("parsePeriod", () => {
  it.each([
    ["Q2 2025", "2025-Q2"],
    ["2025-Q2", "2025-Q2"],
    ["calendar Q2 2025", "2025-Q2"],
    ["2024", "2024"],
    ["FY2024", "2024"],
    ["July 2025", "2025-07"],
    ["2025-02", "2025-02"],
    ["H2 2025", "2025-H2"],
    ["2025-09-30", "2025-09-30"],
  ])("%s → %s", (raw, iso) => expect(parsePeriod(raw)).toBe(iso));

  it.each(["2025-02-30", "2025-13", "Q5 2025", "next year", ""])("rejects %j", (raw) => expect(parsePeriod(raw)).toBeNull());

  it("orders quarters after their year's start and before the next year", () => {
    const sorted = ["2025-Q2", "2024", "2025-Q1", "2025-H2"].sort((a, b) => periodSortKey(a).localeCompare(periodSortKey(b)));
    expect(sorted).toEqual(["2024", "2025-Q1", "2025-Q2", "2025-H2"]);
  });
});

describe("periodDates", () => {
  it.each([
    ["2024", "2024-01-01", "2024-12-31"],
    ["2025-H1", "2025-01-01", "2025-06-30"],
    ["2025-H2", "2025-07-01", "2025-12-31"],
    ["2025-Q1", "2025-01-01", "2025-03-31"],
    ["2025-Q2", "2025-04-01", "2025-06-30"],
    ["2025-Q3", "2025-07-01", "2025-09-30"],
    ["2025-Q4", "2025-10-01", "2025-12-31"],
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["2025-02", "2025-02-01", "2025-02-28"],
    ["1900-02", "1900-02-01", "1900-02-28"],
    ["2025-09-30", "2025-09-30", "2025-09-30"],
  ])("%s → %s … %s", (period, start, end) => expect(periodDates(period)).toEqual({ start, end }));

  it("covers every period parsePeriod writes", () => {
    for (const raw of ["Q2 2025", "FY2024", "July 2025", "H2 2025", "2025-09-30"]) expect(periodDates(parsePeriod(raw)!)).not.toBeNull();
  });

  it.each(["2025-Q5", "2025-13", "2025-02-30", "Q2 2025", ""])("has no dates for %j", (p) => expect(periodDates(p)).toBeNull());
});
