/**
 * claims_check (called by regions): each footprint or geography claim of the article against the
 * region catalog, under every definition of "a region" (SCOPES). Which claims are checked comes from
 * the facts (by measure, CHECKED_MEASURES); each verdict is computed from the catalog, never typed in.
 * A claim the catalog contradicts is a finding, not an error: nothing here bends the data toward the
 * article.
 */
import { round } from "../numbers.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type { EntitiesFile, MacroGeo } from "../schema/inputs.ts";
import { REGION_SCOPES, type Row } from "../schema/tables.ts";

type Fact = Row<"facts">;
type Scope = (typeof REGION_SCOPES)[number];
type Verdict = Row<"claims_check">["verdict"];
type Qualifier = NonNullable<Fact["qualifier"]>;

/** What the checks read besides the catalog: the facts, and the geography to place the claims. */
export interface ClaimsInput {
  facts: readonly Fact[];
  providers: ReadonlyArray<Row<"providers">>;
  geographies: EntitiesFile["geographies"];
  countryMacro: ReadonlyMap<string, MacroGeo>;
}

/** "Around X" holds within ±10% of X (relative): "around half" accepts 45%–55%. */
export const APPROX_TOLERANCE = 0.1;

/** The definitions of "a region" a claim is checked under. */
export const SCOPES: Record<Scope, { label: string; test: (r: CatalogRegion) => boolean }> = {
  general: { label: "status general only", test: (r) => r.status === "general" },
  public: {
    label: "open to any customer (general + sovereign/partner-operated)",
    test: (r) => r.status === "general" || r.status === "sovereign",
  },
  non_government: { label: "every status but government", test: (r) => r.status !== "government" },
  all: { label: "every status, government included", test: () => true },
  provider_list: { label: "rows of the provider's own public region list", test: (r) => r.in_provider_list === true },
};

/** The measures claims_check reads, and the definitions each is checked under. */
const CHECKED_MEASURES: ReadonlyMap<string, readonly Scope[]> = new Map<string, readonly Scope[]>([
  ["regions", REGION_SCOPES],
  ["availability_zones", REGION_SCOPES],
  ["regions_listed", ["provider_list"]],
  ["regions_share_in_geo", REGION_SCOPES],
  ["regions_in", REGION_SCOPES],
  ["regions_mainly_in", REGION_SCOPES],
  ["regions_absent_from", REGION_SCOPES],
]);

export const isPublic = SCOPES.public.test;

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
  const ok =
    q === "exact"
      ? near(catalog, article)
      : q === "over"
        ? catalog > article
        : q === "at_least"
          ? catalog >= article
          : Math.abs(catalog - article) <= APPROX_TOLERANCE * article + 1e-9;
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

export function checkClaims(input: ClaimsInput, rowsOf: ReadonlyMap<string, CatalogRegion[]>): Array<Row<"claims_check">> {
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
  const siblingsOf = groupBy(
    input.facts.filter((g) => g.measure === "regions_mainly_in" && g.object_id !== null),
    (g) => `${g.subject_id}\u0000${g.document_id}\u0000${g.char_start}`,
  );
  const namedCountriesOf = groupBy(
    input.facts.filter((g) => g.measure === "regions_in" && isCountry(g.object_id)),
    (g) => `${g.subject_id}\u0000${g.document_id}`,
  );

  const out: Array<Row<"claims_check">> = [];
  for (const f of input.facts) {
    const scopes = CHECKED_MEASURES.get(f.measure);
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
      if (scope === "provider_list" && !listKnown)
        return [scope, none(`the catalog does not record which ${name} regions are in its own list`)];
      switch (f.measure) {
        case "regions":
        case "regions_listed": {
          const holds = compareFigure(n, f.value!, q);
          return [
            scope,
            { catalog_value: n, catalog_regions: n, lowerBound: false, holds, why: `${n} ${name} regions; the article says ${stated}` },
          ];
        }
        case "availability_zones": {
          const withAz = rows.filter((r) => r.availability_zones !== null);
          if (withAz.length === 0) return [scope, none(`no availability-zone count is published for the ${n} ${name} regions counted`)];
          const zones = withAz.reduce((a, r) => a + r.availability_zones!, 0);
          const lowerBound = withAz.length < n;
          const holds = compareFigure(zones, f.value!, q, lowerBound);
          const bound = lowerBound
            ? `at least ${zones} zones (${n - withAz.length} of ${n} regions publish no count)`
            : `${zones} zones over ${n} regions`;
          return [scope, { catalog_value: zones, catalog_regions: n, lowerBound, holds, why: `${bound}; the article says ${stated}` }];
        }
        case "regions_share_in_geo": {
          if (n === 0) return [scope, none(`no ${name} regions under this definition`)];
          const k = rows.filter(inGeo(f.object_id!)).length;
          const share = round(k / n, 4);
          return [
            scope,
            {
              catalog_value: share,
              catalog_regions: n,
              lowerBound: false,
              holds: compareFigure(share, f.value!, q),
              why: `${k} of ${n} ${name} regions in ${f.object_id} (${pct(share)}); the article says ${stated} (±${APPROX_TOLERANCE * 100}% for "around")`,
            },
          ];
        }
        case "regions_in": {
          const here = rows.filter(inGeo(f.object_id!));
          const codes = listRegions(here);
          return [
            scope,
            {
              catalog_value: here.length,
              catalog_regions: n,
              lowerBound: false,
              holds: here.length > 0,
              why: here.length > 0 ? `${here.length} ${name} region(s) in ${f.object_id}: ${codes}` : `no ${name} region in ${f.object_id}`,
            },
          ];
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
          return [
            scope,
            {
              catalog_value: share,
              catalog_regions: n,
              lowerBound: false,
              holds,
              why: `${joint} of ${n} ${name} regions (${pct(share)}) are in ${geos}; ${here} in ${f.object_id}`,
            },
          ];
        }
        case "regions_absent_from": {
          // "Otherwise absent": countries the article names the provider present in are the exceptions.
          const named = new Set((namedCountriesOf.get(`${f.subject_id}\u0000${f.document_id}`) ?? []).map((g) => g.object_id!));
          const here = rows.filter(inGeo(f.object_id!));
          const rest = here.filter((r) => !named.has(r.country));
          const exc = named.size > 0 ? ` apart from the named ${[...named].sort().join(", ")}` : "";
          const found = rest.map((r) => `${r.region_code} (${r.country}, ${r.status})`).join(", ");
          return [
            scope,
            {
              catalog_value: rest.length,
              catalog_regions: n,
              lowerBound: false,
              holds: rest.length === 0,
              why:
                rest.length === 0
                  ? `no ${name} region in ${f.object_id}${exc}`
                  : `${rest.length} ${name} region(s) in ${f.object_id}${exc}: ${found}`,
            },
          ];
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
  return [...perCountry]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, rs]) => `${c} ${rs.length}`)
    .join(", ");
}

export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
