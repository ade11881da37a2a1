/**
 * The published tables: one zod schema per table, the single source of truth for the row type
 * (`z.infer`), the column order of the CSV and Parquet files, the Table Schema in
 * output/datapackage.json and the data dictionary (each column's `.meta({ description, unit })`).
 *
 * This file joins the registry (names, keys, descriptions); each subject's schemas and entries live
 * together in tables/.
 * Deno-compatible: imports nothing but zod and siblings.
 */
import type { z } from "zod";
import { Document, Fact, Market, Measure, Provider, REFERENCE_TABLES, Source } from "./tables/reference.ts";
import { Concentration, MARKET_TABLES, MarketShare, ShareComparison } from "./tables/market.ts";
import { Battleground, Footprint, FootprintVsShare, GEOGRAPHY_TABLES, GeoClaim, Geography } from "./tables/geography.ts";
import { BlocPresence, ClaimCheck, Region, REGION_TABLES, RegionalBreakdown, RegionListRow } from "./tables/regions.ts";
import {
  CitedFact,
  ConcentrationSeries,
  MarketSizeSeries,
  RevenueSeries,
  SeriesCheck,
  SeriesGap,
  SeriesLineage,
  ShareChange,
  SERIES_TABLES,
  ShareSeries,
} from "./tables/series.ts";

export { joinIds } from "./tables/columns.ts";
export { REGION_SCOPES, REGION_STATUSES } from "./tables/regions.ts";
export { CitedFact, ConcentrationSeries, MarketSizeSeries, RevenueSeries, SeriesCheck, SeriesGap, SeriesLineage, ShareChange, ShareSeries };
export {
  Battleground,
  Geography,
  BlocPresence,
  ClaimCheck,
  RegionListRow,
  Concentration,
  Document,
  Fact,
  Footprint,
  FootprintVsShare,
  GeoClaim,
  Market,
  MarketShare,
  Measure,
  Provider,
  Region,
  RegionalBreakdown,
  ShareComparison,
  Source,
};

export type { ForeignKey, TableDef } from "./tables/registry.ts";

/**
 * Every published table in the order of datapackage.json. Each subject's entries sit beside its
 * schemas in tables/; the type is spelled as the groups' types so that declarations name them
 * instead of expanding every schema again.
 */
export const TABLES: typeof REFERENCE_TABLES &
  typeof MARKET_TABLES &
  typeof GEOGRAPHY_TABLES &
  typeof REGION_TABLES &
  typeof SERIES_TABLES = { ...REFERENCE_TABLES, ...MARKET_TABLES, ...GEOGRAPHY_TABLES, ...REGION_TABLES, ...SERIES_TABLES };

export type TableName = keyof typeof TABLES;
export type Row<N extends TableName> = z.infer<(typeof TABLES)[N]["schema"]>;
export type Tables = { [N in TableName]: Array<Row<N>> };
