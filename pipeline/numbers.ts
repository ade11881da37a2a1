/** Number helpers: decimal-safe rounding so that 37.7 × 0.01 is 0.377, not 0.37700000000000006. */

/** 10^k for k = 0…22: every one an exact double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`)); // (parsed: exact; `10 ** k` need not be)

/**
 * Rounds away binary noise: 12 significant digits, far below any figure's precision. Exactly
 * Number(x.toPrecision(12)), which is a string round trip (~0.3 µs; at 10⁶ facts normalize calls
 * this ~4 × 10⁶ times). Most values take an arithmetic path that gives the same double:
 *
 * - x = ±a with 10^e < a < 10^(e+1), −11 ≤ e ≤ 11, and a not within 10⁻¹² (relative) of either
 *   power: so e is certainly toPrecision's exponent, and P = 10^(11 − e) is an exact double;
 * - m = a × P is a·10^(11−e) within half an ulp (< 10⁻⁴, as m < 2^40); unless m is within 10⁻³ of
 *   a half-integer, N = Math.round(m) is exactly the 12 digits toPrecision rounds to;
 * - N / P, a quotient of two exact doubles, is the double nearest to the decimal N·10^−(11−e),
 *   which is what Number() of that decimal's text gives.
 *
 * Everything else (integers aside, which are their own rounding below 10^12) takes toPrecision.
 */
export function clean(x: number): number {
  // An integer of up to 12 digits is its own 12-digit rounding.
  if (Number.isInteger(x) && x !== 0 && Math.abs(x) < 1e12) return x;
  const a = Math.abs(x);
  const e = Math.floor(Math.log10(a));
  if (e >= -11 && e <= 11) {
    const lo = e >= 0 ? POW10[e]! : 1 / POW10[-e]!;
    const hi = e >= -1 ? POW10[e + 1]! : 1 / POW10[-e - 1]!;
    if (a > lo * (1 + 1e-12) && a < hi * (1 - 1e-12)) {
      const p = POW10[11 - e]!;
      const m = a * p;
      const frac = m - Math.floor(m);
      if (Math.abs(frac - 0.5) > 1e-3) {
        const y = Math.round(m) / p;
        return x < 0 ? -y : y;
      }
    }
  }
  return Number(x.toPrecision(12));
}

/** Rounds to `digits` decimals (half away from zero on the cleaned value). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return clean(Math.sign(x) * Math.round(Math.abs(clean(x)) * f) / f);
}

export function sum(xs: readonly number[]): number {
  return clean(xs.reduce((a, b) => a + b, 0));
}
