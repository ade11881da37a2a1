import { describe, expect, it } from "vitest";
import { parsePeriod, periodSortKey } from "../pipeline/periods.ts";

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
