/**
 * claims_check (called by regions): each footprint or geography claim of the article against the
 * region catalog, under every definition of "a region": the catalog's status definitions (SCOPES)
 * and, for the counts, each region list the provider publishes (region_lists). Which claims are
 * checked comes from the facts (by measure, CHECKED_MEASURES); each verdict is computed from the
 * catalog, never typed in. A zone count is compared only under the definitions that reproduce the
 * region count of the same sentence ("89 availability zones in 29 regions"): zones of another set
 * of regions say nothing about the claim. A claim the catalog contradicts is a finding, not an
 * error: nothing here bends the data toward the article. The sentences are built in
 * claims-explain.ts from the numbers they state.
 */
import { clean } from "../numbers.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type { ResolvedGeography } from "../geographies.ts";
import type { MacroGeo, RegionList } from "../schema/inputs.ts";
import { joinIds, REGION_SCOPES, type Row } from "../schema/tables.ts";
import { explain, type Figure } from "./claims-explain.ts";
import { groupBy } from "./group-by.ts";

type Fact = Row<"facts">;
type Scope = (typeof REGION_SCOPES)[number];
type Verdict = Row<"claims_check">["verdict"];
type Qualifier = NonNullable<Fact["qualifier"]>;

/** What the checks read besides the catalog: the facts, the geography to place the claims, the published lists. */
export interface ClaimsInput {
  facts: readonly Fact[];
  providers: ReadonlyArray<Row<"providers">>;
  geographies: readonly ResolvedGeography[];
  countryMacro: ReadonlyMap<string, MacroGeo>;
  regionLists?: readonly RegionList[];
}

/** "Around X" holds within ±10% of X (relative): "around half" accepts 45%–55%. */
export const APPROX_TOLERANCE = 0.1;

/** The catalog's status definitions of "a region". */
export const SCOPES: Record<Scope, { label: string; test: (r: CatalogRegion) => boolean }> = {
  general: { label: "status general only", test: (r) => r.status === "general" },
  public: {
    label: "open to any customer (general + sovereign/partner-operated)",
    test: (r) => r.status === "general" || r.status === "sovereign",
  },
  non_government: { label: "every status but government (announced included)", test: (r) => r.status !== "government" },
  all: { label: "every status, government and announced included", test: () => true },
  provider_list: { label: "rows of the provider's own public region list", test: (r) => r.in_provider_list === true },
};

/** The measures claims_check reads; `lists`: also checked under each region list the provider publishes. A map, not an object: a measure id from the data may be `constructor`. */
const CHECKED_MEASURES: ReadonlyMap<string, { scopes: readonly Scope[]; lists: boolean }> = new Map([
  ["regions", { scopes: REGION_SCOPES, lists: true }],
  ["availability_zones", { scopes: REGION_SCOPES, lists: true }],
  ["regions_listed", { scopes: ["provider_list"], lists: false }],
  ["regions_share_in_geo", { scopes: REGION_SCOPES, lists: false }],
  ["regions_in", { scopes: REGION_SCOPES, lists: false }],
  ["regions_mainly_in", { scopes: REGION_SCOPES, lists: false }],
  ["regions_absent_from", { scopes: REGION_SCOPES, lists: false }],
]);

export const isPublic = SCOPES.public.test;

/** A definition of "a region" a claim is checked under: a catalog status scope or a published list. */
interface Definition {
  id: string;
  label: string;
  test: (r: CatalogRegion) => boolean;
}

interface Check {
  catalog_value: number | null;
  catalog_regions: number | null;
  lowerBound: boolean;
  holds: boolean | null;
  figure: Figure;
}

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

/** Do two facts come from the same sentence (same document and subject, overlapping quotes)? */
const sameSentence = (a: Fact, b: Fact) =>
  a.document_id === b.document_id && a.subject_id === b.subject_id && a.char_start < b.char_end && b.char_start < a.char_end;

export function checkClaims(input: ClaimsInput, rowsOf: ReadonlyMap<string, CatalogRegion[]>): Array<Row<"claims_check">> {
  const geoById = new Map(input.geographies.map((g) => [g.geo_id, g]));
  const nameOf = new Map(input.providers.map((p) => [p.provider_id, p.provider_name]));
  const listsOf = groupBy(input.regionLists ?? [], (l) => l.provider_id);
  /** Does a region lie in a geography id (its own countries, else its macro-regions) or an ISO country code? */
  const inGeo = (object: string) => {
    const geo = geoById.get(object);
    if (geo?.countries) {
      const countries = new Set(geo.countries);
      return (r: CatalogRegion) => countries.has(r.country);
    }
    if (geo) {
      const countries = new Set(geo.countries);
      return (r: CatalogRegion) => countries.has(r.country);
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
  const regionFactsOf = groupBy(
    input.facts.filter((g) => g.measure === "regions" && g.value !== null),
    (g) => `${g.subject_id}\u0000${g.document_id}`,
  );

  /** One claim under one definition. */
  const checkOne = (f: Fact, name: string, rows: readonly CatalogRegion[], listKnown: boolean, scope: string): Check => {
    const n = rows.length;
    const none = (figure: Figure): Check => ({ catalog_value: null, catalog_regions: n, lowerBound: false, holds: null, figure });
    const q: Qualifier = f.qualifier ?? "exact";
    if (scope === "provider_list" && !listKnown) return none({ kind: "no_list", name });
    switch (f.measure) {
      case "regions":
      case "regions_listed":
        return {
          catalog_value: n,
          catalog_regions: n,
          lowerBound: false,
          holds: compareFigure(n, f.value!, q),
          figure: { kind: "count", name, n },
        };
      case "availability_zones": {
        const withAz = rows.filter((r) => r.availability_zones !== null);
        if (withAz.length === 0) return none({ kind: "no_zones", name, n });
        const zones = withAz.reduce((a, r) => a + r.availability_zones!, 0);
        const lowerBound = withAz.length < n;
        return {
          catalog_value: zones,
          catalog_regions: n,
          lowerBound,
          holds: compareFigure(zones, f.value!, q, lowerBound),
          figure: { kind: "zones", name, n, zones, unpublished: n - withAz.length },
        };
      }
      case "regions_share_in_geo": {
        if (n === 0) return none({ kind: "empty", name });
        const k = rows.filter(inGeo(f.object_id!)).length;
        const share = clean(k / n);
        return {
          catalog_value: share,
          catalog_regions: n,
          lowerBound: false,
          holds: compareFigure(share, f.value!, q),
          figure: { kind: "share", name, k, n, geo: f.object_id!, tolerance: APPROX_TOLERANCE },
        };
      }
      case "regions_in": {
        const here = rows.filter(inGeo(f.object_id!));
        return {
          catalog_value: here.length,
          catalog_regions: n,
          lowerBound: false,
          holds: here.length > 0,
          figure: { kind: "in", name, geo: f.object_id!, regions: here },
        };
      }
      case "regions_mainly_in": {
        // "Primarily in A, B and C": the listed geographies together hold a majority, and each has a region.
        if (n === 0) return none({ kind: "empty", name });
        const siblings = siblingsOf.get(`${f.subject_id}\u0000${f.document_id}\u0000${f.char_start}`) ?? [];
        const tests = siblings.map((g) => inGeo(g.object_id!));
        const joint = rows.filter((r) => tests.some((t) => t(r))).length;
        const here = rows.filter(inGeo(f.object_id!)).length;
        const share = clean(joint / n);
        return {
          catalog_value: share,
          catalog_regions: n,
          lowerBound: false,
          holds: here > 0 && joint / n > 0.5,
          figure: { kind: "mainly", name, joint, n, geos: siblings.map((g) => g.object_id!), geo: f.object_id!, here },
        };
      }
      case "regions_absent_from": {
        // "Otherwise absent": the countries the article names the provider present in are the exceptions.
        const inside = inGeo(f.object_id!);
        const named = new Set((namedCountriesOf.get(`${f.subject_id}\u0000${f.document_id}`) ?? []).map((g) => g.object_id!));
        const here = rows.filter(inside);
        const rest = here.filter((r) => !named.has(r.country));
        const exceptions = [...new Set(here.filter((r) => named.has(r.country)).map((r) => r.country))].sort();
        return {
          catalog_value: rest.length,
          catalog_regions: n,
          lowerBound: false,
          holds: rest.length === 0,
          figure: { kind: "absent", name, geo: f.object_id!, exceptions, found: rest },
        };
      }
      default:
        return none({ kind: "unchecked", measure: f.measure });
    }
  };

  /** The definitions a fact is checked under, and each one's result. */
  const checksOf = (f: Fact): Array<[Definition, Check]> => {
    const spec = CHECKED_MEASURES.get(f.measure)!;
    const name = nameOf.get(f.subject_id)!;
    const providerRows = rowsOf.get(f.subject_id) ?? [];
    const listKnown = providerRows.some((r) => r.in_provider_list !== null);
    // provider_list applies only where the catalog records list membership for the provider.
    const applicable = spec.scopes.filter((scope) => scope !== "provider_list" || listKnown);
    const defs: Definition[] = (applicable.length > 0 ? applicable : spec.scopes).map((s) => ({ id: s, ...SCOPES[s] }));
    if (spec.lists)
      for (const l of listsOf.get(f.subject_id) ?? []) {
        const codes = new Set(l.region_codes);
        defs.push({ id: l.list_id, label: l.label, test: (r) => codes.has(r.region_code) });
      }
    return defs.map((d) => [d, checkOne(f, name, providerRows.filter(d.test), listKnown, d.id)]);
  };

  const out: Array<Row<"claims_check">> = [];
  for (const f of input.facts) {
    if (!CHECKED_MEASURES.has(f.measure) || !nameOf.has(f.subject_id)) continue;
    let checks = checksOf(f);
    // A zone count is compared only where the same sentence's region count is reproduced.
    const sentence =
      f.measure === "availability_zones"
        ? regionFactsOf.get(`${f.subject_id}\u0000${f.document_id}`)?.find((g) => sameSentence(f, g))
        : undefined;
    if (sentence) {
      const reproduces = new Map(checksOf(sentence).map(([d, c]) => [d.id, c]));
      checks = checks.map(([d, c]): [Definition, Check] => {
        const r = reproduces.get(d.id);
        if (r?.holds === true) return [d, c];
        return [
          d,
          { ...c, holds: null, figure: { kind: "other_regions", zones: c.figure, n: r?.catalog_value ?? null, article: sentence.value! } },
        ];
      });
    }
    const verdict = verdictOf(checks.map(([, c]) => c.holds));
    const reproduced = checks.filter(([, c]) => c.holds === true).map(([d]) => d.id);
    for (const [d, c] of checks) {
      out.push({
        fact_id: f.fact_id,
        definition: d.id,
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
        explanation: explain(d.label, c.figure, { value: f.value, qualifier: f.qualifier ?? "exact", unit: f.unit }, c.holds),
        reproduced_under: joinIds(reproduced),
      });
    }
  }
  return out;
}
