/** One report of a figure and the reconciliation rule that orders a figure's reports (data/reference/series-preferences.yaml). Pure. */
import type { SeriesPreferences } from "../schema/citations.ts";
import type { Row } from "../schema/tables.ts";

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** One report of a figure: a cited page, or the article. */
export interface Report {
  fact_id: string;
  value: number;
  qualifier: Row<"share_series">["qualifier"];
  publisher: string | null;
  published: string | null;
  origin: "citation" | "article";
}

/** Reports ordered best first by the firm's rule: preferred publisher, cited before the article, date, id. */
export function rankReports(reports: readonly Report[], firm: string, prefs: SeriesPreferences): Report[] {
  const rule = prefs.rules.find((r) => r.firm === firm);
  const order = rule?.prefer_publishers ?? [];
  const latest = (rule?.tie_break ?? prefs.default) === "latest_publication";
  const pubRank = (r: Report) => {
    const i = r.publisher === null ? -1 : order.indexOf(r.publisher);
    return i < 0 ? order.length : i;
  };
  return [...reports].sort(
    (a, b) =>
      pubRank(a) - pubRank(b) ||
      (a.origin === b.origin ? 0 : a.origin === "citation" ? -1 : 1) ||
      (latest ? byText(b.published ?? "", a.published ?? "") : byText(a.published ?? "", b.published ?? "")) ||
      byText(a.fact_id, b.fact_id),
  );
}
