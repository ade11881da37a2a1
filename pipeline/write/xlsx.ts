/**
 * The tables as one Excel workbook (exceljs): a first sheet with the data dictionary, then one sheet
 * per table in the registry's order, each with its header row frozen and filterable.
 *
 * Cells are typed from the table's schema, so Excel guesses nothing: text (ids and periods too, so
 * `2025-02` stays a period and `2024` text) as text, numbers as numbers, booleans as booleans, dates
 * as dates. Numbers keep their full value; only their display is formatted: a share (unit
 * `fraction`) as a percentage, other numbers with thousands separators (380,000,000,000, never
 * 3.8E+11). No text gets the CSV's formula guard: a typed text cell is never run as a formula.
 *
 * Byte for byte reproducible: exceljs stamps the workbook's properties and every zip entry with the
 * time of the run, so the properties get the caller's date and the zip is written again (jszip)
 * with that date on every entry.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { columnsOf, type Column } from "../schema/columns.ts";
import type { TableDef } from "../schema/tables.ts";

type Rows = ReadonlyArray<Record<string, unknown>>;

export interface WorkbookOptions {
  /** The date stamped on the workbook and its zip entries (the data's as-of date), at midnight UTC. */
  date: string;
  /** Who made it: the package's name and version. */
  creator: string;
  title: string;
  /** The licence line, kept in the workbook's properties. */
  licence: string;
}

export const DICTIONARY_SHEET = "dictionary";
const DICTIONARY_COLUMNS = ["table", "column", "type", "unit", "required", "description"] as const;

export const PERCENT = "0.0%";
export const WHOLE = "#,##0";
export const DECIMAL = "#,##0.0###";
/** Offsets and ranks read as plain integers, without a thousands separator. */
const PLAIN = "0";
export const DATE = "yyyy-mm-dd";

/** Excel's own limits: a longer text is cut by Excel, more rows are not opened. */
export const XLSX_MAX_TEXT = 32_767;
export const XLSX_MAX_ROWS = 1_048_576;

/** The unit of a number column, or the row's own unit where the column says `see <column>`. */
function unitOf(col: Column, row: Record<string, unknown>): string | undefined {
  const ref = col.unit?.match(/^see (\w+)$/)?.[1];
  if (!ref) return col.unit;
  const u = row[ref];
  return typeof u === "string" ? u : undefined;
}

/** The display format of a number cell: a share as a percentage, a whole number with separators. */
function numberFormat(col: Column, row: Record<string, unknown>, v: number): string {
  if (unitOf(col, row) === "fraction") return PERCENT;
  if (col.type === "integer") return col.unit === "code points" || col.unit === "rank" ? PLAIN : WHOLE;
  return Number.isInteger(v) ? WHOLE : DECIMAL;
}

/** An ISO date as the Date at its midnight UTC (what exceljs writes as the day's serial number). */
const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The width of a column in characters: its longest header or cell, between 6 and 60. */
function widthOf(header: string, cells: readonly unknown[]): number {
  let w = header.length;
  for (const v of cells) {
    const n = v === null || v === undefined ? 0 : v instanceof Date ? 10 : typeof v === "number" ? String(v).length + 2 : String(v).length;
    if (n > w) w = n;
  }
  return Math.min(60, Math.max(6, w + 2));
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: Rows): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.addRow(columns.map((c) => c.name)).font = { bold: true };
  for (const row of rows) {
    const values = columns.map((c) => {
      const v = row[c.name];
      return v === null || v === undefined ? null : c.type === "date" ? utcDate(String(v)) : v;
    });
    const added = ws.addRow(values);
    columns.forEach((c, i) => {
      const v = values[i];
      if (typeof v === "number") added.getCell(i + 1).numFmt = numberFormat(c, row, v);
      else if (v instanceof Date) added.getCell(i + 1).numFmt = DATE;
    });
  }
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = widthOf(
      c.name,
      rows.map((r) => r[c.name]),
    );
  });
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
}

/** The data dictionary: one row per column of every table, from the registry. */
function dictionaryRows(tables: ReadonlyArray<{ def: TableDef }>): Rows {
  return tables.flatMap(({ def }) =>
    columnsOf(def).map((c) => ({
      table: def.name,
      column: c.name,
      type: c.type,
      unit: c.unit ?? null,
      required: !c.nullable,
      description: c.enum ? `${c.description} (one of: ${c.enum.join(", ")})` : c.description,
    })),
  );
}

const DICTIONARY_COLUMN_DEFS: readonly Column[] = DICTIONARY_COLUMNS.map((name) => ({
  name,
  type: name === "required" ? "boolean" : "string",
  nullable: name === "unit",
  description: "",
}));

/** The workbook's bytes: the dictionary, then `tables` in the order given (rows in the order given). */
export async function encodeWorkbook(tables: ReadonlyArray<{ def: TableDef; rows: Rows }>, opts: WorkbookOptions): Promise<Uint8Array> {
  const date = utcDate(opts.date);
  // Loaded when a workbook is written: it is the largest package of the write edge (about half a
  // second to load), and `--check`, the runs over the workbook budget and their tests never need it.
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = opts.creator;
  wb.lastModifiedBy = opts.creator;
  wb.created = date;
  wb.modified = date;
  wb.title = opts.title;
  wb.description = opts.licence;
  addSheet(wb, DICTIONARY_SHEET, DICTIONARY_COLUMN_DEFS, dictionaryRows(tables));
  for (const { def, rows } of tables) addSheet(wb, def.name, columnsOf(def), rows);
  const written = await wb.xlsx.writeBuffer();
  return restampZip(new Uint8Array(written as ArrayBuffer), date);
}

/**
 * The same zip with `date` on every entry, entries in their order, folders left implicit: exceljs
 * (through jszip) stamps each entry with the time it was added.
 */
export async function restampZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const from = await JSZip.loadAsync(bytes);
  const to = new JSZip();
  for (const entry of Object.values(from.files)) {
    if (entry.dir) continue;
    to.file(entry.name, await entry.async("uint8array"), { date, createFolders: false });
  }
  return to.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}
