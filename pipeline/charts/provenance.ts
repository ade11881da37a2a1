/** The provenance chart: where in the article each fact is quoted. */
import type { Row } from "../schema/tables.ts";
import { base, type ChartTheme, type TopLevelSpec } from "./theme.ts";

/** Where in the article each fact's quote sits (code-point offsets), one row per measure. */
export function factPositions(rows: readonly Row<"facts">[], t: ChartTheme): TopLevelSpec {
  const values = rows.map((r) => ({
    fact_id: r.fact_id,
    measure: r.measure,
    attributed_to: t.sourceLabel(r.attributed_to),
    char_start: r.char_start,
    char_end: r.char_end,
    quote: r.quote.length > 90 ? `${r.quote.slice(0, 87)}...` : r.quote,
  }));
  return {
    ...base,
    title: { text: "Where each fact is quoted in the article", subtitle: "Quote spans as code-point offsets into the source text" },
    data: { values },
    width: 460,
    height: { step: 14 },
    mark: { type: "rule", strokeWidth: 6, opacity: 0.7, tooltip: true },
    encoding: {
      x: { field: "char_start", type: "quantitative", title: "Position in the article (code points)" },
      x2: { field: "char_end" },
      y: { field: "measure", type: "nominal", title: null, sort: "ascending", axis: { labelLimit: 240 } },
      color: { field: "attributed_to", type: "nominal", title: "Attributed to", scale: { scheme: "tableau10" } },
      tooltip: [
        { field: "fact_id", type: "nominal", title: "Fact" },
        { field: "attributed_to", type: "nominal", title: "Attributed to" },
        { field: "char_start", type: "quantitative", title: "Start" },
        { field: "char_end", type: "quantitative", title: "End" },
        { field: "quote", type: "nominal", title: "Quote" },
      ],
    },
  };
}
