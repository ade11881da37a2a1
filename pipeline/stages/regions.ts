/**
 * Stage 3b — regions (called by enrich): the region catalog against the article.
 *
 *   regions             the catalog, one row per provider region, with country name and macro-region
 *   regional_breakdown  provider × macro-region: regions, zones, share of the provider's regions, battleground
 *   bloc_presence       macro-region: US-led vs China-led regions and providers present
 *   claims_check        each footprint or geography claim × definition: the catalog's figure and a verdict
 *
 * Which claims are checked comes from the facts (by measure, CHECKED_MEASURES); each verdict is
 * computed from the catalog under every definition of "a region" (SCOPES), never typed in. A claim
 * the catalog contradicts is a finding, not an error: nothing here bends the data toward the article.
 *
 * Battlegrounds come from the facts too (through the battlegrounds and geo_claims tables): a
 * macro-region is a battleground when the article names it one, or when a quoted source names it a
 * growth region for the China-led providers outside their own home macro-region (the providers'
 * hq_country): Africa and Eastern Europe (→ europe) in the article, not China itself.
 */
import { invariant } from "../errors.ts";
import { COUNTRY_BY_CODE } from "../countries.ts";
import { round } from "../numbers.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import { MACRO_GEOS, type EntitiesFile, type MacroGeo } from "../schema/inputs.ts";
import { joinIds, REGION_SCOPES, type Row } from "../schema/tables.ts";
import type { StageContext } from "./context.ts";

type Fact = Row<"facts">;
type Scope = (typeof REGION_SCOPES)[number];
type Verdict = Row<"claims_check">["verdict"];
type Qualifier = NonNullable<Fact["qualifier"]>;

export interface RegionsInput {
  catalog: readonly CatalogRegion[];
  providers: ReadonlyArray<Row<"providers">>;
  geographies: EntitiesFile["geographies"];
  countryMacro: ReadonlyMap<string, MacroGeo>;
  facts: readonly Fact[];
  geo_claims: ReadonlyArray<Row<"geo_claims">>;
  battlegrounds: ReadonlyArray<Row<"battlegrounds">>;
}

/** What a region catalog contributes to the footprint: region counts per provider (enrich's fallback). */
export interface CatalogSummary {
  provider_id: string;
  regions: number;
  availability_zones: number | null;
  as_of: string;
}

export interface RegionTables {
  regions: Array<Row<"regions">>;
  regional_breakdown: Array<Row<"regional_breakdown">>;
  bloc_presence: Array<Row<"bloc_presence">>;
  claims_check: Array<Row<"claims_check">>;
}

/** "Around X" holds within ±10% of X (relative): "around half" accepts 45%–55%. */
export const APPROX_TOLERANCE = 0.1;

/** The definitions of "a region" a claim is checked under. */
export const SCOPES: Record<Scope, { label: string; test: (r: CatalogRegion) => boolean }> = {
  general: { label: "status general only", test: (r) => r.status === "general" },
  public: { label: "open to any customer (general + sovereign/partner-operated)", test: (r) => r.status === "general" || r.status === "sovereign" },
  non_government: { label: "every status but government", test: (r) => r.status !== "government" },
  all: { label: "every status, government included", test: () => true },
  provider_list: { label: "rows of the provider's own public region list", test: (r) => r.in_provider_list === true },
};

/** The measures claims_check reads, and the definitions each is checked under. */
const CHECKED_MEASURES: Record<string, readonly Scope[]> = {
  regions: REGION_SCOPES,
  availability_zones: REGION_SCOPES,
  regions_listed: ["provider_list"],
  regions_share_in_geo: REGION_SCOPES,
  regions_in: REGION_SCOPES,
  regions_mainly_in: REGION_SCOPES,
  regions_absent_from: REGION_SCOPES,
};

const isPublic = SCOPES.public.test;

/** Per provider: the catalog's count of regions open to any customer, for the footprint fallback. */
export function catalogSummary(catalog: readonly CatalogRegion[], asOf: string): CatalogSummary[] {
  const by = groupBy(catalog.filter(isPublic), (r) => r.provider_id);
  return [...by].map(([provider_id, rows]) => ({
    provider_id,
    regions: rows.length,
    availability_zones: rows.every((r) => r.availability_zones !== null) ? rows.reduce((a, r) => a + (r.availability_zones ?? 0), 0) : null,
    as_of: asOf,
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
    in_provider_list: r.in_provider_list,
    source: r.source,
    source_as_of: r.source_as_of,
    note: r.note,
  }));

  // --- battlegrounds, from the facts -------------------------------------------------------------------
  const chinaHome = new Set(providers.filter((p) => p.bloc === "china_led").map((p) => input.countryMacro.get(p.hq_country)));
  const battle = new Map<MacroGeo, string | null>();
  for (const b of input.battlegrounds) {
    const growthCounts = b.china_led_growth && !chinaHome.has(b.macro_geo);
    if (!b.is_battleground && !growthCounts) continue;
    const used = input.geo_claims.filter((g) => g.macro_geo === b.macro_geo && (g.relation === "battleground" || (growthCounts && g.relation === "growth_region" && g.subject_bloc === "china_led")));
    battle.set(b.macro_geo, joinIds([...new Set(used.map((g) => g.fact_id))].sort()));
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
        share_of_provider_regions: all.length > 0 ? round(here.length / all.length, 4) : null,
        battleground: battle.has(macro_geo),
        provider_name: p.provider_name,
        bloc: p.bloc,
        regions_general: status("general"),
        regions_sovereign: status("sovereign"),
        regions_restricted: status("restricted"),
        regions_government: status("government"),
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
      china_led_share_of_regions: here.length > 0 ? round(cn.length / (us.length + cn.length), 4) : null,
      battleground: battle.has(macro_geo),
      battleground_fact_ids: battle.get(macro_geo) ?? null,
    };
  });

  const claims_check = checkClaims(input, rowsOf);
  ctx.log(`regions: ${regions.length} catalog regions, ${claims_check.length} claim checks`);
  return { regions, regional_breakdown, bloc_presence, claims_check };
}

// --- claims_check ------------------------------------------------------------------------------------

interface Check {
  catalog_value: number | null;
  catalog_regions: number | null;
  lowerBound: boolean;
  holds: boolean | null;
  why: string;
}

const pct = (x: number) => `${round(x * 100, 1)}%`;
const QUALIFIER_TEXT: Record<Qualifier, string> = { exact: "", approximately: "around ", over: "over ", at_least: "at least " };

/** Does the catalog's figure satisfy the article's (qualified) figure? null when a lower bound cannot tell. */
export function compareFigure(catalog: number, article: number, q: Qualifier, lowerBound = false): boolean | null {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9;
  const ok = q === "exact" ? near(catalog, article) : q === "over" ? catalog > article : q === "at_least" ? catalog >= article : Math.abs(catalog - article) <= APPROX_TOLERANCE * article + 1e-9;
  if (!lowerBound || (ok && q !== "exact" && q !== "approximately")) return ok;
  // The true figure is catalog or more: a claim is refuted only when even the lower bound is too high.
  const tooHigh = q === "approximately" ? catalog > article * (1 + APPROX_TOLERANCE) + 1e-9 : q === "exact" ? catalog > article : false;
  return tooHigh ? false : null;
}

function verdictOf(holds: ReadonlyArray<boolean | null>): Verdict {
  const known = holds.filter((h): h is boolean => h !== null);
  if (known.length === 0) return "not_verifiable";
  if (known.every((h) => h)) return "consistent";
  if (known.every((h) => !h)) return "inconsistent";
  return "depends_on_definition";
}

function checkClaims(input: RegionsInput, rowsOf: ReadonlyMap<string, CatalogRegion[]>): Array<Row<"claims_check">> {
  const geoById = new Map(input.geographies.map((g) => [g.geo_id, g]));
  const nameOf = new Map(input.providers.map((p) => [p.provider_id, p.provider_name]));
  /** Does a region lie in a geography id (macro or composite) or an ISO country code? */
  const inGeo = (object: string) => {
    const geo = geoById.get(object);
    if (geo) {
      const macros = new Set<MacroGeo>(geo.kind === "macro" ? [object as MacroGeo] : (geo.covers ?? []));
      return (r: CatalogRegion) => macros.has(r.macro_geo);
    }
    return (r: CatalogRegion) => r.country === object;
  };
  const isCountry = (object: string | null): object is string => object !== null && !geoById.has(object) && input.countryMacro.has(object);

  // Indexes for the claims that read their siblings (one pass over the facts, not one per claim).
  const siblingsOf = groupBy(input.facts.filter((g) => g.measure === "regions_mainly_in" && g.object_id !== null), (g) => `${g.subject_id}\u0000${g.document_id}\u0000${g.char_start}`);
  const namedCountriesOf = groupBy(input.facts.filter((g) => g.measure === "regions_in" && isCountry(g.object_id)), (g) => `${g.subject_id}\u0000${g.document_id}`);

  const out: Array<Row<"claims_check">> = [];
  for (const f of input.facts) {
    const scopes = CHECKED_MEASURES[f.measure];
    if (!scopes || !nameOf.has(f.subject_id)) continue;
    const name = nameOf.get(f.subject_id)!;
    const providerRows = rowsOf.get(f.subject_id) ?? [];
    const listKnown = providerRows.some((r) => r.in_provider_list !== null);
    const q: Qualifier = f.qualifier ?? "exact";
    const stated = f.value === null ? "" : `${QUALIFIER_TEXT[q]}${f.unit === "fraction" ? pct(f.value) : f.value}`;

    // provider_list applies only where the catalog records list membership for the provider.
    const applicable = scopes.filter((scope) => scope !== "provider_list" || listKnown);
    const checks = (applicable.length > 0 ? applicable : scopes).map((scope): [Scope, Check] => {
      const rows = providerRows.filter(SCOPES[scope].test);
      const n = rows.length;
      const none = (why: string): Check => ({ catalog_value: null, catalog_regions: n, lowerBound: false, holds: null, why });
      if (scope === "provider_list" && !listKnown) return [scope, none(`the catalog does not record which ${name} regions are in its own list`)];
      switch (f.measure) {
        case "regions":
        case "regions_listed": {
          const holds = compareFigure(n, f.value!, q);
          return [scope, { catalog_value: n, catalog_regions: n, lowerBound: false, holds, why: `${n} ${name} regions; the article says ${stated}` }];
        }
        case "availability_zones": {
          const withAz = rows.filter((r) => r.availability_zones !== null);
          if (withAz.length === 0) return [scope, none(`no availability-zone count is published for the ${n} ${name} regions counted`)];
          const zones = withAz.reduce((a, r) => a + r.availability_zones!, 0);
          const lowerBound = withAz.length < n;
          const holds = compareFigure(zones, f.value!, q, lowerBound);
          const bound = lowerBound ? `at least ${zones} zones (${n - withAz.length} of ${n} regions publish no count)` : `${zones} zones over ${n} regions`;
          return [scope, { catalog_value: zones, catalog_regions: n, lowerBound, holds, why: `${bound}; the article says ${stated}` }];
        }
        case "regions_share_in_geo": {
          if (n === 0) return [scope, none(`no ${name} regions under this definition`)];
          const k = rows.filter(inGeo(f.object_id!)).length;
          const share = round(k / n, 4);
          return [scope, { catalog_value: share, catalog_regions: n, lowerBound: false, holds: compareFigure(share, f.value!, q), why: `${k} of ${n} ${name} regions in ${f.object_id} (${pct(share)}); the article says ${stated} (±${APPROX_TOLERANCE * 100}% for "around")` }];
        }
        case "regions_in": {
          const here = rows.filter(inGeo(f.object_id!));
          const codes = listRegions(here);
          return [scope, { catalog_value: here.length, catalog_regions: n, lowerBound: false, holds: here.length > 0, why: here.length > 0 ? `${here.length} ${name} region(s) in ${f.object_id}: ${codes}` : `no ${name} region in ${f.object_id}` }];
        }
        case "regions_mainly_in": {
          // "Primarily in A, B and C": the listed geographies together hold a majority, and each has a region.
          const siblings = siblingsOf.get(`${f.subject_id}\u0000${f.document_id}\u0000${f.char_start}`) ?? [];
          const tests = siblings.map((g) => inGeo(g.object_id!));
          const joint = rows.filter((r) => tests.some((t) => t(r))).length;
          const here = rows.filter(inGeo(f.object_id!)).length;
          if (n === 0) return [scope, none(`no ${name} regions under this definition`)];
          const share = round(joint / n, 4);
          const holds = here > 0 && share > 0.5;
          const geos = siblings.map((g) => g.object_id).join(" + ");
          return [scope, { catalog_value: share, catalog_regions: n, lowerBound: false, holds, why: `${joint} of ${n} ${name} regions (${pct(share)}) are in ${geos}; ${here} in ${f.object_id}` }];
        }
        case "regions_absent_from": {
          // "Otherwise absent": countries the article names the provider present in are the exceptions.
          const named = new Set((namedCountriesOf.get(`${f.subject_id}\u0000${f.document_id}`) ?? []).map((g) => g.object_id!));
          const here = rows.filter(inGeo(f.object_id!));
          const rest = here.filter((r) => !named.has(r.country));
          const exc = named.size > 0 ? ` apart from the named ${[...named].sort().join(", ")}` : "";
          const found = rest.map((r) => `${r.region_code} (${r.country}, ${r.status})`).join(", ");
          return [scope, { catalog_value: rest.length, catalog_regions: n, lowerBound: false, holds: rest.length === 0, why: rest.length === 0 ? `no ${name} region in ${f.object_id}${exc}` : `${rest.length} ${name} region(s) in ${f.object_id}${exc}: ${found}` }];
        }
        default:
          return [scope, none(`measure ${f.measure} is not checked`)];
      }
    });

    const verdict = verdictOf(checks.map(([, c]) => c.holds));
    for (const [scope, c] of checks) {
      const result = c.holds === null ? "cannot tell" : c.holds ? "holds" : "does not hold";
      out.push({
        fact_id: f.fact_id,
        definition: scope,
        provider_id: f.subject_id,
        measure: f.measure,
        claim: f.quote,
        object_id: f.object_id,
        article_value: f.value,
        article_qualifier: f.qualifier,
        catalog_value: c.catalog_value,
        catalog_unit: f.measure === "regions_share_in_geo" || f.measure === "regions_mainly_in" ? "fraction" : "count",
        catalog_regions: c.catalog_regions,
        catalog_is_lower_bound: c.lowerBound,
        holds: c.holds,
        verdict,
        explanation: `${SCOPES[scope].label}: ${c.why} → ${result}`,
      });
    }
  }
  return out;
}

/** Region codes when there are a few, else regions per country: keeps an explanation to one line. */
function listRegions(rows: readonly CatalogRegion[]): string {
  if (rows.length <= 6) return rows.map((r) => r.region_code).join(", ");
  const perCountry = groupBy(rows, (r) => r.country);
  return [...perCountry].sort(([a], [b]) => a.localeCompare(b)).map(([c, rs]) => `${c} ${rs.length}`).join(", ");
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
