/** The region catalog and what it says about the article's claims. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { BLOCS, MACRO_GEOS } from "../inputs.ts";
import { m, str, strOrNull, numOrNull, int, intOrNull, bool, qualifier, ids, quoted } from "./columns.ts";
import { fk, table, toProvider } from "./registry.ts";

// --- Regions: the catalog and what it says about the article -----------------------------------

/** Region statuses of data/reference/regions.csv (pipeline/catalog.ts validates against these). */
export const REGION_STATUSES = ["general", "restricted", "government", "sovereign", "announced"] as const;

/** Which catalog rows a figure counts (claims_check.definition). */
export const REGION_SCOPES = ["general", "public", "non_government", "all", "provider_list"] as const;

export const Region = z.object({
  provider_id: str("Provider"),
  region_code: str("The provider's region id (unique per provider; AWS and Alibaba both have ap-southeast-7)"),
  region_name: str("Region name as the provider publishes it"),
  city: strOrNull("City (or the location the provider publishes, sometimes a state or country); null when not published"),
  country: str("Country, ISO 3166-1 alpha-2"),
  country_name: str("Country name (world-countries common name)"),
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region of the country (data/reference/geography.yaml)")),
  bloc: z.enum(BLOCS).meta(m("Bloc of the provider")),
  availability_zones: intOrNull(
    "Availability zones (Oracle: availability domains) where published; 0 when the provider publishes that the region has none; null when not sourced",
    "count",
  ),
  status: z
    .enum(REGION_STATUSES)
    .meta(
      m(
        "Status at the catalog's as-of date. general: GA public region; restricted: access on request or invitation only; government: government-only cloud; sovereign: sovereign or partner-operated (e.g. Azure/AWS China, Alibaba Riyadh); announced: announced or in preview, generally available only after the as-of date",
      ),
    ),
  general_availability_date: strOrNull(
    "Date the region became generally available, where a source gives it and it falls after the catalog's as-of date (status announced); null otherwise",
  ),
  in_provider_list: z
    .boolean()
    .nullable()
    .meta(
      m(
        "Whether the region is a row of the provider's own public region list for its global cloud (Azure: the list the article links to; Huawei: its public region names); null where not checked",
      ),
    ),
  source: str("Where the row comes from (repository file at a commit, or a page)"),
  source_as_of: strOrNull("Date the source reflects (YYYY-MM or YYYY-MM-DD); null when unknown"),
  note: strOrNull("Researcher's note: inferences, doubts, exclusions"),
});

export const RegionalBreakdown = z.object({
  provider_id: str("Provider"),
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region (every provider × macro-region, zeros included)")),
  regions: int("Catalog regions of the provider in the macro-region, every status", "count"),
  availability_zones: intOrNull(
    "Sum of the published availability-zone counts of those regions; null when none is published (a lower bound when regions_with_az < regions)",
    "count",
  ),
  share_of_provider_regions: numOrNull("regions / the provider's catalog regions, to 12 significant digits", "fraction"),
  battleground: bool(
    "The macro-region is one of the article's three battlegrounds (battlegrounds.is_battleground: the Middle East, Latin America, Asia Pacific)",
  ),
  provider_name: str("Provider display name"),
  bloc: z.enum(BLOCS).meta(m("Bloc of the provider")),
  regions_general: int("Of which status general", "count"),
  regions_sovereign: int("Of which status sovereign (partner-operated or sovereign cloud)", "count"),
  regions_restricted: int("Of which status restricted", "count"),
  regions_government: int("Of which status government", "count"),
  regions_announced: int("Of which status announced (generally available only after the catalog's as-of date)", "count"),
  regions_with_az: int("Regions whose availability-zone count is published (0 included)", "count"),
  countries: strOrNull("Countries of those regions, ISO 3166-1 alpha-2 (semicolon-separated; null when none)"),
  battleground_fact_ids: ids("The article's battleground facts for the macro-region"),
});

export const BlocPresence = z.object({
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region")),
  us_led_regions: int("Catalog regions of the US-led providers in the macro-region, every status", "count"),
  china_led_regions: int("Catalog regions of the China-led providers in the macro-region, every status", "count"),
  us_led_providers: strOrNull("US-led providers with at least one region there (semicolon-separated provider ids; null when none)"),
  china_led_providers: strOrNull("China-led providers with at least one region there (semicolon-separated provider ids; null when none)"),
  us_led_provider_count: int("How many US-led providers are present", "count"),
  china_led_provider_count: int("How many China-led providers are present", "count"),
  us_led_public_regions: int("US-led regions open to any customer (status general or sovereign)", "count"),
  china_led_public_regions: int("China-led regions open to any customer (status general or sovereign)", "count"),
  china_led_share_of_regions: numOrNull(
    "china_led_regions / (us_led_regions + china_led_regions), to 12 significant digits; null when neither bloc has a region",
    "fraction",
  ),
  battleground: bool("The macro-region is one of the article's three battlegrounds (battlegrounds.is_battleground)"),
  battleground_fact_ids: ids("The article's battleground facts for the macro-region"),
});

export const ClaimCheck = z.object({
  fact_id: str("The article's footprint or geography claim"),
  definition: str(
    "Which regions are counted: a status definition of the catalog (general = status general; public = general + sovereign, open to any customer incl. partner-operated and China clouds; non_government = all but government; all = every status; provider_list = rows of the provider's own public region list, only where the catalog records it) or the list_id of a region list the provider publishes (region_lists)",
  ),
  provider_id: str("Provider the claim is about"),
  measure: str(
    "What is claimed: regions, availability_zones, regions_listed, regions_share_in_geo, regions_in, regions_mainly_in, regions_absent_from",
  ),
  claim: quoted("Verbatim quote of the claim (the publisher's text, quoted for verification)"),
  object_id: strOrNull("Geography or country of the claim, as in facts.object_id"),
  article_value: numOrNull("The article's figure in its base unit (count or fraction); null for qualitative claims", "see catalog_unit"),
  article_qualifier: qualifier("How the article qualifies its figure: exact, approximately, over, at_least"),
  catalog_value: numOrNull(
    "What the catalog shows under the definition: a count, a fraction, or for regions_mainly_in the share of the provider's regions in the claim's geographies together; null when the catalog has no figure",
    "see catalog_unit",
  ),
  catalog_unit: z.enum(["count", "fraction"]).meta(m("Unit of catalog_value and article_value")),
  catalog_regions: intOrNull("Provider regions counted under the definition (the denominator of a fraction)", "count"),
  catalog_is_lower_bound: bool("catalog_value is a lower bound (some counted regions publish no availability-zone count)"),
  holds: z.boolean().nullable().meta(m("Whether the claim holds under this definition; null when the catalog cannot tell")),
  verdict: z
    .enum(["consistent", "inconsistent", "depends_on_definition", "not_verifiable"])
    .meta(
      m(
        "Over all definitions of the claim: consistent (holds under every one), inconsistent (under none), depends_on_definition (some), not_verifiable (the catalog has no figure)",
      ),
    ),
  explanation: str("One line: the figure behind the row and why it does or does not hold"),
  reproduced_under: ids(
    "The definitions under which the claim holds (the same on every row of a claim); null when none does. A zone count is compared only under the definitions that reproduce the region count of the same sentence",
  ),
});

export const RegionListRow = z.object({
  list_id: str("The list: provider, SDK, service and version, @ the first 8 digits of the commit read"),
  provider_id: str("Provider that publishes the list"),
  label: str("The list in words"),
  source: str("The file at a named commit (github:owner/repo/path@commit)"),
  release: strOrNull("SDK release of that commit, from its CHANGELOG; null where not established"),
  source_as_of: strOrNull("Date of that release (YYYY-MM-DD); null where not established"),
  regions: int("Distinct region ids in the list", "count"),
  region_codes: str("The ids, sorted, semicolon-separated"),
});

// --- Registry entries: names, keys, descriptions (pipeline/schema/tables.ts joins the groups) ---

export const REGION_TABLES = {
  regions: table({
    name: "regions",
    title: "Region catalog",
    description:
      "Every cloud region of the six providers live or announced by September 2025, with its country, macro-region, status at that date and source (data/reference/regions.csv).",
    schema: Region,
    primaryKey: ["provider_id", "region_code"],
    foreignKeys: [toProvider],
  }),
  regional_breakdown: table({
    name: "regional_breakdown",
    title: "Regional breakdown",
    description:
      "Per provider and macro-region: catalog regions, availability zones, share of the provider's regions, and whether it is one of the article's three battlegrounds.",
    schema: RegionalBreakdown,
    primaryKey: ["provider_id", "macro_geo"],
    foreignKeys: [toProvider, fk(["macro_geo"], "battlegrounds")],
  }),
  bloc_presence: table({
    name: "bloc_presence",
    title: "Bloc presence",
    description: "Per macro-region: catalog regions and providers present for the US-led and the China-led bloc.",
    schema: BlocPresence,
    primaryKey: ["macro_geo"],
    foreignKeys: [fk(["macro_geo"], "battlegrounds")],
  }),
  region_lists: table({
    name: "region_lists",
    title: "Published region lists",
    description:
      "Region lists the providers publish (an SDK's per-service region file at a named commit), each a definition of a region that claims_check counts under; every id is a row of the region catalog.",
    schema: RegionListRow,
    primaryKey: ["list_id"],
    foreignKeys: [toProvider],
  }),
  claims_check: table({
    name: "claims_check",
    title: "Claims check",
    description:
      "Each footprint or geography claim of the article against the region catalog, one row per claim and definition (a status definition of the catalog, or a published region list), with a verdict. Disagreements are findings, not errors.",
    schema: ClaimCheck,
    primaryKey: ["fact_id", "definition"],
    foreignKeys: [fk(["fact_id"], "facts"), toProvider],
  }),
} as const;
