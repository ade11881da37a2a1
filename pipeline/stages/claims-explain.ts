/**
 * The one-line explanations of claims_check, built only from the figures they state (a `Figure`,
 * computed in claims-check.ts from the catalog). test/stages/claims-explain.test.ts re-derives every
 * number of every explanation from data/reference/regions.csv on its own.
 */
import { round } from "../numbers.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type { Row } from "../schema/tables.ts";

type Qualifier = NonNullable<Row<"facts">["qualifier"]>;

/** What a check found under one definition: the numbers, and the regions behind them. */
export type Figure =
  | { kind: "count"; name: string; n: number }
  | { kind: "zones"; name: string; n: number; zones: number; unpublished: number }
  | { kind: "no_zones"; name: string; n: number }
  | { kind: "share"; name: string; k: number; n: number; geo: string; tolerance: number }
  | { kind: "in"; name: string; geo: string; regions: readonly CatalogRegion[] }
  | { kind: "mainly"; name: string; joint: number; n: number; geos: readonly string[]; geo: string; here: number }
  | { kind: "absent"; name: string; geo: string; exceptions: readonly string[]; found: readonly CatalogRegion[] }
  /** A zone count under a definition that does not reproduce the same sentence's region count. */
  | { kind: "other_regions"; zones: Figure; n: number | null; article: number }
  | { kind: "no_list"; name: string }
  | { kind: "empty"; name: string }
  | { kind: "unchecked"; measure: string };

/** The article's figure as the claim states it. */
export interface Stated {
  value: number | null;
  qualifier: Qualifier;
  unit: string | null;
}

/** A fraction as a percentage with one decimal, from the exact ratio. */
export const pct = (x: number) => `${round(x * 100, 1)}%`;
const QUALIFIER_TEXT: Record<Qualifier, string> = { exact: "", approximately: "around ", over: "over ", at_least: "at least " };

function body(f: Figure): string {
  switch (f.kind) {
    case "count":
      return `${f.n} ${f.name} regions`;
    case "zones":
      return f.unpublished > 0
        ? `at least ${f.zones} zones (${f.unpublished} of ${f.n} regions publish no count)`
        : `${f.zones} zones over ${f.n} regions`;
    case "no_zones":
      return `no availability-zone count is published for the ${f.n} ${f.name} regions counted`;
    case "share":
      return `${f.k} of ${f.n} ${f.name} regions in ${f.geo} (${pct(f.k / f.n)})`;
    case "in":
      return f.regions.length > 0
        ? `${f.regions.length} ${f.name} region(s) in ${f.geo}: ${listRegions(f.regions)}`
        : `no ${f.name} region in ${f.geo}`;
    case "mainly":
      return `${f.joint} of ${f.n} ${f.name} regions (${pct(f.joint / f.n)}) are in ${f.geos.join(" + ")}; ${f.here} in ${f.geo}`;
    case "absent": {
      const exc = f.exceptions.length > 0 ? ` apart from ${f.exceptions.join(", ")}, which the article names` : "";
      const found = f.found.map((r) => `${r.region_code} (${r.country}, ${r.status})`).join(", ");
      return f.found.length === 0
        ? `no ${f.name} region in ${f.geo}${exc}`
        : `${f.found.length} ${f.name} region(s) in ${f.geo}${exc}: ${found}`;
    }
    case "other_regions":
      return `${f.n ?? "no"} regions here, not the ${f.article} of the same sentence, so the zones are not compared (${body(f.zones)})`;
    case "no_list":
      return `the catalog does not record which ${f.name} regions are in its own list`;
    case "empty":
      return `no ${f.name} regions under this definition`;
    case "unchecked":
      return `measure ${f.measure} is not checked`;
  }
}

/** `<definition>: <what the catalog shows>; the article says <figure> → <result>`. */
export function explain(label: string, f: Figure, stated: Stated, holds: boolean | null): string {
  const figure =
    stated.value === null ? "" : `${QUALIFIER_TEXT[stated.qualifier]}${stated.unit === "fraction" ? pct(stated.value) : stated.value}`;
  const around = f.kind === "share" && stated.qualifier === "approximately" ? ` (±${round(f.tolerance * 100, 1)}% for "around")` : "";
  const says =
    figure === "" || f.kind === "in" || f.kind === "absent" || f.kind === "mainly" ? "" : `; the article says ${figure}${around}`;
  const result = f.kind === "other_regions" ? "not compared" : holds === null ? "cannot tell" : holds ? "holds" : "does not hold";
  return `${label}: ${body(f)}${says} → ${result}`;
}

/** Region codes when there are a few, else regions per country: keeps an explanation to one line. */
function listRegions(rows: readonly CatalogRegion[]): string {
  if (rows.length <= 6) return rows.map((r) => r.region_code).join(", ");
  const perCountry = new Map<string, number>();
  for (const r of rows) perCountry.set(r.country, (perCountry.get(r.country) ?? 0) + 1);
  return [...perCountry]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([c, k]) => `${c} ${k}`)
    .join(", ");
}
