/** The provenance chart: where in the article each fact is quoted. */
import { CLAIM_KINDS } from "../schema/vocabulary.ts";
import type { Row } from "../schema/tables.ts";
import { base, FALLBACK_COLOR, SOURCE_KIND_COLORS, SOURCE_KIND_LABELS, uniq, type ChartTheme, type TopLevelSpec } from "./theme.ts";
import { factPositionsTitle } from "./titles.ts";

type SourceKind = keyof typeof SOURCE_KIND_COLORS;
const SOURCE_KINDS = Object.keys(SOURCE_KIND_COLORS) as SourceKind[];

const sourceKindLabel = (k: SourceKind | undefined): string => (k ? SOURCE_KIND_LABELS[k] : "Unknown source");

/**
 * Where in the article each fact's quote sits (code-point offsets): one row per kind of claim, in
 * the order of CLAIM_KINDS (figures first), coloured by the kind of source that says it (the
 * article, a research firm, a company, an analyst: colours checked for colour-blind readers). The
 * measure and the speaker are in the tooltip.
 */
export function factPositions(rows: readonly Row<"facts">[], t: ChartTheme): TopLevelSpec {
  const present = uniq(rows.map((r) => t.sourceKind(r.speaker)));
  const kinds = [...SOURCE_KINDS.filter((k) => present.includes(k)), ...(present.includes(undefined) ? [undefined] : [])];
  const values = rows.map((r) => ({
    fact_id: r.fact_id,
    claim_kind: r.kind,
    measure: r.measure,
    speaker: t.sourceLabel(r.speaker),
    attributed_to: t.sourceLabel(r.attributed_to),
    source_kind: sourceKindLabel(t.sourceKind(r.speaker)),
    char_start: r.char_start,
    char_end: r.char_end,
    quote: r.quote.length > 90 ? `${r.quote.slice(0, 87)}...` : r.quote,
  }));
  return {
    ...base,
    title: {
      text: factPositionsTitle(rows, t),
      subtitle: "Quote spans as code-point offsets into the source text, by kind of claim and who says it",
    },
    data: { values },
    width: 460,
    height: { step: 22 },
    mark: { type: "rule", strokeWidth: 6, opacity: 0.6, tooltip: true },
    encoding: {
      x: { field: "char_start", type: "quantitative", title: "Position in the article (code points)" },
      x2: { field: "char_end" },
      y: { field: "claim_kind", type: "nominal", title: null, sort: [...CLAIM_KINDS] },
      color: {
        field: "source_kind",
        type: "nominal",
        title: "Who says it",
        scale: { domain: kinds.map(sourceKindLabel), range: kinds.map((k) => (k ? SOURCE_KIND_COLORS[k] : FALLBACK_COLOR)) },
      },
      tooltip: [
        { field: "fact_id", type: "nominal", title: "Fact" },
        { field: "claim_kind", type: "nominal", title: "Kind of claim" },
        { field: "measure", type: "nominal", title: "Measure" },
        { field: "speaker", type: "nominal", title: "Said by" },
        { field: "attributed_to", type: "nominal", title: "Attributed to" },
        { field: "char_start", type: "quantitative", title: "Start" },
        { field: "char_end", type: "quantitative", title: "End" },
        { field: "quote", type: "nominal", title: "Quote" },
      ],
    },
  };
}
