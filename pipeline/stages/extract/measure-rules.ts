/**
 * What a measure asks of a claim beyond its kind and units in data/reference/measures.yaml.
 *
 * These would sit best in measures.yaml itself, but the report lists every input file with its size
 * and SHA-256, so a new field there changes the published report: they are declared here, in one
 * table, instead of as measure names spread through the checks. A qualitative measure has an object
 * where its claim has one ("Alibaba launched Qwen"), none where it has none ("the Chinese cloud
 * giants are hard to ignore"); the relations below are about a place or a sector and always need one.
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
  ["regions_in", { object: true }],
  ["regions_mainly_in", { object: true }],
  ["regions_absent_from", { object: true }],
  ["growth_region", { object: true }],
  ["target_sector", { object: true }],
  ["battleground", { object: true }],
  ["expected_leader_in", { object: true }],
  ["leans_toward", { object: true }],
  ["less_aligned_with", { object: true }],
]);
