/** Every message a user can see about bad input, in one place. Tests compare against these. */
import type { z } from "zod";
import { describeInput, expectedGot } from "./schema/inputs.ts";
import { excerpt } from "./text.ts";

/** Input text in a message: a bounded excerpt, quoted (formatIssue makes the whole line terminal-safe). */
const list = (xs: readonly string[]) => xs.map((x) => excerpt(x)).join(", ");
const show = (v: unknown) => (typeof v === "string" ? excerpt(v) : String(v));
/** A parser's own message, which may quote the input: at most 200 code points. */
const clip = (detail: string, max = 200) => {
  const cps = Array.from(detail.length > max * 2 ? detail.slice(0, max * 2) : detail);
  return cps.length > max ? `${cps.slice(0, max - 1).join("")}…` : detail;
};
const plural = (n: number | bigint, one: string, many = `${one}s`) => `${n} ${Number(n) === 1 ? one : many}`;

/** zod's type names as a user reads them. */
const TYPE_NAMES: Record<string, string> = {
  string: "a text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (field: value)",
  record: "a mapping (key: value)",
  array: "a list",
  null: "null",
  undefined: "nothing",
  bigint: "a whole number",
  date: "a date",
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/** What a schema check expected, in words (for too_small / too_big). */
function bound(iss: { origin: string; inclusive?: boolean; exact?: boolean }, limit: number | bigint, dir: "min" | "max"): string {
  const cmp = iss.exact
    ? "exactly"
    : dir === "min"
      ? iss.inclusive === false
        ? "more than"
        : "at least"
      : iss.inclusive === false
        ? "fewer than"
        : "at most";
  switch (iss.origin) {
    case "string":
      return dir === "min" && limit === 1 && !iss.exact ? "a non-empty text" : `a text of ${cmp} ${plural(limit, "character")}`;
    case "array":
    case "set":
      return dir === "min" && limit === 1 && !iss.exact ? "a non-empty list" : `a list of ${cmp} ${plural(limit, "item")}`;
    default: {
      const op = dir === "min" ? (iss.inclusive === false ? ">" : "≥") : iss.inclusive === false ? "<" : "≤";
      return `a ${iss.origin === "int" ? "whole number" : "number"} ${op} ${limit}`;
    }
  }
}

/**
 * zod's error map for every input schema (passed to `safeParse`): each message says what was
 * expected and what was got, e.g. `expected a number, got "4%"`. Messages a schema sets itself
 * (inputs.ts `RULES`) take precedence and use the same wording.
 */
export const zodErrorMap = (iss: RawIssue): string => {
  switch (iss.code) {
    case "invalid_type": {
      // z.int() reports a text as "expected number"; its format says it wants a whole number.
      const format = (iss.inst as { format?: unknown } | undefined)?.format;
      return expectedGot(
        typeName(iss.expected === "number" && typeof format === "string" && format.includes("int") ? "int" : iss.expected),
        iss.input,
      );
    }
    case "too_small":
      return expectedGot(bound(iss, iss.minimum, "min"), iss.input);
    case "too_big":
      return expectedGot(bound(iss, iss.maximum, "max"), iss.input);
    case "invalid_value":
      return expectedGot(iss.values.length === 1 ? show(iss.values[0]) : `one of ${iss.values.map(show).join(", ")}`, iss.input);
    case "invalid_format":
      return expectedGot(iss.pattern ? `a text matching ${iss.pattern}` : `a ${iss.format}`, iss.input);
    case "not_multiple_of":
      return expectedGot(`a multiple of ${iss.divisor}`, iss.input);
    case "unrecognized_keys":
      return msg.unknownFields(iss.keys);
    case "invalid_union": {
      // Every option failed. If one failed on its type only, the value had the other options'
      // type: report that option's own message (e.g. an empty text). Otherwise list the types.
      const firsts = iss.errors.map((errs) => errs[0]);
      const sameType = firsts.find((e) => e !== undefined && e.code !== "invalid_type");
      if (sameType) return sameType.message;
      const types = [
        ...new Set(
          firsts.map((e) => (e?.code === "invalid_type" ? typeName(e.expected) : undefined)).filter((t): t is string => t !== undefined),
        ),
      ];
      return expectedGot(types.length > 0 ? types.join(" or ") : "another kind of value", iss.input);
    }
    default:
      return expectedGot("another value", iss.input);
  }
};

export const msg = {
  /** The wording of every schema message: `expected a number, got "4%"`, or `missing: expected …`. */
  expected: (what: string, got: unknown) => expectedGot(what, got),
  describe: (got: unknown) => describeInput(got),
  typeName,
  unknownFields: (keys: readonly string[]) => (keys.length === 1 ? `unknown field ${show(keys[0])}` : `unknown fields ${list(keys)}`),
  unknownField: (key: string, suggestion: string | undefined, allowed: readonly string[]) =>
    suggestion !== undefined
      ? `unknown field ${show(key)}; did you mean ${show(suggestion)}?`
      : `unknown field ${show(key)}; the fields are ${list(allowed)}`,
  yamlSyntax: (detail: string, line?: number, col?: number) =>
    `malformed YAML${line === undefined ? "" : ` at line ${line}, column ${col ?? 1}`}: ${detail}`,
  jsonSyntax: (detail: string, line?: number, col?: number) =>
    `malformed JSON${line === undefined ? "" : ` at line ${line}, column ${col ?? 1}`}: ${clip(detail)}`,
  duplicateDocument: (id: string, other: string) =>
    `document_id ${show(id)} is already described by ${other}: one metadata file per document`,
  unknownAnchor: (anchor: string) => `the alias *${anchor} refers to no anchor &${anchor} above it`,
  yamlMoreErrors: (n: number) => `and ${plural(n, "more YAML error")} after it, which may follow from the first: fix it and run again`,
  schema: (detail: string) => detail,
  /** A parser's own words (they may quote the input), clipped to 200 characters. */
  parserDetail: (detail: string) => clip(detail),
  unreadableFile: (detail: string) => `cannot read the file: ${detail}`,
  // --- the read edge's policy (pipeline/read/inputs.ts) ---
  linkOutside: () =>
    "a link to a place outside the data folder: not read (inputs must be inside the data folder; copy the file in instead of linking to it)",
  brokenLink: () => "a link to nothing (its target does not exist): not read",
  notARegularFile: (kind: string, viaLink: boolean) =>
    `${viaLink ? "a link to " : ""}${kind}, not a regular file: not read (only regular files are inputs; move it out of the data folder)`,
  notAFolder: () => "not a folder: the data folder's fixtures/, reference/ and sources/ must be folders",
  hiddenFile: () => "a hidden file (its name begins with '.'): not read; rename it or move it out of the data folder",
  notUtf8: (offset: number, line: number, byte: number) =>
    `not UTF-8: byte 0x${byte.toString(16).padStart(2, "0")} at byte offset ${offset} (0-based, line ${line}) does not begin a valid UTF-8 sequence; save the file as UTF-8`,
  missingFile: (what: string) => `missing ${what}`,
  notAFixture: () => `not a fixture: fixtures are .yaml (hand-edited) or .jsonl (bulk, one claim per line) files`,
  unknownDocument: (id: string, known: readonly string[]) =>
    `unknown document_id ${show(id)}; documents with metadata in data/sources/: ${list(known)}`,
  sha256Mismatch: (file: string, expected: string, actual: string) =>
    `${file} has sha256 ${actual}, but its metadata says ${expected}: the text changed, so every offset into it is suspect`,
  unknownSubject: (subject: string) =>
    `unknown subject ${show(subject)}: not a provider alias (data/reference/providers.yaml) nor an entity id (data/reference/entities.yaml)`,
  unknownMeasure: (measure: string, known: readonly string[]) => `unknown measure ${show(measure)}; known: ${list(known)}`,
  unknownSource: (source: string, known: readonly string[]) =>
    `unknown source ${show(source)} (data/reference/sources.yaml); known: ${list(known)}`,
  unknownMarket: (market: string, known: readonly string[]) => `unknown market ${show(market)}; known: ${list(known)}`,
  unknownObject: (object: string) =>
    `unknown object ${show(object)}: not a geography, sector, entity (data/reference/entities.yaml) or ISO 3166-1 alpha-2 country code`,
  kindForMeasure: (kind: string, measure: string, measureKind: string) =>
    measureKind === "quantitative"
      ? `kind ${show(kind)} states no number, but measure ${show(measure)} is quantitative: use figure or ranking`
      : `kind ${show(kind)} states a number, but measure ${show(measure)} is qualitative: use geography, fact, forecast, opinion, judgement, recommendation or caveat`,
  kindForUnit: (kind: string, unit: string) =>
    kind === "ranking"
      ? `kind "ranking" needs a rank, got unit ${show(unit)}: use figure`
      : `unit ${show(unit)} is a rank: kind must be ranking, got ${show(kind)}`,
  kindForSpeaker: (kind: string, speaker: string, speakerKind: string) =>
    kind === "judgement"
      ? `a judgement is the article's own evaluation, but speaker ${show(speaker)} is a ${speakerKind}: use opinion`
      : `an opinion is someone the article quotes or reports, but speaker ${show(speaker)} is the publisher: use judgement`,
  unitNotAllowed: (unit: string | null, measure: string, allowed: readonly string[]) =>
    allowed.length === 0
      ? `measure ${show(measure)} is qualitative: unit must be null, got ${show(unit)}`
      : `unit ${show(unit)} is not allowed for measure ${show(measure)}; allowed: ${list(allowed)}`,
  valueRequired: (measure: string) => `measure ${show(measure)} is quantitative: value, unit and qualifier are required`,
  valueForbidden: (measure: string) => `measure ${show(measure)} is qualitative: value, unit and qualifier must be null`,
  marketRequired: () => `market_share needs a market (data/reference/measures.yaml markets)`,
  objectRequired: (measure: string) => `measure ${show(measure)} needs an object (a geography, country code, sector or entity)`,
  percentRange: (value: number) => `a percent must be between 0 and 100, got ${value}`,
  fractionRange: (value: number) => `a fraction must be between 0 and 1, got ${value}`,
  countInvalid: (value: number) => `a count must be a whole number ≥ 0, got ${value}`,
  rankInvalid: (value: number) => `a rank must be a whole number ≥ 1, got ${value}`,
  negativeValue: (value: number) => `must not be negative, got ${value}`,
  valueTooLarge: (value: number, max: number, unit: string) => `too large: at most ${max} ${unit}, got ${value}`,
  sumTooLarge: (what: string, max: number) =>
    `the file's ${what} add up past ${max} here, the largest whole number the published tables hold (they sum them)`,
  sharesAbove100: (source: string, market: string, period: string, total: number, ids: readonly string[]) =>
    `${source}'s ${market} shares for ${period} sum to ${total}%, above 100% (${ids.join(", ")})`,
  duplicateId: (id: string, firstAt: string) => `duplicate fact id ${show(id)}, first used at ${firstAt}`,
  badOffsets: (start: number, end: number) => `char_end (${end}) must be greater than char_start (${start})`,
  quoteMismatch: (start: number, end: number, found: string, occurrences: ReadonlyArray<readonly [number, number]>) =>
    `quote not found at ${start}–${end} (the text there is ${excerpt(found)}); ${
      occurrences.length === 0
        ? "the quote does not occur anywhere in the document"
        : `it occurs at ${occurrences.map(([s, e]) => `${s}–${e}`).join(", ")}`
    }`,
  badPeriod: (period: string) =>
    `period ${show(period)} does not parse; use 2025-Q2, Q2 2025, 2024, 2025-02, July 2025, 2025-H2 or 2025-09-30`,
  duplicateReference: (kind: string, id: string) => `duplicate ${kind} ${show(id)}`,
  duplicateAlias: (alias: string, a: string, b: string) => `alias ${show(alias)} names both ${a} and ${b}`,
  unknownCountry: (code: string) => `unknown ISO 3166-1 alpha-2 country code ${show(code)}`,
  unknownWorldRegion: (kind: "region" | "subregion", name: string, known: readonly string[]) =>
    `unknown world-countries ${kind} ${show(name)}; known: ${list(known)}`,
  geographyShape: (geoId: string, kind: "macro" | "composite") =>
    kind === "macro"
      ? `macro-region ${show(geoId)} takes its countries from geography.yaml: no covers, no countries_from`
      : `composite geography ${show(geoId)} needs exactly one of covers (macro-regions) or countries_from (its own country list)`,
  // --- cited figures (data/citations/) ---
  notACitationFile: () => `not a citation file: data/citations/ holds .yaml files (one per firm or series)`,
  duplicateCitation: (id: string, firstAt: string) => `duplicate citation id ${show(id)}, first used at ${firstAt}`,
  badUrl: (url: string) => `url ${show(url)} is not a web address (https://host/path)`,
  firmRequired: () => `no firm: give firm at the top of the file or on the citation (data/reference/sources.yaml)`,
  badDate: (date: string) => `${show(date)} is not a calendar date (YYYY-MM-DD, or YYYY-MM for published)`,
  readBeforePublished: (published: string, read: string) => `published ${published} is after the date read ${read}`,
  marketSizeSubject: (subject: string) => `a market_size figure is about the whole market: subject must be "market", got ${show(subject)}`,
  periodAfterPublication: (period: string, end: string, published: string) =>
    `period ${period} ends ${end}, after the page was published (${published}): a page cannot report a period not yet over`,
  printedUnreadable: (printed: string) =>
    `printed ${show(printed)} does not read as a figure; copy it as the page shows it ("32%", "$99 billion", "54,648")`,
  printedValue: (printed: string, read: number, value: number) => `printed ${show(printed)} reads as ${read}, but value is ${value}`,
  printedUnit: (printed: string, read: string, unit: string) => `printed ${show(printed)} is in ${read}, but unit is ${unit}`,
  citedUnit: (unit: string, measure: string) =>
    `unit ${unit} does not fit ${measure}: market_share is in percent, market_size and cloud_revenue in money`,
  duplicateCitedFact: (subject: string, measure: string, period: string) =>
    `this citation already has a ${measure} figure for ${show(subject)} in ${period}: one fact per figure`,
  citedSharesAbove100: (citation: string, period: string, total: number) =>
    `${citation}'s shares for ${period} sum to ${total}%, above 100%`,
  // --- region catalog (data/reference/regions.csv) ---
  csvSyntax: (detail: string, line?: number, column?: string | number) =>
    `malformed CSV${line === undefined ? "" : ` at line ${line}`}${column === undefined ? "" : `, column ${show(column)}`}: ${detail}`,
  chartSkipped: (name: string, points: number, max: number) =>
    `charts: ${name} not drawn: ${points} data points, over the ${max} a static chart is drawn from (its figures are in the tables)`,
  reportSkipped: (facts: number, max: number) =>
    `report: not written: ${facts} facts, over the ${max} the report is made for (the tables, the data package and the charts that could be drawn are written)`,
  workbookSkipped: (rows: number, max: number) =>
    `workbook: not written: ${rows} rows in all, over the ${max} the Excel workbook is made for (the CSV and Parquet files hold every table)`,
  reportChartWithoutSvg: (name: string) => `report: chart ${name} has a spec but no SVG`,
  reportBundleMissing: (library: string) => `report: the ${library} bundle is missing from the report's assets`,
  parquetFailed: (error: string) => `DuckDB could not write the Parquet copy of the CSV: ${error}`,
  csvMoreErrors: (n: number) => `and ${plural(n, "more CSV error")} after it, which may follow from it: fix it and run again`,
  csvColumns: (missing: readonly string[], unknown: readonly string[], expected: readonly string[]) =>
    `${[missing.length > 0 ? `missing column(s) ${list(missing)}` : "", unknown.length > 0 ? `unknown column(s) ${list(unknown)}` : ""]
      .filter(Boolean)
      .join("; ")}; expected: ${list(expected)}`,
  unknownProvider: (provider: string, known: readonly string[]) =>
    `unknown provider ${show(provider)} (data/reference/providers.yaml); known: ${list(known)}`,
  unmappedCountry: (code: string) =>
    `country ${show(code)} has no macro-region: add its world-countries subregion or an override to data/reference/geography.yaml`,
  duplicateRegion: (provider: string, code: string, firstLine: number) =>
    `duplicate region ${show(code)} for ${provider}, first listed on line ${firstLine}`,
  // --- region lists (data/reference/region-lists.yaml) ---
  listRegionsNotInCatalog: (id: string, provider: string, codes: readonly string[]) =>
    `region list ${show(id)} names ${codes.length} id(s) that are not ${provider} rows of data/reference/regions.csv: ${list(codes)}; add each region to the catalog`,
  duplicateListRegion: (list: string, code: string) => `region list ${show(list)} names ${show(code)} twice`,
  // --- the command line and the output folder ---
  usage: () => "usage: npm run pipeline -- [--data DIR] [--out DIR] [--check]   (npm run check = --check: validate only, write nothing)",
  help: (options: ReadonlyArray<readonly [string, string]>) =>
    [
      "usage: npm run pipeline -- [options]",
      "",
      "Builds every table (CSV, Parquet, the Excel workbook, DuckDB views in atlas.sql), chart and the report",
      "from the data folder into the output folder (docs/architecture.md).",
      "Exit codes: 0 success; 1 bad input (every problem listed); 2 bad usage; 3 internal error (DEBUG=1 for the stack).",
      "",
      "options:",
      ...options.map(([flag, what]) => `  ${flag.padEnd(16)} ${what}`),
    ].join("\n"),
  badArguments: (detail: string) => `bad arguments: ${detail}`,
  dataDirMissing: (dir: string) => `data folder ${dir} does not exist (it should hold fixtures/, reference/ and sources/)`,
  refuseOutput: (out: string) =>
    `refusing to write to ${out}: it is the project root, a parent of it, your home folder, or a system folder`,
  refuseOutputInData: (out: string, data: string) =>
    `refusing to write to ${out}: it is the data folder ${data}, inside it, or a parent of it`,
  outputNotAFolder: (out: string) => `refusing to write to ${out}: it is a file, not a folder`,
  outputNotOurs: (out: string, manifest: string) =>
    `refusing to write to ${out}: it holds files but no ${manifest}, so it is not a folder this pipeline wrote; choose a new or empty folder`,
  tableEmptied: (table: string, before: number) =>
    `${table} would be published with 0 rows, down from ${before}: refused (a table that had rows must not be emptied by accident); if this is intended, run again with --allow-shrink`,
  tableShrunk: (table: string, before: number, after: number, max: number) =>
    `${table} would shrink from ${before} to ${after} rows (−${Math.round(((before - after) / before) * 100)}%), more than the ${Math.round(max * 100)}% a run may drop: refused; if this is intended, run again with --allow-shrink`,
  documentWithoutClaims: (id: string) =>
    `document ${show(id)} has metadata but no claims: no fixture in data/fixtures/ quotes it (a fixture that is missing or unreadable would publish it empty)`,
  outputDanglingLink: (out: string) =>
    `refusing to write to ${out}: it is a link to a folder that does not exist; create the folder it points to or remove the link`,
  outputNotWritable: (where: string, code: string) =>
    `cannot write the output: ${where} is not writable (${code}); nothing was changed: fix its permissions or choose another --out, then run again`,
  outputLeftAlone: (dir: string) => `left ${dir} alone: it looks like a leftover of a run, but no run journal proves it is this pipeline's`,
  outputCleanupFailed: (dir: string, code: string) =>
    `could not remove ${dir} (${code}); the new output is in place: remove it by hand (the next run tries again)`,
  userEntryCollides: (rel: string) =>
    `output entry ${rel} is not in the previous manifest (so it is yours), but this run writes that path: move it elsewhere and run again; nothing was changed`,
  cannotKeep: (rel: string, code: string) =>
    `cannot keep your ${rel} in the new output (${code}); nothing was changed: move it out of the output folder and run again`,
  outputRestored: (from: string, to: string) => `restored ${to} from ${from}, left behind by a run that was stopped while swapping folders`,
  staleRemoved: (dir: string) => `removed ${dir}, left behind by a run that was stopped`,
  outputsWritten: (files: number, dir: string) => `write: ${files} files written to ${dir}`,
  // --- the CLI's report ---
  problems: (kind: "data" | "usage", stage: string, n: number) =>
    `${kind === "usage" ? "usage error" : "invalid input"} (${stage}): ${plural(n, "problem")}`,
  nothingWritten: () => "Nothing was written; the previous outputs are unchanged.",
  checkOk: () => "check: all inputs are valid (nothing written)",
  internalError: (detail: string, after: string | undefined) =>
    `internal error${after === undefined ? "" : ` (after the ${after} stage)`}: ${detail}`,
  internalErrorHint: (debug: boolean) =>
    `This is not a problem in your data but a bug in the pipeline or a problem of the machine (disk, permissions); the previous outputs are unchanged. ${
      debug ? "The stack trace follows." : "Rerun with DEBUG=1 to see the stack trace."
    }`,
};

/** The JSON Lines fixtures' own syntax messages (pipeline/read/jsonl.ts). */
export const jsonlMessages = {
  syntax: (detail: string) => `malformed JSON: ${clip(detail)}`,
  notAnObject: () => `expected one JSON object per line`,
  header: () => `the first line must be the header {"document_id": "..."} naming the document the claims quote`,
};
