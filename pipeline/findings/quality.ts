/**
 * The sentences of notebook 03 (provenance and quality): the quotes re-checked against the source
 * text, the claims check's verdicts, what limits the data, and the two file formats compared.
 * test/findings-notebooks.test.ts re-derives every number from the tables.
 */
import type { Row } from "../schema/tables.ts";
import { codePointSlicer } from "../text.ts";
import { distinct, type Labels, listWords, pct1, plural, ppText, total } from "./words.ts";

type Fact = Row<"facts">;

/** How many quotes are their source text at their code-point offsets, and whether UTF-16 offsets would misplace any. */
export function quotesSentence(facts: readonly Fact[], texts: ReadonlyMap<string, string>): string {
  const text = (f: Fact) => texts.get(f.document_id) ?? "";
  const slicers = new Map([...texts].map(([id, s]) => [id, codePointSlicer(s)]));
  const matching = facts.filter((f) => (slicers.get(f.document_id) ?? codePointSlicer(""))(f.char_start, f.char_end) === f.quote).length;
  const utf16Differs = facts.filter((f) => text(f).slice(f.char_start, f.char_end) !== f.quote).length;
  return (
    `**${matching} of ${facts.length}** quotes are exactly the source text at their code-point offsets. ` +
    (utf16Differs > 0
      ? `Reading the offsets as UTF-16 indices (JavaScript's \`slice\`) would misplace ${utf16Differs} of them.`
      : "Here UTF-16 indices (JavaScript's `slice`) would happen to give the same text: no character outside the Basic Multilingual Plane comes before any quote.")
  );
}

/** The claims check in one sentence: claims, definitions, rows and each verdict (a claim's verdict is the same on each of its rows). */
export function claimsCheckSentence(checks: ReadonlyArray<Row<"claims_check">>): string {
  const verdict = new Map(checks.map((c) => [c.fact_id, c.verdict]));
  const count = (v: string) => [...verdict.values()].filter((x) => x === v).length;
  return (
    `${plural(verdict.size, "claim")} were checked under ${new Set(checks.map((c) => c.definition)).size} definitions (${checks.length} rows): ` +
    `${count("consistent")} hold under every definition, ${count("depends_on_definition")} depend on the definition, ${count("inconsistent")} hold under none, ` +
    `and ${count("not_verifiable")} cannot be checked with the catalog.`
  );
}

/** What limits the data, as a list: the firms' comparisons, qualified figures, inferred periods, editors' notes. */
export function limitsLines(t: { share_comparison: ReadonlyArray<Row<"share_comparison">>; facts: readonly Fact[] }, l: Labels): string[] {
  const cross = t.share_comparison.filter((c) => c.comparison === "cross_source");
  const widest = cross.reduce<(typeof cross)[number] | undefined>(
    (m, c) => (m === undefined || Math.abs(c.delta_pp ?? 0) > Math.abs(m.delta_pp ?? 0) ? c : m),
    undefined,
  );
  const pairs = distinct(
    cross
      .filter((c) => !c.same_market)
      .map((c) => `${l.marketLabel(c.market_a)} (${c.period_a}) against ${l.marketLabel(c.market_b)} (${c.period_b})`),
  );
  const qualified = t.facts.filter((f) => f.qualifier !== null && f.qualifier !== "exact");
  const noted = t.facts.filter((f) => f.note !== null).length;
  return [
    `- **The two research firms' figures differ.** ${cross.filter((c) => !c.same_market).length} of ${plural(cross.length, "provider comparison")} set different markets and periods side by side (${listWords(pairs)})` +
      (widest === undefined
        ? "."
        : `; the widest gap is ${l.providerLabel(widest.provider_id)}'s ${ppText(widest.delta_pp)} (${pct1(widest.share_a)} per ${l.sourceLabel(widest.source_a)}, ${pct1(widest.share_b)} per ${l.sourceLabel(widest.source_b)}).`),
    `- **Not every figure is exact.** ${plural(qualified.length, "fact")} carry a qualifier: ${listWords(qualified.map((f) => `${f.fact_id} (${f.qualifier})`))}.`,
    `- **Some periods are inferred.** ${inferredPeriodsSentence(inferredPeriods(t.facts))}`,
    `- **Editor's notes.** ${plural(noted, "fact")} carry a note explaining how they were read.`,
  ];
}

/** "28 of 28 tables are identical in both formats (1755 rows in all)." from each table's CSV/Parquet comparison. */
export function formatsSummary(comparisons: ReadonlyArray<{ same: boolean; rows: number }>): string {
  return `${comparisons.filter((c) => c.same).length} of ${comparisons.length} tables are identical in both formats (${comparisons.reduce((s, c) => s + c.rows, 0)} rows in all).`;
}

// --- Periods -----------------------------------------------------------------------------------------

export interface InferredPeriods {
  facts: number;
  /** Facts with period_inferred true. */
  inferred: number;
  /** Of those, per period, most first (ties by period). */
  byPeriod: Array<[period: string, facts: number]>;
}

export function inferredPeriods(facts: ReadonlyArray<Row<"facts">>): InferredPeriods {
  const m = new Map<string, number>();
  for (const f of facts) if (f.period_inferred === true && f.period !== null) m.set(f.period, (m.get(f.period) ?? 0) + 1);
  const byPeriod = [...m.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return { facts: facts.length, inferred: total(byPeriod), byPeriod };
}

/** "For 56 of 68 facts the period is not printed in the sentence that states them (facts.period_inferred): 46 dated 2025-H2, …" */
export function inferredPeriodsSentence(p: InferredPeriods): string {
  return `For ${p.inferred} of ${plural(p.facts, "fact")} the period is not printed in the sentence that states the fact: it was read from the article's date or converted (column facts.period_inferred; how, in period_note): ${listWords(p.byPeriod.map(([period, n]) => `${n} dated ${period}`))}.`;
}
