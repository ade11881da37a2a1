/**
 * What the notebooks show, as MIME bundles every Jupyter front end can render: tables as escaped
 * HTML with a plain-text twin, narrative as markdown with a plain-text twin, a chart's plain-text
 * line. Pure (no tslab, no danfojs, no file system), so tests import it directly; display.ts sends
 * the bundles.
 *
 * Numbers are formatted for reading by their unit, the Table Schema `unit` the pipeline writes to
 * datapackage.json ("fraction" → 37.7%, "percentage points" → +7.7 pp, counts with thousands
 * separators, offsets and ranks as they are). The raw value stays in the cell's `title` (shown on
 * hover) and in the table itself: nothing is rounded in the data.
 *
 * `$`: Jupyter's MathJax (classic Notebook, JupyterLab, nbconvert's HTML) typesets `$…$` in HTML and
 * markdown outputs, and it reads the page's text, after entities are decoded, so `&#36;` alone does
 * not stop it. A table is wrapped in `class="tex2jax_ignore"` (the class MathJax 2's tex2jax and
 * JupyterLab's MathJax 3 skip) and its `$` are written `&#36;` as well, so that no raw `$` reaches a
 * renderer that parses the HTML text itself.
 */

/** The class MathJax leaves alone (tex2jax's `ignoreClass`, JupyterLab's `ignoreHtmlClass`). */
export const MATHJAX_IGNORE = "tex2jax_ignore";

/** A table as the display helpers see it: column names, optional row labels, cells. */
export interface TableData {
  columns: string[];
  /** Row labels when they carry meaning (danfojs `describe()`: count, mean…); null for row numbers. */
  index: string[] | null;
  rows: unknown[][];
}

export interface TableOptions {
  /** Rows shown (default 20); the rest are counted under the table. */
  maxRows?: number;
  /** Unit per column (Table Schema units); default: display.ts looks them up in datapackage.json. */
  units?: Readonly<Record<string, string>>;
}

/** Rows (array of objects) or a danfojs DataFrame (duck-typed: .columns, .values, .index). */
// biome-ignore lint/suspicious/noExplicitAny: raw input: row objects or a danfojs DataFrame, told apart at run time
export function tableData(data: any): TableData {
  if (Array.isArray(data)) {
    const cols = new Set<string>();
    for (const r of data) for (const k of Object.keys(r ?? {})) cols.add(k);
    const columns = [...cols];
    return { columns, index: null, rows: data.map((r) => columns.map((c) => r?.[c])) };
  }
  if (data && Array.isArray(data.columns) && Array.isArray(data.values)) {
    const index: unknown[] = Array.isArray(data.index) ? data.index : [];
    // row numbers (also permuted ones after a sort) say nothing; labels such as describe()'s do
    const labelled = index.some((i) => typeof i === "string");
    return {
      columns: data.columns.map(String),
      index: labelled ? index.map(String) : null,
      rows: data.values.map((r: unknown) => (Array.isArray(r) ? r : [r])),
    };
  }
  throw new Error("showTable: expected an array of row objects or a danfojs DataFrame");
}

/** Aggregates danfojs names `<column>_<agg>`: a sum or mean keeps the column's unit, a count is a count. */
const SAME_UNIT_AGGREGATES = ["sum", "mean", "median", "min", "max", "std"];

/** The unit of a column, from the known units of the published columns (and of what they aggregate). */
export function unitOf(column: string, known: Readonly<Record<string, string>>): string | undefined {
  const has = (k: string): boolean => Object.hasOwn(known, k);
  if (has(column)) return known[column];
  const m = /^(.+)_([a-z]+)$/.exec(column);
  if (!m) return undefined;
  const [, base = "", agg = ""] = m;
  if (agg === "count") return "count";
  return SAME_UNIT_AGGREGATES.includes(agg) && has(base) ? known[base] : undefined;
}

const thousands = (x: number, digits: number): string =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** A number without float noise: 0.1129999999 → "0.113", 380000000000 → "380,000,000,000". */
export function plainNumber(x: number): string {
  const a = Math.abs(x);
  return thousands(x, a >= 1000 ? 0 : a >= 1 ? 2 : 4);
}

/** A number for reading, by its Table Schema unit. */
export function formatNumber(x: number, unit: string | undefined): string {
  if (!Number.isFinite(x)) return "";
  switch (unit) {
    case "fraction":
      return `${(x * 100).toFixed(1)}%`;
    case "percentage points":
      return `${x > 0 ? "+" : ""}${x.toFixed(1)} pp`;
    case "code points":
    case "rank":
      return String(x); // positions, not quantities: no separators
    case "count":
      return thousands(x, 0);
    default:
      return plainNumber(x);
  }
}

/** "see unit" → the row's value in column `unit` (facts.value is in the unit its row names). */
function cellUnit(
  column: string,
  units: Readonly<Record<string, string>>,
  columns: readonly string[],
  row: readonly unknown[],
): string | undefined {
  const u = unitOf(column, units);
  const see = u === undefined ? null : /^see (\S+)$/.exec(u);
  if (!see) return u;
  const v = row[columns.indexOf(see[1] ?? "")];
  return typeof v === "string" ? v : undefined;
}

interface Cell {
  text: string;
  /** The raw value, when the text is a formatting of it. */
  raw: string | null;
  numeric: boolean;
}

function cellOf(v: unknown, unit: string | undefined): Cell {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return { text: "", raw: null, numeric: false };
  if (typeof v === "number") {
    const text = formatNumber(v, unit);
    return { text, raw: text === String(v) ? null : String(v), numeric: true };
  }
  if (typeof v === "bigint") return { text: thousands(Number(v), 0), raw: String(v), numeric: true };
  if (v instanceof Date) return { text: v.toISOString(), raw: null, numeric: false };
  const text = (typeof v === "object" ? JSON.stringify(v) : String(v)).replace(/\r?\n/g, " ");
  return { text, raw: null, numeric: false };
}

interface Shown {
  header: string[];
  cells: Cell[][];
  more: number;
  total: number;
}

function shown(t: TableData, opts: TableOptions): Shown {
  const maxRows = Math.max(0, opts.maxRows ?? 20);
  const units = opts.units ?? {};
  const rows = t.rows.slice(0, maxRows);
  const header = t.index ? ["", ...t.columns] : t.columns;
  const cells = rows.map((r, i) => {
    const body = t.columns.map((c, j) => cellOf(r[j], cellUnit(c, units, t.columns, r)));
    return t.index ? [{ text: t.index[i] ?? "", raw: null, numeric: false }, ...body] : body;
  });
  return { header, cells, more: t.rows.length - rows.length, total: t.rows.length };
}

const moreText = (s: Shown): string => `${s.more} more rows (${s.total} in total)`;

/** HTML text with &, <, >, quotes and $ as entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'$]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The table as HTML: escaped, no raw `$`, inside a block MathJax skips; raw numbers in `title`. */
export function tableHtml(t: TableData, opts: TableOptions = {}): string {
  const s = shown(t, opts);
  if (t.columns.length === 0) return `<div class="${MATHJAX_IGNORE}"><p><em>(empty table)</em></p></div>`;
  const td = (c: Cell): string => {
    const attrs = `${c.numeric ? ' style="text-align: right"' : ""}${c.raw === null ? "" : ` title="${escapeHtml(c.raw)}"`}`;
    return `<td${attrs}>${escapeHtml(c.text)}</td>`;
  };
  const lines = [
    `<div class="cma-table ${MATHJAX_IGNORE}">`,
    "<table>",
    `<thead><tr>${s.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...s.cells.map((r) => `<tr>${r.map(td).join("")}</tr>`),
    "</tbody>",
    "</table>",
    ...(s.more > 0 ? [`<p><em>${escapeHtml(moreText(s))}</em></p>`] : []),
    "</div>",
  ];
  return lines.join("\n");
}

const width = (s: string): number => Array.from(s).length;
const pad = (s: string, w: number, right: boolean): string => {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
};

/** Text cells longer than this are cut in the plain-text table (the HTML one has them whole). */
export const PLAIN_CELL_MAX = 60;

const cut = (s: string): string => {
  const cps = Array.from(s);
  return cps.length > PLAIN_CELL_MAX ? `${cps.slice(0, PLAIN_CELL_MAX - 1).join("")}…` : s;
};

/** The table as aligned plain text: full headers, the same formatted values (long texts cut), numbers right-aligned. */
export function tablePlain(t: TableData, opts: TableOptions = {}): string {
  const full = shown(t, opts);
  if (t.columns.length === 0) return "(empty table)";
  const s = { ...full, cells: full.cells.map((r) => r.map((c) => ({ ...c, text: cut(c.text) }))) };
  const widths = s.header.map((h, j) => Math.max(width(h), ...s.cells.map((r) => width(r[j]?.text ?? ""))));
  const numericCol = s.header.map((_, j) => s.cells.length > 0 && s.cells.every((r) => r[j]?.numeric || r[j]?.text === ""));
  const line = (vals: string[], right: (j: number) => boolean): string =>
    vals
      .map((v, j) => pad(v, widths[j] ?? 0, right(j)))
      .join("  ")
      .trimEnd();
  const out = [
    line(s.header, (j) => numericCol[j] === true),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...s.cells.map((r) =>
      line(
        r.map((c) => c.text),
        (j) => numericCol[j] === true,
      ),
    ),
  ];
  if (s.more > 0) out.push(moreText(s));
  return out.join("\n");
}

/** The MIME bundle of a table. */
// biome-ignore lint/suspicious/noExplicitAny: as tableData
export function tableBundle(data: any, opts: TableOptions = {}): { "text/html": string; "text/plain": string } {
  const t = tableData(data);
  return { "text/html": tableHtml(t, opts), "text/plain": tablePlain(t, opts) };
}

/** The MIME bundle of a narrative: markdown, and the same text as plain text. */
export function markdownBundle(text: string): { "text/markdown": string; "text/plain": string } {
  return { "text/markdown": text, "text/plain": text };
}

// biome-ignore lint/suspicious/noExplicitAny: a Vega-Lite spec read as plain JSON
type Spec = Record<string, any>;

/** A chart's plain-text stand-in: its title, subtitle and how many data points it draws. */
export function chartPlain(spec: Spec): string {
  const t = spec["title"];
  const text = (v: unknown): string => (Array.isArray(v) ? v.join(" ") : typeof v === "string" ? v : "");
  const title = typeof t === "object" && t !== null && !Array.isArray(t) ? text(t.text) : text(t);
  const subtitle = typeof t === "object" && t !== null && !Array.isArray(t) ? text(t.subtitle) : "";
  const values = spec["data"]?.values;
  const points = Array.isArray(values) ? ` (${values.length} data points)` : "";
  return `Chart: ${title || "(untitled)"}${subtitle ? ` — ${subtitle}` : ""}${points}`;
}
