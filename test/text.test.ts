/** Code-point offsets: the slicer extract checks quotes with, against the definition. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointOccurrences, codePointSlicer } from "../pipeline/text.ts";

const byDefinition = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join("");

describe("codePointSlicer", () => {
  it("slices by code points around emoji, at and across the entries of the slicer's index", () => {
    const text = `## 🌩 Cloud 🇨🇳 ${"x".repeat(28)}🙂 AWS offers 38 regions 👩‍💻 and e\u0301 ${"🌏".repeat(40)} end`;
    const slice = codePointSlicer(text);
    const n = Array.from(text).length;
    for (let start = 0; start <= n + 2; start++)
      for (let end = start; end <= n + 2; end++) expect(slice(start, end)).toBe(byDefinition(text, start, end));
    const at = Array.from(text).indexOf("🙂");
    expect(at).toBeGreaterThan(32); // past several index entries
    expect(slice(at, at + 15)).toBe("🙂 AWS offers 38");
  });

  it("agrees with Array.from on any text", () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", " ", "é", "🙂", "🌩", "\u200b", "\ud800"), maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, fc.nat({ max: 210 }), fc.nat({ max: 210 }), (t, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(codePointSlicer(t)(start, end)).toBe(byDefinition(t, start, end));
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });

  it("finds a quote's offsets that the slicer gives back", () => {
    const text = "🌩 Huawei has 🙂 34 regions; Huawei has 34 regions.";
    const hits = codePointOccurrences(text, "Huawei has 34 regions");
    expect(hits).toEqual([[27, 48]]); // 🌩 and 🙂 are one code point each, two UTF-16 units
    expect(codePointSlicer(text)(27, 48)).toBe("Huawei has 34 regions");
  });
});
