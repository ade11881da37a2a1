/**
 * Column builders for the table schemas: each column's type and its data-dictionary entry
 * (`.meta({ description, unit })`) in one call. Deno-compatible: imports nothing but zod and siblings.
 */
import { z } from "zod";
import { QUALIFIERS } from "../inputs.ts";

type Meta = { description: string; unit?: string };
export const m = (description: string, unit?: string): Meta => (unit ? { description, unit } : { description });

export const str = (d: string) => z.string().meta(m(d));
export const strOrNull = (d: string) => z.string().nullable().meta(m(d));
export const num = (d: string, unit: string) => z.number().meta(m(d, unit));
export const numOrNull = (d: string, unit: string) => z.number().nullable().meta(m(d, unit));
export const int = (d: string, unit: string) => z.int().meta(m(d, unit));
export const intOrNull = (d: string, unit: string) => z.int().nullable().meta(m(d, unit));
export const bool = (d: string) => z.boolean().meta(m(d));
/** A column of text quoted verbatim from a source document: its publisher's, not this project's (the data package says so). */
export const quoted = (d: string) => z.string().meta({ ...m(d), quoted: true });
/** A calendar date, ISO 8601 (2025-06-30): Table Schema type `date`, DuckDB and Parquet DATE. */
export const date = (d: string) => z.iso.date().meta(m(d));
export const dateOrNull = (d: string) => z.iso.date().nullable().meta(m(d));
export const qualifier = (d: string) => z.enum(QUALIFIERS).nullable().meta(m(d));
export const ids = (d: string) =>
  z
    .string()
    .nullable()
    .meta(m(`${d} (semicolon-separated fact_id list; null when none)`));

/** Joins ids for an `ids` column: null, not an empty string, when there are none (CSV cannot tell them apart). */
export function joinIds(xs: ReadonlyArray<string | null | undefined>): string | null {
  const kept = xs.filter((x): x is string => typeof x === "string" && x.length > 0);
  return kept.length > 0 ? kept.join(";") : null;
}
