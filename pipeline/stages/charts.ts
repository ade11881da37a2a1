/**
 * Charts: tables → output/charts/<name>.vl.json (the Vega-Lite v5 spec, data inlined) and
 * <name>.svg, plus <name>.png for the charts in PNG_CHARTS (the README's screenshot).
 *
 * The specs come from notebooks/lib/charts.ts, the one module the notebooks use too (it has no
 * runtime imports, so tslab can load it as CommonJS and this stage as ESM).
 *
 * Pure and deterministic: the same tables give the same bytes. SVG text widths are estimated by
 * vega (no `canvas`), so the SVG does not depend on installed fonts. The PNG is rasterized by
 * resvg from the SVG with the font files passed in (run.ts passes DEFAULT_FONT_FILES, DejaVu Sans,
 * when present) and no system fonts.
 *
 * Rendering is synchronous, because the pipeline is: `view.run()` evaluates a dataflow with
 * inline data without awaiting anything, and the headless SVG string renderer is then driven
 * directly — the same steps as vega's async `view.toSVG()` (renderHeadless), which the tests
 * check gives identical bytes.
 */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { chartBuilders, chartSpecs, CHART_FONT, VEGA_LITE_SCHEMA, type ChartTables } from "../../notebooks/lib/charts.ts";

export { chartBuilders, chartSpecs, type ChartTables };

/** Charts also written as PNG (2× scale). */
export const PNG_CHARTS: readonly string[] = ["market_share_by_source"];
export const DEFAULT_FONT_FILES: readonly string[] = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

/**
 * The most data points a static chart is drawn from. The charts are made for an article's or a few
 * quarters' figures (the bundled data: at most 24 points per chart); drawn from a whole corpus they
 * stop being readable long before they stop being drawable, and drawing them does not scale (at 10⁴
 * synthetic facts the market-share chart had 8 600 bars, the charts took 22 s and the process 4.9 GB;
 * at 10⁵ it was killed at 24 GB). A chart over the limit is not drawn: `onSkip` hears of it, the
 * run's log and the report say so, and its figures stay in the tables (and the notebooks, which can
 * filter before they plot). Charts bounded by the providers or macro-regions are drawn at any scale.
 */
export const CHART_MAX_POINTS = 2_000;

export interface ChartOptions {
  /** Font files for the PNG rasterizer (the caller checks they exist); no PNG without fonts. */
  fontFiles?: readonly string[];
  /** Default CHART_MAX_POINTS. */
  maxPoints?: number;
  /** Called for each chart that is not drawn because its data is over `maxPoints`. */
  onSkip?: (skipped: SkippedChart) => void;
}

export interface SkippedChart {
  name: string;
  points: number;
  maxPoints: number;
}

/** How many data points a spec is drawn from (every spec inlines its data: `data: { values }`). */
export function chartPoints(spec: TopLevelSpec): number {
  const values = (spec as { data?: { values?: unknown } }).data?.values;
  return Array.isArray(values) ? values.length : 0;
}

/** The spec as written to <name>.vl.json: $schema v5, font set, data inline. */
export function finalizeSpec(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as TopLevelSpec & { config?: Record<string, unknown> };
  return { ...spec, $schema: VEGA_LITE_SCHEMA, config: { ...(s.config ?? {}), font: (s.config?.["font"] as string | undefined) ?? CHART_FONT } } as TopLevelSpec;
}

interface HeadlessView {
  run(): unknown;
  padding(): { left: number; right: number; top: number; bottom: number };
  loader(): unknown;
  background(): unknown;
  scenegraph(): { root: unknown };
  finalize(): void;
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
  _pulse: unknown;
  _pending: unknown;
}
interface StringRenderer {
  initialize(el: null, width: number, height: number, origin: [number, number], scaleFactor: number): StringRenderer;
  background(bg: unknown): StringRenderer;
  render(scene: unknown): StringRenderer;
  svg(): string;
}

/** Vega-Lite spec → SVG text, synchronously (see the module comment). */
export function renderSvgSync(spec: TopLevelSpec, logger?: vega.LoggerInterface): string {
  const compiled = compile(spec, logger ? { logger } : {}).spec;
  // Gradient and clip-path ids come from module-wide counters: restart them so each SVG's bytes
  // do not depend on what was rendered before it.
  (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds(); // exported by vega 5.33, not typed
  const view = new vega.View(vega.parse(compiled), { renderer: "none" }) as unknown as HeadlessView;
  try {
    view.run();
    if (view._pulse || view._pending) throw new Error("renderSvgSync: the dataflow did not finish synchronously (data must be inline)");
    const pad = view.padding();
    const width = Math.max(0, view._viewWidth + pad.left + pad.right);
    const height = Math.max(0, view._viewHeight + pad.top + pad.bottom);
    const Renderer = (vega as unknown as { SVGStringRenderer: new (loader: unknown) => StringRenderer }).SVGStringRenderer;
    const renderer = new Renderer(view.loader()).initialize(null, width, height, [pad.left + view._origin[0], pad.top + view._origin[1]], 1).background(view.background());
    return renderer.render(view.scenegraph().root).svg();
  } finally {
    view.finalize();
  }
}

export function renderPng(svg: string, fontFiles: readonly string[]): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** Every chart file: path relative to the output folder → bytes. */
export function renderCharts(tables: ChartTables, options: ChartOptions = {}): Map<string, string | Uint8Array> {
  const fonts = options.fontFiles ?? [];
  const files = new Map<string, string | Uint8Array>();
  const maxPoints = options.maxPoints ?? CHART_MAX_POINTS;
  for (const { name, points: known, build } of chartBuilders(tables)) {
    // A chart whose size the tables already give is not even built when it is over the budget (at
    // 10⁶ facts building the biggest specs was most of this stage's time and memory: 1.7 s and the
    // run's peak RSS, 0.35 s once the dumbbell, bloc and regions-vs-share charts were counted too).
    if (known !== undefined && known > maxPoints) {
      options.onSkip?.({ name, points: known, maxPoints });
      continue;
    }
    const spec = build();
    const points = chartPoints(spec);
    if (points > maxPoints) {
      options.onSkip?.({ name, points, maxPoints });
      continue;
    }
    const full = finalizeSpec(spec);
    const svg = renderSvgSync(full);
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(full, null, 2)}\n`);
    files.set(`charts/${name}.svg`, `${svg}\n`);
    if (PNG_CHARTS.includes(name) && fonts.length > 0) files.set(`charts/${name}.png`, renderPng(svg, fonts));
  }
  return files;
}
