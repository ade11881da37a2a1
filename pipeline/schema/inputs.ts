/**
 * Schemas of the hand-edited inputs: fixtures (data/fixtures/*.yaml), reference data
 * (data/reference/*.yaml) and source metadata (data/sources/*.meta.yaml).
 *
 * Deno-compatible: this module imports nothing but zod and the closed lists of ./vocabulary.ts.
 */
import { z } from "zod";
import { BLOCS, CLAIM_KINDS, ENTITY_KINDS, MACRO_GEOS, QUALIFIERS } from "./vocabulary.ts";

export { BLOCS, CLAIM_KINDS, ENTITY_KINDS, MACRO_GEOS, QUALIFIERS };

// --- error customization ---------------------------------------------------------------------------
// Every message about a field says what was expected and what was got. The wording lives here
// (this module imports only zod); pipeline/messages.ts builds zod's error map on it.

/** A value a user wrote, as a message shows it: texts quoted (long ones cut), lists and mappings named. */
export function describeInput(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") {
    const cps = Array.from(v);
    return JSON.stringify(cps.length > 60 ? `${cps.slice(0, 57).join("")}…` : v);
  }
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : `a list of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (v instanceof Date) return `the date ${Number.isNaN(v.getTime()) ? "(invalid)" : v.toISOString().slice(0, 10)}`;
  if (typeof v === "object") return "a mapping (field: value)";
  return typeof v;
}

/** `expected a number, got "4%"`; a missing field reads `missing: expected a number`. */
export function expectedGot(expected: string, input: unknown): string {
  return input === undefined ? `missing: expected ${expected}` : `expected ${expected}, got ${describeInput(input)}`;
}

/** What a format rule expects, in words; tests build their expected messages from these. */
export const RULES = {
  id: "an id of lower-case letters, digits, '-' or '_'",
  sha256: "64 lower-case hex digits",
  country: "an ISO 3166-1 alpha-2 code (two capital letters)",
  color: "a colour as #rrggbb (six lower-case hex digits)",
} as const;

/** A schema's own message for a format rule, in the same wording as the error map's. */
const rule = (expected: string) => ({ error: (iss: { input?: unknown }) => expectedGot(expected, iss.input) });

/** An id: lower-case letters, digits, '-' and '_' (claims, documents, providers, …). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const id = z.string().regex(ID_PATTERN, rule(RULES.id));
const text = z.string().min(1);
/** A chart colour: "#e69f00". */
const color = z.string().regex(/^#[0-9a-f]{6}$/, rule(RULES.color));
/** YAML reads `period: 2024` as a number; accept it and keep the text. */
const periodText = z.union([z.string().min(1), z.int().transform(String)]);

export const Qualifier = z.enum(QUALIFIERS);

export const ClaimKind = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof ClaimKind>;
/** The kinds whose claims state a number (value, unit and qualifier); every other kind has none. */
export const VALUED_KINDS: readonly ClaimKind[] = ["figure", "ranking"];

export const ClaimRecord = z.strictObject({
  id,
  subject: text,
  measure: text,
  value: z.number().nullable(),
  unit: text.nullable(),
  qualifier: Qualifier.nullable(),
  period: periodText.nullable(),
  period_note: z.string().nullish(),
  market: text.optional(),
  object: text.optional(),
  attributed_to: text,
  kind: ClaimKind,
  speaker: text,
  quote: text,
  char_start: z.int().nonnegative(),
  char_end: z.int().nonnegative(),
  note: z.string().nullish(),
});
export type ClaimRecord = z.infer<typeof ClaimRecord>;

export const FixtureFile = z.strictObject({
  document_id: id,
  claims: z.array(z.unknown()).min(1),
});

/**
 * data/reference/region-lists.yaml: region lists a provider publishes (an SDK's per-service region
 * file at a commit); each is a definition of "a region" that claims_check counts under.
 */
export const RegionListsFile = z.strictObject({
  lists: z.array(
    z.strictObject({
      list_id: z.string().regex(/^[a-z0-9][a-z0-9_.@-]*$/, rule("a list id of lower-case letters, digits, '-', '_', '.' or '@'")),
      provider_id: id,
      label: text,
      source: text,
      release: z.string().nullable(),
      source_as_of: z
        .string()
        .regex(/^\d{4}-\d{2}(-\d{2})?$/, rule("YYYY-MM or YYYY-MM-DD"))
        .nullable(),
      region_codes: z.array(z.string().min(1)).min(1),
    }),
  ),
});
export type RegionListsFile = z.infer<typeof RegionListsFile>;
export type RegionList = RegionListsFile["lists"][number];

/** data/reference/regions.meta.yaml: what the region catalog (regions.csv) describes, as of when. */
export const CatalogMeta = z.strictObject({
  as_of: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, rule("YYYY-MM or YYYY-MM-DD")),
  source: text,
});
export type CatalogMeta = z.infer<typeof CatalogMeta>;

export const DocumentMeta = z.object({
  document_id: id,
  file: text,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, rule(RULES.sha256)),
  publisher: text,
  title: z.string().nullable(),
  url: z.string().nullable(),
  author: z.string().nullable().optional(),
  date_approx: text,
  date_evidence: text,
  /** Who holds the rights to the text and on what terms the project uses it. */
  licence: text.nullish(),
  /** How the original's address was looked for, when it is unknown. */
  url_note: text.nullish(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const Bloc = z.enum(BLOCS);

export const ProvidersFile = z.object({
  as_of: periodText,
  source: text,
  providers: z
    .array(
      z.strictObject({
        provider_id: id,
        provider_name: text,
        parent_company: text,
        hq_country: z.string().regex(/^[A-Z]{2}$/, rule(RULES.country)),
        bloc: Bloc,
        aliases: z.array(text).min(1),
        /** The provider's colour in every chart (a colour-blind-safe palette: test/charts/palette.test.ts); grey without one. */
        color: color.optional(),
      }),
    )
    .min(1),
});
export type ProviderRef = z.infer<typeof ProvidersFile>["providers"][number];

export const SourcesFile = z.object({
  sources: z.array(
    z.strictObject({
      source_id: id,
      source_name: text,
      kind: z.enum(["research_firm", "company", "publisher", "analyst"]),
      /** The source's colour where charts set sources side by side (the research firms). */
      color: color.optional(),
    }),
  ),
});
export type SourceRef = z.infer<typeof SourcesFile>["sources"][number];

export const MeasuresFile = z.object({
  as_of: periodText,
  units: z.array(z.strictObject({ unit_id: id, base_unit: id, factor: z.number().positive(), description: text })),
  markets: z.array(z.strictObject({ market_id: id, market_name: text, definition: text })),
  measures: z.array(
    z.strictObject({
      measure_id: id,
      kind: z.enum(["quantitative", "qualitative"]),
      units: z.array(id),
      definition: text,
    }),
  ),
});
export type MeasuresFile = z.infer<typeof MeasuresFile>;

export const MacroGeo = z.enum(MACRO_GEOS);
export type MacroGeo = z.infer<typeof MacroGeo>;

const countryCode = z.string().regex(/^[A-Z]{2}$/, rule(RULES.country));

/** A composite geography's own country list: world-countries regions and subregions, plus and minus named countries. */
export const CountrySelection = z.strictObject({
  regions: z.array(text).optional(),
  subregions: z.array(text).optional(),
  add: z.array(countryCode).optional(),
  remove: z.array(countryCode).optional(),
});
export type CountrySelection = z.infer<typeof CountrySelection>;

export const EntitiesFile = z.object({
  entities: z.array(
    z.strictObject({
      entity_id: id,
      name: text,
      kind: z.enum(ENTITY_KINDS),
      provider_id: id.optional(),
    }),
  ),
  geographies: z.array(
    z.strictObject({
      geo_id: id,
      name: text,
      kind: z.enum(["macro", "composite"]),
      covers: z.array(MacroGeo).optional(),
      countries_from: CountrySelection.optional(),
      note: text.optional(),
    }),
  ),
  sectors: z.array(z.strictObject({ sector_id: id, name: text })),
});
export type EntitiesFile = z.infer<typeof EntitiesFile>;

export const GeographyFile = z.object({
  basis: text,
  subregions: z.record(z.string(), MacroGeo),
  overrides: z.array(
    z.strictObject({
      country: z.string().regex(/^[A-Z]{2}$/, rule(RULES.country)),
      macro_geo: MacroGeo,
      reason: text,
    }),
  ),
});
export type GeographyFile = z.infer<typeof GeographyFile>;
