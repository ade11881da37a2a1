/**
 * Display helpers for the project's tslab notebooks.
 *
 *   import { showChart, showMarkdown, showTable } from "./lib/display";   // extensionless!
 *
 * tslab compiles cells (and this file) itself as CommonJS with TypeScript 5.0, moduleResolution
 * Node10 and strict off, ignoring tsconfig.json. So: extensionless relative imports, only
 * CommonJS-loadable packages (vega 5 / vega-lite 5, not vega 6), and no imports from ../pipeline
 * (outside the kernel's working directory = notebooks/). Keep this file self-contained.
 *
 * Outputs are deterministic (same input -> byte-identical output): SVG text widths are estimated
 * by vega (no `canvas` package), no timestamps, no random ids.
 */
import * as tslab from "tslab";
import * as jupyter from "tslab/dist/jupyter.js"; // with ".js": resolves under tslab (CommonJS) and the root tsconfig (NodeNext)
import * as vega from "vega";
import * as vl from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

export type { TopLevelSpec };

/** Fonts found on the build machines (fc-list): DejaVu Sans only; the rest are fallbacks for viewers. */
export const CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

type Spec = Record<string, any>;

/** Send one display_data output carrying several MIME types (tslab.display.* sends one each). */
export function displayBundle(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
  const write = (jupyter as any).lastWriteDisplayData as null | ((d: unknown, update: boolean) => void);
  if (typeof write !== "function") {
    throw new Error("displayBundle: not running inside a tslab kernel cell (lastWriteDisplayData is not set)");
  }
  write({ data, metadata, transient: {} }, false);
}

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

/** The spec as shipped in the output: $schema v5 and the chart font set; data must be inline. */
export function prepareSpec(spec: Spec): Spec {
  if (hasUrlData(spec)) {
    throw new Error("showChart: inline the data ({ data: { values: rows } }); data.url is not allowed in notebook outputs");
  }
  const out: Spec = JSON.parse(JSON.stringify(spec)); // plain JSON copy (drops undefined, Dates -> strings)
  out.$schema = VEGA_LITE_SCHEMA;
  const config = { ...(out.config ?? {}) };
  if (config.font === undefined) config.font = CHART_FONT;
  out.config = config;
  return out;
}

/** Compile a Vega-Lite spec and render it to SVG headlessly (renderer "none"). */
export async function renderSvg(spec: Spec): Promise<string> {
  const prepared = prepareSpec(spec);
  const compiled = vl.compile(prepared as any).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    // gradient/clip ids come from module-wide counters: restart them so an SVG's bytes do not
    // depend on the charts rendered before it (same as pipeline/stages/charts.ts)
    (vega as any).resetSVGDefIds?.();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
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
export function tableMarkdown(data: any, maxRows = 20): string {
  let columns: string[];
  let rows: unknown[][];
  if (Array.isArray(data)) {
    const cols = new Set<string>();
    for (const r of data) for (const k of Object.keys(r ?? {})) cols.add(k);
    columns = [...cols];
    rows = data.map((r) => columns.map((c) => (r ?? {})[c]));
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
export function showTable(data: any, maxRows = 20): void {
  tslab.display.markdown(tableMarkdown(data, maxRows));
}
