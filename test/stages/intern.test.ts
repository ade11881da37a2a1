import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Interner } from "../../pipeline/stages/intern.ts";

describe("Interner", () => {
  it("gives back every text as it is, null and undefined too", () => {
    const text = new Interner();
    expect(["market_share", "2025-Q2", "market_share", ""].map((t) => text.of(t))).toEqual(["market_share", "2025-Q2", "market_share", ""]);
    expect(text.maybe(null)).toBeNull();
    expect(text.maybe(undefined)).toBeUndefined();
  });

  it("changes no value, on any texts, repeated or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("AWS", "percent", "exact", "2025-Q2")), { maxLength: 60 }),
        (xs) => {
          const text = new Interner();
          const copies = xs.map((x) => x.split("").join(""));
          expect([...xs, ...copies].map((x) => text.of(x))).toEqual([...xs, ...copies]);
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
