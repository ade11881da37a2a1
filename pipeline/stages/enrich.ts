/**
 * Stage 3 — enrich: footprint and geography.
 *
 *   footprint           per provider: regions, availability zones, AZs per region, qualifiers
 *   footprint_vs_share  regions per percentage point of market share, per provider and firm
 *   geo_claims          the article's geography claims, one row per fact × macro-region covered
 *   geographies         every geography the article names, with its countries
 *   battlegrounds       per macro-region: the article's battlegrounds, and each other relation in its own column
 *   regions, regional_breakdown, bloc_presence, claims_check
 *                       the region catalog and the article's claims against it (./regions.ts)
 *
 * The region catalog also plugs into the footprint through `EnrichOptions.catalog` (by default the
 * catalog's own summary): when the article gives no region count for a provider, the footprint row
 * falls back to it (regions_source = "catalog").
 */
import { MACRO_GEOS, type MacroGeo } from "../schema/inputs.ts";
import { clean } from "../numbers.ts";
import { joinIds, type Row, type Tables } from "../schema/tables.ts";
import type { StageContext } from "./context.ts";
import { latestBy } from "./latest.ts";
import type { Normalized } from "./normalize.ts";
import { catalogSummary, regionTables, type CatalogSummary } from "./regions.ts";

export type EnrichedTables = Normalized["tables"] &
  Pick<
    Tables,
    | "footprint"
    | "footprint_vs_share"
    | "geographies"
    | "geo_claims"
    | "battlegrounds"
    | "regions"
    | "regional_breakdown"
    | "bloc_presence"
    | "region_lists"
    | "claims_check"
  >;

export interface EnrichOptions {
  catalog?: readonly CatalogSummary[];
}

const GEO_RELATIONS = new Set([
  "regions_in",
  "regions_mainly_in",
  "regions_absent_from",
  "growth_region",
  "growth_opportunity",
  "battleground",
  "expected_leader_in",
  "leans_toward",
  "less_aligned_with",
]);

type Fact = Row<"facts">;

/** The latest fact per subject for a measure (ties broken by fact_id for determinism). */
function latestBySubject(facts: readonly Fact[], measure: string): Map<string, Fact> {
  return latestBy(
    facts.filter((f) => f.measure === measure),
    (f) => f.subject_id,
    (f) => f.period ?? "",
    (f) => f.fact_id,
  );
}

export function enrich(input: Normalized, ctx: StageContext, options: EnrichOptions = {}): EnrichedTables {
  const { tables, geo: reference } = input;
  const facts = tables.facts;
  const catalog = new Map((options.catalog ?? catalogSummary(reference.catalog, reference.catalogAsOf)).map((c) => [c.provider_id, c]));

  // --- footprint ---------------------------------------------------------------------------------
  const regions = latestBySubject(facts, "regions");
  const azs = latestBySubject(facts, "availability_zones");
  const listed = latestBySubject(facts, "regions_listed");
  const footprint: Array<Row<"footprint">> = tables.providers.map(({ provider_id }) => {
    const r = regions.get(provider_id);
    const a = azs.get(provider_id);
    const l = listed.get(provider_id);
    const c = catalog.get(provider_id);
    const regionCount = r?.value ?? c?.regions ?? null;
    const azCount = a?.value ?? (r ? null : (c?.availability_zones ?? null));
    return {
      provider_id,
      regions: regionCount,
      regions_qualifier: r ? r.qualifier : c ? "exact" : null,
      availability_zones: azCount,
      az_per_region: regionCount !== null && azCount !== null && regionCount > 0 ? clean(azCount / regionCount) : null,
      as_of: r?.period ?? c?.as_of ?? null,
      fact_ids: joinIds([r?.fact_id, a?.fact_id, l?.fact_id]),
      regions_listed: l?.value ?? null,
      availability_zones_qualifier: a?.qualifier ?? null,
      regions_attributed_to: r?.attributed_to ?? null,
      regions_source: r ? "article" : c ? "catalog" : "none",
      regions_definition: r ? "article" : c ? c.definition : null,
    };
  });

  // --- footprint_vs_share ------------------------------------------------------------------------
  const latestShare = latestBy(
    tables.market_share,
    (s) => `${s.source_id}\u0000${s.provider_id}`,
    (s) => s.period,
  );
  const footprint_vs_share: Array<Row<"footprint_vs_share">> = [];
  for (const s of latestShare.values()) {
    const r = regions.get(s.provider_id);
    if (!r || r.value === null || s.share <= 0) continue;
    footprint_vs_share.push({
      provider_id: s.provider_id,
      source_id: s.source_id,
      period: s.period,
      period_start: s.period_start,
      period_end: s.period_end,
      regions: r.value,
      regions_qualifier: r.qualifier,
      share: s.share,
      regions_per_share_point: clean(r.value / (s.share * 100)),
      fact_ids: joinIds([r.fact_id, s.fact_id]),
    });
  }

  // --- geographies and geo_claims -------------------------------------------------------------------
  const geoById = new Map(reference.geographies.map((g) => [g.geo_id, g]));
  const geographies: Array<Row<"geographies">> = reference.geographies.map((g) => ({
    geo_id: g.geo_id,
    name: g.name,
    kind: g.kind,
    macro_geos: g.macros.join(";"),
    country_count: g.countries.length,
    countries: g.countries.join(";"),
    definition: g.definition,
    note: g.note,
  }));
  const blocOf = new Map<string, "us_led" | "china_led">(tables.providers.map((p) => [p.provider_id, p.bloc]));
  blocOf.set("us_led", "us_led");
  blocOf.set("china_led", "china_led");
  const geo_claims: Array<Row<"geo_claims">> = [];
  for (const f of facts) {
    if (!GEO_RELATIONS.has(f.measure) || f.object_id === null) continue;
    const geo = geoById.get(f.object_id);
    const countryMacro = reference.countryMacro.get(f.object_id);
    const macros: readonly MacroGeo[] = geo ? geo.macros : countryMacro ? [countryMacro] : [];
    for (const macro_geo of macros)
      geo_claims.push({
        fact_id: f.fact_id,
        subject_id: f.subject_id,
        subject_bloc: blocOf.get(f.subject_id) ?? null,
        relation: f.measure,
        object_id: f.object_id,
        object_kind: geo ? geo.kind : "country",
        macro_geo,
        country: geo ? null : f.object_id,
        attributed_to: f.attributed_to,
      });
  }

  // --- battlegrounds: one column per relation, never merged -------------------------------------------
  const usLed = (g: Row<"geo_claims">) => g.subject_bloc === "us_led";
  const chinaLed = (g: Row<"geo_claims">) => g.subject_bloc === "china_led";
  const battlegrounds: Array<Row<"battlegrounds">> = MACRO_GEOS.map((macro_geo) => {
    const here = geo_claims.filter((g) => g.macro_geo === macro_geo);
    const used: string[] = [];
    const pick = (relation: string, subject: (g: Row<"geo_claims">) => boolean = () => true) => {
      const rows = here.filter((g) => g.relation === relation && subject(g));
      used.push(...rows.map((g) => g.fact_id));
      return rows;
    };
    const named = (rows: ReadonlyArray<Row<"geo_claims">>) => joinIds([...new Set(rows.map((g) => g.object_id))].sort());
    const battle = pick("battleground");
    return {
      macro_geo,
      is_battleground: battle.length > 0,
      us_led_leads: named(pick("expected_leader_in", usLed)),
      growth_reported: named(pick("growth_region", chinaLed)),
      growth_opportunity: named(pick("growth_opportunity", chinaLed)),
      less_aligned_with_us: named(pick("less_aligned_with", usLed)),
      leans_to_western: named(pick("leans_toward", (g) => g.subject_id === "western_providers")),
      fact_ids: joinIds([...new Set(used)].sort()),
    };
  });

  ctx.log(`enrich: ${footprint.length} footprint rows, ${geo_claims.length} geography rows`);
  const regional = regionTables(
    {
      catalog: reference.catalog,
      providers: tables.providers,
      geographies: reference.geographies,
      countryMacro: reference.countryMacro,
      facts,
      geo_claims,
      battlegrounds,
      regionLists: reference.regionLists,
    },
    ctx,
  );
  return { ...tables, footprint, footprint_vs_share, geographies, geo_claims, battlegrounds, ...regional };
}
