/**
 * Periods to ISO-style strings: a quarter `2025-Q2`, a half `2025-H2`, a year `2024`, a month
 * `2025-07`, a day `2025-09-30`. Returns null for text it cannot read.
 */
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

export function parsePeriod(raw: string): string | null {
  const t = raw
    .trim()
    .toLowerCase()
    .replace(/^(calendar|cy|fy)\s*/, "")
    .replace(/\s+/g, " ");
  let x: RegExpMatchArray | null;
  if ((x = t.match(/^(\d{4})$/))) return x[1]!;
  if ((x = t.match(/^(\d{4})[- ]?q([1-4])$/))) return `${x[1]}-Q${x[2]}`;
  if ((x = t.match(/^q([1-4]) (\d{4})$/))) return `${x[2]}-Q${x[1]}`;
  if ((x = t.match(/^(\d{4})[- ]?h([12])$/))) return `${x[1]}-H${x[2]}`;
  if ((x = t.match(/^h([12]) (\d{4})$/))) return `${x[2]}-H${x[1]}`;
  if ((x = t.match(/^(\d{4})-(\d{2})$/)) && Number(x[2]) >= 1 && Number(x[2]) <= 12) return `${x[1]}-${x[2]}`;
  if ((x = t.match(/^(\d{4})-(\d{2})-(\d{2})$/)) && isDate(Number(x[1]), Number(x[2]), Number(x[3]))) return t;
  if ((x = t.match(/^([a-z]+) (\d{4})$/))) {
    const month = MONTHS.indexOf(x[1]!);
    if (month >= 0) return `${x[2]}-${String(month + 1).padStart(2, "0")}`;
  }
  return null;
}

function isDate(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const sortKeys = new Map<string, string>();

/**
 * Sort key so that periods order chronologically within one granularity (2024 < 2025-Q1 < 2025-Q2).
 * Cached: it is called inside sort comparators, and a corpus has few distinct periods.
 */
export function periodSortKey(period: string): string {
  let key = sortKeys.get(period);
  if (key === undefined) {
    key = period
      .replace(/-Q(\d)/, (_, q: string) => `-${String(Number(q) * 3).padStart(2, "0")}`)
      .replace(/-H(\d)/, (_, h: string) => `-${h === "1" ? "06" : "12"}`);
    sortKeys.set(period, key);
  }
  return key;
}

/**
 * First and last day of a period as ISO dates: `2025-Q2` → 2025-04-01…2025-06-30, `2024` →
 * 2024-01-01…2024-12-31, `2025-H2`, `2025-07`, `2025-09-30`. Null for text parsePeriod does not give.
 */
export function periodBounds(period: string): { start: string; end: string } | null {
  const iso = (y: number, m: number, d: number) =>
    `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const months = (y: number, first: number, last: number) => ({ start: iso(y, first, 1), end: iso(y, last, lastDay(y, last)) });
  let x: RegExpMatchArray | null;
  if ((x = period.match(/^(\d{4})$/))) return months(Number(x[1]), 1, 12);
  if ((x = period.match(/^(\d{4})-Q([1-4])$/))) return months(Number(x[1]), Number(x[2]) * 3 - 2, Number(x[2]) * 3);
  if ((x = period.match(/^(\d{4})-H([12])$/))) return months(Number(x[1]), x[2] === "1" ? 1 : 7, x[2] === "1" ? 6 : 12);
  if ((x = period.match(/^(\d{4})-(\d{2})$/))) return months(Number(x[1]), Number(x[2]), Number(x[2]));
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return { start: period, end: period };
  return null;
}
