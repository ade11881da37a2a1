/** `clean` rounds binary noise away at 12 significant digits; `round` and `sum` build on it. */
import { describe, expect, it } from "vitest";
import { clean, round, sum } from "../pipeline/numbers.ts";

describe("clean", () => {
  it("rounds binary noise away: 37.7 × 0.01 is 0.377, 0.1 + 0.2 is 0.3", () => {
    expect(clean(37.7 * 0.01)).toBe(0.377);
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean((0.024 - 0.004) * 100)).toBe(2);
    expect(clean(1 - 0.95)).toBe(0.05);
  });

  it("keeps 12 significant digits and the values that have no noise", () => {
    expect(clean(123_456_789.123_456)).toBe(123_456_789.123);
    expect(clean(999_999_999_999)).toBe(999_999_999_999);
    expect(clean(1_234_567_890_123)).toBe(1_234_567_890_120);
    expect(clean(-2.5)).toBe(-2.5);
    expect(Object.is(clean(-0), 0)).toBe(true);
    expect(clean(Infinity)).toBe(Infinity);
    expect(clean(NaN)).toBeNaN();
  });
});

describe("round and sum", () => {
  it("round keeps its half-away-from-zero rule", () => {
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(-0.125, 2)).toBe(-0.13);
    expect(round(37.7 * 0.01, 1)).toBe(0.4);
  });

  it("sum adds and cleans: three shares of a market", () => {
    expect(sum([0.3, 0.2, 0.1])).toBe(0.6);
    expect(sum([])).toBe(0);
  });
});
