/**
 * Figures as printed on a page → number and the unit the printing implies. Reads "32%", "%46.1",
 * "33 percent", "23 per cent", "$99 billion", "US$3.9 billion", "$84-billion", "$11.6B",
 * "61 billion dollars", "33.4 billion yuan", "54,648" (a table cell: no unit printed) and "40.0".
 * Returns null for anything else (words for numbers, ranges): such a figure cannot be checked.
 */
export type PrintedUnit = "percent" | "usd_billion" | "cny_billion" | null;

export interface PrintedFigure {
  value: number;
  /** The unit the text itself states; null for a bare number (a table cell whose header gives it). */
  unit: PrintedUnit;
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?`;
const PATTERNS: ReadonlyArray<readonly [RegExp, PrintedUnit]> = [
  [new RegExp(String.raw`^${NUMBER}\s*(?:%|percent|per cent)$`, "i"), "percent"],
  [new RegExp(`^%${NUMBER}$`), "percent"],
  [new RegExp(String.raw`^(?:US)?\$${NUMBER}(?:\s*|-)(?:billion|bn|B)$`), "usd_billion"],
  [new RegExp(String.raw`^${NUMBER}\s*billion (?:US )?dollars$`, "i"), "usd_billion"],
  [new RegExp(String.raw`^${NUMBER}\s*billion (?:yuan|RMB)$`, "i"), "cny_billion"],
  [new RegExp(`^${NUMBER}$`), null],
];

export function parsePrinted(printed: string): PrintedFigure | null {
  const t = printed.trim();
  for (const [re, unit] of PATTERNS) {
    const m = re.exec(t);
    if (m) return { value: Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`), unit };
  }
  return null;
}
