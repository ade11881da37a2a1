/**
 * Bad input, named kind by kind: each case edits a copy of the real files and asserts the exact
 * issues (file, line, record and field path, rule, message built with the msg.* functions). A
 * handful run the real CLI on a copy of data/ and a copy of a previous output, and check the exit
 * code, the report on stderr (no stack trace) and that the output folder is byte-identical after.
 */
import { createHash } from "node:crypto";
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, test } from "vitest";
import { CATALOG_COLUMNS } from "../pipeline/schema/catalog.ts";
import { COUNTRIES } from "../pipeline/countries.ts";
import { formatIssue, PipelineError, type DataIssue } from "../pipeline/errors.ts";
import { msg } from "../pipeline/messages.ts";
import { CLAIM_KINDS, QUALIFIERS, RULES } from "../pipeline/schema/inputs.ts";
import { silentContext } from "../pipeline/stages/context.ts";
import type { Inputs } from "../pipeline/read/inputs.ts";
import { extract } from "../pipeline/stages/extract.ts";
import { copyData, OUTPUT, realInputs, ROOT, runCli, snapshot, tempDir, withFiles } from "./helpers.ts";
import { bothVerdicts } from "./support/verdicts.ts";

/** Every file under `dir` with the sha256 of its bytes (folders too), to compare before and after. */

const FIX = "data/fixtures/dual-ai-stack-article.yaml";
const META = "data/sources/dual-ai-stack-article.meta.yaml";
const ARTICLE = "data/sources/dual-ai-stack-article.txt";
const PROVIDERS = "data/reference/providers.yaml";
const MEASURES = "data/reference/measures.yaml";
const REGIONS = "data/reference/regions.csv";
const LISTS = "data/reference/region-lists.yaml";
const ENTITIES = "data/reference/entities.yaml";

const inputs = realInputs();
const original = (file: string) => inputs.files.get(file)!;
const real = extract(inputs, silentContext);
const COUNTRY_SUBREGIONS = COUNTRIES.map((c) => c.subregion);

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
const editFile = (file: string, from: string, to: string) => ({ [file]: edit(original(file), from, to) });
/** 1-based line of the one occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(needle)} must occur exactly once`);
  return text.slice(0, at).split("\n").length;
}
/** The record label extract uses: `claims[31] (aws-regions)`, plus a field. */
function at(id: string, field?: string): string {
  const claim = real.claims.find((c) => c.record.id === id)!;
  return `claims[${claim.index}] (${id})${field === undefined ? "" : `.${field}`}`;
}
const issue = (file: string, line: number | undefined, p: string, rule: string, message: string): DataIssue =>
  line === undefined ? { file, path: p, rule, message } : { file, line, path: p, rule, message };

function issuesOf(changed: Inputs): readonly DataIssue[] {
  try {
    extract(changed, silentContext);
  } catch (error) {
    if (error instanceof PipelineError && error.kind === "data") return error.issues;
    throw error;
  }
  return [];
}

// The one-line claim the flow-mapping cases edit, and where its quote sits in the article.
const AWS = `{ <<: *footprint, id: aws-regions, subject: AWS, measure: regions, value: 38, quote: "AWS offers 38", char_start: 1761, char_end: 1774 }`;
const awsLine = lineOf(original(FIX), AWS);
const awsWith = (from: string, to: string) => editFile(FIX, AWS, edit(AWS, from, to));
const article = original(ARTICLE);
const slice = (start: number, end: number) => Array.from(article).slice(start, end).join("");
const measureIds = real.measures.measures.map((m) => m.measure_id);
const sourceIds = real.sources.map((s) => s.source_id);
const marketIds = real.measures.markets.map((m) => m.market_id);
const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
// The article's metadata as a machine would write it (.meta.json): the same fields, as JSON.
const META_JSON = "data/sources/dual-ai-stack-article.meta.json";
const metaJson = `${JSON.stringify(real.documents[0]!.meta, null, 2)}\n`;

interface Case {
  name: string;
  changes: Record<string, string | null>;
  expected: () => DataIssue[];
}

const cases: Case[] = [
  {
    name: "malformed YAML: an unclosed quote, with its line and column",
    changes: editFile(FIX, `    quote: "Amazon at 37.7%"\n`, `    quote: "Amazon at 37.7%\n`),
    expected: () => {
      const line = lineOf(original(FIX), `    quote: "Amazon at 37.7%"\n`);
      // The parser notices at the end of the line, where the closing quote should be.
      return [
        issue(FIX, line, "(file)", "yaml-syntax", msg.yamlSyntax('Missing closing "quote', line, `    quote: "Amazon at 37.7%`.length + 1)),
      ];
    },
  },
  {
    name: "malformed YAML: a field written twice in one record",
    changes: editFile(FIX, '    value: 4\n    quote: "compared', '    value: 4\n    value: 5\n    quote: "compared'),
    expected: () => {
      const text = edit(original(FIX), '    value: 4\n    quote: "compared', '    value: 4\n    value: 5\n    quote: "compared');
      const line = lineOf(text, "    value: 5\n");
      return [issue(FIX, line, "(file)", "yaml-syntax", msg.yamlSyntax("Map keys must be unique", line, 5))];
    },
  },
  {
    name: "malformed YAML: a tab used as indentation",
    changes: editFile(FIX, '    value: 4\n    quote: "compared', '    value: 4\n\tquote: "compared'),
    expected: () => {
      const line = lineOf(original(FIX), '    value: 4\n    quote: "compared') + 1;
      // The parser reports five more errors that follow from the tab: the report says how many.
      return [
        issue(FIX, line, "(file)", "yaml-syntax", msg.yamlSyntax(`Tabs are not allowed as indentation; ${msg.yamlMoreErrors(5)}`, line, 1)),
      ];
    },
  },
  {
    name: "malformed YAML: an alias to an anchor that does not exist",
    changes: awsWith("<<: *footprint,", "<<: *footprnt,"),
    expected: () => [
      issue(
        FIX,
        awsLine,
        "(file)",
        "yaml-syntax",
        msg.yamlSyntax(msg.unknownAnchor("footprnt"), awsLine, original(FIX).split("\n")[awsLine - 1]!.indexOf("*footprint") + 1),
      ),
    ],
  },
  {
    name: "malformed CSV: an unclosed quote in the region catalog",
    changes: { [REGIONS]: `${original(REGIONS)}gcp,"europe-west99\n` },
    expected: () => {
      const line = original(REGIONS).split("\n").length;
      return [
        issue(
          REGIONS,
          line,
          "(file)",
          "csv-syntax",
          msg.csvSyntax(`Quote Not Closed: the parsing is finished with an opening quote at line ${line}`, line, "region_code"),
        ),
      ];
    },
  },
  {
    name: "a CSV header with a misspelt column",
    changes: editFile(REGIONS, "in_provider_list,", "in_provider_lst,"),
    expected: () => [
      issue(REGIONS, 1, "(header)", "csv-columns", msg.csvColumns(["in_provider_list"], ["in_provider_lst"], CATALOG_COLUMNS)),
    ],
  },
  {
    name: 'a number written as text: value "38%"',
    changes: awsWith("value: 38,", 'value: "38%",'),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "value"), "schema", msg.expected("a number", "38%"))],
  },
  {
    name: "a mistyped field: char_start as a quoted text",
    changes: awsWith("char_start: 1761", 'char_start: "1761"'),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "char_start"), "schema", msg.expected("a whole number", "1761"))],
  },
  {
    name: "a missing field: the subject of a record",
    changes: editFile(FIX, "    id: synergy-share-aws\n    subject: Amazon\n", "    id: synergy-share-aws\n"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "id: synergy-share-aws"),
        at("synergy-share-aws", "subject"),
        "schema",
        msg.expected("a text", undefined),
      ),
    ],
  },
  {
    name: "a misspelt field name, with the field it most likely meant",
    changes: awsWith("value: 38,", "vaule: 38, value: 38,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "vaule"), "unknown-field", msg.unknownField("vaule", "value", []))],
  },
  {
    name: "a value outside an enumeration: qualifier",
    changes: awsWith("value: 38,", "value: 38, qualifier: roughly,"),
    expected: () => [
      issue(
        FIX,
        awsLine,
        at("aws-regions", "qualifier"),
        "schema",
        msg.expected(`one of ${QUALIFIERS.map((q) => JSON.stringify(q)).join(", ")}`, "roughly"),
      ),
    ],
  },
  {
    name: "an id that is not lower-case",
    changes: awsWith("id: aws-regions", "id: AWS-Regions"),
    expected: () => [
      issue(
        FIX,
        awsLine,
        `${at("aws-regions").replace("(aws-regions)", "(AWS-Regions)")}.id`,
        "schema",
        msg.expected(RULES.id, "AWS-Regions"),
      ),
    ],
  },
  {
    name: "an unknown provider alias",
    changes: awsWith("subject: AWS,", "subject: AWSS,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "subject"), "unknown-subject", msg.unknownSubject("AWSS"))],
  },
  {
    name: "an unknown measure",
    changes: awsWith("measure: regions,", "measure: regionz,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "measure"), "unknown-measure", msg.unknownMeasure("regionz", measureIds))],
  },
  {
    name: "a unit the measure does not allow",
    changes: awsWith("value: 38,", "value: 38, unit: percent,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "unit"), "unknown-unit", msg.unitNotAllowed("percent", "regions", ["count"]))],
  },
  {
    name: "an unknown source",
    changes: awsWith("value: 38,", "value: 38, attributed_to: gartnr,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "attributed_to"), "unknown-source", msg.unknownSource("gartnr", sourceIds))],
  },
  {
    name: "an unknown speaker",
    changes: awsWith("value: 38,", "value: 38, speaker: fierc,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "speaker"), "unknown-source", msg.unknownSource("fierc", sourceIds))],
  },
  {
    name: "a kind that is not one of the claim kinds",
    changes: awsWith("value: 38,", "value: 38, kind: rumour,"),
    expected: () => [
      issue(
        FIX,
        awsLine,
        at("aws-regions", "kind"),
        "schema",
        msg.expected(`one of ${CLAIM_KINDS.map((k) => JSON.stringify(k)).join(", ")}`, "rumour"),
      ),
    ],
  },
  {
    name: "a kind without a number for a quantitative measure",
    changes: awsWith("value: 38,", "value: 38, kind: geography,"),
    expected: () => [
      issue(FIX, awsLine, at("aws-regions", "kind"), "claim-kind", msg.kindForMeasure("geography", "regions", "quantitative")),
    ],
  },
  {
    name: "a quantitative measure for a claim whose kind states no number",
    changes: editFile(FIX, "    measure: hard_to_ignore\n    kind: judgement", "    measure: regions\n    kind: judgement"),
    // The value is the base record's (null): the problem sits at the start of the record.
    expected: () => {
      const line = lineOf(original(FIX), "    measure: hard_to_ignore\n");
      return [
        issue(FIX, line - 3, at("china-led-hard-to-ignore", "value"), "value-kind", msg.valueRequired("regions")),
        issue(
          FIX,
          line + 1,
          at("china-led-hard-to-ignore", "kind"),
          "claim-kind",
          msg.kindForMeasure("judgement", "regions", "quantitative"),
        ),
      ];
    },
  },
  {
    name: "a rank that is not a ranking",
    changes: editFile(FIX, "    measure: footprint_rank\n    kind: ranking", "    measure: footprint_rank\n    kind: figure"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "    measure: footprint_rank\n") + 1,
        at("azure-footprint-rank", "kind"),
        "claim-kind",
        msg.kindForUnit("figure", "rank"),
      ),
    ],
  },
  {
    name: "an opinion in the article's own voice, a judgement in an analyst's",
    changes: {
      [FIX]: edit(
        edit(original(FIX), "    measure: hard_to_ignore\n    kind: judgement", "    measure: hard_to_ignore\n    kind: opinion"),
        "    measure: less_us_centric_than_commonly_seen\n    attributed_to: moor_insights\n    kind: opinion",
        "    measure: less_us_centric_than_commonly_seen\n    attributed_to: moor_insights\n    kind: judgement",
      ),
    },
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "    measure: hard_to_ignore\n") + 1,
        at("china-led-hard-to-ignore", "kind"),
        "claim-kind",
        msg.kindForSpeaker("opinion", "fierce", "publisher"),
      ),
      issue(
        FIX,
        lineOf(original(FIX), "    measure: less_us_centric_than_commonly_seen\n") + 2,
        at("kimball-world-less-us-centric", "kind"),
        "claim-kind",
        msg.kindForSpeaker("judgement", "moor_insights", "analyst"),
      ),
    ],
  },
  {
    name: "a place relation without its place",
    changes: editFile(FIX, "    measure: should_track_and_compete_in\n    object: latin_america\n", "    measure: regions_in\n"),
    expected: () => [
      issue(
        FIX,
        // A missing field is reported at the start of its record.
        lineOf(original(FIX), "    id: kimball-western-players-compete-latin-america") - 1,
        at("kimball-western-players-compete-latin-america", "object"),
        "object-required",
        msg.objectRequired("regions_in"),
      ),
    ],
  },
  {
    name: "an unknown market",
    changes: editFile(FIX, "id: gartner-share-gcp, subject: Google,", "id: gartner-share-gcp, market: paas, subject: Google,"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "id: gartner-share-gcp"),
        at("gartner-share-gcp", "market"),
        "unknown-market",
        msg.unknownMarket("paas", marketIds),
      ),
    ],
  },
  {
    name: "a percent above 100",
    changes: editFile(
      FIX,
      "    value: 50\n    unit: percent\n    qualifier: approximately",
      "    value: 150\n    unit: percent\n    qualifier: approximately",
    ),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "    value: 50\n    unit: percent\n    qualifier: approximately"),
        at("alibaba-regions-share-in-china", "value"),
        "value-range",
        msg.percentRange(150),
      ),
    ],
  },
  {
    name: "a share as a fraction outside 0–1",
    changes: editFile(
      FIX,
      "    value: 50\n    unit: percent\n    qualifier: approximately",
      "    value: 1.5\n    unit: fraction\n    qualifier: approximately",
    ),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "    value: 50\n    unit: percent\n    qualifier: approximately"),
        at("alibaba-regions-share-in-china", "value"),
        "value-range",
        msg.fractionRange(1.5),
      ),
    ],
  },
  {
    name: "one firm's shares summing above 100%",
    changes: editFile(FIX, "subject: Google, value: 9,", "subject: Google, value: 40,"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "id: gartner-share-aws"),
        "claims (market_share)",
        "share-sum",
        msg.sharesAbove100("gartner", "iaas", "2024", 112.9, [
          "gartner-share-aws",
          "gartner-share-azure",
          "gartner-share-gcp",
          "gartner-share-alibaba",
          "gartner-share-huawei",
        ]),
      ),
    ],
  },
  {
    name: "a duplicate fact id, naming where it was first used",
    changes: editFile(FIX, "id: gcp-regions,", "id: aws-regions,"),
    expected: () => [
      issue(
        FIX,
        awsLine,
        `${at("aws-regions")}.id`,
        "duplicate-id",
        msg.duplicateId("aws-regions", `${FIX}:${lineOf(original(FIX), "id: gcp-regions")}`),
      ),
    ],
  },
  {
    name: "a quote not at its offsets, saying where it does occur",
    changes: awsWith("char_start: 1761, char_end: 1774", "char_start: 1760, char_end: 1773"),
    expected: () => [
      issue(FIX, awsLine, at("aws-regions", "quote"), "quote-offsets", msg.quoteMismatch(1760, 1773, slice(1760, 1773), [[1761, 1774]])),
    ],
  },
  {
    name: "a quote that occurs nowhere in the source",
    changes: awsWith('quote: "AWS offers 38"', 'quote: "AWS offers 39"'),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "quote"), "quote-offsets", msg.quoteMismatch(1761, 1774, "AWS offers 38", []))],
  },
  {
    name: "offsets the wrong way round",
    changes: awsWith("char_end: 1774", "char_end: 1700"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "char_end"), "quote-offsets", msg.badOffsets(1761, 1700))],
  },
  {
    name: "a negative count",
    changes: awsWith("value: 38,", "value: -38,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "value"), "value-range", msg.countInvalid(-38))],
  },
  {
    name: "a fractional count",
    changes: awsWith("value: 38,", "value: 38.5,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "value"), "value-range", msg.countInvalid(38.5))],
  },
  {
    name: "a count too large for the tables' integer columns",
    changes: awsWith("value: 38,", "value: 3000000000,"),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "value"), "value-range", msg.valueTooLarge(3e9, 2 ** 31 - 1, "count"))],
  },
  {
    name: "a value too large to be exact once converted to its base unit",
    changes: editFile(FIX, "    value: 53\n", "    value: 1e300\n"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "    value: 53\n"),
        at("alibaba-investment-usd", "value"),
        "value-range",
        msg.valueTooLarge(1e300, Math.floor(Number.MAX_SAFE_INTEGER / 1e9), "usd_billion"),
      ),
    ],
  },
  {
    name: "a period that does not parse",
    changes: awsWith("value: 38,", 'value: 38, period: "Q5 2025",'),
    expected: () => [issue(FIX, awsLine, at("aws-regions", "period"), "period", msg.badPeriod("Q5 2025"))],
  },
  {
    name: "a fixture naming a document that has no metadata",
    changes: editFile(FIX, "document_id: fierce-dual-ai-stack", "document_id: fierce-other"),
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "document_id: fierce-dual-ai-stack"),
        "document_id",
        "unknown-document",
        msg.unknownDocument("fierce-other", ["fierce-dual-ai-stack"]),
      ),
    ],
  },
  {
    name: "a source text changed after its offsets were taken (sha256)",
    changes: { [ARTICLE]: `${article}\n` },
    expected: () => [issue(ARTICLE, undefined, "(file)", "sha256", msg.sha256Mismatch(ARTICLE, sha(article), sha(`${article}\n`)))],
  },
  {
    name: "source metadata with a malformed sha256",
    changes: editFile(META, `sha256: ${sha(article)}`, "sha256: 67E1678E"),
    expected: () => [issue(META, lineOf(original(META), "sha256:"), "sha256", "schema", msg.expected(RULES.sha256, "67E1678E"))],
  },
  {
    name: "source metadata as JSON (.meta.json) with a malformed sha256, at its line",
    changes: { [META]: null, [META_JSON]: metaJson.replace(`"sha256": "${sha(article)}"`, '"sha256": "67E1678E"') },
    expected: () => [issue(META_JSON, lineOf(metaJson, '"sha256"'), "sha256", "schema", msg.expected(RULES.sha256, "67E1678E"))],
  },
  {
    name: "source metadata as JSON that does not parse: line and column",
    changes: { [META]: null, [META_JSON]: metaJson.replace('"file": "dual-ai-stack-article.txt",', '"file": "dual-ai-stack-article.txt"') },
    expected: () => {
      const line = lineOf(metaJson, '"file"') + 1;
      return [issue(META_JSON, line, "(file)", "json-syntax", msg.jsonSyntax("Expected ',' or '}' after property value", line, 3))];
    },
  },
  {
    name: "one document described twice (.meta.yaml and .meta.json)",
    changes: { [META_JSON]: metaJson },
    expected: () => [
      issue(
        META_JSON,
        lineOf(metaJson, '"document_id"'),
        "document_id",
        "duplicate-document",
        msg.duplicateDocument("fierce-dual-ai-stack", META),
      ),
    ],
  },
  {
    name: "a missing reference file, reported once (not once per claim)",
    changes: { [PROVIDERS]: null },
    expected: () => [issue(PROVIDERS, undefined, "(file)", "missing-file", msg.missingFile("reference file"))],
  },
  {
    name: "a broken reference record, reported once (not once per claim)",
    changes: editFile(MEASURES, "  - measure_id: market_share\n", "  - measure_id: Market Share\n"),
    expected: () => [
      issue(
        MEASURES,
        lineOf(original(MEASURES), "  - measure_id: market_share\n"),
        "measures[0].measure_id",
        "schema",
        msg.expected(RULES.id, "Market Share"),
      ),
    ],
  },
  {
    name: "reference data: a provider in an unknown bloc",
    changes: editFile(
      PROVIDERS,
      "    hq_country: US\n    bloc: us_led\n    aliases: [AWS,",
      "    hq_country: US\n    bloc: eu_led\n    aliases: [AWS,",
    ),
    expected: () => [
      issue(
        PROVIDERS,
        lineOf(original(PROVIDERS), "    bloc: us_led\n    aliases: [AWS,"),
        "providers[0].bloc",
        "schema",
        msg.expected('one of "us_led", "china_led"', "eu_led"),
      ),
    ],
  },
  {
    name: "a composite geography: an unknown world-countries subregion, an unknown country, and both covers and a country list",
    changes: editFile(
      ENTITIES,
      "countries_from: { subregions: [Eastern Europe], add: [BG, CZ, HU, PL, RO, SK] }",
      "covers: [europe]\n    countries_from: { subregions: [Eastern Europa], add: [BG, CZ, HU, PL, RO, SK, QQ] }",
    ),
    expected: () => {
      const i = real.entities.geographies.findIndex((g) => g.geo_id === "eastern_europe");
      const subregions = [...new Set(COUNTRY_SUBREGIONS)].sort();
      return [
        issue(ENTITIES, undefined, `geographies[${i}]`, "geography-shape", msg.geographyShape("eastern_europe", "composite")),
        issue(
          ENTITIES,
          undefined,
          `geographies[${i}].countries_from.subregions`,
          "unknown-world-region",
          msg.unknownWorldRegion("subregion", "Eastern Europa", subregions),
        ),
        issue(ENTITIES, undefined, `geographies[${i}].countries_from.add`, "unknown-country", msg.unknownCountry("QQ")),
      ];
    },
  },
  {
    name: "reference data: a provider colour that is not #rrggbb",
    changes: editFile(PROVIDERS, '    color: "#e69f00"\n', "    color: orange\n"),
    expected: () => [
      issue(
        PROVIDERS,
        lineOf(original(PROVIDERS), '    color: "#e69f00"\n'),
        "providers[0].color",
        "schema",
        msg.expected(RULES.color, "orange"),
      ),
    ],
  },
  {
    name: "the region catalog: an unknown provider and a zone count that is not a number",
    changes: {
      [REGIONS]: `${original(REGIONS)}ibm,eu-de,Frankfurt,Frankfurt,DE,3,general,,,test,2025-09,\ngcp,europe-west99,Test,,BE,three,general,,,test,2025-09,\n`,
    },
    expected: () => {
      const line = original(REGIONS).split("\n").length;
      const n = real.catalog.length;
      return [
        issue(
          REGIONS,
          line,
          `regions[${n}] (ibm/eu-de).provider_id`,
          "unknown-provider",
          msg.unknownProvider(
            "ibm",
            real.providers.map((p) => p.provider_id),
          ),
        ),
        issue(
          REGIONS,
          line + 1,
          `regions[${n + 1}] (gcp/europe-west99).availability_zones`,
          "schema",
          msg.expected("a whole number ≥ 0 (0 when the provider publishes that the region has none), or empty when not published", "three"),
        ),
      ];
    },
  },
  {
    name: "a published region list naming an id the catalog lacks",
    changes: editFile(LISTS, "cn-north-11, cn-north-12, cn-southwest-3]", "cn-north-11, cn-north-99, cn-southwest-3]"),
    expected: () => {
      const i = real.regionLists.findIndex((l) => l.region_codes.join(", ").endsWith("cn-north-11, cn-north-12, cn-southwest-3"));
      const id = real.regionLists[i]!.list_id;
      return [
        issue(
          LISTS,
          lineOf(original(LISTS), "cn-north-11, cn-north-12, cn-southwest-3]"),
          `lists[${i}] (${id}).region_codes`,
          "list-region-not-in-catalog",
          msg.listRegionsNotInCatalog(id, "huawei", ["cn-north-99"]),
        ),
      ];
    },
  },
  {
    name: "a file in data/fixtures/ that is not YAML",
    changes: { "data/fixtures/notes.txt": "to do: add Q3" },
    expected: () => [issue("data/fixtures/notes.txt", undefined, "(file)", "not-a-fixture", msg.notAFixture())],
  },
  {
    name: "an empty fixture file",
    changes: { [FIX]: "" },
    expected: () => [issue(FIX, undefined, "(file)", "schema", msg.expected("a mapping (field: value)", null))],
  },
  {
    name: "a record that is not a mapping",
    changes: editFile(FIX, "claims:\n", "claims:\n  - 42\n"),
    expected: () => [
      issue(FIX, lineOf(original(FIX), "claims:\n") + 1, "claims[0]", "schema", msg.expected("a mapping (field: value)", 42)),
    ],
  },
  {
    name: "problems in several records at once: one schema failure hides nothing else",
    changes: {
      [FIX]: edit(
        edit(
          edit(original(FIX), "subject: Huawei\n    value: 2\n", "subject: Huaweii\n    value: 2\n"),
          AWS,
          edit(AWS, "value: 38,", 'value: "38%",'),
        ),
        "id: gcp-regions, subject: Google Cloud, measure: regions, value: 42,",
        "id: gcp-regions, subject: Google Cloud, measure: regions, value: -42,",
      ),
    },
    expected: () => [
      issue(
        FIX,
        lineOf(original(FIX), "subject: Huawei\n    value: 2\n"),
        at("synergy-share-huawei", "subject"),
        "unknown-subject",
        msg.unknownSubject("Huaweii"),
      ),
      issue(FIX, lineOf(original(FIX), "id: gcp-regions"), at("gcp-regions", "value"), "value-range", msg.countInvalid(-42)),
      issue(FIX, awsLine, at("aws-regions", "value"), "schema", msg.expected("a number", "38%")),
    ],
  },
];

describe("bad input: every kind is reported exactly, one line each; npm run check and npm run pipeline (without the write) agree on it", () => {
  it("covers at least 20 named kinds", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it("finds nothing wrong with the bundled data", () => {
    expect(issuesOf(inputs)).toEqual([]);
  });

  // One run of the stages per case: its error is extract's (the issues exact), and the pipeline's verdict agrees.
  test.each(cases)(
    "$name",
    async ({ changes, expected }) => {
      const v = await bothVerdicts(withFiles(inputs, changes));
      expect(v.error?.stage).toBe("extract");
      expect(v.error?.issues).toEqual(expected());
      expect(v.check, v.detail).toBe(v.pipeline);
    },
    120_000,
  );
});

describe("bad input through the CLI: exit code, report, no stack trace, outputs untouched", () => {
  // A previous output to protect: a copy of the published one.
  const previous = path.join(tempDir("prev"), "output");
  cpSync(OUTPUT, previous, { recursive: true });
  const before = snapshot(previous);

  /** Runs the CLI on a copy of data/ with `changes` (paths relative to data/). */
  async function runOnCopy(changes: Record<string, string>, args: string[] = []) {
    const { data } = copyData();
    for (const [rel, text] of Object.entries(changes)) writeFileSync(path.join(data, rel), text);
    return {
      data,
      rel: (f: string) => path.relative(ROOT, path.join(data, f)),
      result: await runCli(["--data", data, "--out", previous, ...args]),
    };
  }

  const expectNoStack = (stderr: string) => {
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/node_modules|\.ts:\d+:\d+/);
  };

  it('"38%" as a value: exit 1, one line naming file, line, record, field and rule', async () => {
    const { rel, result } = await runOnCopy({
      "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), AWS, edit(AWS, "value: 38,", 'value: "38%",')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("data", "extract", 1),
      formatIssue(
        issue(rel("fixtures/dual-ai-stack-article.yaml"), awsLine, at("aws-regions", "value"), "schema", msg.expected("a number", "38%")),
      ),
      msg.nothingWritten(),
    ]);
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("malformed YAML and malformed CSV in one run: both reported, exit 1", async () => {
    const yaml = edit(original(FIX), `    quote: "Amazon at 37.7%"\n`, `    quote: "Amazon at 37.7%\n`);
    const csv = `${original(REGIONS)}gcp,"europe-west99\n`;
    const { rel, result } = await runOnCopy({ "fixtures/dual-ai-stack-article.yaml": yaml, "reference/regions.csv": csv });
    expect(result.status).toBe(1);
    const line = lineOf(original(FIX), `    quote: "Amazon at 37.7%"\n`);
    const csvLine = original(REGIONS).split("\n").length;
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("data", "extract", 2),
      formatIssue(
        issue(
          rel("reference/regions.csv"),
          csvLine,
          "(file)",
          "csv-syntax",
          msg.csvSyntax(`Quote Not Closed: the parsing is finished with an opening quote at line ${csvLine}`, csvLine, "region_code"),
        ),
      ),
      formatIssue(
        issue(
          rel("fixtures/dual-ai-stack-article.yaml"),
          line,
          "(file)",
          "yaml-syntax",
          msg.yamlSyntax('Missing closing "quote', line, `    quote: "Amazon at 37.7%`.length + 1),
        ),
      ),
      msg.nothingWritten(),
    ]);
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("--check reports the same problems, exit 1, and writes nothing", async () => {
    const { result } = await runOnCopy(
      { "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), "subject: Google, value: 9,", "subject: Google, value: 40,") },
      ["--check"],
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      msg.sharesAbove100("gartner", "iaas", "2024", 112.9, [
        "gartner-share-aws",
        "gartner-share-azure",
        "gartner-share-gcp",
        "gartner-share-alibaba",
        "gartner-share-huawei",
      ]),
    );
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("an unknown flag is a usage error: exit 2, the usage line, no stack trace", async () => {
    const result = await runCli(["--ouput", previous]);
    expect(result.status).toBe(2);
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first?.startsWith(`usage error: ${msg.badArguments("Unknown option '--ouput'")}`), first).toBe(true);
    expect(rest).toEqual([msg.usage()]);
    expect(snapshot(previous)).toEqual(before);
  });

  it("a data folder that does not exist is a usage error: exit 2", async () => {
    const missing = path.join(tempDir("nodata"), "data");
    const result = await runCli(["--data", missing, "--out", previous]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([`usage error: ${msg.dataDirMissing(missing)}`, msg.usage()]);
    expect(snapshot(previous)).toEqual(before);
  });

  it("odd Unicode in a bad value comes back quoted and intact", async () => {
    const { result } = await runOnCopy({
      "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), AWS, edit(AWS, "subject: AWS,", 'subject: "AWS\u200b☁",')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(msg.unknownSubject("AWS\u200b☁"));
    expect(snapshot(previous)).toEqual(before);
  });
});
