/**
 * Bad-input cases, first part of the table (in its order): files that do not parse, and claim fields
 * with the wrong type, a wrong name or an unknown value. The tests that run them: agreement.test.ts.
 */
import { CATALOG_COLUMNS } from "../../pipeline/schema/catalog.ts";
import { msg } from "../../pipeline/messages.ts";
import { CLAIM_KINDS, QUALIFIERS, RULES } from "../../pipeline/schema/inputs.ts";
import {
  at,
  awsLine,
  awsWith,
  type Case,
  edit,
  editFile,
  FIX,
  issue,
  lineOf,
  measureIds,
  original,
  REGIONS,
  sourceIds,
} from "./support.ts";

export const syntaxAndFieldCases: Case[] = [
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
];
