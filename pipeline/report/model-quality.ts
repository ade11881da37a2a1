/** The data-quality part of the report's model: what a reader should know before quoting a figure. */
import { inferredPeriods, zoneGaps, type InferredPeriods, type ZoneGaps } from "../findings.ts";
import { TABLES, type Row } from "../schema/tables.ts";
import { sortRows } from "../schema/order.ts";
import type { EnrichedTables } from "../stages/enrich.ts";
import { splitIds } from "./format.ts";

export interface QualityModel {
  factCount: number;
  /** Facts whose quote is exactly the source text at their offsets. */
  exactQuotes: number;
  /** The others' ids, in fact order. */
  inexactQuotes: string[];
  /** Cross-source comparisons, and how many of them set different markets side by side. */
  crossComparisons: number;
  differentMarkets: number;
  /** Every market's name, in table order. */
  marketNames: string[];
  /** What the providers each source names add up to. */
  namedTotals: Array<{ row: Row<"concentration">; facts: string[] }>;
  /** Facts with a qualifier other than exact (about, over…). */
  notExact: Array<Row<"facts">>;
  /** Footprints whose region count is a lower bound ("over 30"). */
  lowerBounds: Array<{ row: Row<"footprint">; facts: string[] }>;
  /** Providers whose region count comes from the catalog, not the article. */
  countsFromCatalog: string[];
  /** Facts whose period is not printed in their sentence (facts.period_inferred), per period. */
  inferredPeriods: InferredPeriods;
  /** Facts with an editor's note. */
  notedFacts: number;
  regionCount: number;
  /** Regions without a sourced availability-zone count, and those published as having none, per provider. */
  zones: ZoneGaps;
}

/** `texts`: each document's text as code points. */
export function qualityModel(t: EnrichedTables, texts: ReadonlyMap<string, readonly string[]>): QualityModel {
  const facts = sortRows(TABLES.facts, t.facts);
  const exact = facts.filter((f) => (texts.get(f.document_id) ?? []).slice(f.char_start, f.char_end).join("") === f.quote);
  const exactSet = new Set(exact);
  const cross = t.share_comparison.filter((r) => r.comparison === "cross_source");
  const footprint = sortRows(TABLES.footprint, t.footprint);
  return {
    factCount: facts.length,
    exactQuotes: exact.length,
    inexactQuotes: facts.filter((f) => !exactSet.has(f)).map((f) => f.fact_id),
    crossComparisons: cross.length,
    differentMarkets: cross.filter((r) => !r.same_market).length,
    marketNames: sortRows(TABLES.markets, t.markets).map((m) => m.market_name),
    namedTotals: sortRows(TABLES.concentration, t.concentration).map((row) => ({ row, facts: splitIds(row.fact_ids) })),
    notExact: facts.filter((f) => f.qualifier !== null && f.qualifier !== "exact"),
    lowerBounds: footprint.filter((f) => f.regions_qualifier === "over").map((row) => ({ row, facts: splitIds(row.fact_ids) })),
    countsFromCatalog: footprint.filter((f) => f.regions_source === "catalog").map((f) => f.provider_id),
    inferredPeriods: inferredPeriods(facts),
    notedFacts: facts.filter((f) => f.note !== null).length,
    regionCount: t.regions.length,
    zones: zoneGaps(t.regions),
  };
}
