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
  regions: intOrNull("Cloud regions per the article (null when it gives none)", "count"),
  regions_qualifier: qualifier("Qualifier of the region count: exact or over (Azure's \"over 70\" is a lower bound)"),
  availability_zones: intOrNull("Availability zones per the article", "count"),
  az_per_region: numOrNull("availability_zones / regions, rounded to 2 decimals (null when either is missing)", "zones per region"),
  as_of: strOrNull("As-of period of the region count"),
  fact_ids: ids("Facts behind the row"),
  regions_listed: intOrNull("Regions in the list the article links to (Azure: 55)", "count"),
  availability_zones_qualifier: qualifier("Qualifier of the availability-zone count"),
  regions_attributed_to: strOrNull("Who the region count is attributed to"),
  regions_source: z.enum(["article", "catalog", "none"]).meta(m("Where the region count comes from: the article; the region catalog (later issue) when the article gives none; none")),
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
} as const;

export type TableName = keyof typeof TABLES;
export type Row<N extends TableName> = z.infer<(typeof TABLES)[N]["schema"]>;
export type Tables = { [N in TableName]: Array<Row<N>> };
