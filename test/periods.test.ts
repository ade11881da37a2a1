import { describe, expect, it } from "vitest";
import { parsePeriod, periodDates, periodPrinted, periodSortKey, sentenceAround } from "../pipeline/periods.ts";

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

describe("periodPrinted", () => {
  it.each([
    ["2025-Q2", "Synergy's data for Q2 2025 shows", true],
    ["2025-Q2", "in the second quarter of 2025,", true],
    ["2025-Q2", "data from July 2025", false],
    ["2025-Q2", "in Q2, revenue", false],
    ["2025-H2", "the second half of 2025", true],
    ["2025-H2", "H1 2025", false],
    ["2025-07", "in Jul 2025", true],
    ["2025-02", "in February", false],
    ["2024", "full-year 2024 figures", true],
    ["2024", "20245 units", false],
    ["not a period", "not a period 2024", false],
  ])("%s in %j: %s", (period, text, printed) => expect(periodPrinted(period, text)).toBe(printed));

  it("answers for each text, not for the first text a period met", () => {
    expect([
      periodPrinted("2023-Q3", "Q3 2023"),
      periodPrinted("2023-Q3", "Q4 2023"),
      periodPrinted("2023-Q3", "third quarter 2023"),
    ]).toEqual([true, false, true]);
  });
});

describe("sentenceAround", () => {
  const text = "First one. Second: 3.5% of it! Third?\nFourth line";
  it.each([
    [text.indexOf("Second"), text.indexOf("3.5") + 3, "Second: 3.5% of it!"],
    [0, 5, "First one."],
    [text.indexOf("Third"), text.indexOf("Third") + 5, "Third?"],
    [text.indexOf("Fourth"), text.length, "Fourth line"],
  ])("the span %i–%i is in %j", (start, end, sentence) => expect(sentenceAround(text, start, end)).toBe(sentence));
});
