/**
 * Property: the real fixtures, mutated at random (dropped fields, swapped types, garbage bytes,
 * huge or negative numbers, odd Unicode, duplicated records, edits to the reference files), go
 * through extract → normalize → enrich → the output plan and the CSV encoder, in memory, and end
 * either in success or in a clean data error (a PipelineError of kind "data" with well-formed
 * issues), never in any other exception. A handful of cases also go through the whole write edge
 * (files, DuckDB's Parquet copies, the folder swap).
 *
 * The seed is fixed so that a run is reproducible; fast-check prints it with the counterexample on
 * failure. Set FC_SEED to explore other seeds, FC_RUNS (in memory) and FC_FULL_RUNS (through the
 * write edge) to run more cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { formatIssue, PipelineError } from "../pipeline/errors.ts";
import { ClaimRecord } from "../pipeline/schema/inputs.ts";
import { silentContext } from "../pipeline/stages/context.ts";
import { enrich } from "../pipeline/stages/enrich.ts";
import type { Inputs } from "../pipeline/read/inputs.ts";
import { extract } from "../pipeline/stages/extract.ts";
import { normalize } from "../pipeline/stages/normalize.ts";
import { toCsv } from "../pipeline/write/csv.ts";
import { planOutputs } from "../pipeline/write/plan.ts";
import { realInputs, withFiles } from "./helpers.ts";
import { writtenFiles } from "./support/outputs.ts";

const SEED = Number(process.env["FC_SEED"] ?? 20251128);
/** Cases through the stages in memory: each parses every input file again (~80 ms apiece on one idle core). */
const RUNS = Number(process.env["FC_RUNS"] ?? 100);
/** Cases that also write real files through DuckDB (each starts it: about a second apiece). */
const FULL_RUNS = Number(process.env["FC_FULL_RUNS"] ?? 6);

const FIX = "data/fixtures/dual-ai-stack-article.yaml";
const TEXT_FILES = [
  FIX,
  FIX,
  FIX,
  "data/reference/regions.csv",
  "data/reference/providers.yaml",
  "data/reference/measures.yaml",
  "data/reference/sources.yaml",
  "data/sources/dual-ai-stack-article.meta.yaml",
];
const inputs = realInputs();
const fixtureText = inputs.files.get(FIX)!;
/** The fixture as plain data (anchors and merges resolved), to mutate field by field. */
const fixture = parse(fixtureText, { merge: true }) as { document_id: string; claims: Array<Record<string, unknown>> };
const FIELDS = [...Object.keys(ClaimRecord.shape), "extra_field"];
const N = fixture.claims.length;

type Op =
  | { kind: "drop"; claim: number; field: string }
  | { kind: "set"; claim: number; field: string; value: unknown }
  | { kind: "duplicate"; claim: number }
  | { kind: "remove"; claim: number }
  | { kind: "top"; field: string; value: unknown }
  | { kind: "insert"; file: string; at: number; text: string }
  | { kind: "cut"; file: string; at: number; length: number };

const oddText = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\u200b",
  "\u202e",
  "\ud800",
  "\udfff",
  "🙂",
  "e\u0301",
  "ﬁ",
  "İ",
  "\ufeff",
  "\r\n",
  "\t",
  "~",
  "null",
  "---",
  "&a",
  "*a",
  "%",
  "\\",
  "'",
  '"',
  "#",
  '=HYPERLINK("http://x")',
  "@SUM(1+1)",
  "-1",
  "+1",
  "2025-Q2",
  "Q5 2025",
  "2025-13",
  "Amazon",
  "AWS",
  "percent",
  "fraction",
  "count",
  "rank",
  "market_share",
  "regions",
  "iaas",
  "gartner",
  "synergy",
  "CN",
  "asia",
  "aws-regions",
);
const hostileNumber = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      1,
      1e308,
      -1e308,
      1e21,
      1e15,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER + 2,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      Number.MIN_VALUE,
      5e-324,
      1e-300,
      Number.NaN,
      Infinity,
      -Infinity,
      0.1 + 0.2,
      100.0000001,
      -(2 ** 31) - 1,
      1761,
      1774,
      3600,
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  // in range: the run goes on through normalize and enrich with odd but valid numbers
  { weight: 2, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }) },
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileNumber },
  { weight: 3, arbitrary: oddText },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }) },
);
/** Bytes that are not UTF-8, decoded as the reader decodes them (U+FFFD), or any code points. */
const garbage = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => new TextDecoder("utf-8").decode(b)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 8 }),
  fc.constantFrom(":", "- ", "\n  ", "{", "]", '"', "\t", "\n---\n", ",", "\n,,,\n", "*x", "&x ", "<<: *nope\n"),
);
const claim = fc.nat({ max: N - 1 });
/** Claims counted in whole numbers (regions, zones, ranks): their values land in integer columns. */
const countClaim = fc.constantFrom(...fixture.claims.flatMap((c, i) => (c["unit"] === "count" || c["unit"] === "rank" ? [i] : [])));
const field = fc.constantFrom(...FIELDS);
/** Free-text fields that pass validation and reach the tables: odd Unicode, formula-like text. */
const textOp: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant("set" as const),
  claim,
  field: fc.constantFrom("note", "period_note"),
  value: fc.oneof(oddText, fc.string({ unit: "binary", maxLength: 20 })),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("drop" as const), claim, field }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), claim, field, value: anyValue }) },
  // the value itself: huge, tiny, negative, fractional, in range
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("set" as const), claim, field: fc.constant("value"), value: hostileNumber }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("set" as const), claim: countClaim, field: fc.constant("value"), value: hostileNumber }),
  },
  { weight: 2, arbitrary: textOp },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), claim }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), claim }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("top" as const), field: fc.constantFrom("document_id", "claims", "extra"), value: anyValue }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      file: fc.constantFrom(...TEXT_FILES),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: garbage,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("cut" as const),
      file: fc.constantFrom(...TEXT_FILES),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      length: fc.nat({ max: 40 }),
    }),
  },
);

/** The real inputs with the operations applied: structural ones on the fixture's data, then text ones. */
function mutate(ops: readonly Op[]): Inputs {
  const structural = ops.filter((o) => o.kind !== "insert" && o.kind !== "cut");
  const changes: Record<string, string> = {};
  if (structural.length > 0) {
    const doc: Record<string, unknown> = structuredClone(fixture);
    let claims = doc["claims"] as Array<Record<string, unknown>>;
    for (const o of structural) {
      if (o.kind === "insert" || o.kind === "cut") continue;
      if (o.kind === "top") doc[o.field] = o.value;
      if (!Array.isArray(doc["claims"])) continue;
      claims = doc["claims"] as Array<Record<string, unknown>>;
      const picked: unknown = claims[o.kind === "top" ? 0 : o.claim % Math.max(claims.length, 1)];
      // (after a "top" mutation the claims may be anything: only records get fields)
      const target =
        typeof picked === "object" && picked !== null && !Array.isArray(picked) ? (picked as Record<string, unknown>) : undefined;
      if (o.kind === "drop" && target) delete target[o.field];
      if (o.kind === "set" && target) target[o.field] = o.value;
      if (o.kind === "duplicate" && target) claims.push(structuredClone(target));
      if (o.kind === "remove") claims.splice(o.claim % Math.max(claims.length, 1), 1);
    }
    changes[FIX] = stringify(doc);
  }
  for (const o of ops) {
    if (o.kind !== "insert" && o.kind !== "cut") continue;
    const text = changes[o.file] ?? inputs.files.get(o.file)!;
    const i = Math.floor(o.at * text.length);
    changes[o.file] = o.kind === "insert" ? text.slice(0, i) + o.text + text.slice(i) : text.slice(0, i) + text.slice(i + o.length);
  }
  return withFiles(inputs, changes);
}

type Outcome = { ok: true } | { ok: false; error: unknown };
/** The stages, the plan and every CSV file's bytes, in memory. */
function run(changed: Inputs): Outcome {
  try {
    const tables = enrich(normalize(extract(changed, silentContext), silentContext), silentContext);
    for (const file of planOutputs(tables, { version: "0.0.0-test" })) if (file.kind === "csv") toCsv(file.def, file.rows);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The stages and the whole write edge, into a temporary folder. */
async function runAndWrite(changed: Inputs): Promise<Outcome> {
  try {
    const tables = enrich(normalize(extract(changed, silentContext), silentContext), silentContext);
    await writtenFiles(tables, { version: "0.0.0-test" });
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A clean data error: a PipelineError of kind "data" whose issues are all well formed. */
function expectDataError(e: unknown): void {
  if (!(e instanceof PipelineError)) throw new Error(`not a PipelineError: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  expect(e.kind).toBe("data");
  expect(e.issues.length).toBeGreaterThan(0);
  for (const issue of e.issues) {
    expect(issue.file.length, formatIssue(issue)).toBeGreaterThan(0);
    expect(issue.path.length, formatIssue(issue)).toBeGreaterThan(0);
    expect(issue.rule, formatIssue(issue)).toMatch(/^[a-z0-9-]+$/);
    expect(issue.message.length, formatIssue(issue)).toBeGreaterThan(0);
    expect(issue.message, formatIssue(issue)).not.toContain("[object Object]");
    if (issue.line !== undefined) expect(Number.isInteger(issue.line) && issue.line >= 1, formatIssue(issue)).toBe(true);
  }
}

describe("property: any mutation of the real inputs ends in success or a clean data error", () => {
  it("the unmutated fixture, rewritten as plain YAML, still passes (the mutation base is sound)", () => {
    expect(run(mutate([{ kind: "top", field: "document_id", value: fixture.document_id }]))).toEqual({ ok: true });
  });

  it(`holds for ${RUNS} random mutations (seed ${SEED})`, () => {
    const outcomes = { ok: 0, data: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 3 }), (ops) => {
        const outcome = run(mutate(ops));
        if (outcome.ok) {
          outcomes.ok++;
          return;
        }
        expectDataError(outcome.error);
        outcomes.data++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    console.log(`property: ${outcomes.ok} successes, ${outcomes.data} data errors (seed ${SEED})`);
    expect(outcomes.ok + outcomes.data).toBe(RUNS);
    expect(outcomes.ok).toBeGreaterThan(RUNS / 20);
    expect(outcomes.data).toBeGreaterThan(RUNS / 2);
  }, 600_000);

  it(`holds through the whole write edge for ${FULL_RUNS} random mutations of the free text (seed ${SEED + 1})`, async () => {
    const outcomes = { ok: 0, data: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(textOp, op), { minLength: 1, maxLength: 3 }), async (ops) => {
        const outcome = await runAndWrite(mutate(ops));
        if (outcome.ok) outcomes.ok++;
        else {
          expectDataError(outcome.error);
          outcomes.data++;
        }
      }),
      { numRuns: FULL_RUNS, seed: SEED + 1, endOnFailure: true },
    );
    // Most of these texts are valid: the write edge, DuckDB included, is reached.
    expect(outcomes.ok).toBeGreaterThan(0);
  }, 120_000);
});
