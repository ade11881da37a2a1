/**
 * The reference files (data/reference/): each validated against its schema, then checked against
 * each other (unique ids, one provider per alias), the countries mapped to macro-regions, and the
 * region catalog validated against the providers and that mapping.
 */
import path from "node:path";
import type { z } from "zod";
import { COUNTRIES, COUNTRY_BY_CODE } from "../../countries.ts";
import { msg } from "../../messages.ts";
import { parseCatalogCsv } from "../../read/catalog-csv.ts";
import type { Inputs } from "../../read/inputs.ts";
import { parseYaml } from "../../read/yaml.ts";
import {
  CatalogMeta,
  EntitiesFile,
  GeographyFile,
  MeasuresFile,
  ProvidersFile,
  SourcesFile,
  type MacroGeo,
  type RegionList,
} from "../../schema/inputs.ts";
import { CATALOG_COLUMNS, type CatalogRegion } from "../../schema/catalog.ts";
import { validateCatalog } from "./catalog.ts";
import { checkRegionLists } from "./region-lists.ts";
import { validate, type Issues } from "./issues.ts";

export const REFERENCE = {
  providers: "reference/providers.yaml",
  sources: "reference/sources.yaml",
  measures: "reference/measures.yaml",
  entities: "reference/entities.yaml",
  geography: "reference/geography.yaml",
  regions: "reference/regions.csv",
  regionsMeta: "reference/regions.meta.yaml",
} as const;

/** The reference data; a file that failed to load is undefined (its problems are reported). */
export interface Reference {
  providers?: z.infer<typeof ProvidersFile> | undefined;
  sources?: z.infer<typeof SourcesFile> | undefined;
  measures?: MeasuresFile | undefined;
  entities?: EntitiesFile | undefined;
  geography?: GeographyFile | undefined;
  catalogMeta?: CatalogMeta | undefined;
  /** Provider id or alias → provider id. */
  aliasToProvider: ReadonlyMap<string, string>;
  /** Country code → macro-region, for every ISO 3166-1 alpha-2 code world-countries knows. */
  countryMacro: ReadonlyMap<string, MacroGeo>;
  /** The region catalog's valid rows. */
  catalog: CatalogRegion[];
  /** The providers' published region lists (region-lists.yaml), each id a catalog row. */
  regionLists: RegionList[];
}

/** One reference file, parsed and validated (undefined, with its problems added, when it is not valid). */
function loadReference<T>(inputs: Inputs, relPath: string, schema: z.ZodType<T>, out: Issues): T | undefined {
  const file = path.join(inputs.dataDir, relPath);
  const text = inputs.files.get(file);
  if (text === undefined) {
    out.add(file, undefined, "(file)", "missing-file", msg.missingFile("reference file"));
    return undefined;
  }
  const { parsed, issues } = parseYaml(file, text);
  out.addAll(issues);
  return parsed && validate(parsed, schema, parsed.value, [], "", out);
}

export function checkReference(inputs: Inputs, out: Issues): Reference {
  const d = (p: string) => path.join(inputs.dataDir, p);
  const providers = loadReference(inputs, REFERENCE.providers, ProvidersFile, out);
  const sources = loadReference(inputs, REFERENCE.sources, SourcesFile, out);
  const measures = loadReference(inputs, REFERENCE.measures, MeasuresFile, out);
  const entities = loadReference(inputs, REFERENCE.entities, EntitiesFile, out);
  const geography = loadReference(inputs, REFERENCE.geography, GeographyFile, out);
  const catalogMeta = loadReference(inputs, REFERENCE.regionsMeta, CatalogMeta, out);

  const aliasToProvider = new Map<string, string>();
  for (const [i, p] of (providers?.providers ?? []).entries()) {
    for (const alias of [p.provider_id, ...p.aliases]) {
      const other = aliasToProvider.get(alias);
      if (other !== undefined && other !== p.provider_id)
        out.add(d(REFERENCE.providers), undefined, `providers[${i}].aliases`, "reference", msg.duplicateAlias(alias, other, p.provider_id));
      aliasToProvider.set(alias, p.provider_id);
    }
  }
  const checkUnique = (file: string, kind: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const [i, x] of ids.entries()) {
      if (seen.has(x)) out.add(d(file), undefined, `${kind}[${i}]`, "reference", msg.duplicateReference(kind, x));
      seen.add(x);
    }
  };
  checkUnique(
    REFERENCE.providers,
    "provider",
    (providers?.providers ?? []).map((p) => p.provider_id),
  );
  checkUnique(
    REFERENCE.sources,
    "source",
    (sources?.sources ?? []).map((s) => s.source_id),
  );
  checkUnique(
    REFERENCE.measures,
    "measure",
    (measures?.measures ?? []).map((m) => m.measure_id),
  );
  checkUnique(
    REFERENCE.measures,
    "unit",
    (measures?.units ?? []).map((u) => u.unit_id),
  );
  checkUnique(
    REFERENCE.measures,
    "market",
    (measures?.markets ?? []).map((m) => m.market_id),
  );
  checkUnique(REFERENCE.entities, "entity", [
    ...(entities?.entities ?? []).map((e) => e.entity_id),
    ...(entities?.geographies ?? []).map((g) => g.geo_id),
    ...(entities?.sectors ?? []).map((s) => s.sector_id),
  ]);

  const countryMacro = new Map<string, MacroGeo>();
  if (geography) {
    for (const c of COUNTRIES) {
      const macro = geography.subregions[c.subregion];
      if (macro) countryMacro.set(c.cca2, macro);
    }
    for (const [i, o] of geography.overrides.entries()) {
      if (!COUNTRY_BY_CODE.has(o.country))
        out.add(d(REFERENCE.geography), undefined, `overrides[${i}].country`, "unknown-country", msg.unknownCountry(o.country));
      countryMacro.set(o.country, o.macro_geo);
    }
  }

  checkGeographies(entities, (at, rule, message) => out.add(d(REFERENCE.entities), undefined, at, rule, message));

  let catalog: CatalogRegion[] = [];
  let regionLists: RegionList[] = [];
  const regionsFile = d(REFERENCE.regions);
  const regionsText = inputs.files.get(regionsFile);
  if (regionsText === undefined) out.add(regionsFile, undefined, "(file)", "missing-file", msg.missingFile("region catalog"));
  else if (providers && geography) {
    const csv = parseCatalogCsv(regionsFile, regionsText, CATALOG_COLUMNS);
    out.addAll(csv.issues);
    const checked = validateCatalog(regionsFile, csv.records, {
      providers: new Set(providers.providers.map((p) => p.provider_id)),
      countries: new Set(COUNTRY_BY_CODE.keys()),
      countryMacro,
    });
    out.addAll(checked.issues);
    catalog = checked.regions;
    // The lists are checked against a sound catalog only: a broken one is reported on its own.
    if (csv.issues.length === 0 && checked.issues.length === 0)
      regionLists = checkRegionLists(inputs, new Set(providers.providers.map((p) => p.provider_id)), catalog, out);
  }

  return { providers, sources, measures, entities, geography, catalogMeta, aliasToProvider, countryMacro, catalog, regionLists };
}

/** Each geography has the shape its kind needs, and a country list names only what world-countries knows. */
function checkGeographies(entities: EntitiesFile | undefined, add: (at: string, rule: string, message: string) => void): void {
  const known = {
    region: [...new Set(COUNTRIES.map((c) => c.region))].sort(),
    subregion: [...new Set(COUNTRIES.map((c) => c.subregion))].sort(),
  };
  for (const [i, g] of (entities?.geographies ?? []).entries()) {
    const at = `geographies[${i}]`;
    const shapeOk = g.kind === "macro" ? !g.covers && !g.countries_from : (g.covers === undefined) !== (g.countries_from === undefined);
    if (!shapeOk) add(at, "geography-shape", msg.geographyShape(g.geo_id, g.kind));
    const sel = g.countries_from;
    if (!sel) continue;
    for (const kind of ["region", "subregion"] as const)
      for (const name of (kind === "region" ? sel.regions : sel.subregions) ?? [])
        if (!known[kind].includes(name))
          add(`${at}.countries_from.${kind}s`, "unknown-world-region", msg.unknownWorldRegion(kind, name, known[kind]));
    for (const field of ["add", "remove"] as const)
      for (const code of sel[field] ?? [])
        if (!COUNTRY_BY_CODE.has(code)) add(`${at}.countries_from.${field}`, "unknown-country", msg.unknownCountry(code));
  }
}
