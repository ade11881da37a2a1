/** pipeline/report/format.ts: how the report writes numbers, lists and fact anchors. */
import { describe, expect, it } from "vitest";
import { factAnchor, fmtNum, fmtPct, fmtPp, listParts, plural, splitIds } from "../../pipeline/report/format.ts";

describe("report formatting", () => {
  it("writes shares as percentages and gaps as signed points", () => {
    expect(fmtPct(0.377)).toBe("37.7%");
    expect(fmtPct(0.3)).toBe("30.0%"); // one format for every percentage
    expect(fmtPct(0.0725)).toBe("7.3%");
    expect(fmtPp(7.7)).toBe("+7.7");
    expect(fmtPp(-4)).toBe("\u22124.0");
    expect(fmtPp(0)).toBe("0.0");
  });

  it("shows table numbers to at most four decimals", () => {
    expect(fmtNum(0.28571428)).toBe("0.2857");
    expect(fmtNum(53000000000)).toBe("53000000000");
    expect(fmtNum(0.5)).toBe("0.5");
  });

  it("lists items as prose", () => {
    expect(listParts(["Africa"])).toEqual(["Africa"]);
    expect(listParts(["Gartner", "Synergy"]).join("")).toBe("Gartner and Synergy");
    expect(listParts([1, 2, 3])).toEqual([1, ", ", 2, " and ", 3]);
    expect(plural(1, "claim")).toBe("1 claim");
    expect(plural(22, "claim")).toBe("22 claims");
  });

  it("turns fact ids into HTML ids and splits id lists", () => {
    expect(factAnchor("gartner-share-aws")).toBe("fact-gartner-share-aws");
    expect(factAnchor('a"b c')).toBe("fact-a_22_b_20_c");
    expect(splitIds("azure-regions;azure-regions-listed;")).toEqual(["azure-regions", "azure-regions-listed"]);
    expect(splitIds(null)).toEqual([]);
  });
});
