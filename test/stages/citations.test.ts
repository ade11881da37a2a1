/**
 * Bad cited figures (data/citations/), rule by rule: each case edits a copy of the real file and
 * asserts the exact issue (file, line, record path, rule, message from msg.*), several at once.
 */
import { describe, expect, it } from "vitest";
import { PipelineError, type DataIssue } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import type { Inputs } from "../../pipeline/read/inputs.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { realInputs, withFiles } from "../helpers.ts";

const SYNERGY = "data/citations/synergy-worldwide.yaml";
const PREFS = "data/reference/series-preferences.yaml";
const inputs = realInputs();
const text = inputs.files.get(SYNERGY)!;

function edit(from: string, to: string, source = text): string {
  const at = source.indexOf(from);
  if (at < 0 || source.indexOf(from, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(from)} must occur exactly once`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}
const lineOf = (source: string, needle: string) => source.slice(0, source.indexOf(needle)).split("\n").length;
/** `citations[3] (id)`: the label extract gives the citation with this id in the real file. */
const cite = (id: string) => `citations[${[...text.matchAll(/^ {2}- id: (\S+)$/gm)].findIndex((m) => m[1] === id)}] (${id})`;

function issuesOf(changed: Inputs): readonly DataIssue[] {
  try {
    extract(changed, silentContext);
  } catch (error) {
    if (error instanceof PipelineError) return error.issues;
    throw error;
  }
  return [];
}

describe("citations: every rule, every problem at once", () => {
  it("url, printed value, printed unit, period after publication, unknown provider, date order", () => {
    let bad = edit("url: https://www.srgresearch.com/articles/covid-19", "url: www.srgresearch.com/articles/covid-19");
    bad = edit('period: 2020-Q1, printed: "32%", value: 32,', 'period: 2020-Q1, printed: "32%", value: 33,', bad);
    bad = edit(
      'period: 2025-Q4, printed: "14%", value: 14, unit: percent',
      'period: 2025-Q4, printed: "14%", value: 14, unit: usd_billion',
      bad,
    );
    bad = edit(
      "{ subject: market, measure: market_size, period: 2020-Q2,",
      "{ subject: market, measure: market_size, period: 2020-Q3,",
      bad,
    );
    bad = edit(
      "{ subject: Google, measure: market_share, period: 2020-Q2,",
      "{ subject: Googel, measure: market_share, period: 2020-Q2,",
      bad,
    );
    bad = edit('published: "2022-10-27"', 'published: "2027-10-27"', bad);
    const issues = issuesOf(withFiles(inputs, { [SYNERGY]: bad }));
    const providers = ["aws", "azure", "gcp", "alibaba", "huawei", "oracle"];
    expect(issues).toEqual([
      {
        file: SYNERGY,
        line: lineOf(bad, "url: www.srgresearch.com"),
        path: `${cite("srg-2020-04-30")}.url`,
        rule: "url",
        message: msg.badUrl(
          "www.srgresearch.com/articles/covid-19-fails-dent-aggressive-growth-cloud-spending-half-q1-market-belongs-amazon-microsoft",
        ),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, 'printed: "32%", value: 33,'),
        path: `${cite("srg-2020-04-30")}.facts[1].value`,
        rule: "printed-value",
        message: msg.printedValue("32%", 32, 33),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, 'period: 2020-Q3, printed: "$30.5 billion"'),
        path: `${cite("lightwave-2020-08-04")}.facts[0].period`,
        rule: "period-after-publication",
        message: msg.periodAfterPublication("2020-Q3", "2020-09-30", "2020-08-04"),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, "subject: Googel"),
        path: `${cite("lightwave-2020-08-04")}.facts[3].subject`,
        rule: "unknown-provider",
        message: msg.unknownProvider("Googel", providers),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, 'published: "2027-10-27"'),
        path: `${cite("srg-2022-10-27")}.published`,
        rule: "date-order",
        message: msg.readBeforePublished("2027-10-27", "2026-12-02"),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, "value: 14, unit: usd_billion"),
        path: `${cite("lightwave-2026-02-17")}.facts[4].unit`,
        rule: "printed-unit",
        message: msg.printedUnit("14%", "percent", "usd_billion"),
      },
      {
        file: SYNERGY,
        line: lineOf(bad, "value: 14, unit: usd_billion"),
        path: `${cite("lightwave-2026-02-17")}.facts[4].unit`,
        rule: "unit-measure",
        message: msg.citedUnit("usd_billion", "market_share"),
      },
    ]);
  });

  it("an unreadable printing, shares above 100%, a duplicate citation id and an unknown firm in the rule", () => {
    let bad = edit(
      'printed: "18%", value: 18, unit: percent, locator: "first paragraph", note: "Microsoft, second-ranked',
      'printed: "eighteen percent", value: 18, unit: percent, locator: "first paragraph", note: "Microsoft, second-ranked',
    );
    bad = edit(
      'printed: "29%", value: 29, unit: percent, locator: "first paragraph", note: "First of the three shares listed." }',
      'printed: "89%", value: 89, unit: percent, locator: "first paragraph", note: "First of the three shares listed." }',
      bad,
    );
    bad = edit("  - id: lightwave-2020-08-04", "  - id: srg-2020-04-30", bad);
    const prefs = edit("  - firm: canalys", "  - firm: canalyss", inputs.files.get(PREFS)!);
    const issues = issuesOf(withFiles(inputs, { [SYNERGY]: bad, [PREFS]: prefs }));
    expect(issues.map((i) => [i.path, i.rule, i.message])).toEqual([
      [`${cite("srg-2020-04-30")}.facts[2].printed`, "printed", msg.printedUnreadable("eighteen percent")],
      [
        "citations[4] (srg-2020-04-30).id", // after the three 2017–2019 pages
        "duplicate-id",
        msg.duplicateCitation("srg-2020-04-30", `${SYNERGY}:${lineOf(bad, "  - id: srg-2020-04-30")}`),
      ],
      [`${cite("srg-2025-05-01")}.facts`, "share-sum", msg.citedSharesAbove100("srg-2025-05-01", "2025-Q1", 123)],
      [
        "rules[2].firm",
        "unknown-source",
        msg.unknownSource("canalyss", [
          "synergy",
          "gartner",
          "canalys",
          "fierce",
          "microsoft",
          "alibaba_group",
          "eddie_wu",
          "amazon_company",
          "huawei_company",
          "avidthink",
          "moor_insights",
        ]),
      ],
    ]);
    expect(issues.every((i) => i.line !== undefined)).toBe(true);
  });
});
