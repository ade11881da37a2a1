/** Footprint and the article's geography claims. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { BLOCS, MACRO_GEOS } from "../inputs.ts";
import { m, str, strOrNull, num, numOrNull, int, intOrNull, bool, qualifier, ids, date } from "./columns.ts";

// --- Footprint -----------------------------------------------------------------------------------

export const Footprint = z.object({
  provider_id: str("Provider"),
  regions: intOrNull(
    "Cloud regions per the article; the region catalog's count when the article gives none (see regions_source); null when neither has one",
    "count",
  ),
  regions_qualifier: qualifier('Qualifier of the region count: exact or over (Azure\'s "over 70" is a lower bound)'),
  availability_zones: intOrNull("Availability zones per the article", "count"),
  az_per_region: numOrNull("availability_zones / regions, rounded to 2 decimals (null when either is missing)", "zones per region"),
  as_of: strOrNull("As-of period of the region count"),
  fact_ids: ids("Facts behind the row"),
  regions_listed: intOrNull("Regions in the list the article links to (Azure: 55)", "count"),
  availability_zones_qualifier: qualifier("Qualifier of the availability-zone count"),
  regions_attributed_to: strOrNull("Who the region count is attributed to"),
  regions_source: z
    .enum(["article", "catalog", "none"])
    .meta(
      m(
        "Where the region count comes from: the article; the region catalog when the article gives none (regions open to any customer: status general or sovereign); none",
      ),
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
    "regions / (share × 100), rounded to 2 decimals; a lower bound when regions_qualifier is over",
    "regions per percentage point",
  ),
  fact_ids: ids("Facts behind the row"),
});

// --- The article's geography ---------------------------------------------------------------------

export const GeoClaim = z.object({
  fact_id: str("The geography fact"),
  subject_id: str("Provider or entity the claim is about"),
  subject_bloc: z.enum(BLOCS).nullable().meta(m("Bloc of the subject when it is a provider or a bloc")),
  relation: str(
    "The claim: regions_in, regions_mainly_in, regions_absent_from, growth_region, battleground, expected_leader_in, leans_toward, less_aligned_with",
  ),
  object_id: str("Geography as stated (a geography id or an ISO country code)"),
  object_kind: z.enum(["macro", "composite", "country"]).meta(m("What object_id is")),
  macro_geo: z.enum(MACRO_GEOS).meta(m("One macro-region the object covers (one row per macro-region)")),
  country: strOrNull("ISO country code when the object is a country"),
  attributed_to: str("Who the claim is attributed to"),
});

export const Battleground = z.object({
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region")),
  is_battleground: bool("The article calls it a key market-share battleground"),
  china_led_growth: bool("Someone quoted names it as a growth region or opportunity for the China-led providers"),
  us_led_lead: bool("The article says the US-led providers will keep leading there, or that it leans toward them"),
  less_aligned_with_us: bool("A quoted analyst calls it less aligned with the U.S."),
  fact_ids: ids("Facts behind the row"),
});
