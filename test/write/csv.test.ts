/**
 * The CSV encoder (pipeline/write/csv.ts) against csv-stringify, the reference: the same bytes for
 * any rows of any table, with the options the encoder's rules are written after; and the formula
 * guard `neutralize`.
 */
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnsOf, type Column } from "../../pipeline/schema/columns.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { encodeCsv, neutralize, toCsv } from "../../pipeline/write/csv.ts";

/** The reference bytes: csv-stringify, text cells `neutralize`d first, an empty text `""`, a null an empty cell. */
function reference(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  const cell = (c: Column, v: unknown) =>
    v === null || v === undefined
      ? null
      : c.type === "string" && typeof v !== "number" && typeof v !== "boolean"
        ? neutralize(String(v))
        : String(v);
  const records = rows.map((r) => cols.map((c) => cell(c, r[c.name])));
  return stringify([cols.map((c) => c.name), ...records], {
    record_delimiter: "\n",
    quoted_match: /^\s|\s$|\r/,
    cast: { string: (v) => (v === "" ? { value: "", quoted_empty: true } : v) },
  });
}

const TEXTS = [
  "plain",
  "",
  " lead",
  "trail ",
  "\u00a0nbsp",
  "nbsp\u00a0",
  "\ufeffbom",
  "\u3000ideo",
  "in side",
  'say "hi"',
  "a,b",
  "cr\rx",
  "lf\nx",
  "crlf\r\nx",
  "end\r",
  "\ttab",
  "=1+1",
  "+1",
  "-4 pts",
  "@SUM",
  "\0nul",
  "'quoted",
  "🌩 cloud",
  "x\u2028",
  "\u0085nel",
];
const text = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(..." ,\"\r\n\t=+-@'a".split("")), maxLength: 6 }),
);
const day = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1e21, 5e-324, -4, 0.1 + 0.2));

/** A row of `def` whose cells are of the column's type, or null where the column allows it. */
function row(def: TableDef): fc.Arbitrary<Record<string, unknown>> {
  const cell = (c: Column): fc.Arbitrary<unknown> => {
    const value: fc.Arbitrary<unknown> =
      c.type === "string"
        ? text
        : c.type === "date"
          ? day
          : c.type === "boolean"
            ? fc.boolean()
            : c.type === "integer"
              ? fc.integer()
              : number;
    return c.nullable ? fc.option(value, { nil: null }) : value;
  };
  return fc.record(Object.fromEntries(columnsOf(def).map((c) => [c.name, cell(c)])));
}

const defs = Object.values(TABLES) as TableDef[];

describe("encodeCsv", () => {
  it("gives csv-stringify's bytes for any rows of any table", () => {
    const tableRows = fc.constantFrom(...defs).chain((def) => fc.tuple(fc.constant(def), fc.array(row(def), { maxLength: 20 })));
    fc.assert(
      fc.property(tableRows, ([def, rows]) => {
        expect(toCsv(def, rows).text).toBe(reference(def, rows));
      }),
      { numRuns: 300, seed: 20251202 },
    );
  });

  it("gives csv-stringify's bytes for 5 000 rows of every kind of cell", () => {
    const def = TABLES.share_comparison as TableDef;
    const cols = columnsOf(def);
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      Object.fromEntries(
        cols.map((c, j) => [
          c.name,
          c.nullable && (i + j) % 7 === 0
            ? null
            : c.type === "string"
              ? TEXTS[(i + j) % TEXTS.length]
              : c.type === "date"
                ? `20${String(i % 100).padStart(2, "0")}-0${(j % 9) + 1}-1${j % 10}`
                : c.type === "boolean"
                  ? i % 2 === 0
                  : c.type === "integer"
                    ? -i
                    : (i - 500) / 7,
        ]),
      ),
    );
    expect([...encodeCsv(def, rows)].join("")).toBe(reference(def, rows));
  });

  it('writes a null as an empty cell, an empty text as "", numbers with String, and never guards a number column', () => {
    const def = TABLES.share_comparison as TableDef;
    const cols = columnsOf(def).map((c) => c.name);
    const base = Object.fromEntries(cols.map((c) => [c, null]));
    const { text } = toCsv(def, [{ ...base, provider_id: "", source_a: "-x", delta_pp: -4 }]);
    const [header, line] = text.split("\n");
    const cells = Object.fromEntries(header!.split(",").map((name, k) => [name, line!.split(",")[k]]));
    expect(cells).toMatchObject({ provider_id: '""', source_a: "'-x", delta_pp: "-4", period_a: "" });
  });

  it("returns the text columns where the guard added a '", () => {
    const def = TABLES.markets as TableDef;
    const rows = [
      { market_id: "iaas", market_name: "'IaaS'", definition: "=not a formula" },
      { market_id: "x'y", market_name: "plain", definition: "-4 pts" },
    ];
    expect(toCsv(def, rows)).toEqual({
      text: "market_id,market_name,definition\niaas,''IaaS','=not a formula\nx'y,plain,'-4 pts\n",
      guarded: new Set(["market_name", "definition"]),
    });
  });
});

describe("neutralize", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["\u0000x", "'\u0000x"],
    ["a=1", "a=1"],
    [" =1", " =1"],
    ["", ""],
    ["'=1", "''=1"],
    ["'quoted'", "''quoted'"],
    ["a'", "a'"],
  ])("%j → %j", (input, expected) => {
    expect(neutralize(input)).toBe(expected);
  });
});
