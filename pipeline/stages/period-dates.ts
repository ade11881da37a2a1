/**
 * The period_start and period_end columns: the first and last day of a row's period. Every period
 * in the tables was written by `parsePeriod` (extract rejects any other), so one without dates is a
 * broken invariant, not bad input.
 */
import { invariant, type Stage } from "../errors.ts";
import { periodDates, type PeriodDates } from "../periods.ts";

/** Dates by period: a corpus has few distinct periods, and its rows then share their date texts. */
const cache = new Map<string, PeriodDates>();

export function datesOf(period: string, stage: Stage): PeriodDates {
  let dates = cache.get(period);
  if (!dates) {
    const d = periodDates(period);
    invariant(d, stage, `period ${period} is not a year, half, quarter, month or day`);
    cache.set(period, (dates = d));
  }
  return dates;
}

/** `period_start` and `period_end` of a row whose period may be null (both null then). */
export function periodColumns(period: string | null, stage: Stage): { period_start: string | null; period_end: string | null } {
  if (period === null) return { period_start: null, period_end: null };
  const { start, end } = datesOf(period, stage);
  return { period_start: start, period_end: end };
}
