/** Reference tables and facts: who, what, from which document. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { BLOCS } from "../inputs.ts";
import { m, str, strOrNull, numOrNull, int, qualifier } from "./columns.ts";

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
