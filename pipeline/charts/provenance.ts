/** The provenance chart: where in the article each fact is quoted. */
import { CLAIM_KINDS } from "../schema/inputs.ts";
import type { Row } from "../schema/tables.ts";
import { base, type ChartTheme, type TopLevelSpec } from "./theme.ts";

/**
 * Where in the article each fact's quote sits (code-point offsets): one row per kind of claim, in
 * the order of CLAIM_KINDS (figures first), coloured by who says it. The measure is in the tooltip.
 */
export function factPositions(rows: readonly Row<"facts">[], t: ChartTheme): TopLevelSpec {
  const values = rows.map((r) => ({
    fact_id: r.fact_id,
    kind: r.kind,
    measure: r.measure,
    speaker: t.sourceLabel(r.speaker),
    attributed_to: t.sourceLabel(r.attributed_to),
    char_start: r.char_start,
    char_end: r.char_end,
    quote: r.quote.length > 90 ? `${r.quote.slice(0, 87)}...` : r.quote,
  }));
  return {
    ...base,
    title: {
      text: "Where each kind of claim is quoted in the article",
      subtitle: "Quote spans as code-point offsets into the source text, by kind of claim and who says it",
    },
    data: { values },
    width: 460,
    height: { step: 22 },
    mark: { type: "rule", strokeWidth: 6, opacity: 0.6, tooltip: true },
    encoding: {
      x: { field: "char_start", type: "quantitative", title: "Position in the article (code points)" },
      x2: { field: "char_end" },
      y: { field: "kind", type: "nominal", title: null, sort: [...CLAIM_KINDS] },
      color: { field: "speaker", type: "nominal", title: "Said by", scale: { scheme: "tableau10" }, legend: { labelLimit: 260 } },
      tooltip: [
        { field: "fact_id", type: "nominal", title: "Fact" },
        { field: "kind", type: "nominal", title: "Kind" },
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
