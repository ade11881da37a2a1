/** Footprint and the article's geography claims. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { BLOCS, MACRO_GEOS } from "../inputs.ts";
import { m, str, strOrNull, num, numOrNull, int, intOrNull, bool, qualifier, ids, date } from "./columns.ts";
import { fk, table, toProvider } from "./registry.ts";

// --- Footprint -----------------------------------------------------------------------------------

export const Footprint = z.object({
  provider_id: str("Provider"),
  regions: intOrNull(
    "Cloud regions per the article; the region catalog's count when the article gives none (see regions_source); null when neither has one",
    "count",
  ),
  regions_qualifier: qualifier('Qualifier of the region count: exact or over (Azure\'s "over 70" is a lower bound)'),
  availability_zones: intOrNull("Availability zones per the article", "count"),
  az_per_region: numOrNull("availability_zones / regions, to 12 significant digits (null when either is missing)", "zones per region"),
  as_of: strOrNull("As-of period of the region count"),
  fact_ids: ids("Facts behind the row"),
  regions_listed: intOrNull("Regions in the list the article links to (Azure: 55)", "count"),
  availability_zones_qualifier: qualifier("Qualifier of the availability-zone count"),
  regions_attributed_to: strOrNull("Who the region count is attributed to"),
  regions_source: z
    .enum(["article", "catalog", "none"])
    .meta(
      m(
        "Where the region count comes from: the article; the region catalog when the article gives none (counted under regions_definition); none",
      ),
    ),
  regions_definition: strOrNull(
    "What the region count counts: article = the article's figure, under whatever definition the article used; otherwise the claims_check definition the catalog was counted under (general = generally available public regions; sovereign, partner-operated, government, restricted and announced ones left out); null when there is no count",
  ),
});

export const FootprintVsShare = z.object({
  provider_id: str("Provider"),
  source_id: str("Research firm of the share"),
  period: str("Period of the share"),
  period_start: date("First day of the period"),
  period_end: date("Last day of the period"),
  regions: int("Regions per the article", "count"),
  regions_qualifier: qualifier("Qualifier of the region count"),
  share: num("Market share per source_id", "fraction"),
  regions_per_share_point: num(
    "regions / (share × 100), to 12 significant digits; a lower bound when regions_qualifier is over",
    "regions per percentage point",
  ),
  fact_ids: ids("Facts behind the row"),
});

// --- The article's geography ---------------------------------------------------------------------

export const Geography = z.object({
  geo_id: str("Geography id, as in facts.object_id"),
  name: str("Name"),
  kind: z.enum(["macro", "composite"]).meta(m("macro: one of the eight macro-regions; composite: one of the article's looser terms")),
  macro_geos: str("Macro-regions its countries lie in, wholly or partly (semicolon-separated)"),
  country_count: int("How many countries it has", "count"),
  countries: str("Its countries, ISO 3166-1 alpha-2 (semicolon-separated)"),
  definition: str(
    "How the country list is made: world-countries regions and subregions with the countries added or removed, or the macro-regions it unites",
  ),
  note: strOrNull("What the geography means in the article, and the choices behind its list (commented in data/reference/entities.yaml)"),
});

export const GeoClaim = z.object({
  fact_id: str("The geography fact"),
  subject_id: str("Provider or entity the claim is about"),
  subject_bloc: z.enum(BLOCS).nullable().meta(m("Bloc of the subject when it is a provider or a bloc")),
  relation: str(
    "The claim (facts.measure): regions_in, regions_mainly_in, regions_absent_from, growth_region (realised growth), growth_opportunity (a forecast), battleground, expected_leader_in, leans_toward, less_aligned_with",
  ),
  object_id: str("Geography as stated (a geography id or an ISO country code)"),
  object_kind: z.enum(["macro", "composite", "country"]).meta(m("What object_id is")),
  macro_geo: z
    .enum(MACRO_GEOS)
    .meta(
      m(
        "One macro-region the object's countries lie in, wholly or partly (one row per macro-region; the geographies table lists the countries)",
      ),
    ),
  country: strOrNull("ISO country code when the object is a country"),
  attributed_to: str("Who the claim is attributed to"),
});

/** The geographies a relation names within one macro-region, as the article names them. */
const named = (what: string) =>
  strOrNull(
    `${what}: the geographies as the article names them that lie in the macro-region (semicolon-separated geography ids or country codes; null when none)`,
  );

export const Battleground = z.object({
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region")),
  is_battleground: bool(
    "The article names it a key market-share battleground: the Middle East, Latin America and the Asia Pacific regions, its only three",
  ),
  us_led_leads: named('Where the article says "U.S. hyperscalers will continue to lead" (a forecast)'),
  growth_reported: named("Where a China-led provider reports realised growth (Huawei, 2024 annual report)"),
  growth_opportunity: named("Where an analyst sees a growth opportunity for the China-led providers (Kimball: a forecast)"),
  less_aligned_with_us: named('What an analyst calls "less aligned with the U.S." (Chua: an opinion)'),
  leans_to_western: named("What is said to lean toward Western cloud providers (Kimball)"),
  fact_ids: ids("Facts behind the row"),
});

// --- Registry entries: names, keys, descriptions (pipeline/schema/tables.ts joins the groups) ---

export const GEOGRAPHY_TABLES = {
  footprint: table({
    name: "footprint",
    title: "Footprint",
    description: "Regions and availability zones per provider, as the article gives them.",
    schema: Footprint,
    primaryKey: ["provider_id"],
    foreignKeys: [toProvider],
  }),
  footprint_vs_share: table({
    name: "footprint_vs_share",
    title: "Footprint vs market share",
    description: "Regions per percentage point of market share, per provider and source.",
    schema: FootprintVsShare,
    primaryKey: ["provider_id", "source_id", "period"],
    foreignKeys: [toProvider, fk(["source_id"], "sources")],
  }),
  geographies: table({
    name: "geographies",
    title: "Geographies",
    description:
      "Every geography a fact names: the eight macro-regions and the article's composite terms (Eastern Europe, MENA, South America, …), each with its own country list.",
    schema: Geography,
    primaryKey: ["geo_id"],
    foreignKeys: [],
  }),
  geo_claims: table({
    name: "geo_claims",
    title: "Geography claims",
    description: "The article's geography claims, one row per fact and macro-region it covers.",
    schema: GeoClaim,
    primaryKey: ["fact_id", "macro_geo"],
    foreignKeys: [fk(["fact_id"], "facts")],
  }),
  battlegrounds: table({
    name: "battlegrounds",
    title: "Battlegrounds",
    description:
      "Per macro-region: whether it is one of the article's three battlegrounds, and each other thing the article or its analysts say about it (where the US-led lead, reported growth, growth opportunity, alignment), each in its own column.",
    schema: Battleground,
    primaryKey: ["macro_geo"],
    foreignKeys: [],
  }),
} as const;
