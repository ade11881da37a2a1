/**
 * The region catalog's CSV (data/reference/regions.csv) → records of text, each with its line.
 *
 * Every record-level syntax error is reported (a row with a missing or extra comma does not hide
 * the next one). A misplaced closing quote or an unclosed quote loses the parser's place in the
 * file: it is reported, later errors only counted, and no record after it is trusted. A header
 * without exactly the expected columns is one issue, and no record is returned.
 */
import { parse } from "csv-parse/sync";
import { dataIssue, type DataIssue } from "../errors.ts";
import { msg } from "../messages.ts";

export interface CsvRecord {
  record: Record<string, string>;
  /** 1-based line of the record (its last line, for a record with quoted line breaks). */
  line: number;
}

export interface ParsedCsv {
  records: CsvRecord[];
  issues: DataIssue[];
}

type CsvError = Error & { code?: string; lines?: number; column?: string | number | null };

export function parseCatalogCsv(file: string, text: string, columns: readonly string[]): ParsedCsv {
  const issues: DataIssue[] = [];
  const syntax: CsvError[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      trim: false,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) syntax.push(error as CsvError);
        return undefined;
      },
    }) as typeof records;
  } catch (error) {
    // What skip_records_with_error does not cover (e.g. an invalid option or encoding) ends here.
    syntax.push(error as CsvError);
    records = [];
  }
  if (syntax.length > 0) {
    const lost = syntax.findIndex((e) => e.code === "CSV_INVALID_CLOSING_QUOTE" || e.code === "CSV_QUOTE_NOT_CLOSED");
    const shown = lost < 0 ? syntax : syntax.slice(0, lost + 1);
    shown.forEach((e, i) => {
      const more = i === lost && syntax.length > lost + 1 ? `; ${msg.csvMoreErrors(syntax.length - lost - 1)}` : "";
      issues.push(
        dataIssue(
          file,
          e.lines,
          "(file)",
          "csv-syntax",
          msg.csvSyntax(`${msg.parserDetail(e.message)}${more}`, e.lines, e.column ?? undefined),
        ),
      );
    });
    if (lost >= 0) {
      const from = syntax[lost]!.lines ?? 0;
      records = records.filter((r) => r.info.lines < from);
    }
  }

  const header =
    text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/, 1)[0]
      ?.split(",") ?? [];
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !columns.includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    issues.push(dataIssue(file, 1, "(header)", "csv-columns", msg.csvColumns(missing, unknown, columns)));
    return { records: [], issues };
  }
  return { records: records.map(({ record, info }) => ({ record, line: info.lines })), issues };
}
