/**
 * Stage 2 — normalize: claims → typed facts with canonical ids, base units and ISO periods; the
 * reference tables; and the market-share family of tables, for any number of research firms.
 *
 *   facts            every claim, value in base units (percent → fraction, billions → units)
 *   market_share     one row per firm × market × period × provider, with share_of_named and rank
 *   share_comparison each provider under two series: cross-source (each firm's latest period) and
 *                    period-over-period (one firm's consecutive periods)
 *   concentration    per series: named total, others, HHI over the named providers, bloc split
 */
import { invariant } from "../errors.ts";
import { clean, sum } from "../numbers.ts";
import { periodPrinted, periodSortKey, sentenceAround } from "../periods.ts";
import { codePointSlicer } from "../text.ts";
import { datesOf, periodColumns } from "./period-dates.ts";
import { joinIds, type Row, type Tables } from "../schema/tables.ts";
import type { StageContext } from "./context.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type { MacroGeo, RegionList } from "../schema/inputs.ts";
import { resolveGeographies, type ResolvedGeography } from "../geographies.ts";
import type { Extracted } from "./extract.ts";
import { buildSeries } from "./series.ts";
import type { SeriesTables } from "./series-derived.ts";

/** The tables normalize makes from the article's claims and the reference data (the series aside). */
export type ArticleTables = Pick<
  Tables,
  "providers" | "sources" | "documents" | "measures" | "markets" | "facts" | "market_share" | "share_comparison" | "concentration"
>;

export type NormalizedTables = ArticleTables & SeriesTables;

/** The reference data enrich reads beyond the tables: the region catalog and the geographies. */
export interface GeoReference {
  /** The region catalog's rows, each with its macro-region. */
  catalog: CatalogRegion[];
  /** When the catalog describes (regions.meta.yaml). */
  catalogAsOf: string;
  /** Every geography with its countries and macro-regions. */
  geographies: ResolvedGeography[];
  /** Country code → macro-region. */
  countryMacro: ReadonlyMap<string, MacroGeo>;
  /** The providers' published region lists: definitions of "a region" besides the catalog's statuses. */
  regionLists: RegionList[];
}

export interface Normalized {
  tables: NormalizedTables;
  geo: GeoReference;
}

type ShareRow = Row<"market_share">;

/** How far around a quote (in code points) its sentence is looked for. */
const SENTENCE_WINDOW = 600;

/** One firm's figures for one market and period. */
interface Series {
  source_id: string;
  market: string;
  period: string;
  rows: ShareRow[];
}

/** y − x in percentage points, or null when either is missing. */
function delta(x?: number, y?: number): number | null {
  return x === undefined || y === undefined ? null : clean((y - x) * 100);
}

/** How many of `desc` (sorted descending) are strictly greater than x. */
function countAbove(desc: readonly number[], x: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid]! > x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Pair = readonly [Series, Series, "cross_source" | "period_over_period"];

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * share_comparison: one row per pair of series and provider named by either, in the table's key
 * order (provider_id, source_a, period_a, source_b, period_b; pairs with the same key in the order
 * given).
 */
function comparisonRows(series: readonly Series[], pairs: readonly Pair[]): Array<Row<"share_comparison">> {
  const providers = [...new Set(series.flatMap((s) => s.rows.map((r) => r.provider_id)))].sort(byText);
  const byProvider = new Map(series.map((s) => [s, new Map(s.rows.map((r) => [r.provider_id, r]))]));
  // The sort is stable: pairs with the same key stay in the order given.
  const ordered = [...pairs].sort(
    ([a1, b1], [a2, b2]) =>
      byText(a1.source_id, a2.source_id) ||
      byText(a1.period, a2.period) ||
      byText(b1.source_id, b2.source_id) ||
      byText(b1.period, b2.period),
  );
  // Each pair's periods as dates, once per pair rather than once per provider.
  const dated = ordered.map(([a, b, comparison]) => ({
    a,
    b,
    comparison,
    da: datesOf(a.period, "normalize"),
    db: datesOf(b.period, "normalize"),
  }));
  const rows: Array<Row<"share_comparison">> = [];
  for (const provider_id of providers) {
    for (const { a, b, comparison, da, db } of dated) {
      const ra = byProvider.get(a)!.get(provider_id);
      const rb = byProvider.get(b)!.get(provider_id);
      if (!ra && !rb) continue;
      rows.push({
        provider_id,
        source_a: a.source_id,
        source_b: b.source_id,
        share_a: ra?.share ?? null,
        share_b: rb?.share ?? null,
        delta_pp: delta(ra?.share, rb?.share),
        rank_a: ra?.rank ?? null,
        rank_b: rb?.rank ?? null,
        comparison,
        market_a: a.market,
        market_b: b.market,
        period_a: a.period,
        period_b: b.period,
        period_a_start: da.start,
        period_a_end: da.end,
        period_b_start: db.start,
        period_b_end: db.end,
        share_of_named_a: ra?.share_of_named ?? null,
        share_of_named_b: rb?.share_of_named ?? null,
        delta_named_pp: delta(ra?.share_of_named, rb?.share_of_named),
        same_market: a.market === b.market,
        fact_ids: joinIds([ra?.fact_id, rb?.fact_id])!,
      });
    }
  }
  return rows;
}

/**
 * normalize: the article's tables (normalizeArticle), then the cited series built from the
 * citations and the article's facts (./series.ts). The two are separate functions so that the
 * bench can time them apart (docs/performance.md).
 */
export function normalize(input: Extracted, ctx: StageContext): Normalized {
  const article = normalizeArticle(input, ctx);
  const tables: NormalizedTables = { ...article.tables, ...seriesTables(input, article.tables.facts) };
  ctx.log(`normalize: ${tables.share_series.length} share-series rows`);
  return { tables, geo: article.geo };
}

/** The cited series (./series.ts) from the extracted citations and the article's facts. */
export function seriesTables(input: Extracted, facts: ArticleTables["facts"]): SeriesTables {
  return buildSeries({ citations: input.citations, facts, providers: input.providers, preferences: input.seriesPreferences });
}

/** normalize without the series: facts, the reference tables and the market-share family. */
export function normalizeArticle(input: Extracted, ctx: StageContext): { tables: ArticleTables; geo: GeoReference } {
  const unit = new Map(input.measures.units.map((u) => [u.unit_id, u]));
  const bloc = new Map(input.providers.map((p) => [p.provider_id, p.bloc]));
  const sourceOrder = new Map(input.sources.map((s, i) => [s.source_id, i]));

  const slicers = new Map(input.documents.map((d) => [d.meta.document_id, codePointSlicer(d.text)]));
  /** The sentence that holds a quote (code-point offsets), read from a window around it. */
  const sentenceOf = (document_id: string, start: number, end: number): string => {
    const slice = slicers.get(document_id);
    if (!slice) return "";
    const from = Math.max(0, start - SENTENCE_WINDOW);
    const before = slice(from, start).length;
    return sentenceAround(slice(from, end + SENTENCE_WINDOW), before, before + slice(start, end).length);
  };
  const facts: Array<Row<"facts">> = input.claims.map(({ record: r, document_id, subject_id, period }) => {
    const u = r.unit === null ? undefined : unit.get(r.unit);
    return {
      fact_id: r.id,
      document_id,
      subject_id,
      measure: r.measure,
      kind: r.kind,
      value: r.value === null || !u ? null : clean(r.value * u.factor),
      unit: u ? u.base_unit : null,
      qualifier: r.qualifier,
      period,
      ...periodColumns(period, "normalize"),
      attributed_to: r.attributed_to,
      speaker: r.speaker,
      quote: r.quote,
      char_start: r.char_start,
      char_end: r.char_end,
      subject_as_stated: r.subject,
      value_as_stated: r.value,
      unit_as_stated: r.unit,
      object_id: r.object ?? null,
      market: r.market ?? null,
      period_as_stated: r.period,
      period_note: r.period_note ?? null,
      period_inferred: period === null ? null : !periodPrinted(period, sentenceOf(document_id, r.char_start, r.char_end)),
      note: r.note ?? null,
    };
  });

  // --- market_share ------------------------------------------------------------------------------
  const seriesByKey = new Map<string, Series>();
  for (const f of facts) {
    if (f.measure !== "market_share") continue;
    invariant(
      f.value !== null && f.market !== null && f.period !== null,
      "normalize",
      `market_share fact ${f.fact_id} lacks value, market or period`,
    );
    const key = `${f.attributed_to}\u0000${f.market}\u0000${f.period}`;
    let s = seriesByKey.get(key);
    if (!s) seriesByKey.set(key, (s = { source_id: f.attributed_to, market: f.market, period: f.period, rows: [] }));
    s.rows.push({
      source_id: f.attributed_to,
      market: f.market,
      period: f.period,
      period_start: f.period_start!,
      period_end: f.period_end!,
      provider_id: f.subject_id,
      share: f.value,
      share_of_named: 0,
      rank: 0,
      fact_id: f.fact_id,
    });
  }
  const series = [...seriesByKey.values()].sort(
    (a, b) =>
      (sourceOrder.get(a.source_id) ?? 0) - (sourceOrder.get(b.source_id) ?? 0) ||
      a.market.localeCompare(b.market) ||
      periodSortKey(a.period).localeCompare(periodSortKey(b.period)),
  );
  for (const s of series) {
    const ids = s.rows.map((r) => r.provider_id);
    invariant(
      new Set(ids).size === ids.length,
      "normalize",
      `${s.source_id} ${s.market} ${s.period} names a provider twice: ${ids.join(", ")}`,
    );
    const total = sum(s.rows.map((r) => r.share));
    invariant(total <= 1 + 1e-9, "normalize", `${s.source_id} ${s.market} ${s.period} shares sum to ${total}`);
    // rank = 1 + how many shares are strictly larger (ties share the best rank)
    const desc = s.rows.map((r) => r.share).sort((x, y) => y - x);
    for (const r of s.rows) {
      r.share_of_named = total > 0 ? clean(r.share / total) : 0;
      r.rank = 1 + countAbove(desc, r.share);
    }
  }
  const market_share = series.flatMap((s) => s.rows);

  // --- share_comparison --------------------------------------------------------------------------
  const latest = new Map<string, Series>();
  for (const s of series) latest.set(`${s.source_id}\u0000${s.market}`, s); // series are sorted by period
  const latestSeries = [...latest.values()];
  const pairs: Pair[] = [];
  for (let i = 0; i < latestSeries.length; i++)
    for (let j = i + 1; j < latestSeries.length; j++) {
      const a = latestSeries[i]!;
      const b = latestSeries[j]!;
      if (a.source_id !== b.source_id) pairs.push([a, b, "cross_source"]);
    }
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1]!;
    const b = series[i]!;
    if (a.source_id === b.source_id && a.market === b.market) pairs.push([a, b, "period_over_period"]);
  }
  const share_comparison = comparisonRows(series, pairs);

  // --- concentration -----------------------------------------------------------------------------
  const concentration: Array<Row<"concentration">> = series.map((s) => {
    const named_total = sum(s.rows.map((r) => r.share));
    const blocShare = (b: string) => sum(s.rows.filter((r) => bloc.get(r.provider_id) === b).map((r) => r.share));
    const us = blocShare("us_led");
    const cn = blocShare("china_led");
    return {
      source_id: s.source_id,
      period: s.period,
      period_start: datesOf(s.period, "normalize").start,
      period_end: datesOf(s.period, "normalize").end,
      named_total,
      others: clean(1 - named_total),
      hhi_named: sum(s.rows.map((r) => (r.share * 100) ** 2)),
      us_led_share: us,
      china_led_share: cn,
      market: s.market,
      providers_named: s.rows.length,
      us_led_share_of_named: named_total > 0 ? clean(us / named_total) : 0,
      china_led_share_of_named: named_total > 0 ? clean(cn / named_total) : 0,
      fact_ids: joinIds(s.rows.map((r) => r.fact_id)),
    };
  });

  const tables: ArticleTables = {
    providers: input.providers.map((p) => ({
      provider_id: p.provider_id,
      provider_name: p.provider_name,
      parent_company: p.parent_company,
      hq_country: p.hq_country,
      bloc: p.bloc,
      aliases: p.aliases.join(";"),
      color: p.color ?? null,
    })),
    sources: input.sources.map((s) => ({ ...s, color: s.color ?? null })),
    documents: input.documents.map(({ meta, sha256 }) => ({
      document_id: meta.document_id,
      file: meta.file,
      sha256,
      publisher: meta.publisher,
      title: meta.title,
      url: meta.url,
      date_approx: meta.date_approx,
      date_evidence: meta.date_evidence,
      licence: meta.licence ?? null,
    })),
    measures: input.measures.measures.map((m) => ({
      measure_id: m.measure_id,
      kind: m.kind,
      units: m.units.length > 0 ? m.units.join(";") : null,
      definition: m.definition,
    })),
    markets: input.measures.markets.map((m) => ({ ...m })),
    facts,
    market_share,
    share_comparison,
    concentration,
  };
  ctx.log(`normalize: ${facts.length} facts, ${series.length} market-share series`);
  return {
    tables,
    geo: {
      catalog: input.catalog,
      catalogAsOf: input.catalogMeta.as_of,
      geographies: resolveGeographies(input.entities.geographies, input.countryMacro),
      countryMacro: input.countryMacro,
      regionLists: input.regionLists,
    },
  };
}
