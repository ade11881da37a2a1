/**
 * The region catalog's records (data/reference/regions.csv): the schema extract validates each
 * record with, and the row type the later stages read.
 */
import { z } from "zod";
import { expectedGot, ID_PATTERN, type MacroGeo } from "./inputs.ts";
import { REGION_STATUSES } from "./tables.ts";

/**
 * Statuses (REGION_STATUSES, shared with the published table's schema): general = generally
 * available public region; restricted = access on request, invitation only or limited customers;
 * government = government-only cloud; sovereign = sovereign or partner-operated (Azure and AWS in
 * China, Alibaba Riyadh, Oracle EU Sovereign Cloud); announced = announced or in preview at the
 * catalog's as-of date, generally available only later (general_availability_date).
 */
export type RegionStatus = (typeof REGION_STATUSES)[number];

const optional = z.string().transform((s) => (s.trim() === "" ? null : s));
/** A field's own message, worded like every schema message: `expected …, got "…"`. */
const rule = (expected: string) => ({ error: (iss: { input?: unknown }) => expectedGot(expected, iss.input) });

/** One record of regions.csv, as text in, typed out. */
export const CatalogRecord = z.strictObject({
  provider_id: z.string().regex(ID_PATTERN, rule("a lower-case provider id")),
  region_code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, rule("a region code of lower-case letters, digits and '-'")),
  region_name: z.string().min(1),
  city: optional,
  country: z.string().regex(/^[A-Z]{2}$/, rule("an ISO 3166-1 alpha-2 code (two capital letters)")),
  availability_zones: z
    .string()
    .regex(
      /^(|0|[1-9][0-9]*)$/,
      rule("a whole number ≥ 0 (0 when the provider publishes that the region has none), or empty when not published"),
    )
    .transform((s) => (s === "" ? null : Number(s))),
  status: z.enum(REGION_STATUSES),
  general_availability_date: z
    .string()
    .regex(/^(|\d{4}-\d{2}(-\d{2})?)$/, rule("YYYY-MM or YYYY-MM-DD, or empty when not sourced"))
    .transform((s) => (s === "" ? null : s)),
  in_provider_list: z.enum(["", "true", "false"]).transform((s) => (s === "" ? null : s === "true")),
  source: z.string().min(1),
  source_as_of: z
    .string()
    .regex(/^(|\d{4}-\d{2}(-\d{2})?)$/, rule("YYYY-MM or YYYY-MM-DD, or empty when unknown"))
    .transform((s) => (s === "" ? null : s)),
  note: optional,
});
export type CatalogRecord = z.infer<typeof CatalogRecord>;

export const CATALOG_COLUMNS = Object.keys(CatalogRecord.shape);

export interface CatalogRegion extends CatalogRecord {
  /** 1-based line of the record in the CSV file. */
  line: number;
  macro_geo: MacroGeo;
}
