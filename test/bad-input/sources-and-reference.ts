/**
 * Bad-input cases, last part of the table (in its order): documents and their metadata, reference data,
 * and fixture files of the wrong shape. The tests that run them: agreement.test.ts.
 */
import { msg } from "../../pipeline/messages.ts";
import { RULES } from "../../pipeline/schema/inputs.ts";
import {
  ARTICLE,
  article,
  at,
  AWS,
  awsLine,
  type Case,
  COUNTRY_SUBREGIONS,
  edit,
  editFile,
  ENTITIES,
  FIX,
  issue,
  LISTS,
  lineOf,
  MEASURES,
  META,
  META_JSON,
  metaJson,
  original,
  PROVIDERS,
  real,
  REGIONS,
  sha,
} from "./support.ts";

export const sourceAndReferenceCases: Case[] = [
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
