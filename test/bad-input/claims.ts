/**
 * Bad-input cases, second part of the table (in its order): claims whose kind, relation, market, value,
 * quote or period is wrong. The tests that run them: agreement.test.ts.
 */
import { msg } from "../../pipeline/messages.ts";
import {
  at,
  awsLine,
  awsWith,
  type Case,
  edit,
  editFile,
  FIX,
  GARTNER_OVER_100,
  issue,
  lineOf,
  marketIds,
  original,
  slice,
} from "./support.ts";

export const claimCases: Case[] = [
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
    expected: () => [issue(FIX, lineOf(original(FIX), "id: gartner-share-aws"), "claims (market_share)", "share-sum", GARTNER_OVER_100)],
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
];
