/**
 * The closed lists the input schemas (./inputs.ts) are made of: the values a fixture or reference
 * file may use for a qualifier, a claim's kind, a bloc, a macro-geography and an entity's kind. They
 * live apart from the schemas so that the charts, which name them, do not load zod (the notebooks'
 * kernels load the charts).
 *
 * Deno-compatible: this module imports nothing.
 */

export const QUALIFIERS = ["exact", "approximately", "over", "at_least"] as const;

/**
 * What kind of claim a record is. One kind per claim; the first that fits, in this order:
 * a claim about the future is a forecast, a claim that someone should act is a recommendation, a
 * limit the article sets on reading its other claims is a caveat, an evaluation is a judgement (in
 * the article's own voice) or an opinion (in the voice of someone it quotes or reports); otherwise a
 * number is a figure (a rank: a ranking), a statement of where a provider is, is not or grew is
 * geography, and any other statement of fact is a fact. Only figures and rankings have a value.
 */
export const CLAIM_KINDS = [
  "figure",
  "ranking",
  "geography",
  "fact",
  "forecast",
  "opinion",
  "judgement",
  "recommendation",
  "caveat",
] as const;

export const BLOCS = ["us_led", "china_led"] as const;

export const MACRO_GEOS = [
  "north_america",
  "latin_america",
  "europe",
  "middle_east",
  "africa",
  "asia_pacific",
  "china_mainland",
  "oceania",
] as const;

/**
 * What a non-provider subject or object of a claim is: a bloc of providers, a market, a model family,
 * an audience (whose attention), a group of countries or firms, a company that is not one of the
 * providers, a metric, a research firm's series, a company's strategy, or a topic (AI, a demand).
 */
export const ENTITY_KINDS = [
  "bloc",
  "market",
  "model_family",
  "audience",
  "group",
  "company",
  "metric",
  "series",
  "strategy",
  "topic",
] as const;
