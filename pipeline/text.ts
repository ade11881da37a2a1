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
