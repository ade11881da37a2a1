/**
 * Every number quoted in a claims_check explanation, re-derived here from the raw files
 * (data/reference/regions.csv, region-lists.yaml) and the world-countries package, without the
 * pipeline's code: the definitions, the geographies and the sums are written out again below.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { DATA, realTables } from "../helpers.ts";

const countries = createRequire(import.meta.url)("world-countries") as Country[];
const t = realTables();
type Raw = Record<string, string>;
const catalog: Raw[] = parse(readFileSync(path.join(DATA, "reference/regions.csv"), "utf8"), { columns: true });
const lists: Array<{ list_id: string; label: string; region_codes: string[] }> = parseYaml(
  readFileSync(path.join(DATA, "reference/region-lists.yaml"), "utf8"),
).lists;
const macroOf = new Map(t.regions.map((r) => [`${r.provider_id}/${r.region_code}`, r.macro_geo as string]));

/** The definitions, written out again: status rules, then each published list. */
const STATUS: Record<string, { label: string; test: (r: Raw) => boolean }> = {
  general: { label: "status general only", test: (r) => r.status === "general" },
  public: {
    label: "open to any customer (general + sovereign/partner-operated)",
    test: (r) => ["general", "sovereign"].includes(r.status!),
  },
  non_government: { label: "every status but government (announced included)", test: (r) => r.status !== "government" },
  all: { label: "every status, government and announced included", test: () => true },
  provider_list: { label: "rows of the provider's own public region list", test: (r) => r.in_provider_list === "true" },
};
function definition(id: string): { label: string; test: (r: Raw) => boolean } {
  const status = STATUS[id];
  if (status) return status;
  const l = lists.find((x) => x.list_id === id)!;
  return { label: l.label, test: (r) => l.region_codes.includes(r.region_code!) };
}

/** The article's geographies, written out again (South America: the continent, without Mexico). */
const SOUTH_AMERICA = new Set(countries.filter((c) => c.subregion === "South America").map((c) => c.cca2));
function inGeo(geo: string, r: Raw): boolean {
  const macro = macroOf.get(`${r.provider_id}/${r.region_code}`);
  if (geo === "asia") return macro === "asia_pacific" || macro === "china_mainland";
  if (geo === "south_america") return SOUTH_AMERICA.has(r.country!);
  if (/^[A-Z]{2}$/.test(geo)) return r.country === geo;
  return macro === geo;
}

const pct = (x: number) => Math.round(x * 1000) / 10;
/** The numbers of a text, not those inside region codes (eu-west-0) or ids. */
const numbers = (s: string) => [...s.matchAll(/(?<![\w.-])\d+(?:\.\d+)?(?![\w-])/g)].map((m) => Number(m[0]));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** The numbers an explanation of (fact, definition) must quote, derived from the raw files. */
function expected(row: (typeof t.claims_check)[number]): number[] {
  const fact = t.facts.find((f) => f.fact_id === row.fact_id)!;
  const rows = catalog.filter((r) => r.provider_id === row.provider_id && definition(row.definition).test(r));
  const n = rows.length;
  const article = fact.value === null ? [] : [fact.unit === "fraction" ? pct(fact.value) : fact.value];
  const inside = (geo: string) => rows.filter((r) => inGeo(geo, r));
  switch (fact.measure) {
    case "regions":
    case "regions_listed":
      return [n, ...article];
    case "availability_zones": {
      const withAz = rows.filter((r) => r.availability_zones !== "");
      const zones = withAz.reduce((a, r) => a + Number(r.availability_zones), 0);
      const inner = withAz.length === 0 ? [n] : withAz.length < n ? [zones, n - withAz.length, n] : [zones, n];
      // The same sentence's region count ("89 availability zones in 29 regions").
      const sentence = t.facts.find(
        (g) => g.measure === "regions" && g.subject_id === fact.subject_id && g.char_start < fact.char_end && fact.char_start < g.char_end,
      );
      if (sentence && n !== sentence.value) return [n, sentence.value!, ...inner, ...article];
      return [...inner, ...article];
    }
    case "regions_share_in_geo": {
      const k = inside(fact.object_id!).length;
      return [k, n, pct(k / n), ...article, ...(fact.qualifier === "approximately" ? [10] : [])];
    }
    case "regions_in": {
      const here = inside(fact.object_id!);
      const perCountry =
        here.length > 6 ? [...new Set(here.map((r) => r.country))].map((c) => here.filter((r) => r.country === c).length) : [];
      return here.length === 0 ? [] : [here.length, ...perCountry];
    }
    case "regions_mainly_in": {
      const geos = t.facts.filter(
        (g) => g.measure === "regions_mainly_in" && g.subject_id === fact.subject_id && g.char_start === fact.char_start,
      );
      const joint = rows.filter((r) => geos.some((g) => inGeo(g.object_id!, r))).length;
      return [joint, n, pct(joint / n), inside(fact.object_id!).length];
    }
    case "regions_absent_from": {
      const named = new Set(
        t.facts
          .filter((g) => g.measure === "regions_in" && g.subject_id === fact.subject_id && /^[A-Z]{2}$/.test(g.object_id ?? ""))
          .map((g) => g.object_id),
      );
      const rest = inside(fact.object_id!).filter((r) => !named.has(r.country!));
      return rest.length === 0 ? [] : [rest.length];
    }
    default:
      throw new Error(`unexpected measure ${fact.measure}`);
  }
}

describe("claims_check: every number in every explanation, re-derived", () => {
  it(`checks all ${t.claims_check.length} explanations`, () => {
    expect(t.claims_check.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const row of t.claims_check) {
      const { label } = definition(row.definition);
      const body = row.explanation.startsWith(`${label}: `) ? row.explanation.slice(label.length + 2) : null;
      if (body === null) {
        wrong.push(`${row.fact_id} × ${row.definition}: does not start with its definition's label`);
        continue;
      }
      const got = sorted(numbers(body));
      const want = sorted(expected(row));
      if (got.length !== want.length || got.some((x, i) => Math.abs(x - want[i]!) > 1e-9))
        wrong.push(`${row.fact_id} × ${row.definition}: quotes [${got}], the files give [${want}]: ${row.explanation}`);
    }
    expect(wrong).toEqual([]);
  });

  it("counts Huawei's South American regions without Mexico: Brazil and Chile only", () => {
    const row = t.claims_check.find((r) => r.fact_id === "huawei-regions-mainly-in-south-america" && r.definition === "all")!;
    expect(numbers(row.explanation.split(": ")[1]!)).toEqual([26, 34, 76.5, 2]);
    expect(catalog.filter((r) => r.provider_id === "huawei" && SOUTH_AMERICA.has(r.country!)).map((r) => r.country)).toEqual(["CL", "BR"]);
  });
});
