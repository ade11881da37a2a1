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

const QUARTER_WORDS = ["first", "second", "third", "fourth"];

/**
 * Whether a text prints an ISO-style period (as parsePeriod writes it): its year as four digits,
 * and its quarter ("Q2", "second quarter"), half ("H2", "second half") or month ("July", "Jul") when
 * it has one. "data from July 2025" does not print 2025-Q2; "in February" does not print 2025-02.
 */
export function periodPrinted(period: string, text: string): boolean {
  let patterns = printedPatterns.get(period);
  if (patterns === undefined) {
    patterns = printedPatternsOf(period);
    printedPatterns.set(period, patterns);
  }
  return patterns?.every((re) => re.test(text)) === true;
}

/** Per period, the patterns that must all match a text that prints it (a corpus has few periods and many facts). */
const printedPatterns = new Map<string, RegExp[] | null>();

function printedPatternsOf(period: string): RegExp[] | null {
  const [, year, part] = /^(\d{4})(?:-(.+))?$/.exec(period) ?? [];
  if (year === undefined) return null;
  const printsYear = new RegExp(`\\b${year}\\b`);
  if (part === undefined) return [printsYear];
  let x: RegExpExecArray | null;
  if ((x = /^Q([1-4])$/.exec(part)))
    return [printsYear, new RegExp(`\\bQ${x[1]}\\b|\\b${QUARTER_WORDS[Number(x[1]) - 1]} quarter\\b`, "i")];
  if ((x = /^H([12])$/.exec(part))) return [printsYear, new RegExp(`\\bH${x[1]}\\b|\\b${x[1] === "1" ? "first" : "second"} half\\b`, "i")];
  const month = MONTHS[Number(part.slice(0, 2)) - 1];
  return month === undefined ? null : [printsYear, new RegExp(`\\b${month.slice(0, 3)}`, "i")];
}

/**
 * The sentence around a span of a text (UTF-16 offsets): from the end of the previous sentence
 * (". ", "? ", "! " or a line break) to the end of the span's own.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  let i = start;
  while (i > 0 && text[i - 1] !== "\n" && !(isStop(text[i - 2]) && /\s/.test(text[i - 1]!))) i--;
  let j = Math.max(end, start);
  while (j < text.length && text[j] !== "\n" && !(isStop(text[j]) && (j + 1 === text.length || /\s/.test(text[j + 1]!)))) j++;
  return text.slice(i, Math.min(j + 1, text.length));
}

/** A full stop, a question mark or an exclamation mark (compared as text: this runs once per character). */
const isStop = (c: string | undefined): boolean => c === "." || c === "!" || c === "?";

/** The first and the last day of a period (ISO dates): 2025-Q2 → 2025-04-01 … 2025-06-30. */
export interface PeriodDates {
  start: string;
  end: string;
}

const isoDate = (y: number, month: number, day: number) =>
  `${String(y).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
/** The last day of a month (1-based), leap years included. */
const lastDay = (y: number, month: number) => new Date(Date.UTC(y, month, 0)).getUTCDate();

/**
 * The days a period (as `parsePeriod` writes it) covers: a year, a half, a quarter, a month or one
 * day. Null for text that is not such a period.
 */
export function periodDates(period: string): PeriodDates | null {
  let x: RegExpMatchArray | null;
  const months = (y: number, first: number, last: number) => ({ start: isoDate(y, first, 1), end: isoDate(y, last, lastDay(y, last)) });
  if ((x = period.match(/^(\d{4})$/))) return months(Number(x[1]), 1, 12);
  if ((x = period.match(/^(\d{4})-H([12])$/))) return x[2] === "1" ? months(Number(x[1]), 1, 6) : months(Number(x[1]), 7, 12);
  if ((x = period.match(/^(\d{4})-Q([1-4])$/))) return months(Number(x[1]), Number(x[2]) * 3 - 2, Number(x[2]) * 3);
  if ((x = period.match(/^(\d{4})-(\d{2})$/)) && Number(x[2]) >= 1 && Number(x[2]) <= 12)
    return months(Number(x[1]), Number(x[2]), Number(x[2]));
  if ((x = period.match(/^(\d{4})-(\d{2})-(\d{2})$/)) && isDate(Number(x[1]), Number(x[2]), Number(x[3])))
    return { start: period, end: period };
  return null;
}
