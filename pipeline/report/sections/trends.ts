/** The "Over time" section: what the cited series cover, computed from the tables, then the charts over time. */
import { html, join, type Html } from "../html.ts";
import type { ChartEntry } from "../model-charts.ts";
import type { TrendsModel } from "../model-trends.ts";
import type { Labels } from "../model.ts";
import { figure } from "./charts.ts";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} points`;

export function trendsSection(m: TrendsModel, charts: readonly ChartEntry[], L: Labels): Html {
  const coverage = m.coverage.map(
    (c) =>
      html`<li><strong>${L.source(c.firm)}</strong>, ${L.market(c.market)} (${c.geography === "world" ? "worldwide" : c.geography}): ${c.periods} periods with shares, ${c.first} to ${c.last}${c.gaps.length > 0 ? `; no share at all for ${c.gaps.join(", ")}` : ""}.</li>`,
  );
  const leaders = m.leaders.map(
    (l) =>
      html`<li>${L.provider(l.provider_id)} leads ${L.source(l.firm)}'s series: ${pct(l.first.share)} in ${l.first.period}, ${pct(l.last.share)} in ${l.last.period} (${pp(l.last.share - l.first.share)}).</li>`,
  );
  return html`<p>${m.citedFacts} figures read on ${m.pages} third-party pages (table <a href="#table-cited_facts">cited facts</a>: each with its URL, publisher, dates and the figure as printed) make the series below; ${m.disagreements} figures are reported differently by two pages, and the series keeps one by the rule in <code>data/reference/series-preferences.yaml</code>. The article's own market-share figures against the series: ${m.check.agrees} agree, ${m.check.differs} differ, ${m.check.not_in_series} have no cited report (<a href="#table-series_check">article vs series</a>).</p>
<ul>
${join(coverage, "\n")}
</ul>
<ul>
${join(leaders, "\n")}
</ul>
<div class="charts">
${join(charts.map(figure), "\n")}
</div>`;
}
