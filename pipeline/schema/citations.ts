/**
 * Schemas of the cited-figure inputs: data/citations/*.yaml (one file per firm or series, one
 * citation per page read, one fact per figure as printed) and the reconciliation rule
 * data/reference/series-preferences.yaml. Deno-compatible: imports nothing but zod and siblings.
 */
import { z } from "zod";
import { expectedGot, ID_PATTERN, QUALIFIERS } from "./inputs.ts";

const rule = (expected: string) => ({ error: (iss: { input?: unknown }) => expectedGot(expected, iss.input) });
const id = z.string().regex(ID_PATTERN, rule("an id of lower-case letters, digits, '-' or '_'"));
const text = z.string().min(1);
/** YAML reads `period: 2024` as a number; accept it and keep the text. */
const periodText = z.union([z.string().min(1), z.int().transform(String)]);
/** A day (2025-05-01) or, where the page gives only its month, a month (2023-02). */
export const PUBLISHED_PATTERN = /^\d{4}-\d{2}(-\d{2})?$/;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, rule("a date YYYY-MM-DD"));

/** What a cited figure measures. */
export const CITED_MEASURES = ["market_share", "market_size", "cloud_revenue"] as const;
/** Units a figure may be printed in; the pipeline converts to the base unit (fraction, usd, cny). */
export const CITED_UNITS = ["percent", "usd_billion", "usd_million", "cny_billion"] as const;

export const CitedFactRecord = z.strictObject({
  /** A provider alias (data/reference/providers.yaml), or `market` for the whole market. */
  subject: text,
  measure: z.enum(CITED_MEASURES),
  period: periodText,
  /** The figure exactly as the page prints it: "32%", "$99 billion", "54,648". */
  printed: text,
  value: z.number(),
  unit: z.enum(CITED_UNITS),
  qualifier: z.enum(QUALIFIERS).default("exact"),
  /** Where on the page: a heading, paragraph or table cell. */
  locator: text,
  /** What the figure is, in our own words (never the page's sentence). */
  note: text,
});
export type CitedFactRecord = z.infer<typeof CitedFactRecord>;

export const CitationRecord = z.strictObject({
  id,
  url: text,
  /** Overrides the file's firm (a file of company-reported figures names each company). */
  firm: id.optional(),
  publisher: text,
  /** The page's title as shown; null when the copy read shows none (never made up). */
  title: text.nullable(),
  published: z.string().regex(PUBLISHED_PATTERN, rule("a date YYYY-MM-DD, or YYYY-MM when the page gives only its month")),
  /** How the date was read when the page does not print it (its address, a table's source line). */
  published_evidence: text.optional(),
  /** Overrides the file's date read. */
  read: day.optional(),
  facts: z.array(z.unknown()).min(1),
});
export type CitationRecord = z.infer<typeof CitationRecord>;

export const CitationFile = z.strictObject({
  firm: id.optional(),
  market: id,
  /** `world`, or an ISO 3166-1 alpha-2 country code. */
  geography: z.string().regex(/^(world|[A-Z]{2})$/, rule("world or an ISO 3166-1 alpha-2 code")),
  read: day,
  citations: z.array(z.unknown()).min(1),
});

export const TIE_BREAKS = ["latest_publication", "earliest_publication"] as const;

/** data/reference/series-preferences.yaml: which report of a figure the series keeps, per firm. */
export const SeriesPreferences = z.strictObject({
  default: z.enum(TIE_BREAKS),
  rules: z.array(
    z.strictObject({
      firm: id,
      /** Publishers in order of preference; a figure from one listed earlier wins. */
      prefer_publishers: z.array(text).default([]),
      /** Among equally preferred publishers: the latest publication (a restatement) or the earliest. */
      tie_break: z.enum(TIE_BREAKS),
      why: text,
    }),
  ),
});
export type SeriesPreferences = z.infer<typeof SeriesPreferences>;
