/**
 * What an editor needs to publish a chart on its own: a footer with its source, as-of date and
 * licence, taken from the data (the documents the chart's facts come from, who the figures are
 * attributed to, the region catalog's dates, the dataset's licence), and titles that fit a phone
 * (wrapped, never cut).
 */
import { DATA_LICENSE } from "../licence.ts";
import type { Row, Tables } from "../schema/tables.ts";
import { listWords } from "../findings/words.ts";
import { uniq, type ChartTheme, type TopLevelSpec } from "./theme.ts";

/** Characters per line of a title (14 px) and of a subtitle or footer (11 px), so that a chart fits a 390 px phone. */
export const TITLE_LINE = 38;
export const TEXT_LINE = 50;

/** The tables a footer is made from. */
export type CreditTables = Pick<Tables, "facts" | "documents" | "sources"> & Partial<Pick<Tables, "regions">>;

/** Splits text into lines of at most `width` characters at spaces (a longer word gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** Every fact id a table's rows name (fact_id, fact_ids, battleground_fact_ids), once each, in row order. */
export function factIdsOf(rows: readonly object[]): string[] {
  const ids: string[] = [];
  for (const r of rows as ReadonlyArray<Record<string, unknown>>) {
    for (const key of ["fact_id", "fact_ids", "battleground_fact_ids"]) {
      const v = r[key];
      if (typeof v === "string") ids.push(...v.split(";").filter((s) => s.length > 0));
    }
  }
  return uniq(ids);
}

/**
 * The footer's sentences: "Source: Fierce Network article (2025-H2); figures attributed to Gartner and
 * Synergy Research Group." for charts of facts, the region catalog's dates for charts of the catalog,
 * and the licence line.
 */
export function creditLines(t: ChartTheme, tables: CreditTables, uses: { factIds: readonly string[]; catalog?: boolean }): string[] {
  const wanted = new Set(uses.factIds);
  const facts = tables.facts.filter((f) => wanted.has(f.fact_id));
  const docIds = new Set(facts.map((f) => f.document_id));
  const docs = tables.documents.filter((d) => docIds.has(d.document_id));
  const docText = (d: Row<"documents">): string => `${d.publisher}${d.title ? `, “${d.title}”` : " article"} (${d.date_approx})`;
  const attributed = uniq(facts.map((f) => f.attributed_to))
    .sort()
    .map(t.sourceLabel)
    .filter((name) => !docs.some((d) => d.publisher === name));
  const parts: string[] = [];
  if (uses.catalog) {
    const regions = tables.regions ?? [];
    const dates = regions.map((r) => r.source_as_of).filter((d): d is string => d !== null);
    // The range of the rows' own source dates: the catalog's as-of date (regions.meta.yaml, the date
    // its statuses hold at) is earlier than its newest sources, so "as of" the newest would overstate it.
    const sorted = [...dates].sort();
    const [oldest, newest] = [sorted[0], sorted.at(-1)];
    const span =
      oldest === undefined || newest === undefined
        ? ""
        : oldest === newest
          ? `, its sources dated ${newest}`
          : `, its sources dated ${oldest} to ${newest}`;
    parts.push(`Source: the project's region catalog of ${regions.length} provider regions from provider SDKs and documentation${span}.`);
  }
  if (docs.length > 0) {
    const by = attributed.length > 0 ? `; figures attributed to ${listWords(attributed)}` : "";
    parts.push(`${uses.catalog ? "Battlegrounds" : "Source"}: ${listWords(docs.map(docText))}${by}.`);
  }
  parts.push(`Data: cloud-market-atlas, ${DATA_LICENSE.name}; quotes remain the publisher's.`);
  return parts;
}

/**
 * The footer of a chart of the cited series: how many published reports its figures come from, of
 * which firms, published when, and the licence line ("Source: 41 published reports of Gartner and
 * Synergy Research Group figures, 2020-04-30 to 2026-02-05, each with its address in cited_facts;
 * read 2026-12-02.").
 */
export function citedCreditLines(t: ChartTheme, cited: ReadonlyArray<Row<"cited_facts">>, factIds: readonly string[]): string[] {
  const wanted = new Set(factIds);
  const used = cited.filter((c) => wanted.has(c.fact_id));
  const pages = uniq(used.map((c) => c.citation_id));
  const firms = uniq(used.map((c) => c.firm))
    .sort()
    .map(t.sourceLabel);
  const published = used.map((c) => c.published).sort();
  const read = uniq(used.map((c) => c.date_read)).sort();
  const parts: string[] = [];
  if (pages.length > 0)
    parts.push(
      `Source: ${pages.length} published report${pages.length === 1 ? "" : "s"} of ${listWords(firms)} figures, ${published[0]} to ${published.at(-1)}, each with its address in cited_facts; read ${listWords(read)}.`,
    );
  parts.push(`Data: cloud-market-atlas, ${DATA_LICENSE.name}; figures as the cited pages print them.`);
  return parts;
}

type Title = { text: string | string[]; subtitle?: string | string[] } & Record<string, unknown>;
const lines = (x: string | string[] | undefined, width: number): string[] =>
  x === undefined ? [] : (Array.isArray(x) ? x : [x]).flatMap((l) => wrapText(l, width));

/**
 * The chart as published: its title and subtitle wrapped to fit a phone, and the footer under it
 * (a one-view vertical concatenation whose bottom title is the footer; the chart itself unchanged).
 */
export function withFooter(spec: TopLevelSpec, footer: readonly string[]): TopLevelSpec {
  const { $schema, config, title, ...view } = spec as TopLevelSpec & { title?: Title | string; config?: unknown };
  const t: Title = typeof title === "string" ? { text: title } : (title ?? { text: "" });
  const wrapped = { ...t, text: lines(t.text, TITLE_LINE), subtitle: lines(t.subtitle, TEXT_LINE) };
  return {
    ...($schema ? { $schema } : {}),
    ...(config ? { config } : {}),
    title: wrapped,
    vconcat: [
      {
        ...view,
        title: {
          text: footer.flatMap((l) => wrapText(l, TEXT_LINE)),
          orient: "bottom",
          anchor: "start",
          fontSize: 11,
          fontWeight: "normal",
          color: "#555555",
          offset: 14,
        },
      },
    ],
  } as TopLevelSpec;
}
