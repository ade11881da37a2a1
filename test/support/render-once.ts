/**
 * Test-only: a chart renderer for the pipeline's `renderCharts` option (pipeline/run.ts) that draws
 * the charts of the same tables and options once per test process and hands back the same files on
 * every later call, skipped charts included: the real drawings, without their seconds on each
 * in-process run of the pipeline on the same data.
 */
import { renderCharts, type SkippedChart } from "../../pipeline/charts/index.ts";
import type { ChartRenderer } from "../../pipeline/run.ts";

type Drawn = { files: Map<string, string | Uint8Array>; skipped: SkippedChart[] };

/** The drawings by their arguments (the tables' rows, the font files, the point budget) as JSON. */
const drawn = new Map<string, Promise<Drawn>>();

export const renderChartsOnce: ChartRenderer = async (tables, options) => {
  const key = JSON.stringify([tables, options.fontFiles ?? [], options.maxPoints ?? null]);
  let entry = drawn.get(key);
  if (entry === undefined) {
    const skipped: SkippedChart[] = [];
    entry = renderCharts(tables, { ...options, onSkip: (s) => skipped.push(s) }).then((files) => ({ files, skipped }));
    drawn.set(key, entry);
  }
  const { files, skipped } = await entry;
  for (const s of skipped) options.onSkip?.(s);
  return new Map(files);
};
