/**
 * `clean` takes shortcuts (integers as they are, a cache of recent values): it must still give
 * exactly Number(x.toPrecision(12)) for every double, the sign of zero included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clean, round } from "../pipeline/numbers.ts";

const reference = (x: number) => Number(x.toPrecision(12));

describe("clean", () => {
  it("rounds binary noise away: 37.7 × 0.01 is 0.377, 0.1 + 0.2 is 0.3", () => {
    expect(clean(37.7 * 0.01)).toBe(0.377);
    expect(clean(0.1 + 0.2)).toBe(0.3);
    expect(clean((0.024 - 0.004) * 100)).toBe(2);
  });

  it.each([0, -0, 1, -1, 999_999_999_999, 1e12, -1e12, 1_234_567_890_123, 2 ** 53, NaN, Infinity, -Infinity, 5e-324, -5e-324, Number.MAX_VALUE, 0.5, -2.5])("%d as Number(x.toPrecision(12))", (x) => {
    expect(Object.is(clean(x), reference(x))).toBe(true);
    expect(Object.is(clean(x), reference(x))).toBe(true); // again, from the cache
  });

  it("equals Number(x.toPrecision(12)) on any double, called twice (cached) and after other values", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer().map((i) => i / 1000), fc.integer({ min: -1e6, max: 1e6 }).map((i) => (i * 0.01) / 3))), (xs) => {
        for (const x of [...xs, ...xs]) if (!Object.is(clean(x), reference(x))) return false;
        return true;
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });

  it("round keeps its half-away-from-zero rule", () => {
    expect(round(0.125, 2)).toBe(0.13);
    expect(round(-0.125, 2)).toBe(-0.13);
    expect(round(37.7 * 0.01, 1)).toBe(0.4);
  });
});
