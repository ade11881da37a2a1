/**
 * A table as CSV: a header line, then one line per row, each ending in LF (RFC 4180, UTF-8).
 *
 * The rules are csv-stringify 6.9's with `record_delimiter: "\n"` and `quoted_match: /^\s|\s$|\r/`
 * (test/write/csv.test.ts holds this encoder to csv-stringify's bytes): a cell is quoted when it
 * holds `"`, `,`, LF or CR (a line break inside a field must be quoted, and many readers take a
 * lone CR for one) or starts or ends with white space (JavaScript's `\s`); quotes inside are
 * doubled. A null is an empty cell and an empty text is `""`, so that the two read back apart.
 * Numbers and booleans are written with `String` (JavaScript's shortest round-trip form).
 *
 * Text cells get the spreadsheet-formula guard (`neutralize`); the Parquet copy undoes it in the
 * columns that got it (parquet.ts), so it keeps the raw text.
 */
import { columnsOf, type Column } from "../schema/columns.ts";
import type { TableDef } from "../schema/tables.ts";

/**
 * Spreadsheet-injection guard for CSV text cells (OWASP "CSV Injection", ASVS 1.2.10): a text that
 * begins with =, +, -, @, a tab, a carriage return or a NUL gets a leading ' so that Excel, LibreOffice
 * and Google Sheets show it as text instead of running it as a formula. A text that begins with '
 * gets one more, so the rule can be undone without guessing: a CSV text cell that begins with ' lost
 * exactly that one character (parquet.ts relies on this). Text columns only: a number column's -4
 * stays -4. The Parquet files keep the raw text.
 */
export function neutralize(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  // = + - @ TAB CR NUL '
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 0 || c === 39 ? `'${text}` : text;
}

const NEEDS_QUOTES = /^\s|\s$|[",\n\r]/;

/** A cell's text, quoted (quotes inside doubled) when it must be. */
function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Lines are handed on in texts of about this many UTF-16 units: not one piece per line, and short
 * enough that a piece (a chain of appended lines until it is encoded) is young garbage.
 */
const BATCH = 1 << 16;

/**
 * The table as CSV, rows in the order given, in pieces of about 64 Ki characters. Returns (as the
 * generator's result) the text columns in which the guard added a `'` to at least one cell: the
 * Parquet conversion undoes it in those only.
 */
export function* encodeCsv(def: TableDef, rows: Iterable<Record<string, unknown>>): Generator<string, ReadonlySet<string>, undefined> {
  const cols = columnsOf(def);
  const guarded = new Set<string>();
  // Ids, markets and periods repeat from row to row: each text column remembers its last value and
  // cell, so a repeated text costs one comparison instead of the guard and the quoting rules.
  const lastText: unknown[] = cols.map(() => undefined);
  const lastCell: string[] = cols.map(() => "");
  const cell = (col: Column, v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    const text = String(v);
    if (col.type !== "string") return quote(text);
    if (text.length === 0) return '""';
    const safe = neutralize(text);
    if (safe !== text) guarded.add(col.name);
    return quote(safe);
  };
  let batch = `${cols.map((c) => quote(c.name)).join(",")}\n`;
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < cols.length; i++) {
      const col = cols[i]!;
      const v = row[col.name];
      let text: string;
      if (typeof v === "string" && v === lastText[i]) text = lastCell[i]!;
      else {
        text = cell(col, v);
        if (typeof v === "string") {
          lastText[i] = v;
          lastCell[i] = text;
        }
      }
      line = i === 0 ? text : `${line},${text}`;
    }
    batch += `${line}\n`;
    if (batch.length >= BATCH) {
      yield batch;
      batch = "";
    }
  }
  if (batch.length > 0) yield batch;
  return guarded;
}

/** The table as one CSV text, and the columns the guard changed (`encodeCsv`). */
export function toCsv(def: TableDef, rows: Iterable<Record<string, unknown>>): { text: string; guarded: ReadonlySet<string> } {
  const parts: string[] = [];
  const chunks = encodeCsv(def, rows);
  for (let r = chunks.next(); ; r = chunks.next()) {
    if (r.done) return { text: parts.join(""), guarded: r.value };
    parts.push(r.value);
  }
}
