/**
 * The report's model: every figure, list and ordering the page shows, computed from the tables and
 * the run's inputs. Pure and typed; the sections only turn it into markup. Rows stay the schema's
 * rows (pipeline/schema/tables.ts) so a section can name any column; what the model adds is the
 * choice and order of rows, the figures derived from them and the facts each figure comes from.
 */
import { trendsModel, type TrendsModel } from "./model-trends.ts";
import { geoLabel, providerLabelOf } from "../charts/theme.ts";
import { battlegroundFigures, type BattlegroundFigures } from "../findings.ts";
import { REGION_SCOPES, TABLES, type Row, type TableDef, type TableName } from "../schema/tables.ts";
import { sortRows } from "../schema/order.ts";
import type { EnrichedTables } from "../stages/enrich.ts";
import { splitIds } from "./format.ts";
import type { AsOf, ReportInput, ReportInputFile } from "./input.ts";
import { chartsModel, type ChartsModel } from "./model-charts.ts";
import { qualityModel, type QualityModel } from "./model-quality.ts";

/** Names as the page shows them. */
export interface Labels {
  /** The charts' short labels (AWS, Azure), so that the page and its charts name providers alike. */
  provider: (id: string) => string;
  source: (id: string) => string;
  market: (id: string) => string;
  geo: (id: string) => string;
  blocOf: (providerId: string) => string | undefined;
}

export function labels(t: EnrichedTables): Labels {
  const providers = new Map(t.providers.map((p) => [p.provider_id, p]));
  const sources = new Map(t.sources.map((s) => [s.source_id, s.source_name]));
  const markets = new Map(t.markets.map((m) => [m.market_id, m.market_name]));
  return {
    provider: (id) => {
      const p = providers.get(id);
      return p ? providerLabelOf(p) : id;
    },
    source: (id) => sources.get(id) ?? id,
    market: (id) => markets.get(id) ?? id,
    geo: (id) => geoLabel(id),
    blocOf: (id) => providers.get(id)?.bloc,
  };
}

// --- Headline --------------------------------------------------------------------------------------

/** One provider under two series, with the facts behind each share. */
export interface ShareGap {
  row: Row<"share_comparison">;
  factsA: string[];
  factsB: string[];
}
/** A row where both series name the provider. */
export type FullShareGap = ShareGap & { row: { share_a: number; share_b: number; delta_pp: number } };

/** Two series side by side (source, market, period each), in source A's rank order. */
export interface SeriesPair {
  rows: ShareGap[];
  /** How many providers both series name. */
  both: number;
  /** The widest and narrowest gap among those (the first in order on a tie). */
  widest: FullShareGap | undefined;
  narrowest: FullShareGap | undefined;
}

export interface BlocSplit {
  row: Row<"concentration">;
  facts: string[];
}

export interface Battleground {
  row: Row<"bloc_presence">;
  /** Facts that make it a battleground. */
  facts: string[];
  /** Providers with regions there, per bloc, in table order. */
  usLed: Array<Row<"regional_breakdown">>;
  chinaLed: Array<Row<"regional_breakdown">>;
}

export type Verdict = Row<"claims_check">["verdict"];
export type RegionScope = (typeof REGION_SCOPES)[number];

export interface Headline {
  pairs: SeriesPair[];
  blocs: BlocSplit[];
  /** Which bloc leads under every source, or "mixed" when the sources disagree. */
  leader: "us_led" | "china_led" | "mixed";
  battlegrounds: Battleground[];
  /** What the battlegrounds' figures are: how many have both blocs, the China-led share per definition. */
  battleFigures: BattlegroundFigures;
  /** One verdict per claim (fact). */
  verdicts: Map<string, Verdict>;
  catalogAsOf: string;
}

function shareFact(t: EnrichedTables, source: string, period: string, provider: string): string[] {
  const row = t.market_share.find((r) => r.source_id === source && r.period === period && r.provider_id === provider);
  return row ? [row.fact_id] : [];
}

const isFull = (g: ShareGap): g is FullShareGap => g.row.delta_pp !== null && g.row.share_a !== null && g.row.share_b !== null;

function seriesPairs(t: EnrichedTables): SeriesPair[] {
  // In source_a's rank order (the market's order), ties and unranked rows by provider id.
  const cross = [
    ...sortRows(
      TABLES.share_comparison,
      t.share_comparison.filter((r) => r.comparison === "cross_source"),
    ),
  ].sort((a, b) => (a.rank_a ?? Infinity) - (b.rank_a ?? Infinity));
  const pairs = new Map<string, ShareGap[]>();
  for (const row of cross) {
    const key = [row.source_a, row.market_a, row.period_a, row.source_b, row.market_b, row.period_b].join("\u0000");
    const gap = {
      row,
      factsA: shareFact(t, row.source_a, row.period_a, row.provider_id),
      factsB: shareFact(t, row.source_b, row.period_b, row.provider_id),
    };
    pairs.set(key, [...(pairs.get(key) ?? []), gap]);
  }
  return [...pairs.values()].map((rows) => {
    const full = rows.filter(isFull);
    const abs = (g: FullShareGap) => Math.abs(g.row.delta_pp);
    return {
      rows,
      both: full.length,
      widest: full.length > 0 ? full.reduce((m, g) => (abs(g) > abs(m) ? g : m)) : undefined,
      narrowest: full.length > 0 ? full.reduce((m, g) => (abs(g) < abs(m) ? g : m)) : undefined,
    };
  });
}

function claimVerdicts(t: EnrichedTables): Map<string, Verdict> {
  const m = new Map<string, Verdict>();
  for (const c of sortRows(TABLES.claims_check, t.claims_check)) m.set(c.fact_id, c.verdict);
  return m;
}

function headline(t: EnrichedTables, catalogAsOf: string): Headline {
  const blocs = sortRows(TABLES.concentration, t.concentration).map((row) => ({ row, facts: splitIds(row.fact_ids) }));
  const leader = blocs.every((c) => c.row.us_led_share > c.row.china_led_share)
    ? "us_led"
    : blocs.every((c) => c.row.us_led_share < c.row.china_led_share)
      ? "china_led"
      : "mixed";
  const present = (geo: string, bloc: string) =>
    sortRows(
      TABLES.regional_breakdown,
      t.regional_breakdown.filter((r) => r.macro_geo === geo && r.bloc === bloc && r.regions > 0),
    );
  const battlegrounds = sortRows(
    TABLES.bloc_presence,
    t.bloc_presence.filter((b) => b.battleground),
  ).map((row) => ({
    row,
    facts: splitIds(row.battleground_fact_ids),
    usLed: present(row.macro_geo, "us_led"),
    chinaLed: present(row.macro_geo, "china_led"),
  }));
  return {
    pairs: seriesPairs(t),
    blocs,
    leader,
    battlegrounds,
    battleFigures: battlegroundFigures(sortRows(TABLES.bloc_presence, t.bloc_presence)),
    verdicts: claimVerdicts(t),
    catalogAsOf,
  };
}

// --- Claims check ----------------------------------------------------------------------------------

/** Verdicts in the order the claims table lists them (and its sort key). */
export const VERDICT_ORDER = ["inconsistent", "depends_on_definition", "consistent", "not_verifiable"] as const;
export const verdictRank = (v: string): number => VERDICT_ORDER.indexOf(v as (typeof VERDICT_ORDER)[number]);

export interface ClaimCheck {
  factId: string;
  first: Row<"claims_check">;
  /** The row whose explanation the table shows under the claim: public regions, else the first. */
  shown: Row<"claims_check">;
  /** One entry per `ClaimsModel.scopes`: that definition's row, if it was checked. */
  byScope: Array<Row<"claims_check"> | undefined>;
}

export interface ClaimsModel {
  /** The region definitions that occur, in REGION_SCOPES order. */
  scopes: RegionScope[];
  /** By verdict (VERDICT_ORDER), then fact id. */
  claims: ClaimCheck[];
}

function claimsModel(t: EnrichedTables): ClaimsModel {
  const checks = sortRows(TABLES.claims_check, t.claims_check);
  const byFact = new Map<string, Array<Row<"claims_check">>>();
  for (const c of checks) byFact.set(c.fact_id, [...(byFact.get(c.fact_id) ?? []), c]);
  const scopes = REGION_SCOPES.filter((s) => checks.some((c) => c.definition === s));
  const claims = [...byFact.entries()]
    .sort(([fa, a], [fb, b]) => verdictRank(a[0]?.verdict ?? "") - verdictRank(b[0]?.verdict ?? "") || (fa < fb ? -1 : fa > fb ? 1 : 0))
    .map(([factId, cs]) => {
      const first = cs[0] as Row<"claims_check">;
      return {
        factId,
        first,
        shown: cs.find((c) => c.definition === "public") ?? first,
        byScope: scopes.map((s) => cs.find((c) => c.definition === s)),
      };
    });
  return { scopes, claims };
}

// --- Tables, facts, the run ------------------------------------------------------------------------

/**
 * The tables the report opens and shows first, in this order; every other table of the registry
 * (pipeline/schema/tables.ts) follows, closed, in the registry's order (that of datapackage.json), so
 * a table added there is listed here without a change.
 */
const OPEN_FIRST: readonly TableName[] = [
  "market_share",
  "share_comparison",
  "concentration",
  "footprint",
  "bloc_presence",
  "battlegrounds",
];

/** Every table of the registry in the order the report shows them: OPEN_FIRST, then the rest. */
export const TABLE_ORDER: readonly TableName[] = [
  ...OPEN_FIRST,
  ...(Object.keys(TABLES) as TableName[]).filter((n) => !OPEN_FIRST.includes(n)),
];

export interface TableBlock {
  name: TableName;
  def: TableDef;
  /** In the table's row order (its primary key). */
  rows: ReadonlyArray<Record<string, unknown>>;
  open: boolean;
}

function tableBlocks(t: EnrichedTables): TableBlock[] {
  const all = t as unknown as Record<string, ReadonlyArray<Record<string, unknown>> | undefined>;
  return TABLE_ORDER.filter((n) => all[n] !== undefined).map((name) => {
    const def = TABLES[name] as TableDef;
    return { name, def, rows: sortRows(def, all[name] ?? []), open: OPEN_FIRST.includes(name) };
  });
}

export interface QuoteContext {
  before: string;
  quote: string;
  after: string;
}

/** Code points [start, end) of `chars` with up to `around` code points of context each side, at word boundaries. */
export function quoteContext(chars: readonly string[], start: number, end: number, around = 90): QuoteContext {
  let from = Math.max(0, start - around);
  let to = Math.min(chars.length, end + around);
  while (from > 0 && from < start && !/\s/.test(chars[from - 1] ?? " ")) from++;
  while (to < chars.length && to > end && !/\s/.test(chars[to] ?? " ")) to--;
  const flat = (s: string) => s.replace(/\s+/g, " ");
  return {
    before: (from > 0 ? "…" : "") + flat(chars.slice(from, start).join("")).trimStart(),
    quote: chars.slice(start, end).join(""),
    after: flat(chars.slice(end, to).join("")).trimEnd() + (to < chars.length ? "…" : ""),
  };
}

export interface FactEntry {
  fact: Row<"facts">;
  document: Row<"documents"> | undefined;
  /** The quote in its source text; undefined when the document's text is not at hand. */
  context: QuoteContext | undefined;
}

function factEntries(t: EnrichedTables, texts: ReadonlyMap<string, readonly string[]>): FactEntry[] {
  const docs = new Map(t.documents.map((d) => [d.document_id, d]));
  return sortRows(TABLES.facts, t.facts).map((fact) => {
    const chars = texts.get(fact.document_id);
    return { fact, document: docs.get(fact.document_id), context: chars ? quoteContext(chars, fact.char_start, fact.char_end) : undefined };
  });
}

export interface RunModel {
  version: string;
  /** The documents' dates, the market-share series' periods, the region catalog's date, then the reference files'. */
  asOf: AsOf[];
  inputs: readonly ReportInputFile[];
  libraries: ReadonlyArray<{ name: string; version: string; file: string; sha256: string }>;
}

function runModel(input: ReportInput, L: Labels): RunModel {
  const t = input.tables;
  const asOf: AsOf[] = [];
  for (const d of sortRows(TABLES.documents, t.documents))
    asOf.push({
      what: `Source document: ${d.title ?? d.document_id} (${d.publisher})`,
      as_of: `${d.date_approx} (approximate)`,
      detail: d.date_evidence,
    });
  const series = new Map<string, { source: string; market: string; period: string }>();
  for (const r of sortRows(TABLES.market_share, t.market_share))
    series.set([r.source_id, r.market, r.period].join("\u0000"), { source: r.source_id, market: r.market, period: r.period });
  for (const s of series.values())
    asOf.push({
      what: `Market shares: ${L.source(s.source)}, ${L.market(s.market)}`,
      as_of: s.period,
      detail: "Period the research firm's figures cover",
    });
  const announced = t.regions.filter((r) => r.status === "announced").length;
  const sourceDates = t.regions
    .map((r) => r.source_as_of)
    .filter((x): x is string => x !== null)
    .sort();
  asOf.push({
    what: "Region catalog (reference/regions.csv)",
    as_of: input.catalog.as_of,
    detail: `Regions live by then, ${t.regions.length - announced} in all${announced > 0 ? ` (and ${announced} announced, generally available only later)` : ""}${sourceDates.length > 0 ? `; its sources are dated ${sourceDates[0]} to ${sourceDates[sourceDates.length - 1]}` : ""}`,
  });
  asOf.push(...input.asOf);
  const libraries = input.assets.libraries.map(({ name, version, file, sha256 }) => ({ name, version, file, sha256 }));
  return { version: input.version, asOf, inputs: input.inputs, libraries };
}

// --- The whole page --------------------------------------------------------------------------------

export interface ReportModel {
  labels: Labels;
  /** The source documents, in table order (the page's header names them). */
  documents: Array<Row<"documents">>;
  headline: Headline;
  charts: ChartsModel;
  trends: TrendsModel;
  claims: ClaimsModel;
  quality: QualityModel;
  tables: TableBlock[];
  facts: FactEntry[];
  run: RunModel;
}

export function reportModel(input: ReportInput): ReportModel {
  const t = input.tables;
  const L = labels(t);
  const texts = new Map(input.documents.map((d) => [d.document_id, Array.from(d.text)]));
  return {
    labels: L,
    documents: sortRows(TABLES.documents, t.documents),
    headline: headline(t, input.catalog.as_of),
    charts: chartsModel(input.charts, input.skippedCharts),
    trends: trendsModel(t),
    claims: claimsModel(t),
    quality: qualityModel(t, texts),
    tables: tableBlocks(t),
    facts: factEntries(t, texts),
    run: runModel(input, L),
  };
}
