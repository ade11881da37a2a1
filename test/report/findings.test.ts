/**
 * The report's key findings state no number the tables do not give: every number in the findings
 * list is re-derived here from the tables themselves (not from the report's model), and the list's
 * sentences name the definition they count and never a cause.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportModel } from "../../pipeline/report/model.ts";
import { summarySection } from "../../pipeline/report/sections/summary.ts";
import { ROOT, realTables } from "../helpers.ts";
import { reportInput } from "./support.ts";

const t = realTables();
const m = reportModel(reportInput(t));
const page = summarySection(m.headline, m.labels).toString();
/** The findings list as text, tags removed and entities decoded. */
const findings = (/<ul class="findings">(.*?)<\/ul>/s.exec(page)?.[1] ?? "")
  .replace(/<[^>]+>/g, "")
  .replace(/&amp;/g, "&")
  .replace(/&#39;|&apos;/g, "'")
  .replace(/\s+/g, " ");

/** "37.7%" or "30.0%" as the report writes a fraction (one decimal); "30%" as the README's prose does. */
const pcts = (x: number) => [`${(x * 100).toFixed(1)}%`, `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`];
const oneDecimal = (x: number) => Math.abs(x).toFixed(1);

/** Every number the findings may state, each computed straight from a table. */
function numbersFromTables(): Set<string> {
  const out = new Set<string>();
  // Share comparisons: each share, each gap (with and without its sign), how many providers both firms name.
  const cross = t.share_comparison.filter((r) => r.comparison === "cross_source");
  for (const r of cross) {
    if (r.share_a !== null) for (const p of pcts(r.share_a)) out.add(p);
    if (r.share_b !== null) for (const p of pcts(r.share_b)) out.add(p);
    if (r.delta_pp !== null) out.add(oneDecimal(r.delta_pp));
  }
  out.add(String(cross.filter((r) => r.share_a !== null && r.share_b !== null).length));
  // The bloc split per source.
  for (const c of t.concentration) for (const x of [c.us_led_share, c.china_led_share, c.others]) for (const p of pcts(x)) out.add(p);
  // The battlegrounds: how many; the China-led share of their public regions and of every status.
  const battle = t.bloc_presence.filter((b) => b.battleground);
  out.add(String(battle.length));
  for (const b of battle) {
    for (const p of pcts(b.china_led_public_regions / (b.us_led_public_regions + b.china_led_public_regions))) out.add(p);
    if (b.china_led_share_of_regions !== null) for (const p of pcts(b.china_led_share_of_regions)) out.add(p);
  }
  // The claims check: how many claims, and how many per verdict.
  const verdictOf = new Map(t.claims_check.map((c) => [c.fact_id, c.verdict]));
  out.add(String(verdictOf.size));
  for (const v of ["consistent", "depends_on_definition", "inconsistent", "not_verifiable"])
    out.add(String([...verdictOf.values()].filter((x) => x === v).length));
  return out;
}

/** Periods and dates the findings may name: the share series' periods and the catalog's as-of date. */
const periods = new Set([
  ...t.concentration.map((c) => c.period),
  ...t.share_comparison.flatMap((r) => [r.period_a, r.period_b]),
  "2025-09",
]);

describe("the report's key findings", () => {
  it("state only numbers re-derived from the tables", () => {
    const allowed = numbersFromTables();
    const named = [...findings.matchAll(/\b\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?\b/g)].map((x) => x[0]);
    expect(named.filter((p) => !periods.has(p))).toEqual([]);
    const numbers = [...findings.replace(/\b\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?\b/g, " ").matchAll(/\d+(?:\.\d+)?%?/g)].map((x) => x[0]);
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers.filter((x) => !allowed.has(x))).toEqual([]);
  });

  it("name the article's three battlegrounds and both definitions of the China-led share", () => {
    expect(findings).toContain("The article's 3 battlegrounds (Asia-Pacific, Latin America and Middle East)");
    expect(findings).toContain(
      "the China-led providers hold 22.2% (Middle East) to 25.0% (Latin America) of the regions open to any customer (status general or sovereign) there, and 23.8% (Latin America) to 25.0% (Asia-Pacific and Middle East) counting every status, government and restricted included",
    );
  });

  it("say when a comparison mixes markets and periods, and state no cause", () => {
    expect(findings).toContain("measure different markets over different periods");
    expect(findings).toContain(
      "The sources measure different markets over different periods, so their figures are not one market's split.",
    );
    expect(findings).not.toMatch(/\bbecause\b|\bbet on\b|agree more/);
  });
});

describe("the README's findings", () => {
  it("state only numbers re-derived from the tables (rerun the pipeline and update the README when this fails)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = /## The findings, in three lines\n(.*?)\n## /s.exec(readme)?.[1] ?? "";
    const words = section
      .replace(
        /\b(?:Q[1-4] )?\d{4}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g,
        " ",
      )
      .replace(/\s+/g, " ");
    const numbers = [...words.matchAll(/\d+(?:\.\d+)?%?/g)].map((x) => x[0]);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers.filter((x) => !numbersFromTables().has(x))).toEqual([]);
  });
});
