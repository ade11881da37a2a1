/**
 * `npm run check` is a faithful preview: on random inputs aimed at the limits only the later steps
 * used to enforce (whole numbers past a Parquet INTEGER, a catalog whose zones sum past one, texts
 * longer than DuckDB's default line, ids that are members of every JavaScript object, bytes in the
 * wrong place), `check` and the pipeline without the write (charts drawn, files and Parquet copies
 * written to a temporary folder) give the same verdict. Each case runs DuckDB: a few seconds apiece,
 * so the number of runs is small (FC_AGREE_RUNS for more) and the seed fixed (FC_SEED).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Inputs } from "../pipeline/read/inputs.ts";
import { realInputs, withFiles } from "./helpers.ts";
import { bothVerdicts } from "./support/verdicts.ts";

const SEED = Number(process.env["FC_SEED"] ?? 20251202);
const RUNS = Number(process.env["FC_AGREE_RUNS"] ?? 8);

const FIX = "data/fixtures/dual-ai-stack-article.yaml";
const REGIONS = "data/reference/regions.csv";
const PROVIDERS = "data/reference/providers.yaml";
const inputs = realInputs();
const fixture = inputs.files.get(FIX)!;
const catalogLines = inputs.files.get(REGIONS)!.split("\n");

type Edit =
  | { kind: "zones"; line: number; zones: string }
  | { kind: "count"; value: number }
  | { kind: "note"; length: number }
  | { kind: "provider"; id: string }
  | { kind: "garbage"; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("zones" as const),
    line: fc.integer({ min: 1, max: catalogLines.length - 2 }),
    zones: fc.constantFrom("3", "999", "1000", "1001", "2147483647", "2147483648", "99999999999999999999"),
  }),
  fc.record({
    kind: fc.constant("count" as const),
    value: fc.constantFrom(38, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 1e21, 4.5),
  }),
  fc.record({ kind: fc.constant("note" as const), length: fc.constantFrom(10, 70_000, 2_200_000) }),
  fc.record({ kind: fc.constant("provider" as const), id: fc.constantFrom("constructor", "valueof", "__proto__", "tostring", "x") }),
  fc.record({
    kind: fc.constant("garbage" as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.constantFrom("\u0000", "\ufeff", "\u001b[2J", ":\n", "\ud800"),
  }),
);

/** The real inputs with the edits applied, each to the file it aims at. */
function apply(edits: readonly Edit[]): Inputs {
  let fix = fixture;
  let regions = catalogLines.slice();
  let providers = inputs.files.get(PROVIDERS)!;
  for (const e of edits) {
    if (e.kind === "zones") {
      const cells = regions[e.line]!.split(",");
      cells[5] = e.zones; // availability_zones (the rows before it hold no quoted commas)
      regions[e.line] = cells.join(",");
    } else if (e.kind === "count")
      fix = fix.replace(
        "id: aws-regions, subject: AWS, measure: regions, value: 38,",
        `id: aws-regions, subject: AWS, measure: regions, value: ${e.value},`,
      );
    else if (e.kind === "note") fix = fix.replace("    period_note: ", `    note: "${"n".repeat(e.length)}"\n    period_note: `);
    else if (e.kind === "provider") {
      providers = providers.replace("provider_id: oracle", `provider_id: ${e.id}`);
      regions = regions.map((l) => (l.startsWith("oracle,") ? `${e.id}${l.slice("oracle".length)}` : l));
    } else {
      const i = Math.floor(e.at * fix.length);
      fix = fix.slice(0, i) + e.text + fix.slice(i);
    }
  }
  return withFiles(inputs, { [FIX]: fix, [REGIONS]: regions.join("\n"), [PROVIDERS]: providers });
}

describe("check and the pipeline agree", () => {
  it.each([
    ["a whole number past a Parquet INTEGER in a count claim", "data: value-range", [{ kind: "count", value: 2 ** 31 }]],
    ["a region with more availability zones than any has", "data: value-range", [{ kind: "zones", line: 1, zones: "2147483647" }]],
    ["a note longer than DuckDB's default line (2 MiB)", "ok", [{ kind: "note", length: 2_200_000 }]],
    ["a provider whose id is a member of every object", "ok", [{ kind: "provider", id: "constructor" }]],
  ] as Array<[string, string, Edit[]]>)(
    "%s: %s",
    async (_name, expected, edits) => {
      const v = await bothVerdicts(apply(edits));
      expect(v.verdict).toBe(expected);
      expect(v.check, v.detail).toBe(v.pipeline);
    },
    120_000,
  );

  it(`on ${RUNS} random combinations of hostile edits (seed ${SEED})`, async () => {
    const seen = { ok: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const v = await bothVerdicts(apply(edits));
        expect(v.check, v.detail).toBe(v.pipeline);
        seen[v.check ? "ok" : "failed"]++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(seen.ok + seen.failed).toBe(RUNS);
  }, 600_000);
});
