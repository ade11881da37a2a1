/**
 * ISO 3166-1 countries with their region/subregion, from the maintained `world-countries` package.
 * Its regions are close to the UN M49 geoscheme but not equal to it (data/reference/geography.yaml).
 */
import { createRequire } from "node:module";
import type { Country } from "world-countries";

const require = createRequire(import.meta.url);
export const COUNTRIES: readonly Country[] = require("world-countries") as Country[];
export const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.cca2, c]));
