/**
 * Bad input, in process: every case of the table (syntax-and-fields.ts, claims.ts,
 * sources-and-reference.ts; shared helpers in support.ts) runs the stages once, and its issues must
 * be exactly the expected ones, with npm run check and npm run pipeline agreeing on the verdict.
 */
import { describe, expect, it, test } from "vitest";
import { withFiles } from "../helpers.ts";
import { bothVerdicts } from "../support/verdicts.ts";
import { claimCases } from "./claims.ts";
import { sourceAndReferenceCases } from "./sources-and-reference.ts";
import { type Case, inputs, issuesOf } from "./support.ts";
import { syntaxAndFieldCases } from "./syntax-and-fields.ts";

const cases: Case[] = [...syntaxAndFieldCases, ...claimCases, ...sourceAndReferenceCases];

describe("bad input: every kind is reported exactly, one line each; npm run check and npm run pipeline (without the write) agree on it", () => {
  it("covers at least 20 named kinds", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it("finds nothing wrong with the bundled data", () => {
    expect(issuesOf(inputs)).toEqual([]);
  });

  // One run of the stages per case: its error is extract's (the issues exact), and the pipeline's verdict agrees.
  test.each(cases)(
    "$name",
    async ({ changes, expected }) => {
      const v = await bothVerdicts(withFiles(inputs, changes));
      expect(v.error?.stage).toBe("extract");
      expect(v.error?.issues).toEqual(expected());
      expect(v.check, v.detail).toBe(v.pipeline);
    },
    120_000,
  );
});
