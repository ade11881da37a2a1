import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusHash, mulberry32, shapeOf, synthesize, writeCorpus } from "./synthetic.ts";
import { parseJsonlFixture, type JsonlIssue } from "../../pipeline/read/jsonl.ts";
import { jsonlMessages } from "../../pipeline/messages.ts";
import { PipelineError } from "../../pipeline/errors.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { enrich } from "../../pipeline/stages/enrich.ts";
import { readInputs } from "../../pipeline/read/inputs.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { normalize } from "../../pipeline/stages/normalize.ts";
import { DATA, tempDir } from "../helpers.ts";

const corpus = (facts: number, seed: number, format: "yaml" | "jsonl" = "jsonl") => synthesize({ facts, seed, format, referenceDir: DATA });

describe("synthetic corpus", () => {
  it("mulberry32 draws the same sequence as the reference implementation (bryc's PRNGs)", () => {
    // eslint-disable-next-line
    function reference(a: number) {
      return () => {
        let t = (a += 0x6d2b79f5);
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const ours = mulberry32(1);
    const ref = reference(1);
    const a = Array.from({ length: 1000 }, () => ours());
    expect(a).toEqual(Array.from({ length: 1000 }, () => ref()));
    expect(new Set(a).size).toBe(1000);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
  });

  it("is deterministic: the same seed gives the same bytes, another seed other bytes", () => {
    expect(corpusHash(corpus(1000, 42))).toBe(corpusHash(corpus(1000, 42)));
    expect(corpusHash(corpus(1000, 42, "yaml"))).toBe(corpusHash(corpus(1000, 42, "yaml")));
    expect(corpusHash(corpus(1000, 43))).not.toBe(corpusHash(corpus(1000, 42)));
  });

  it("has the documented shape: 50 claims a document, firms growing as √documents", () => {
    expect(shapeOf(1000)).toEqual({ facts: 1000, documents: 20, firms: 3, quarters: 7, providers: 43, claimsPerDocument: 50, shares: 860 });
    expect(shapeOf(1_000_000)).toMatchObject({ documents: 20000, firms: 100, quarters: 200, shares: 860000 });
    const inputs = corpus(1000, 1);
    // 20 documents (text + metadata + fixture) and the 9 reference files (with the series reconciliation rule and the region lists)
    expect(inputs.files.size).toBe(20 * 3 + 9);
  });

  it.each(["jsonl", "yaml"] as const)("passes the same validation as the real fixtures (%s)", (format) => {
    const inputs = corpus(1000, 7, format);
    const x = extract(inputs, silentContext);
    expect(x.claims).toHaveLength(1000);
    expect(x.documents).toHaveLength(20);
    expect(x.sources.filter((s) => s.source_id.startsWith("syn-firm-"))).toHaveLength(3);
    // Quotes sit at code-point offsets after an emoji heading, so UTF-16 offsets would be off by one.
    const first = x.claims[0]!;
    const doc = x.documents.find((d) => d.meta.document_id === first.document_id)!;
    expect(Array.from(doc.text).slice(first.record.char_start, first.record.char_end).join("")).toBe(first.record.quote);
    expect(doc.text.slice(first.record.char_start, first.record.char_end)).not.toBe(first.record.quote);
    expect(first.record.quote).toMatch(/^\S+ Research 001 put \S.* at \d+(\.\d)?% of cloud infrastructure services in Q1 2000\.$/);
  });

  it("fails validation when a quote is moved off its offsets", () => {
    const inputs = corpus(1000, 7);
    const key = [...inputs.files.keys()].find((k) => k.endsWith(".jsonl"))!;
    const lines = inputs.files.get(key)!.split("\n");
    const rec = JSON.parse(lines[1]!) as { char_start: number; char_end: number };
    lines[1] = JSON.stringify({ ...rec, char_start: rec.char_start + 1, char_end: rec.char_end + 1 });
    const files = new Map(inputs.files).set(key, lines.join("\n"));
    try {
      extract({ ...inputs, files }, silentContext);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PipelineError);
      const issues = (error as PipelineError).issues;
      expect(issues.map((i) => [i.file, i.line, i.rule])).toEqual([[key, 2, "quote-offsets"]]);
    }
  });

  it("round-trips through a data folder that the pipeline's reader reads back byte for byte, and in the same order", () => {
    const dir = tempDir("synthetic");
    const inputs = corpus(1000, 3);
    writeCorpus(inputs, path.join(dir, "synthetic"));
    const back = readInputs(path.join(dir, "synthetic"), dir);
    expect(corpusHash(back)).toBe(corpusHash(inputs));
    // The stages meet the in-memory corpus in the order they meet it from disk.
    expect([...inputs.files.keys()]).toEqual([...back.files.keys()]);
  });
});

describe("JSON Lines fixtures", () => {
  it("names the line of a malformed record and of a missing header", () => {
    const issues: JsonlIssue[] = [];
    expect(parseJsonlFixture('{"document_id": "d"}\n{"id": "a"}\n\n{"id": \n', issues)).toBeUndefined();
    expect(issues).toEqual([{ line: 4, path: "claims[1]", message: expect.stringMatching(/^malformed JSON: /) }]);
    const noHeader: JsonlIssue[] = [];
    expect(parseJsonlFixture('{"id": "a"}\n', noHeader)).toBeUndefined();
    expect(noHeader).toEqual([{ line: 1, path: "(header)", message: jsonlMessages.header() }]);
  });

  it("gives each claim its own line, blank lines skipped", () => {
    const parsed = parseJsonlFixture('{"document_id": "d"}\n\n{"id": "a"}\n{"id": "b"}\n', [])!;
    expect(parsed.value).toEqual({ document_id: "d", claims: [{ id: "a" }, { id: "b" }] });
    expect(parsed.lineAt(["claims", 1, "id"])).toBe(4);
    expect(parsed.lineAt(["document_id"])).toBe(1);
  });
});

describe("the synthetic corpus through the stages", () => {
  it("gives 10³ facts the tables its shape predicts", () => {
    const tables = enrich(normalize(extract(corpus(1000, 1), silentContext), silentContext), silentContext);
    const rows = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, (v as unknown[]).length]));
    // 3 firms × 7, 7 and 6 quarters × 43 providers = 860 shares; share_comparison: 3 cross-source
    // pairs × 43 + (6 + 6 + 5) consecutive-period pairs × 43 = 860; one concentration row per series.
    expect(rows).toMatchObject({
      facts: 1000,
      market_share: 860,
      share_comparison: 129 + 731,
      concentration: 20,
      documents: 20,
      providers: 43,
      geo_claims: 100,
    });
  });
});
