import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentContext } from "../../pipeline/stages/context.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { DATA, realInputs, withFiles } from "../helpers.ts";
import { synthesize } from "../support/synthetic.ts";
import { msg } from "../../pipeline/messages.ts";
import type { PipelineError } from "../../pipeline/errors.ts";

const article = readFileSync(path.join(DATA, "sources", "dual-ai-stack-article.txt"), "utf8");
const extracted = extract(realInputs(), silentContext);
const claim = (id: string) => extracted.claims.find((c) => c.record.id === id)!;

describe("extract", () => {
  it("keeps the article byte for byte", () => {
    expect(
      createHash("sha256")
        .update(readFileSync(path.join(DATA, "sources", "dual-ai-stack-article.txt")))
        .digest("hex"),
    ).toBe("67e1678e4a0a649928126f6209fde7f0abd6a3dc8d3aafad80e93a4f70a64cfa");
  });

  it("reads every claim of the article", () => {
    expect(extracted.claims).toHaveLength(113);
    expect(extracted.documents.map((d) => d.meta.document_id)).toEqual(["fierce-dual-ai-stack"]);
  });

  it("finds every quote in the source at its code-point offsets", () => {
    const codePoints = Array.from(article);
    for (const { record } of extracted.claims) {
      expect(codePoints.slice(record.char_start, record.char_end).join(""), record.id).toBe(record.quote);
    }
  });

  it("records quotes at the offsets a reader can check", () => {
    expect(claim("gartner-share-aws").record).toMatchObject({ quote: "Amazon at 37.7%", char_start: 2177, char_end: 2192 });
    expect(claim("alibaba-availability-zones").record).toMatchObject({ char_start: 1147, char_end: 1194 });
    expect(claim("aws-regions").record.quote).toBe("AWS offers 38");
  });

  it("resolves the article's aliases to canonical provider ids", () => {
    expect(claim("synergy-share-aws").subject_id).toBe("aws");
    expect(claim("synergy-share-azure").subject_id).toBe("azure");
    expect(claim("synergy-share-gcp").subject_id).toBe("gcp");
    expect(claim("alibaba-regions").subject_id).toBe("alibaba");
    expect(claim("huawei-regions").subject_id).toBe("huawei");
    expect(claim("pangu-use-cases").subject_id).toBe("pangu");
  });

  it("reads periods as ISO-style text", () => {
    expect(claim("synergy-share-aws").period).toBe("2025-Q2");
    expect(claim("gartner-share-aws").period).toBe("2024");
    expect(claim("alibaba-investment-usd").period).toBe("2025-02");
  });

  it("maps countries to macro-regions through world-countries plus the explicit overrides", () => {
    expect(extracted.countryMacro.get("MX")).toBe("latin_america");
    expect(extracted.countryMacro.get("US")).toBe("north_america");
    expect(extracted.countryMacro.get("CN")).toBe("china_mainland");
    expect(extracted.countryMacro.get("HK")).toBe("asia_pacific");
    expect(extracted.countryMacro.get("IE")).toBe("europe");
    expect(extracted.countryMacro.get("ZA")).toBe("africa");
    expect(extracted.countryMacro.get("AE")).toBe("middle_east");
  });
});

describe("extract: duplicate ids", () => {
  // Each issue comes where the record is, among the other issues, naming where the id was first used.
  it("reports every later use of an id at its own line, in file order, between the other problems", () => {
    const inputs = synthesize({ facts: 200, seed: 1, format: "jsonl", referenceDir: DATA });
    const [a, b] = [...inputs.files.keys()].filter((k) => k.endsWith(".jsonl")).sort();
    const lines = (file: string) => inputs.files.get(file)!.split("\n");
    const idOf = (file: string, claim: number) => (JSON.parse(lines(file)[claim + 1]!) as { id: string }).id;
    const edit = (file: string, edits: Record<number, (r: Record<string, unknown>) => void>) =>
      lines(file)
        .map((line, i) => {
          const f = edits[i - 1];
          if (!f) return line;
          const r = JSON.parse(line) as Record<string, unknown>;
          f(r);
          return JSON.stringify(r);
        })
        .join("\n");
    const [a1, a9, b2] = [idOf(a!, 1), idOf(a!, 9), idOf(b!, 2)];
    const changed = withFiles(inputs, {
      [a!]: edit(a!, { 9: (r) => (r["id"] = a1) }), // claim 9 reuses claim 1's id (same file)
      [b!]: edit(b!, { 3: (r) => (r["id"] = a1), 5: (r) => (r["subject"] = "Nobody"), 7: (r) => (r["id"] = b2) }),
    });
    let issues: readonly unknown[] = [];
    try {
      extract(changed, silentContext);
    } catch (error) {
      issues = (error as PipelineError).issues;
    }
    const at = (file: string, claim: number) => `${file}:${claim + 2}`; // the header is line 1
    expect(issues).toEqual([
      { file: a, line: 11, path: `claims[9] (${a1}).id`, rule: "duplicate-id", message: msg.duplicateId(a1, at(a!, 1)) },
      { file: b, line: 5, path: `claims[3] (${a1}).id`, rule: "duplicate-id", message: msg.duplicateId(a1, at(a!, 1)) },
      { file: b, line: 7, path: `claims[5] (${idOf(b!, 5)}).subject`, rule: "unknown-subject", message: msg.unknownSubject("Nobody") },
      { file: b, line: 9, path: `claims[7] (${b2}).id`, rule: "duplicate-id", message: msg.duplicateId(b2, at(b!, 2)) },
    ]);
    expect(a9).not.toBe(a1);
  });
});

describe("extract: what a measure needs besides its kind and units", () => {
  const FIX = "data/fixtures/dual-ai-stack-article.yaml";
  const inputs = realInputs();
  const text = inputs.files.get(FIX)!;
  const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
  const issuesOf = (from: string, to: string) => {
    try {
      extract(withFiles(inputs, { [FIX]: text.replace(from, to) }), silentContext);
    } catch (error) {
      return (error as PipelineError).issues;
    }
    return [];
  };
  const label = (id: string) => `claims[${claim(id).index}] (${id})`;

  it("a share of regions in a geography needs the geography", () => {
    expect(issuesOf("    object: china_mainland\n", "")).toEqual([
      // The claim has no object line any more: the message points at the claim.
      {
        file: FIX,
        line: lineOf("  - <<: *footprint\n    id: alibaba-regions-share-in-china"),
        path: `${label("alibaba-regions-share-in-china")}.object`,
        rule: "object-required",
        message: msg.objectRequired("regions_share_in_geo"),
      },
    ]);
  });

  it("a qualitative measure needs an object", () => {
    expect(issuesOf("    object: asia\n", "")).toEqual([
      {
        file: FIX,
        line: lineOf("id: alibaba-regions-in-asia"),
        path: `${label("alibaba-regions-in-asia")}.object`,
        rule: "object-required",
        message: msg.objectRequired("regions_in"),
      },
    ]);
  });

  it("a market share needs a known market", () => {
    const gartner = ["gartner-share-aws", "gartner-share-azure", "gartner-share-gcp", "gartner-share-alibaba", "gartner-share-huawei"];
    expect(issuesOf("    market: iaas\n", "    market: paas\n")).toEqual(
      // The first claim states the market; the others take it from it (<<: *gartner), each at its own line.
      gartner.map((id, i) => ({
        file: FIX,
        line: i === 0 ? lineOf("    market: iaas\n") : lineOf(`id: ${id},`),
        path: `${label(id)}.market`,
        rule: "unknown-market",
        message: msg.unknownMarket("paas", [
          "cloud_infrastructure_services",
          "iaas",
          "china_cloud_infrastructure_services",
          "provider_reported_cloud_revenue",
        ]),
      })),
    );
  });
});
