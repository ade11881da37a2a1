import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestBy, latestBySorting } from "../../pipeline/stages/latest.ts";

describe("latestBySorting: the definition", () => {
  it("keeps each group's latest period, the last of equal ones, groups in the order of their earliest item", () => {
    const items = [
      { g: "aws", p: "2025-Q2", id: 1 },
      { g: "gcp", p: "2024", id: 2 },
      { g: "aws", p: "2024-H2", id: 3 },
      { g: "aws", p: "2025-Q2", id: 4 },
      { g: "gcp", p: "2025-03", id: 5 },
    ];
    const latest = latestBySorting(
      items,
      (x) => x.g,
      (x) => x.p,
    );
    expect([...latest].map(([g, x]) => [g, x.id])).toEqual([
      ["gcp", 5],
      ["aws", 4],
    ]);
  });
});

describe("latestBy: each group's latest item, in one pass", () => {
  it("gives the sort-based answer on any items: groups, periods (years, quarters, halves, months), ties and duplicates", () => {
    const item = fc.record({
      g: fc.constantFrom("aws", "azure", "gcp", "x\u0000y"),
      p: fc.constantFrom("2024", "2024-Q1", "2024-Q4", "2024-H1", "2024-H2", "2024-03", "2024-12", "2025", "2025-Q2", ""),
      t: fc.constantFrom("f-1", "f-2", "F-3", "f-10"),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.boolean(), (items, withTie) => {
        const tie = withTie ? (x: (typeof items)[number]) => x.t : undefined;
        const ours = latestBy(
          items,
          (x) => x.g,
          (x) => x.p,
          tie,
        );
        const ref = latestBySorting(
          items,
          (x) => x.g,
          (x) => x.p,
          tie,
        );
        expect([...ours.keys()]).toEqual([...ref.keys()]);
        for (const [k, v] of ref) expect(ours.get(k)).toBe(v); // the same object, not an equal one
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
