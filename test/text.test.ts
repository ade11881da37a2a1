/** Code-point offsets: the slicer extract checks quotes with, against the definition. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointOccurrences, codePointSlicer, excerpt, terminalSafe } from "../pipeline/text.ts";

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

describe("terminalSafe and excerpt: input text in messages", () => {
  it.each([
    ["a newline", "a\nb", "a\\nb"],
    ["CR, tab", "a\r\tb", "a\\r\\tb"],
    ["an escape sequence that clears the screen", "x\u001b[2Jy", "x\\u001b[2Jy"],
    ["C1 controls and DEL", "\u0085\u009b\u007f", "\\u0085\\u009b\\u007f"],
    ["line separators and bidi overrides", "\u2028\u202eabc\u2066", "\\u2028\\u202eabc\\u2066"],
    ["plain text, accents and emoji", "Amazon Web Services é 🙂", "Amazon Web Services é 🙂"],
  ])("%s", (_name, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
    for (const c of ["\n", "\r", "\u001b"]) expect(terminalSafe(text)).not.toContain(c);
  });

  it("an excerpt is quoted and at most 60 code points, cut with …", () => {
    expect(excerpt("short")).toBe('"short"');
    expect(excerpt("🙂".repeat(100))).toBe(JSON.stringify(`${"🙂".repeat(59)}…`));
    expect(excerpt("x".repeat(10_000_000)).length).toBe(62);
    expect(excerpt("a\nb")).toBe('"a\\nb"');
  });
});
