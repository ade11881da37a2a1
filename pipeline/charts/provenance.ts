/** The provenance chart: where in the article each fact is quoted. */
import type { Row } from "../schema/tables.ts";
import { base, FALLBACK_COLOR, SOURCE_KIND_COLORS, SOURCE_KIND_LABELS, uniq, type ChartTheme, type TopLevelSpec } from "./theme.ts";
import { factPositionsTitle } from "./titles.ts";

type Kind = keyof typeof SOURCE_KIND_COLORS;
const KINDS = Object.keys(SOURCE_KIND_COLORS) as Kind[];

const kindLabel = (k: Kind | undefined): string => (k ? SOURCE_KIND_LABELS[k] : "Unknown source");

/** Where in the article each fact's quote sits (code-point offsets), one row per measure, coloured by who says it. */
export function factPositions(rows: readonly Row<"facts">[], t: ChartTheme): TopLevelSpec {
  const present = uniq(rows.map((r) => t.sourceKind(r.attributed_to)));
  const kinds = [...KINDS.filter((k) => present.includes(k)), ...(present.includes(undefined) ? [undefined] : [])];
  const values = rows.map((r) => ({
    fact_id: r.fact_id,
    measure: r.measure,
    attributed_to: t.sourceLabel(r.attributed_to),
    kind: kindLabel(t.sourceKind(r.attributed_to)),
    char_start: r.char_start,
    char_end: r.char_end,
    quote: r.quote.length > 90 ? `${r.quote.slice(0, 87)}...` : r.quote,
  }));
  return {
    ...base,
    title: { text: factPositionsTitle(rows, t), subtitle: "Quote spans as code-point offsets into the source text" },
    data: { values },
    width: 460,
    height: { step: 14 },
    mark: { type: "rule", strokeWidth: 6, opacity: 0.7, tooltip: true },
    encoding: {
      x: { field: "char_start", type: "quantitative", title: "Position in the article (code points)" },
      x2: { field: "char_end" },
      y: { field: "measure", type: "nominal", title: null, sort: "ascending", axis: { labelLimit: 240 } },
      color: {
        field: "kind",
        type: "nominal",
        title: "Who says it",
        scale: { domain: kinds.map(kindLabel), range: kinds.map((k) => (k ? SOURCE_KIND_COLORS[k] : FALLBACK_COLOR)) },
      },
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
