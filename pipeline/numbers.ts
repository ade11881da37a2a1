/** Number helpers: decimal-safe rounding so that 37.7 × 0.01 is 0.377, not 0.37700000000000006. */

/** The last values `clean` rounded, by value: figures and their differences repeat (a corpus's
 * shares have a decimal or two), and toPrecision is a string round trip (~0.2 µs). */
const cleaned = new Map<number, number>();
const CLEANED_MAX = 1 << 16;

/** Rounds away binary noise: 12 significant digits, far below any figure's precision. */
export function clean(x: number): number {
  // An integer of up to 12 digits is its own 12-digit rounding.
  if (Number.isInteger(x) && x !== 0 && Math.abs(x) < 1e12) return x;
  let y = cleaned.get(x);
  if (y === undefined) {
    y = Number(x.toPrecision(12));
    if (cleaned.size >= CLEANED_MAX) cleaned.clear();
    cleaned.set(x, y); // (a Map takes -0 for 0: both clean to 0)
  }
  return y;
}

/** Rounds to `digits` decimals (half away from zero on the cleaned value). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return clean(Math.sign(x) * Math.round(Math.abs(clean(x)) * f) / f);
}

export function sum(xs: readonly number[]): number {
  return clean(xs.reduce((a, b) => a + b, 0));
}
