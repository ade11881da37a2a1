/**
 * The region catalog: data/reference/regions.csv → validated rows, every problem at once.
 *
 * One row per cloud region of the six providers live by the catalog's as-of date (see
 * data/reference/regions.sources.md for where each row comes from). The read edge parses the file
 * (pipeline/read/catalog-csv.ts); each record is checked against `CatalogRecord`
 * (pipeline/schema/catalog.ts); then the
 * cross-file rules run:
 *
 *   unknown-provider   provider_id is not in data/reference/providers.yaml
 *   unknown-country    country is not an ISO 3166-1 alpha-2 code world-countries knows
 *   unmapped-country   country has no macro-region in data/reference/geography.yaml
 *   duplicate-region   the same provider lists the same region_code twice
 *   value-range        availability_zones above MAX_REGION_ZONES, or a running total of them past
 *                      the largest whole number a published count column holds (INT32_MAX): the
 *                      tables sum them per provider and macro-region
 *
 * Region codes are unique per provider only: AWS and Alibaba both have an `ap-southeast-7`.
 * Pure: the caller hands in the file's text (or its records) and the reference data.
 */
import { dataIssue, type DataIssue } from "../../errors.ts";
import { msg, zodErrorMap } from "../../messages.ts";
import { parseCatalogCsv, type CsvRecord } from "../../read/catalog-csv.ts";
import { CATALOG_COLUMNS, CatalogRecord, type CatalogRegion } from "../../schema/catalog.ts";
import type { MacroGeo } from "../../schema/inputs.ts";

/** More availability zones than any region has (the largest published is single-digit). */
export const MAX_REGION_ZONES = 1_000;
/** The largest value of a published whole-number column (Parquet INTEGER, 32 bits). */
export const INT32_MAX = 2 ** 31 - 1;

export interface CatalogReference {
  providers: ReadonlySet<string>;
  /** ISO 3166-1 alpha-2 codes the country package knows. */
  countries: ReadonlySet<string>;
  countryMacro: ReadonlyMap<string, MacroGeo>;
}

export interface ParsedCatalog {
  regions: CatalogRegion[];
  issues: DataIssue[];
}

/** Parses and validates regions.csv; returns the good rows and every issue found. */
export function parseCatalog(file: string, text: string, ref: CatalogReference): ParsedCatalog {
  const csv = parseCatalogCsv(file, text, CATALOG_COLUMNS);
  const checked = validateCatalog(file, csv.records, ref);
  return { regions: checked.regions, issues: [...csv.issues, ...checked.issues] };
}

/** Each record against `CatalogRecord`, then the cross-file rules. */
export function validateCatalog(file: string, records: readonly CsvRecord[], ref: CatalogReference): ParsedCatalog {
  const issues: DataIssue[] = [];
  const add = (line: number | undefined, path: string, rule: string, message: string) =>
    issues.push(dataIssue(file, line, path, rule, message));
  const regions: CatalogRegion[] = [];
  const firstLine = new Map<string, number>();
  let zones = 0;
  records.forEach(({ record: raw, line }, index) => {
    const label = `regions[${index}] (${raw["provider_id"] ?? "?"}/${raw["region_code"] ?? "?"})`;
    const result = CatalogRecord.safeParse(raw, { error: zodErrorMap });
    if (!result.success) {
      for (const issue of result.error.issues)
        add(line, `${label}.${issue.path.map(String).join(".") || "(record)"}`, "schema", msg.schema(issue.message));
      return;
    }
    const r = result.data;
    let ok = true;
    if (!ref.providers.has(r.provider_id)) {
      add(line, `${label}.provider_id`, "unknown-provider", msg.unknownProvider(r.provider_id, [...ref.providers]));
      ok = false;
    }
    const macro_geo = ref.countryMacro.get(r.country);
    if (!ref.countries.has(r.country)) {
      add(line, `${label}.country`, "unknown-country", msg.unknownCountry(r.country));
      ok = false;
    } else if (macro_geo === undefined) {
      add(line, `${label}.country`, "unmapped-country", msg.unmappedCountry(r.country));
      ok = false;
    }
    const az = r.availability_zones ?? 0;
    if (az > MAX_REGION_ZONES) {
      add(line, `${label}.availability_zones`, "value-range", msg.valueTooLarge(az, MAX_REGION_ZONES, "availability zones"));
      ok = false;
    } else if (zones <= INT32_MAX && (zones += az) > INT32_MAX) {
      add(line, `${label}.availability_zones`, "value-range", msg.sumTooLarge("availability zones", INT32_MAX));
      ok = false;
    }
    const key = `${r.provider_id}\u0000${r.region_code}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      add(line, `${label}.region_code`, "duplicate-region", msg.duplicateRegion(r.provider_id, r.region_code, first));
      ok = false;
    } else firstLine.set(key, line);
    if (ok && macro_geo !== undefined) regions.push({ ...r, line, macro_geo });
  });
  return { regions, issues };
}
