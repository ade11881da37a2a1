/**
 * The fast path for claim records (`isPlainClaimRecord`) must never accept what zod's ClaimRecord
 * rejects, nor accept it with a different value: extract uses (a copy of) the record it accepts. And
 * it must accept every real claim and every synthetic one, or the bulk path would fall back to zod.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ClaimRecord } from "../../../pipeline/schema/inputs.ts";
import { isPlainClaimRecord } from "../../../pipeline/stages/extract/claim-record.ts";
import { DATA, realInputs } from "../../helpers.ts";
import { synthesize } from "../../support/synthetic.ts";

const FIX = [...realInputs().files.keys()].find((f) => f.endsWith("dual-ai-stack-article.yaml"))!;
const claims = (parse(realInputs().files.get(FIX)!, { merge: true }) as { claims: Array<Record<string, unknown>> }).claims;
const FIELDS = [...Object.keys(ClaimRecord.shape), "extra_field", "__proto__", "constructor"];

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    "",
    " ",
    "x",
    "AWS",
    "exact",
    "approximately",
    "over",
    "at_least",
    "about",
    "2025-Q2",
    "Id",
    "a b",
    "-a",
    "a-b_c",
    "percent",
    0,
    -0,
    -1,
    1,
    1.5,
    2 ** 53,
    2 ** 53 - 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2024,
    true,
    false,
    [],
    {},
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 6 }),
);

describe("isPlainClaimRecord: zod's ClaimRecord, fast", () => {
  it("accepts every claim of the real fixture, which zod returns unchanged", () => {
    expect(claims.length).toBe(113);
    for (const c of claims) {
      expect(isPlainClaimRecord(c), String(c["id"])).toBe(true);
      expect(ClaimRecord.parse(c)).toEqual(c);
    }
  });

  it("accepts every synthetic claim (the bulk path never falls back to zod)", () => {
    const inputs = synthesize({ facts: 2000, seed: 3, format: "jsonl", referenceDir: DATA });
    let n = 0;
    for (const [file, text] of inputs.files) {
      if (!file.endsWith(".jsonl")) continue;
      for (const line of text.split("\n").slice(1).filter(Boolean)) {
        expect(isPlainClaimRecord(JSON.parse(line)), line).toBe(true);
        n++;
      }
    }
    expect(n).toBe(2000);
  });

  it("accepts only what zod accepts, with the same value (mutated real claims)", () => {
    const mutation = fc.record({
      claim: fc.nat({ max: claims.length - 1 }),
      edits: fc.array(fc.record({ field: fc.constantFrom(...FIELDS), value: anyValue, drop: fc.boolean() }), {
        minLength: 1,
        maxLength: 3,
      }),
    });
    let accepted = 0;
    fc.assert(
      fc.property(mutation, ({ claim, edits }) => {
        const c: Record<string, unknown> = JSON.parse(JSON.stringify(claims[claim]));
        for (const e of edits) {
          if (e.drop) delete c[e.field];
          else Object.defineProperty(c, e.field, { value: e.value, enumerable: true, writable: true, configurable: true });
        }
        const zod = ClaimRecord.safeParse(c);
        if (isPlainClaimRecord(c)) {
          accepted++;
          expect(zod.success, JSON.stringify(c)).toBe(true);
          expect(zod.data).toEqual(c);
          expect(Object.keys(zod.data ?? {}).sort()).toEqual(Object.keys(c).sort());
        }
      }),
      { seed: 20261128, numRuns: 3000 },
    );
    // Some mutations keep the claim valid (a new note, say); the fast path must take those too.
    expect(accepted).toBeGreaterThan(100);
  });

  it("leaves to zod what it turns into something else, and rejects what is not a plain object", () => {
    const c = { ...claims[0]! };
    expect(isPlainClaimRecord({ ...c, period: 2025 })).toBe(false); // zod turns it into "2025"
    expect(ClaimRecord.parse({ ...c, period: 2025 }).period).toBe("2025");
    expect(isPlainClaimRecord({ ...c, note: undefined })).toBe(false);
    expect(isPlainClaimRecord(null)).toBe(false);
    expect(isPlainClaimRecord([c])).toBe(false);
    expect(isPlainClaimRecord(Object.assign(Object.create({ inherited: 1 }), c))).toBe(false);
  });
});
