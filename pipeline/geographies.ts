/**
 * The geographies the article names, resolved to countries.
 *
 * A macro-region is the set of countries geography.yaml maps to it. A composite geography is either
 * a union of macro-regions (`covers`: the article's "Asia", "outside China") or its own country list
 * (`countries_from`: world-countries regions and subregions, plus and minus named countries, each
 * choice commented in entities.yaml), so that "Eastern Europe" is ten countries, not all of Europe.
 */
import { COUNTRIES } from "./countries.ts";
import { MACRO_GEOS, type CountrySelection, type EntitiesFile, type MacroGeo } from "./schema/inputs.ts";

export interface ResolvedGeography {
  geo_id: string;
  name: string;
  kind: "macro" | "composite";
  note: string | null;
  /** ISO 3166-1 alpha-2 codes, sorted. */
  countries: readonly string[];
  /** The macro-regions those countries belong to, in the project's order. */
  macros: readonly MacroGeo[];
  /** How the country list is made, in words. */
  definition: string;
}

/** The countries a selection names: world-countries regions and subregions, then `add`, minus `remove`. */
export function selectCountries(sel: CountrySelection): string[] {
  const regions = new Set(sel.regions ?? []);
  const subregions = new Set(sel.subregions ?? []);
  const out = new Set(COUNTRIES.filter((c) => regions.has(c.region) || subregions.has(c.subregion)).map((c) => c.cca2));
  for (const code of sel.add ?? []) out.add(code);
  for (const code of sel.remove ?? []) out.delete(code);
  return [...out].sort();
}

const words = (label: string, xs: readonly string[] | undefined) => (xs && xs.length > 0 ? [`${label} ${xs.join(", ")}`] : []);

/** "world-countries subregion Eastern Europe; plus BG, CZ" — the selection in words. */
export function describeSelection(sel: CountrySelection): string {
  return [
    ...words("world-countries region", sel.regions),
    ...words("world-countries subregion", sel.subregions),
    ...words("plus", sel.add),
    ...words("minus", sel.remove),
  ].join("; ");
}

export function resolveGeographies(
  geographies: EntitiesFile["geographies"],
  countryMacro: ReadonlyMap<string, MacroGeo>,
): ResolvedGeography[] {
  const countriesOfMacro = (macros: ReadonlySet<string>) =>
    [...countryMacro]
      .filter(([, m]) => macros.has(m))
      .map(([c]) => c)
      .sort();
  const macrosOf = (countries: readonly string[]) => {
    const present = new Set(countries.map((c) => countryMacro.get(c)));
    return MACRO_GEOS.filter((m) => present.has(m));
  };
  return geographies.map((g) => {
    const common = { geo_id: g.geo_id, name: g.name, kind: g.kind, note: g.note ?? null };
    if (g.countries_from) {
      const countries = selectCountries(g.countries_from);
      return { ...common, countries, macros: macrosOf(countries), definition: describeSelection(g.countries_from) };
    }
    const macros: MacroGeo[] = g.kind === "macro" ? [g.geo_id as MacroGeo] : [...(g.covers ?? [])];
    const countries = countriesOfMacro(new Set(macros));
    const definition =
      g.kind === "macro" ? "the countries geography.yaml maps to this macro-region" : `the macro-regions ${macros.join(", ")}`;
    return { ...common, countries, macros: MACRO_GEOS.filter((m) => macros.includes(m)), definition };
  });
}
