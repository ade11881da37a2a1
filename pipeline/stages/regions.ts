/**
 * Stage 3b — regions (called by enrich): the region catalog against the article.
 *
 *   regions             the catalog, one row per provider region, with country name and macro-region
 *   regional_breakdown  provider × macro-region: regions, zones, share of the provider's regions, battleground
 *   bloc_presence       macro-region: US-led vs China-led regions and providers present
 *   region_lists        the region lists providers publish (SDK files at a commit), each a definition
 *   claims_check        each footprint or geography claim × definition: the catalog's figure and a verdict
 *
 * claims_check is made in claims-check.ts: each claim under every definition of "a region".
 *
 * Battlegrounds come from the facts (through the battlegrounds and geo_claims tables): a macro-region
 * is a battleground only when the article calls it one (the Middle East, Latin America, Asia Pacific).
 * What else the article says about a region (reported growth, growth opportunity, alignment) has its
 * own column in battlegrounds and never makes a battleground.
 */
import { invariant } from "../errors.ts";
import { COUNTRY_BY_CODE } from "../countries.ts";
import { clean } from "../numbers.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type { ResolvedGeography } from "../geographies.ts";
import { MACRO_GEOS, type MacroGeo, type RegionList } from "../schema/inputs.ts";
import { joinIds, type Row } from "../schema/tables.ts";
import { checkClaims, isPublic, SCOPES } from "./claims-check.ts";
import { groupBy } from "./group-by.ts";
import type { StageContext } from "./context.ts";

type Fact = Row<"facts">;

export interface RegionsInput {
  catalog: readonly CatalogRegion[];
  providers: ReadonlyArray<Row<"providers">>;
  geographies: readonly ResolvedGeography[];
  countryMacro: ReadonlyMap<string, MacroGeo>;
  facts: readonly Fact[];
  geo_claims: ReadonlyArray<Row<"geo_claims">>;
  battlegrounds: ReadonlyArray<Row<"battlegrounds">>;
  /** The providers' published region lists (region-lists.yaml). */
  regionLists?: readonly RegionList[];
}

/** What a region catalog contributes to the footprint: region counts per provider (enrich's fallback). */
export interface CatalogSummary {
  provider_id: string;
  regions: number;
  availability_zones: number | null;
  as_of: string;
  /** Which catalog rows were counted: a claims_check definition id. */
  definition: string;
}

/** The catalog definition the footprint counts under: generally available public regions. */
export const FOOTPRINT_DEFINITION = "general";

export interface RegionTables {
  regions: Array<Row<"regions">>;
  regional_breakdown: Array<Row<"regional_breakdown">>;
  bloc_presence: Array<Row<"bloc_presence">>;
  region_lists: Array<Row<"region_lists">>;
  claims_check: Array<Row<"claims_check">>;
}

/**
 * Per provider: the catalog's count of generally available public regions (FOOTPRINT_DEFINITION;
 * sovereign, partner-operated, government, restricted and announced ones left out), for the
 * footprint fallback.
 */
export function catalogSummary(catalog: readonly CatalogRegion[], asOf: string): CatalogSummary[] {
  const by = groupBy(catalog.filter(SCOPES[FOOTPRINT_DEFINITION].test), (r) => r.provider_id);
  return [...by].map(([provider_id, rows]) => ({
    provider_id,
    regions: rows.length,
    availability_zones: rows.every((r) => r.availability_zones !== null) ? rows.reduce((a, r) => a + (r.availability_zones ?? 0), 0) : null,
    as_of: asOf,
    definition: FOOTPRINT_DEFINITION,
  }));
}

export function regionTables(input: RegionsInput, ctx: StageContext): RegionTables {
  const { catalog, providers } = input;
  const providerById = new Map(providers.map((p) => [p.provider_id, p]));
  const rowsOf = groupBy(catalog, (r) => r.provider_id);
  const blocOf = (id: string) => {
    const p = providerById.get(id);
    invariant(p, "enrich", `region catalog names provider ${id}, which is not in the providers table`);
    return p.bloc;
  };

  // --- regions -------------------------------------------------------------------------------------
  const regions: Array<Row<"regions">> = catalog.map((r) => ({
    provider_id: r.provider_id,
    region_code: r.region_code,
    region_name: r.region_name,
    city: r.city,
    country: r.country,
    country_name: COUNTRY_BY_CODE.get(r.country)?.name.common ?? r.country,
    macro_geo: r.macro_geo,
    bloc: blocOf(r.provider_id),
    availability_zones: r.availability_zones,
    status: r.status,
    general_availability_date: r.general_availability_date,
    in_provider_list: r.in_provider_list,
    source: r.source,
    source_as_of: r.source_as_of,
    note: r.note,
  }));

  // --- battlegrounds: the article's three, and nothing else ----------------------------------------------
  const battle = new Map<MacroGeo, string | null>(input.battlegrounds.filter((b) => b.is_battleground).map((b) => [b.macro_geo, null]));
  for (const macro_geo of battle.keys()) {
    const used = input.geo_claims.filter((g) => g.macro_geo === macro_geo && g.relation === "battleground").map((g) => g.fact_id);
    battle.set(macro_geo, joinIds([...new Set(used)].sort()));
  }

  // --- regional_breakdown ------------------------------------------------------------------------------
  const regional_breakdown: Array<Row<"regional_breakdown">> = [];
  for (const p of providers) {
    const all = rowsOf.get(p.provider_id) ?? [];
    for (const macro_geo of MACRO_GEOS) {
      const here = all.filter((r) => r.macro_geo === macro_geo);
      const withAz = here.filter((r) => r.availability_zones !== null);
      const status = (s: CatalogRegion["status"]) => here.filter((r) => r.status === s).length;
      regional_breakdown.push({
        provider_id: p.provider_id,
        macro_geo,
        regions: here.length,
        availability_zones: withAz.length > 0 ? withAz.reduce((a, r) => a + (r.availability_zones ?? 0), 0) : null,
        share_of_provider_regions: all.length > 0 ? clean(here.length / all.length) : null,
        battleground: battle.has(macro_geo),
        provider_name: p.provider_name,
        bloc: p.bloc,
        regions_general: status("general"),
        regions_sovereign: status("sovereign"),
        regions_restricted: status("restricted"),
        regions_government: status("government"),
        regions_announced: status("announced"),
        regions_with_az: withAz.length,
        countries: joinIds([...new Set(here.map((r) => r.country))].sort()),
        battleground_fact_ids: battle.get(macro_geo) ?? null,
      });
    }
  }

  // --- bloc_presence -----------------------------------------------------------------------------------
  const bloc_presence: Array<Row<"bloc_presence">> = MACRO_GEOS.map((macro_geo) => {
    const here = catalog.filter((r) => r.macro_geo === macro_geo);
    const of = (bloc: "us_led" | "china_led") => here.filter((r) => blocOf(r.provider_id) === bloc);
    const us = of("us_led");
    const cn = of("china_led");
    const present = (rows: readonly CatalogRegion[]) => [...new Set(rows.map((r) => r.provider_id))].sort();
    return {
      macro_geo,
      us_led_regions: us.length,
      china_led_regions: cn.length,
      us_led_providers: joinIds(present(us)),
      china_led_providers: joinIds(present(cn)),
      us_led_provider_count: present(us).length,
      china_led_provider_count: present(cn).length,
      us_led_public_regions: us.filter(isPublic).length,
      china_led_public_regions: cn.filter(isPublic).length,
      china_led_share_of_regions: here.length > 0 ? clean(cn.length / (us.length + cn.length)) : null,
      battleground: battle.has(macro_geo),
      battleground_fact_ids: battle.get(macro_geo) ?? null,
    };
  });

  // --- region_lists ------------------------------------------------------------------------------------
  const region_lists: Array<Row<"region_lists">> = (input.regionLists ?? []).map((l) => ({
    list_id: l.list_id,
    provider_id: l.provider_id,
    label: l.label,
    source: l.source,
    release: l.release,
    source_as_of: l.source_as_of,
    regions: new Set(l.region_codes).size,
    region_codes: [...new Set(l.region_codes)].sort().join(";"),
  }));

  const claims_check = checkClaims(input, rowsOf);
  ctx.log(`regions: ${regions.length} catalog regions, ${region_lists.length} published lists, ${claims_check.length} claim checks`);
  return { regions, regional_breakdown, bloc_presence, region_lists, claims_check };
}
