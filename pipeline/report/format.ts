/** Numbers and lists as the report writes them in prose and tables (plain text; html.ts escapes it). */
import { formatPercent } from "../numbers.ts";

/** 0.377 → "37.7%", 0.3 → "30.0%": one format for every percentage on the page (pipeline/numbers.ts). */
export const fmtPct = formatPercent;

/** 7.7 → "+7.7", -4 → "−4.0" (percentage points). */
export function fmtPp(x: number): string {
  const s = Math.abs(x).toFixed(1);
  return x > 0 ? `+${s}` : x < 0 ? `\u2212${s}` : s;
}

/** A table cell's number: at most 4 decimals (the files hold the full value). */
export function fmtNum(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(4)));
}

/** ["a", "b", "c"] → ["a", ", ", "b", " and ", "c"] ("a, b and c"): the items with the words between them, for html`` to render. */
export function listParts<T>(items: readonly T[]): Array<T | string> {
  const out: Array<T | string> = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(i === items.length - 1 ? " and " : ", ");
    out.push(item);
  });
  return out;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A fact id → the HTML id of its provenance entry (ids are slugs; anything else is hex-escaped). */
export function factAnchor(factId: string): string {
  return `fact-${factId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ""}_`)}`;
}

/** "a;b" → ["a", "b"] (the fact_ids columns). */
export const splitIds = (ids: string | null | undefined): string[] => (ids ? ids.split(";").filter((s) => s.length > 0) : []);
