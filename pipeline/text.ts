/** Text helpers for quotes and offsets. Offsets are 0-based Unicode code points, end exclusive. */

/** Every place `quote` occurs in `text`, as [start, end) code-point offsets. */
export function codePointOccurrences(text: string, quote: string): Array<[number, number]> {
  if (quote.length === 0) return [];
  const hits: Array<[number, number]> = [];
  const quoteLength = Array.from(quote).length;
  let from = 0;
  for (;;) {
    const unit = text.indexOf(quote, from);
    if (unit < 0) return hits;
    const start = Array.from(text.slice(0, unit)).length;
    hits.push([start, start + quoteLength]);
    from = unit + 1;
  }
}

/** Code points between two entries of a slicer's index. */
const CODE_POINT_STRIDE = 8;

/**
 * `(start, end) => Array.from(text).slice(start, end).join("")` without an array of every code
 * point: a text without surrogates is sliced directly; any other through a sparse index holding the
 * UTF-16 offset of every 8th code point (half a byte per character, where an array of code points
 * is several bytes per character), from which a lookup walks at most 7 code points.
 * test/text.test.ts compares it with that definition on any text.
 */
export function codePointSlicer(text: string): (start: number, end: number) => string {
  if (!/[\uD800-\uDFFF]/.test(text)) return (start, end) => text.slice(start, end);
  const index = new Uint32Array(Math.ceil(text.length / CODE_POINT_STRIDE) + 1);
  let n = 0;
  // UTF-16 units of the code point at i: 2 for a surrogate pair, else 1 (a lone surrogate is one code point).
  const units = (i: number): number => {
    const c = text.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  };
  for (let i = 0; i < text.length; n++) {
    if (n % CODE_POINT_STRIDE === 0) index[n / CODE_POINT_STRIDE] = i;
    i += units(i);
  }
  const at = (cp: number): number => {
    if (cp >= n) return text.length;
    let i = index[Math.floor(cp / CODE_POINT_STRIDE)]!;
    for (let k = cp % CODE_POINT_STRIDE; k > 0; k--) i += units(i);
    return i;
  };
  return (start, end) => text.slice(at(start), at(end));
}

/** Characters a terminal acts on instead of showing (C0, DEL, C1, line and paragraph separators, bidi controls). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A text safe to print on one line of a terminal: every control character shown as an escape
 * (`\n`, `\r`, `\t`, else `\u001b` and the like), so that an id, a file name or a value from the
 * data cannot start a new line, move the cursor or reorder what is shown.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** At most this many code points of input text in a message. */
export const EXCERPT_MAX = 60;

/** A bounded excerpt of input text, quoted and escaped like JSON: at most `max` code points, `…` when cut. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const cps = Array.from(text.length > max * 2 + 2 ? text.slice(0, max * 2 + 2) : text);
  return JSON.stringify(cps.length > max ? `${cps.slice(0, max - 1).join("")}…` : text);
}
