/** Number helpers: decimal-safe rounding so that 37.7 × 0.01 is 0.377, not 0.37700000000000006. */

/** Rounds away binary noise: 12 significant digits, far below any figure's precision. */
export function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** Rounds to `digits` decimals (half away from zero on the cleaned value). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return clean((Math.sign(x) * Math.round(Math.abs(clean(x)) * f)) / f);
}

export function sum(xs: readonly number[]): number {
  return clean(xs.reduce((a, b) => a + b, 0));
}

/** The one way the project writes a fraction as a percentage, in prose, titles and tooltips: 0.3 → "30.0%", 0.377 → "37.7%". */
export function formatPercent(x: number): string {
  return `${(round(x, 3) * 100).toFixed(1)}%`;
}

/** The d3-format of formatPercent, for Vega-Lite tooltips and labels. */
export const PERCENT_FORMAT = ".1%";
