/**
 * What a measure asks of a claim beyond its kind and units in data/reference/measures.yaml.
 *
 * These would sit best in measures.yaml itself, but the report lists every input file with its size
 * and SHA-256, so a new field there changes the published report: they are declared here, in one
 * table, instead of as measure names spread through the checks. Every qualitative measure needs an
 * object (its kind says so); the entries below are the quantitative measures that need more.
 */
export interface MeasureNeeds {
  /** A claim must name a market of measures.yaml. */
  market?: true;
  /** A claim must name an object (a geography, country code or sector). */
  object?: true;
  /** The values are shares of one whole: per source, market and period they sum to at most 100%. */
  sharesOfWhole?: true;
}

/** A map, not an object: a measure id from the data may be `constructor`. */
export const MEASURE_NEEDS: ReadonlyMap<string, MeasureNeeds> = new Map<string, MeasureNeeds>([
  ["market_share", { market: true, sharesOfWhole: true }],
  ["regions_share_in_geo", { object: true }],
]);
