/**
 * The providers' published region lists (data/reference/region-lists.yaml) → validated lists, every
 * problem at once. The file is optional: without it, claims are checked under the catalog's status
 * definitions only. Cross-file rules, after the schema:
 *
 *   duplicate-list           the same list_id twice
 *   unknown-provider         provider_id is not in data/reference/providers.yaml
 *   list-region-not-in-catalog  listed ids that are not rows of regions.csv for that provider (one issue per list)
 *   duplicate-list-region    a list names the same id twice
 *
 * Pure: the caller hands in the file's text and the validated catalog.
 */
import path from "node:path";
import { msg } from "../../messages.ts";
import type { Inputs } from "../../read/inputs.ts";
import { parseYaml } from "../../read/yaml.ts";
import type { CatalogRegion } from "../../schema/catalog.ts";
import { RegionListsFile, type RegionList } from "../../schema/inputs.ts";
import { validate, type Issues } from "./issues.ts";

export const REGION_LISTS_FILE = "reference/region-lists.yaml";

/** The lists of region-lists.yaml that pass every rule (none when the file is absent). */
export function checkRegionLists(
  inputs: Inputs,
  providers: ReadonlySet<string>,
  catalog: readonly CatalogRegion[],
  out: Issues,
): RegionList[] {
  const file = path.join(inputs.dataDir, REGION_LISTS_FILE);
  const text = inputs.files.get(file);
  if (text === undefined) return [];
  const { parsed, issues } = parseYaml(file, text);
  out.addAll(issues);
  if (!parsed) return [];
  const data = validate(parsed, RegionListsFile, parsed.value, [], "", out);
  if (!data) return [];
  const codesOf = new Map<string, Set<string>>();
  for (const r of catalog) {
    const set = codesOf.get(r.provider_id) ?? new Set<string>();
    set.add(r.region_code);
    codesOf.set(r.provider_id, set);
  }
  const seenIds = new Set<string>();
  const good: RegionList[] = [];
  data.lists.forEach((list, i) => {
    const at = (...keys: Array<string | number>) => parsed.lineAt(["lists", i, ...keys]);
    const label = `lists[${i}] (${list.list_id})`;
    const before = out.list.length;
    if (seenIds.has(list.list_id))
      out.add(file, at("list_id"), `${label}.list_id`, "duplicate-list", msg.duplicateReference("region list", list.list_id));
    seenIds.add(list.list_id);
    if (!providers.has(list.provider_id))
      out.add(file, at("provider_id"), `${label}.provider_id`, "unknown-provider", msg.unknownProvider(list.provider_id, [...providers]));
    const known = codesOf.get(list.provider_id) ?? new Set<string>();
    const seen = new Set<string>();
    list.region_codes.forEach((code, j) => {
      if (seen.has(code))
        out.add(
          file,
          at("region_codes", j),
          `${label}.region_codes[${j}]`,
          "duplicate-list-region",
          msg.duplicateListRegion(list.list_id, code),
        );
      seen.add(code);
    });
    // One issue per list, naming every id the catalog lacks (a replaced catalog would otherwise give hundreds).
    const missing = [...seen].filter((code) => !known.has(code));
    if (missing.length > 0)
      out.add(
        file,
        at("region_codes"),
        `${label}.region_codes`,
        "list-region-not-in-catalog",
        msg.listRegionsNotInCatalog(list.list_id, list.provider_id, missing),
      );
    if (out.list.length === before) good.push(list);
  });
  return good;
}
