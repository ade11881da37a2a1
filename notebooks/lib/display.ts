/**
 * Display helpers for the project's tslab notebooks: every output is one display_data whose MIME
 * bundle carries a `text/plain` twin (format.ts builds the table and text bundles).
 *
 *   import { showChart, showMarkdown, showTable } from "./lib/display";   // extensionless!
 *
 * tslab compiles cells (and this file) itself as CommonJS with moduleResolution Node10 and strict
 * off, ignoring tsconfig.json: only CommonJS-loadable packages (vega 5 / vega-lite 5, not vega 6),
 * and local imports with `.js` (they resolve to the neighbouring .ts file under tslab and the root
 * tsconfig alike). Charts are finished and drawn by the pipeline's own code (./generated, see
 * charts.ts): a notebook's PNG is rasterized from the pipeline's SVG as output/charts/*.png are.
 *
 * Outputs are deterministic (same input -> byte-identical output): SVG text widths are estimated
 * by vega (no `canvas` package), no timestamps, no random ids.
 */
import * as fs from "node:fs";
import { columnUnits } from "./published.js";
import { chartPlain, markdownBundle, type TableOptions, tableBundle, tableData } from "./format.js";
import { DEFAULT_FONT_FILES, finalizeSpec, renderSvg as pipelineSvg, renderPng, type TopLevelSpec } from "./generated/charts/index.js";
import { displayBundle } from "./jupyter-display.js";

export type { TableOptions } from "./format.js";
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

/** Width and height of an SVG's root element, in CSS pixels. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const num = (name: string): number => Number(new RegExp(`\\b${name}="([0-9.]+)"`).exec(root)?.[1] ?? Number.NaN);
  return { width: num("width"), height: num("height") };
}

/** The font files the PNG is drawn with (the pipeline's), those that exist here. */
function fontFiles(): string[] {
  return DEFAULT_FONT_FILES.filter((f) => fs.existsSync(f));
}

export interface ChartOutput {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/**
 * A chart's output: the Vega-Lite v5 spec (JupyterLab, VS Code: interactive, with tooltips), a PNG
 * drawn from the pipeline's SVG at 2× and shown at 1× (classic Notebook, nbconvert's HTML export,
 * GitHub) and a plain-text line. No image/svg+xml: nbconvert 6.5 (Debian 12) prefers SVG to PNG
 * and then strips the inline SVG to its bare text, so a bundle with both exports a blank chart (the
 * SVG files are in output/charts/). No text/html either: JupyterLab would prefer it to the spec.
 */
export async function chartBundle(spec: TopLevelSpec | Spec): Promise<ChartOutput> {
  const prepared = prepareSpec(spec);
  const svg = await renderSvg(prepared);
  const fonts = fontFiles();
  if (fonts.length === 0)
    throw new Error(
      `showChart: no font to draw the PNG with (${DEFAULT_FONT_FILES.join(", ")}); on Debian: apt-get install fonts-dejavu-core`,
    );
  const png = Buffer.from(renderPng(svg, fonts)).toString("base64");
  const { width, height } = svgSize(svg);
  return {
    data: { [VEGA_LITE_MIME]: prepared, "image/png": png, "text/plain": chartPlain(prepared) },
    metadata: Number.isFinite(width) && Number.isFinite(height) ? { "image/png": { width, height } } : {},
  };
}

/** Show a Vega-Lite chart as ONE display_data output. Use with `await`. */
export async function showChart(spec: TopLevelSpec): Promise<void> {
  const out = await chartBundle(spec);
  displayBundle(out.data, out.metadata);
}

/** Show narrative markdown (with its plain-text twin). */
export function showMarkdown(text: string): void {
  displayBundle(markdownBundle(text));
}

/**
 * Show a table (an array of row objects or a danfojs DataFrame) as escaped HTML plus plain text,
 * numbers formatted by their unit (from output/datapackage.json, by column name) with the raw
 * value on hover. A number in place of the options is the number of rows shown (default 20).
 * Tables with labelled rows (danfojs `describe()`) mix quantities in a column: shown without units.
 */
// biome-ignore lint/suspicious/noExplicitAny: as tableData
export function showTable(data: any, options: number | TableOptions = {}): void {
  const opts: TableOptions = typeof options === "number" ? { maxRows: options } : { ...options };
  if (opts.units === undefined) opts.units = tableData(data).index === null ? columnUnits() : {};
  displayBundle(tableBundle(data, opts));
}
