/**
 * The input schemas (pipeline/schema/inputs.ts) on the real claims, on bulk synthetic claims, and on
 * the values zod must turn into something else or refuse.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { synthesize } from "./support/synthetic.ts";
import { ClaimRecord, describeInput, expectedGot, RULES } from "../pipeline/schema/inputs.ts";
import { zodErrorMap } from "../pipeline/messages.ts";
import { realInputs } from "./helpers.ts";

const FIX = "data/fixtures/dual-ai-stack-article.yaml";
const claims = (parse(realInputs().files.get(FIX)!, { merge: true }) as { claims: Array<Record<string, unknown>> }).claims;
const messages = (v: unknown) =>
  ClaimRecord.safeParse(v, { error: zodErrorMap }).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("ClaimRecord", () => {
  it("accepts every claim of the real fixture unchanged", () => {
    expect(claims.length).toBe(113);
    for (const c of claims) expect(ClaimRecord.parse(c), String(c["id"])).toEqual(c);
  });

  it("accepts every synthetic bulk claim unchanged", () => {
    const inputs = synthesize({ facts: 2000, seed: 3, format: "jsonl" });
    let n = 0;
    for (const [file, text] of inputs.files) {
      if (!file.endsWith(".jsonl")) continue;
      for (const line of text.split("\n").slice(1).filter(Boolean)) {
        const c: unknown = JSON.parse(line);
        expect(ClaimRecord.parse(c), line).toEqual(c);
        n++;
      }
    }
    expect(n).toBe(2000);
  });

  it("reads a period YAML gave as a number as text", () => {
    expect(ClaimRecord.parse({ ...claims[0]!, period: 2025 }).period).toBe("2025");
  });

  it("refuses a bad id, an empty subject, a text value and an unknown field, each with what it expected", () => {
    const c = claims[0]!;
    expect(messages({ ...c, id: "Synergy Share" })).toEqual([`id: ${expectedGot(RULES.id, "Synergy Share")}`]);
    expect(messages({ ...c, subject: "" })).toEqual(['subject: expected a non-empty text, got ""']);
    expect(messages({ ...c, value: "38%" })).toEqual(['value: expected a number, got "38%"']);
    expect(messages({ ...c, valu: 3 })).toEqual([': unknown field "valu"']);
    expect(messages(null)).toEqual([`: expected a mapping (field: value), got ${describeInput(null)}`]);
  });
});
