/** Reference tables and facts: who, what, from which document. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { BLOCS, CLAIM_KINDS } from "../inputs.ts";
import { m, str, strOrNull, numOrNull, int, qualifier, quoted, dateOrNull } from "./columns.ts";
import { fk, table } from "./registry.ts";

// --- Reference tables ---------------------------------------------------------------------------

export const Provider = z.object({
  provider_id: str("Canonical provider id: aws, azure, gcp, alibaba, huawei, oracle"),
  provider_name: str("Display name"),
  parent_company: str("Parent company"),
  hq_country: str("Headquarters country, ISO 3166-1 alpha-2"),
  bloc: z.enum(BLOCS).meta(m("Which stack the provider belongs to in the article's framing")),
  aliases: str("Names the article and the research firms use for the provider (semicolon-separated)"),
  color: strOrNull("The provider's colour in every chart, #rrggbb (a colour-blind-safe palette); null: drawn grey"),
});

export const Source = z.object({
  source_id: str("Who a figure is attributed to: research firm, company, publisher or analyst"),
  source_name: str("Name as the article gives it"),
  kind: z.enum(["research_firm", "company", "publisher", "analyst"]).meta(m("Kind of source")),
  color: strOrNull("The source's colour where charts set sources side by side, #rrggbb; null when no chart does"),
});

export const Document = z.object({
  document_id: str("Source document id"),
  file: str("File under data/sources/ holding the text byte for byte"),
  sha256: str("SHA-256 of the file's bytes"),
  publisher: str("Publisher"),
  title: strOrNull("Title, null when unknown"),
  url: strOrNull("Address of the original, null when unknown"),
  date_approx: str("Approximate publication date (e.g. 2025-H2)"),
  date_evidence: str("Why the date is what it is"),
  licence: strOrNull("Who holds the rights to the document's text and on what terms it is used here; null when unknown"),
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
  subject_id: str("Canonical subject: a provider_id or an entity id of data/reference/entities.yaml (bloc, market, model family, …)"),
  measure: str("What is claimed (see the measures table); for a qualitative claim, the relation between subject_id and object_id"),
  kind: z
    .enum(CLAIM_KINDS)
    .meta(
      m(
        "Kind of claim: figure or ranking (a number; the only kinds with a value), geography (where a provider is, is not or grew), fact (another statement of fact), forecast, opinion (of someone the article quotes or reports), judgement (the article's own evaluation), recommendation, caveat",
      ),
    ),
  value: numOrNull("Value in the base unit (percent as a fraction, billions as units); null for qualitative claims", "see unit"),
  unit: strOrNull("Base unit of value: fraction, count, rank, years, usd, cny"),
  qualifier: qualifier("How the value is qualified in the text: exact, approximately, over, at_least"),
  period: strOrNull("Period or as-of date, ISO-style: 2025-Q2, 2024, 2025-02, 2025-H2"),
  period_start: dateOrNull("First day of the period (null when period is null)"),
  period_end: dateOrNull("Last day of the period (null when period is null)"),
  attributed_to: str("Whose figure or statement the claim is (see the sources table)"),
  speaker: str(
    "Who makes the claim in the article (see the sources table): the article itself (fierce) when it states it in its own voice, even citing a firm's data; the analyst or company it quotes or reports",
  ),
  quote: quoted("Verbatim quote from the source document (the publisher's text, quoted for verification)"),
  char_start: int("Start of the quote: 0-based Unicode code-point offset into the document", "code points"),
  char_end: int("End of the quote (exclusive): text[char_start:char_end] == quote", "code points"),
  subject_as_stated: str("Subject as written in the fixture (an alias such as Amazon)"),
  value_as_stated: numOrNull("Value as printed in the article", "see unit_as_stated"),
  unit_as_stated: strOrNull("Unit as printed: percent, usd_billion, cny_billion, count, rank, years"),
  object_id: strOrNull(
    "Object of a qualitative claim: a geography id, an ISO country code, a sector id or an entity id; null when the claim has none",
  ),
  market: strOrNull("Market the figure measures (market_share facts)"),
  period_as_stated: strOrNull("Period as written in the fixture"),
  period_note: strOrNull("How the period was read from the text"),
  period_inferred: z
    .boolean()
    .nullable()
    .meta(
      m(
        'true when the sentence that states the fact does not print its period (year and quarter, half or month): the period was read from the article\'s date or converted ("data from July 2025" read as 2025-Q2; see period_note); false when printed; null when the fact has no period',
      ),
    ),
  note: strOrNull("Editor's note on the claim"),
});

// --- Registry entries: names, keys, descriptions (pipeline/schema/tables.ts joins the groups) ---

export const REFERENCE_TABLES = {
  providers: table({
    name: "providers",
    title: "Providers",
    description: "The six cloud providers, their parent companies and blocs.",
    schema: Provider,
    primaryKey: ["provider_id"],
    foreignKeys: [],
  }),
  sources: table({
    name: "sources",
    title: "Sources",
    description: "Who the article's figures and claims are attributed to.",
    schema: Source,
    primaryKey: ["source_id"],
    foreignKeys: [],
  }),
  documents: table({
    name: "documents",
    title: "Documents",
    description: "Source documents the facts are quoted from.",
    schema: Document,
    primaryKey: ["document_id"],
    foreignKeys: [],
  }),
  measures: table({
    name: "measures",
    title: "Measures",
    description: "What each fact measures.",
    schema: Measure,
    primaryKey: ["measure_id"],
    foreignKeys: [],
  }),
  markets: table({
    name: "markets",
    title: "Markets",
    description: "The markets the research firms measure, with their definitions.",
    schema: Market,
    primaryKey: ["market_id"],
    foreignKeys: [],
  }),
  facts: table({
    name: "facts",
    title: "Facts",
    description: "Every claim of every source document, with its verbatim quote and character offsets.",
    schema: Fact,
    primaryKey: ["fact_id"],
    foreignKeys: [
      fk(["document_id"], "documents"),
      fk(["measure"], "measures", ["measure_id"]),
      fk(["attributed_to"], "sources", ["source_id"]),
      fk(["speaker"], "sources", ["source_id"]),
    ],
  }),
} as const;
