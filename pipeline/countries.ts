/** ISO 3166-1 countries with their UN M49 region/subregion, from the maintained `world-countries` package. */
import { createRequire } from "node:module";
import type { Country } from "world-countries";

const require = createRequire(import.meta.url);
export const COUNTRIES: readonly Country[] = require("world-countries") as Country[];
export const COUNTRY_BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.cca2, c]));
