/**
 * The published tables: one zod schema per table, the single source of truth for the row type
 * (`z.infer`), the column order of the CSV and Parquet files, the Table Schema in
 * output/datapackage.json and the data dictionary (each column's `.meta({ description, unit })`).
 *
 * Deno-compatible: this module imports nothing but zod and its sibling.
 */
import { z } from "zod";
import { BLOCS, MACRO_GEOS, QUALIFIERS } from "./inputs.ts";

type Meta = { description: string; unit?: string };
const m = (description: string, unit?: string): Meta => (unit ? { description, unit } : { description });

const str = (d: string) => z.string().meta(m(d));
const strOrNull = (d: string) => z.string().nullable().meta(m(d));
const num = (d: string, unit: string) => z.number().meta(m(d, unit));
const numOrNull = (d: string, unit: string) => z.number().nullable().meta(m(d, unit));
const int = (d: string, unit: string) => z.int().meta(m(d, unit));
const intOrNull = (d: string, unit: string) => z.int().nullable().meta(m(d, unit));
const bool = (d: string) => z.boolean().meta(m(d));
const qualifier = (d: string) => z.enum(QUALIFIERS).nullable().meta(m(d));
const ids = (d: string) => z.string().nullable().meta(m(`${d} (semicolon-separated fact_id list; null when none)`));

/** Joins ids for an `ids` column: null, not an empty string, when there are none (CSV cannot tell them apart). */
export function joinIds(xs: ReadonlyArray<string | null | undefined>): string | null {
  const kept = xs.filter((x): x is string => typeof x === "string" && x.length > 0);
  return kept.length > 0 ? kept.join(";") : null;
}

// --- Reference tables ---------------------------------------------------------------------------

export const Provider = z.object({
  provider_id: str("Canonical provider id: aws, azure, gcp, alibaba, huawei, oracle"),
  provider_name: str("Display name"),
  parent_company: str("Parent company"),
  hq_country: str("Headquarters country, ISO 3166-1 alpha-2"),
  bloc: z.enum(BLOCS).meta(m("Which stack the provider belongs to in the article's framing")),
  aliases: str("Names the article and the research firms use for the provider (semicolon-separated)"),
});

export const Source = z.object({
  source_id: str("Who a figure is attributed to: research firm, company, publisher or analyst"),
  source_name: str("Name as the article gives it"),
  kind: z.enum(["research_firm", "company", "publisher", "analyst"]).meta(m("Kind of source")),
});

export const Document = z.object({
  document_id: str("Source document id"),
  file: str("File under data/sources/ holding the text byte for byte"),
  sha256: str("SHA-256 of the file's bytes"),
  publisher: str("Publisher"),
  title: strOrNull("Title, null when unknown"),
  url: strOrNull("Address, null when unknown"),
  date_approx: str("Approximate publication date (e.g. 2025-H2)"),
  date_evidence: str("Why the date is what it is"),
});

export const Measure = z.object({
  measure_id: str("Measure id used in facts.measure"),
  kind: z.enum(["quantitative", "qualitative"]).meta(m("Quantitative measures have a value")),
  units: strOrNull("Units a fixture may state the measure in (semicolon-separated; null for qualitative measures)"),
  definition: str("What the measure means"),
});

export const Market = z.object({
  market_id: str("Market id used in market_share.market"),
  market_name: str("Market name"),
  definition: str("What the research firm's market covers, and its period"),
});

// --- Facts ----------------------------------------------------------------------------------------

export const Fact = z.object({
  fact_id: str("Unique id of the claim (the fixture record's id)"),
  document_id: str("Source document the claim was extracted from"),
  subject_id: str("Canonical subject: a provider_id or an entity id (bloc, market, model family)"),
  measure: str("What is claimed (see the measures table)"),
  value: numOrNull("Value in the base unit (percent as a fraction, billions as units); null for qualitative claims", "see unit"),
  unit: strOrNull("Base unit of value: fraction, count, rank, years, usd, cny"),
  qualifier: qualifier("How the value is qualified in the text: exact, approximately, over, at_least"),
  period: strOrNull("Period or as-of date, ISO-style: 2025-Q2, 2024, 2025-02, 2025-H2"),
  attributed_to: str("Who the claim is attributed to (see the sources table)"),
  quote: str("Verbatim quote from the source document"),
  char_start: int("Start of the quote: 0-based Unicode code-point offset into the document", "code points"),
  char_end: int("End of the quote (exclusive): text[char_start:char_end] == quote", "code points"),
  subject_as_stated: str("Subject as written in the fixture (an alias such as Amazon)"),
  value_as_stated: numOrNull("Value as printed in the article", "see unit_as_stated"),
  unit_as_stated: strOrNull("Unit as printed: percent, usd_billion, cny_billion, count, rank, years"),
  object_id: strOrNull("Object of a qualitative claim: a geography id, an ISO country code or a sector id"),
  market: strOrNull("Market the figure measures (market_share facts)"),
  period_as_stated: strOrNull("Period as written in the fixture"),
  period_note: strOrNull("How the period was read from the text"),
  note: strOrNull("Editor's note on the claim"),
});

// --- Market share ------------------------------------------------------------------------------

export const MarketShare = z.object({
  source_id: str("Research firm the share is attributed to"),
  market: str("Market the firm measures (see the markets table)"),
  period: str("Period of the share, ISO-style (2025-Q2, 2024)"),
  provider_id: str("Provider"),
  share: num("Share of the market", "fraction"),
  share_of_named: num("Share divided by the sum of the shares of the providers this source names for this period", "fraction"),
  rank: int("Rank among the providers the source names for this period (1 = largest; ties share the best rank)", "rank"),
  fact_id: str("The fact this row comes from"),
});

export const ShareComparison = z.object({
  provider_id: str("Provider"),
  source_a: str("First source (research firm)"),
  source_b: str("Second source"),
  share_a: numOrNull("Share per source_a (null when source_a does not name the provider)", "fraction"),
  share_b: numOrNull("Share per source_b (null when source_b does not name the provider)", "fraction"),
  delta_pp: numOrNull("share_b − share_a", "percentage points"),
  rank_a: intOrNull("Rank per source_a", "rank"),
  rank_b: intOrNull("Rank per source_b", "rank"),
  comparison: z.enum(["cross_source", "period_over_period"]).meta(m("cross_source: each source's latest period against another source's; period_over_period: one source's consecutive periods")),
  market_a: str("Market measured by source_a"),
  market_b: str("Market measured by source_b"),
  period_a: str("Period of source_a's figures"),
  period_b: str("Period of source_b's figures"),
  share_of_named_a: numOrNull("share_of_named per source_a", "fraction"),
  share_of_named_b: numOrNull("share_of_named per source_b", "fraction"),
  delta_named_pp: numOrNull("share_of_named_b − share_of_named_a", "percentage points"),
  same_market: bool("Whether both sources measure the same market (when false, the delta compares different markets and periods)"),
  fact_ids: ids("Facts behind the two shares"),
});

export const Concentration = z.object({
  source_id: str("Research firm"),
  period: str("Period"),
  named_total: num("Sum of the shares of the providers the source names", "fraction"),
  others: num("1 − named_total: everyone the source does not name", "fraction"),
  hhi_named: num("Herfindahl–Hirschman index over the named providers: sum of squared percentage shares (0–10,000); a lower bound of the market's HHI", "HHI points"),
  us_led_share: num("Sum of the shares of the named US-led providers", "fraction"),
  china_led_share: num("Sum of the shares of the named China-led providers", "fraction"),
  market: str("Market"),
  providers_named: int("How many providers the source names for the period", "count"),
  us_led_share_of_named: num("us_led_share / named_total", "fraction"),
  china_led_share_of_named: num("china_led_share / named_total", "fraction"),
  fact_ids: ids("Facts summed"),
});

// --- Footprint -----------------------------------------------------------------------------------

export const Footprint = z.object({
  provider_id: str("Provider"),
  regions: intOrNull("Cloud regions per the article; the region catalog's count when the article gives none (see regions_source); null when neither has one", "count"),
  regions_qualifier: qualifier("Qualifier of the region count: exact or over (Azure's \"over 70\" is a lower bound)"),
  availability_zones: intOrNull("Availability zones per the article", "count"),
  az_per_region: numOrNull("availability_zones / regions, rounded to 2 decimals (null when either is missing)", "zones per region"),
  as_of: strOrNull("As-of period of the region count"),
  fact_ids: ids("Facts behind the row"),
  regions_listed: intOrNull("Regions in the list the article links to (Azure: 55)", "count"),
  availability_zones_qualifier: qualifier("Qualifier of the availability-zone count"),
  regions_attributed_to: strOrNull("Who the region count is attributed to"),
  regions_source: z.enum(["article", "catalog", "none"]).meta(m("Where the region count comes from: the article; the region catalog when the article gives none (regions open to any customer: status general or sovereign); none")),
});

export const FootprintVsShare = z.object({
  provider_id: str("Provider"),
  source_id: str("Research firm of the share"),
  period: str("Period of the share"),
  regions: int("Regions per the article", "count"),
  regions_qualifier: qualifier("Qualifier of the region count"),
  share: num("Market share per source_id", "fraction"),
  regions_per_share_point: num("regions / (share × 100), rounded to 2 decimals; a lower bound when regions_qualifier is over", "regions per percentage point"),
  fact_ids: ids("Facts behind the row"),
});

// --- The article's geography ---------------------------------------------------------------------

export const GeoClaim = z.object({
  fact_id: str("The geography fact"),
  subject_id: str("Provider or entity the claim is about"),
  subject_bloc: z.enum(BLOCS).nullable().meta(m("Bloc of the subject when it is a provider or a bloc")),
  relation: str("The claim: regions_in, regions_mainly_in, regions_absent_from, growth_region, battleground, expected_leader_in, leans_toward, less_aligned_with"),
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

// --- Regions: the catalog and what it says about the article -----------------------------------

/** Region statuses of data/reference/regions.csv (pipeline/catalog.ts validates against these). */
export const REGION_STATUSES = ["general", "restricted", "government", "sovereign"] as const;

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
  availability_zones: intOrNull("Availability zones (Oracle: availability domains) where published; null when not sourced", "count"),
  status: z.enum(REGION_STATUSES).meta(m("general: GA public region; restricted: access on request or invitation only; government: government-only cloud; sovereign: sovereign or partner-operated (e.g. Azure/AWS China, Alibaba Riyadh)")),
  in_provider_list: z.boolean().nullable().meta(m("Whether the region is a row of the provider's own public region list for its global cloud (Azure: the list the article links to; Huawei: its public region names); null where not checked")),
  source: str("Where the row comes from (repository file at a commit, or a page)"),
  source_as_of: strOrNull("Date the source reflects (YYYY-MM or YYYY-MM-DD); null when unknown"),
  note: strOrNull("Researcher's note: inferences, doubts, exclusions"),
});

export const RegionalBreakdown = z.object({
  provider_id: str("Provider"),
  macro_geo: z.enum(MACRO_GEOS).meta(m("Macro-region (every provider × macro-region, zeros included)")),
  regions: int("Catalog regions of the provider in the macro-region, every status", "count"),
  availability_zones: intOrNull("Sum of the published availability-zone counts of those regions; null when none is published (a lower bound when regions_with_az < regions)", "count"),
  share_of_provider_regions: numOrNull("regions / the provider's catalog regions, rounded to 4 decimals", "fraction"),
  battleground: bool("The macro-region is one of the article's battlegrounds: named a battleground, or named a growth region for the China-led providers outside their home macro-region"),
  provider_name: str("Provider display name"),
  bloc: z.enum(BLOCS).meta(m("Bloc of the provider")),
  regions_general: int("Of which status general", "count"),
  regions_sovereign: int("Of which status sovereign (partner-operated or sovereign cloud)", "count"),
  regions_restricted: int("Of which status restricted", "count"),
  regions_government: int("Of which status government", "count"),
  regions_with_az: int("Regions whose availability-zone count is published", "count"),
  countries: strOrNull("Countries of those regions, ISO 3166-1 alpha-2 (semicolon-separated; null when none)"),
  battleground_fact_ids: ids("Facts that make the macro-region a battleground"),
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
  china_led_share_of_regions: numOrNull("china_led_regions / (us_led_regions + china_led_regions), rounded to 4 decimals; null when neither bloc has a region", "fraction"),
  battleground: bool("The macro-region is one of the article's battlegrounds (same rule as regional_breakdown.battleground)"),
  battleground_fact_ids: ids("Facts that make the macro-region a battleground"),
});

export const ClaimCheck = z.object({
  fact_id: str("The article's footprint or geography claim"),
  definition: z.enum(REGION_SCOPES).meta(m(
    "Which catalog rows are counted: general = status general; public = general + sovereign (open to any customer, incl. partner-operated and China clouds); non_government = all but government; all = every status; provider_list = rows of the provider's own public region list (only where the catalog records it)",
  )),
  provider_id: str("Provider the claim is about"),
  measure: str("What is claimed: regions, availability_zones, regions_listed, regions_share_in_geo, regions_in, regions_mainly_in, regions_absent_from"),
  claim: str("Verbatim quote of the claim"),
  object_id: strOrNull("Geography or country of the claim, as in facts.object_id"),
  article_value: numOrNull("The article's figure in its base unit (count or fraction); null for qualitative claims", "see catalog_unit"),
  article_qualifier: qualifier("How the article qualifies its figure: exact, approximately, over, at_least"),
  catalog_value: numOrNull("What the catalog shows under the definition: a count, a fraction, or for regions_mainly_in the share of the provider's regions in the claim's geographies together; null when the catalog has no figure", "see catalog_unit"),
  catalog_unit: z.enum(["count", "fraction"]).meta(m("Unit of catalog_value and article_value")),
  catalog_regions: intOrNull("Provider regions counted under the definition (the denominator of a fraction)", "count"),
  catalog_is_lower_bound: bool("catalog_value is a lower bound (some counted regions publish no availability-zone count)"),
  holds: z.boolean().nullable().meta(m("Whether the claim holds under this definition; null when the catalog cannot tell")),
  verdict: z.enum(["consistent", "inconsistent", "depends_on_definition", "not_verifiable"]).meta(m(
    "Over all definitions of the claim: consistent (holds under every one), inconsistent (under none), depends_on_definition (some), not_verifiable (the catalog has no figure)",
  )),
  explanation: str("One line: the figure behind the row and why it does or does not hold"),
});

// --- Registry ------------------------------------------------------------------------------------

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  schema: S;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

const fk = (fields: string[], resource: string, refFields: string[] = fields): ForeignKey => ({
  fields,
  reference: { resource, fields: refFields },
});
const toProvider = fk(["provider_id"], "providers");

function table<S extends z.ZodObject>(def: TableDef<S>): TableDef<S> {
  return def;
}

export const TABLES = {
  providers: table({ name: "providers", title: "Providers", description: "The six cloud providers, their parent companies and blocs.", schema: Provider, primaryKey: ["provider_id"], foreignKeys: [] }),
  sources: table({ name: "sources", title: "Sources", description: "Who the article's figures and claims are attributed to.", schema: Source, primaryKey: ["source_id"], foreignKeys: [] }),
  documents: table({ name: "documents", title: "Documents", description: "Source documents the facts are quoted from.", schema: Document, primaryKey: ["document_id"], foreignKeys: [] }),
  measures: table({ name: "measures", title: "Measures", description: "What each fact measures.", schema: Measure, primaryKey: ["measure_id"], foreignKeys: [] }),
  markets: table({ name: "markets", title: "Markets", description: "The markets the research firms measure, with their definitions.", schema: Market, primaryKey: ["market_id"], foreignKeys: [] }),
  facts: table({
    name: "facts", title: "Facts", description: "Every claim of every source document, with its verbatim quote and character offsets.", schema: Fact, primaryKey: ["fact_id"],
    foreignKeys: [fk(["document_id"], "documents"), fk(["measure"], "measures", ["measure_id"]), fk(["attributed_to"], "sources", ["source_id"])],
  }),
  market_share: table({
    name: "market_share", title: "Market share", description: "Provider market shares per research firm, market and period.", schema: MarketShare, primaryKey: ["source_id", "market", "period", "provider_id"],
    foreignKeys: [toProvider, fk(["source_id"], "sources"), fk(["market"], "markets", ["market_id"]), fk(["fact_id"], "facts")],
  }),
  share_comparison: table({
    name: "share_comparison", title: "Share comparison", description: "Each provider's share under two sources side by side, with the gap in percentage points.", schema: ShareComparison,
    primaryKey: ["provider_id", "source_a", "period_a", "source_b", "period_b"], foreignKeys: [toProvider],
  }),
  concentration: table({
    name: "concentration", title: "Concentration", description: "Per source and period: the named providers' total, the HHI over them and the US-led/China-led split.", schema: Concentration,
    primaryKey: ["source_id", "market", "period"], foreignKeys: [fk(["source_id"], "sources")],
  }),
  footprint: table({ name: "footprint", title: "Footprint", description: "Regions and availability zones per provider, as the article gives them.", schema: Footprint, primaryKey: ["provider_id"], foreignKeys: [toProvider] }),
  footprint_vs_share: table({
    name: "footprint_vs_share", title: "Footprint vs market share", description: "Regions per percentage point of market share, per provider and source.", schema: FootprintVsShare,
    primaryKey: ["provider_id", "source_id", "period"], foreignKeys: [toProvider, fk(["source_id"], "sources")],
  }),
  geo_claims: table({
    name: "geo_claims", title: "Geography claims", description: "The article's geography claims, one row per fact and macro-region it covers.", schema: GeoClaim,
    primaryKey: ["fact_id", "macro_geo"], foreignKeys: [fk(["fact_id"], "facts")],
  }),
  battlegrounds: table({ name: "battlegrounds", title: "Battlegrounds", description: "Per macro-region, what the article and its analysts say about the contest between the two stacks.", schema: Battleground, primaryKey: ["macro_geo"], foreignKeys: [] }),
  regions: table({
    name: "regions", title: "Region catalog", description: "Every cloud region of the six providers live by September 2025, with its country, macro-region, status and source (data/reference/regions.csv).", schema: Region,
    primaryKey: ["provider_id", "region_code"], foreignKeys: [toProvider],
  }),
  regional_breakdown: table({
    name: "regional_breakdown", title: "Regional breakdown", description: "Per provider and macro-region: catalog regions, availability zones, share of the provider's regions, and whether the article calls it a battleground.", schema: RegionalBreakdown,
    primaryKey: ["provider_id", "macro_geo"], foreignKeys: [toProvider, fk(["macro_geo"], "battlegrounds")],
  }),
  bloc_presence: table({
    name: "bloc_presence", title: "Bloc presence", description: "Per macro-region: catalog regions and providers present for the US-led and the China-led bloc.", schema: BlocPresence,
    primaryKey: ["macro_geo"], foreignKeys: [fk(["macro_geo"], "battlegrounds")],
  }),
  claims_check: table({
    name: "claims_check", title: "Claims check", description: "Each footprint or geography claim of the article against the region catalog, one row per claim and definition, with a verdict. Disagreements are findings, not errors.", schema: ClaimCheck,
    primaryKey: ["fact_id", "definition"], foreignKeys: [fk(["fact_id"], "facts"), toProvider],
  }),
} as const;

export type TableName = keyof typeof TABLES;
export type Row<N extends TableName> = z.infer<(typeof TABLES)[N]["schema"]>;
export type Tables = { [N in TableName]: Array<Row<N>> };
