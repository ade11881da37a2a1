/**
 * Vega-Lite spec → SVG text (vega's headless `view.toSVG()`), and SVG → PNG (resvg).
 *
 * Deterministic: the same spec gives the same bytes. SVG text widths are estimated by vega (no
 * `canvas`), so the SVG does not depend on installed fonts. The PNG is rasterized by resvg with the
 * font files passed in and no system fonts.
 */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT, VEGA_LITE_SCHEMA } from "./theme.ts";

/**
 * Restarts vega's module-wide gradient and clip-path id counters, so that an SVG's bytes do not
 * depend on what was rendered before it in the same process. vega 5.33 exports this function but
 * its typings do not declare it; this is the one place that says so.
 */
const resetSVGDefIds: () => void = (vega as unknown as { resetSVGDefIds: () => void }).resetSVGDefIds;

/** The spec as written to <name>.vl.json: $schema v5, the chart font unless the spec sets one. */
export function finalizeSpec(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as TopLevelSpec & { config?: Record<string, unknown> };
  return {
    ...spec,
    $schema: VEGA_LITE_SCHEMA,
    config: { ...(s.config ?? {}), font: (s.config?.["font"] as string | undefined) ?? CHART_FONT },
  } as TopLevelSpec;
}

/** The render in progress: renders run one after another (see renderSvg). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * A Vega-Lite spec as SVG text. Renders are queued, one at a time: the def-id counters are
 * module-wide, so two renders interleaved by `await` would number each other's ids.
 */
export function renderSvg(spec: TopLevelSpec, logger?: vega.LoggerInterface): Promise<string> {
  const next = previous.then(() => draw(spec, logger));
  previous = next.catch(() => undefined);
  return next;
}

async function draw(spec: TopLevelSpec, logger: vega.LoggerInterface | undefined): Promise<string> {
  const compiled = compile(spec, logger ? { logger } : {}).spec;
  resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG text → PNG bytes at 2× scale on white, with only the given font files. */
export function renderPng(svg: string, fontFiles: readonly string[]): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return new Uint8Array(resvg.render().asPng());
}
