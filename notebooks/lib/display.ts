/**
 * Display helpers for the project's tslab notebooks.
 *
 *   import { showChart, showMarkdown, showTable } from "./lib/display";   // extensionless!
 *
 * tslab compiles cells (and this file) itself as CommonJS with moduleResolution Node10 and strict
 * off, ignoring tsconfig.json: only CommonJS-loadable packages (vega 5 / vega-lite 5, not vega 6),
 * and local imports with `.js` (they resolve to the neighbouring .ts file under tslab and the root
 * tsconfig alike). Charts are finished and drawn by the pipeline's own code (./generated, see
 * charts.ts), so a notebook's SVG is the pipeline's.
 *
 * Outputs are deterministic (same input -> byte-identical output): SVG text widths are estimated
 * by vega (no `canvas` package), no timestamps, no random ids.
 */
import * as tslab from "tslab";
import { finalizeSpec, renderSvg as pipelineSvg, type TopLevelSpec } from "./generated/charts/index.js";
import { displayBundle } from "./jupyter-display.js";

export type { TopLevelSpec };
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

// biome-ignore lint/suspicious/noExplicitAny: a spec the notebook built by hand, read as plain JSON
type Spec = Record<string, any>;

function hasUrlData(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(hasUrlData);
  if (x && typeof x === "object") {
    for (const [k, v] of Object.entries(x)) {
      if (k === "data" && v && typeof v === "object" && "url" in (v as object)) return true;
      if (hasUrlData(v)) return true;
    }
  }
  return false;
}

/** The spec as shipped in the output (the pipeline's .vl.json form: $schema v5, the chart font);
 * data must be inline. */
export function prepareSpec(spec: Spec): Spec {
  if (hasUrlData(spec)) {
    throw new Error("showChart: inline the data ({ data: { values: rows } }); data.url is not allowed in notebook outputs");
  }
  return JSON.parse(JSON.stringify(finalizeSpec(spec as TopLevelSpec))) as Spec; // plain JSON copy (drops undefined, Dates -> strings)
}

/** Render a Vega-Lite spec to SVG as the pipeline does. */
export async function renderSvg(spec: Spec): Promise<string> {
  return pipelineSvg(prepareSpec(spec) as TopLevelSpec);
}

/** The MIME bundle for a chart: the Vega-Lite v5 spec (JupyterLab, VS Code) + SVG (nbconvert HTML,
 * classic Notebook, GitHub). Deliberately no text/html: JupyterLab would prefer it. */
export async function chartBundle(spec: TopLevelSpec | Spec): Promise<Record<string, unknown>> {
  const prepared = prepareSpec(spec);
  const svg = await renderSvg(prepared);
  return { [VEGA_LITE_MIME]: prepared, "image/svg+xml": svg };
}

/** Show a Vega-Lite chart as ONE display_data output. Use with `await`. */
export async function showChart(spec: TopLevelSpec): Promise<void> {
  displayBundle(await chartBundle(spec));
}

export function showMarkdown(text: string): void {
  tslab.display.markdown(text);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (v instanceof Date) return v.toISOString();
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Rows (array of objects) or a danfojs DataFrame (duck-typed: .columns + .values) as markdown. */
// biome-ignore lint/suspicious/noExplicitAny: raw input: an array of row objects or a danfojs DataFrame, told apart at run time
export function tableMarkdown(data: any, maxRows = 20): string {
  let columns: string[];
  let rows: unknown[][];
  if (Array.isArray(data)) {
    const cols = new Set<string>();
    for (const r of data) for (const k of Object.keys(r ?? {})) cols.add(k);
    columns = [...cols];
    rows = data.map((r) => columns.map((c) => r?.[c]));
  } else if (data && Array.isArray(data.columns) && Array.isArray(data.values)) {
    columns = data.columns.map(String);
    rows = data.values.map((r: unknown) => (Array.isArray(r) ? r : [r]));
  } else {
    throw new Error("showTable: expected an array of row objects or a danfojs DataFrame");
  }
  if (columns.length === 0) return "_(empty table)_";
  const shown = rows.slice(0, Math.max(0, maxRows));
  const lines = [
    `| ${columns.map(cell).join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...shown.map((r) => `| ${columns.map((_, i) => cell(r[i])).join(" | ")} |`),
  ];
  if (rows.length > shown.length) lines.push("", `_${rows.length - shown.length} more rows (${rows.length} in total)_`);
  return lines.join("\n");
}

/** Show a table as markdown (deterministic; renders everywhere). */
// biome-ignore lint/suspicious/noExplicitAny: as tableMarkdown
export function showTable(data: any, maxRows = 20): void {
  tslab.display.markdown(tableMarkdown(data, maxRows));
}
