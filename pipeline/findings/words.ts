/**
 * The words and number formats the prose model (pipeline/findings.ts and its siblings here) writes
 * with: one place, so that the tests re-derive a sentence's numbers in the same format.
 */

import { formatPercent } from "../numbers.ts";

/** 0.377 → "37.7%", 0.3 → "30%" (one decimal, a trailing .0 dropped). */
export function pctText(x: number): string {
  return `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/** 0.3 → "30.0%" (always one decimal: the notebooks' tables and sentences); null → "n/a". */
export function pct1(x: number | null): string {
  return x === null || Number.isNaN(x) ? "n/a" : formatPercent(x);
}

/** 7.7 → "+7.7 pp", -4 → "-4.0 pp" (x already in percentage points); null → "n/a". */
export function ppText(x: number | null): string {
  return x === null || Number.isNaN(x) ? "n/a" : `${x > 0 ? "+" : ""}${x.toFixed(1)} pp`;
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** 1 → "1 fact", 3 → "3 facts". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Which catalog rows a figure counts, in words (claims_check's public and all). */
export const STATUS_WORDS = {
  public: "regions open to any customer (status general or sovereign)",
  all: "every status, government and restricted included",
} as const;

/** How the prose names ids: the chart theme's labels (pipeline/charts/theme.ts chartTheme gives them). */
export interface Labels {
  providerLabel(id: string): string;
  sourceLabel(id: string): string;
  marketLabel(id: string): string;
  geoLabel(id: string): string;
}

/** The one row matching `test`, or an error naming what was looked for (a sentence never uses a missing figure). */
export function theOne<T>(rows: readonly T[], test: (r: T) => boolean, what: string): T {
  const hits = rows.filter(test);
  if (hits.length !== 1) throw new Error(`expected exactly one row for ${what}, found ${hits.length}`);
  return hits[0] as T;
}

/** The sum of the counts of [key, count] pairs. */
export const total = (xs: ReadonlyArray<[string, number]>): number => xs.reduce((a, [, k]) => a + k, 0);

/** The distinct values, in first-seen order. */
export const distinct = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/**
 * The catalog's definitions of "a region" in words, by claims_check's definition id (the labels of
 * pipeline/stages/claims-check.ts SCOPES, which test/findings-notebooks.test.ts checks they equal;
 * not imported, to keep the claims stage out of the notebooks' bundle).
 */
export const DEFINITION_WORDS: Readonly<Record<string, string>> = {
  general: "status general only",
  public: "open to any customer (general + sovereign/partner-operated)",
  non_government: "every status but government (announced included)",
  all: "every status, government and announced included",
  provider_list: "rows of the provider's own public region list",
};
