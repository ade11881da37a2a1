/**
 * Every claim of the article is a fact: the test walks the article sentence by sentence and fails on
 * a sentence that carries a claim and that no fact's quote touches. The sentences that carry no claim
 * are listed below, each with the reason; the list must match exactly, so a sentence cannot hide in
 * it once a fact quotes it, and an entry that is no longer a sentence of the text fails too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLAIM_KINDS } from "../pipeline/schema/inputs.ts";
import { DATA, realTables } from "./helpers.ts";
import { splitSentences } from "./support/sentences.ts";

const ARTICLE = readFileSync(path.join(DATA, "sources", "dual-ai-stack-article.txt"), "utf8");
const DOCUMENT = "fierce-dual-ai-stack";

/** The article's sentences that carry no claim, by their text. */
const NO_CLAIM: ReadonlyArray<{ text: string; why: string }> = [
  // The first section heading: a label for the paragraphs on AI growth (their claims are facts).
  { text: "AI growth catalyst", why: "section heading" },
  // The second section heading, before the analysts' views on the opportunity.
  { text: "Seizing the opportunity", why: "section heading" },
];

describe("splitSentences", () => {
  it("keeps abbreviations, quotation marks and headings where a reader would", () => {
    const text = "Lead in the U.S. and Europe. “U.S.-led vs. China-led,” he said.\nA heading\nU.S./Western players “track.”";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "Lead in the U.S. and Europe.",
      "“U.S.-led vs. China-led,” he said.",
      "A heading",
      "U.S./Western players “track.”",
    ]);
  });

  it("breaks run-together items, but not brand names", () => {
    const text = "a parallel universe is emergingAlibaba and AvidThink each have siliconThough eBay";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "a parallel universe is emerging",
      "Alibaba and AvidThink each have silicon",
      "Though eBay",
    ]);
  });

  it("gives code-point offsets (characters outside the BMP count once)", () => {
    const text = "𝔸 one. Two.";
    expect(splitSentences(text)).toEqual([
      { start: 0, end: 6, text: "𝔸 one." },
      { start: 7, end: 11, text: "Two." },
    ]);
  });
});

describe("the article, sentence by sentence", () => {
  const sentences = splitSentences(ARTICLE);
  const facts = realTables().facts.filter((f) => f.document_id === DOCUMENT);
  const covering = (s: { start: number; end: number }) => facts.filter((f) => f.char_start < s.end && f.char_end > s.start);

  it("has the 41 sentences and headings a reader counts (the summary's three run-together bullets among them)", () => {
    expect(sentences).toHaveLength(41);
    expect(sentences.slice(0, 3).map((s) => [s.start, s.end])).toEqual([
      [0, 137],
      [137, 258],
      [258, 428],
    ]);
    const cps = Array.from(ARTICLE);
    for (const s of sentences) expect(cps.slice(s.start, s.end).join("")).toBe(s.text);
  });

  it("every sentence that carries a claim is quoted by a fact; the others are exactly the listed ones", () => {
    const uncovered = sentences.filter((s) => covering(s).length === 0).map((s) => s.text);
    expect(uncovered).toEqual(NO_CLAIM.map((n) => n.text));
  });

  it("every fact's quote lies inside one sentence", () => {
    const outside = facts.filter((f) => !sentences.some((s) => s.start <= f.char_start && f.char_end <= s.end)).map((f) => f.fact_id);
    expect(outside).toEqual([]);
  });

  it("every fact has a kind and a speaker; only figures and rankings have a value", () => {
    for (const f of facts) {
      expect(CLAIM_KINDS, f.fact_id).toContain(f.kind);
      expect(f.speaker, f.fact_id).not.toBe("");
      expect(f.value === null, f.fact_id).toBe(f.kind !== "figure" && f.kind !== "ranking");
    }
    const kinds = Object.fromEntries(CLAIM_KINDS.map((k) => [k, facts.filter((f) => f.kind === k).length]));
    expect(kinds).toEqual({
      figure: 27,
      ranking: 3,
      geography: 17,
      fact: 20,
      forecast: 16,
      opinion: 13,
      judgement: 8,
      recommendation: 6,
      caveat: 3,
    });
  });

  it("gives each sentence's claims to the speaker the article gives them", () => {
    const speakers = (start: number) => [...new Set(covering(sentences.find((s) => s.start === start)!).map((f) => f.speaker))].sort();
    expect(speakers(668)).toEqual(["avidthink"]); // “We’re seeing … a true dual AI stack …,” Roy Chua told Fierce.
    expect(speakers(2774)).toEqual(["eddie_wu"]); // Alibaba CEO Eddie Wu said during its July earnings call …
    expect(speakers(3248)).toEqual(["huawei_company"]); // All told, Huawei said its Pangu family …
    expect(speakers(3363)).toEqual(["fierce"]); // This strategy seems to be paying off.
    expect(speakers(4960)).toEqual(["moor_insights"]); // “It would be wise for U.S./Western Europe players …,” he concluded.
    expect(speakers(1590)).toEqual(["fierce", "microsoft"]); // … the largest cloud footprint, claiming over 70 cloud regions …
  });
});
