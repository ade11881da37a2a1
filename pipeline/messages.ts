/** Every message a user can see about bad input, in one place. Tests compare against these. */

const list = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(", ");
const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : String(v));

export const msg = {
  yamlSyntax: (detail: string) => `malformed YAML: ${detail}`,
  schema: (detail: string) => detail,
  missingFile: (what: string) => `missing ${what}`,
  notAFixture: () => `not a fixture: fixtures are .yaml files`,
  unknownDocument: (id: string, known: readonly string[]) => `unknown document_id ${show(id)}; documents with metadata in data/sources/: ${list(known)}`,
  sha256Mismatch: (file: string, expected: string, actual: string) => `${file} has sha256 ${actual}, but its metadata says ${expected}: the text changed, so every offset into it is suspect`,
  unknownSubject: (subject: string) => `unknown subject ${show(subject)}: not a provider alias (data/reference/providers.yaml) nor an entity id (data/reference/entities.yaml)`,
  unknownMeasure: (measure: string, known: readonly string[]) => `unknown measure ${show(measure)}; known: ${list(known)}`,
  unknownSource: (source: string, known: readonly string[]) => `unknown source ${show(source)} (data/reference/sources.yaml); known: ${list(known)}`,
  unknownMarket: (market: string, known: readonly string[]) => `unknown market ${show(market)}; known: ${list(known)}`,
  unknownObject: (object: string) => `unknown object ${show(object)}: not a geography, sector or ISO 3166-1 alpha-2 country code`,
  unitNotAllowed: (unit: string | null, measure: string, allowed: readonly string[]) =>
    allowed.length === 0 ? `measure ${show(measure)} is qualitative: unit must be null, got ${show(unit)}` : `unit ${show(unit)} is not allowed for measure ${show(measure)}; allowed: ${list(allowed)}`,
  valueRequired: (measure: string) => `measure ${show(measure)} is quantitative: value, unit and qualifier are required`,
  valueForbidden: (measure: string) => `measure ${show(measure)} is qualitative: value, unit and qualifier must be null`,
  marketRequired: () => `market_share needs a market (data/reference/measures.yaml markets)`,
  objectRequired: (measure: string) => `measure ${show(measure)} needs an object (a geography, country code or sector)`,
  percentRange: (value: number) => `a percent must be between 0 and 100, got ${value}`,
  fractionRange: (value: number) => `a fraction must be between 0 and 1, got ${value}`,
  countInvalid: (value: number) => `a count must be a whole number ≥ 0, got ${value}`,
  rankInvalid: (value: number) => `a rank must be a whole number ≥ 1, got ${value}`,
  negativeValue: (value: number) => `must not be negative, got ${value}`,
  sharesAbove100: (source: string, market: string, period: string, total: number, ids: readonly string[]) =>
    `${source}'s ${market} shares for ${period} sum to ${total}%, above 100% (${ids.join(", ")})`,
  duplicateId: (id: string, firstAt: string) => `duplicate fact id ${show(id)}, first used at ${firstAt}`,
  badOffsets: (start: number, end: number) => `char_end (${end}) must be greater than char_start (${start})`,
  quoteMismatch: (start: number, end: number, found: string, occurrences: ReadonlyArray<readonly [number, number]>) =>
    `quote not found at ${start}–${end} (the text there is ${JSON.stringify(found)}); ${
      occurrences.length === 0 ? "the quote does not occur anywhere in the document" : `it occurs at ${occurrences.map(([s, e]) => `${s}–${e}`).join(", ")}`
    }`,
  badPeriod: (period: string) => `period ${show(period)} does not parse; use 2025-Q2, Q2 2025, 2024, 2025-02, July 2025, 2025-H2 or 2025-09-30`,
  duplicateReference: (kind: string, id: string) => `duplicate ${kind} ${show(id)}`,
  duplicateAlias: (alias: string, a: string, b: string) => `alias ${show(alias)} names both ${a} and ${b}`,
  unknownCountry: (code: string) => `unknown ISO 3166-1 alpha-2 country code ${show(code)}`,
  // --- region catalog (data/reference/regions.csv) ---
  csvSyntax: (detail: string) => `malformed CSV: ${detail}`,
  csvColumns: (missing: readonly string[], unknown: readonly string[], expected: readonly string[]) =>
    [missing.length > 0 ? `missing column(s) ${list(missing)}` : "", unknown.length > 0 ? `unknown column(s) ${list(unknown)}` : ""].filter(Boolean).join("; ") + `; expected: ${list(expected)}`,
  unknownProvider: (provider: string, known: readonly string[]) => `unknown provider ${show(provider)} (data/reference/providers.yaml); known: ${list(known)}`,
  unmappedCountry: (code: string) => `country ${show(code)} has no macro-region: add its world-countries subregion or an override to data/reference/geography.yaml`,
  duplicateRegion: (provider: string, code: string, firstLine: number) => `duplicate region ${show(code)} for ${provider}, first listed on line ${firstLine}`,
};
