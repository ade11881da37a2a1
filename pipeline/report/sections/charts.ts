/** Section 2, the charts: each static SVG inline, which the page's script replaces by an interactive view. */
import { html, join, raw, type Html } from "../html.ts";
import type { ChartEntry, ChartsModel } from "../model-charts.ts";

/** The static SVG with its ids (gradients, clips) prefixed, so that several SVGs can share a page. */
export function scopeSvg(svg: string, prefix: string): string {
  return svg
    .trim()
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/(xlink:href|href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${prefix}-${id}"`)
    .replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}

export function figure(c: ChartEntry): Html {
  const id = `chart-${c.name}`;
  // The SVG is the charts stage's own rendering of our specs (vega's toSVG escapes the text in it).
  const svg = raw(scopeSvg(c.svg, `svg-${c.name}`));
  return html`<figure class="chart" id="${id}" data-chart="${c.name}" aria-labelledby="${id}-caption"${c.width > 0 && html` data-width="${c.width}" style="--w: ${c.width}px"`}>
<p class="scroll-cue" aria-hidden="true">Scroll sideways for the whole chart →</p><div class="chart-scroll" tabindex="0" role="region" aria-label="${c.title || c.name} (scrolls sideways)"><div class="chart-static" role="img" aria-label="${`${c.title}. ${c.alt}`}">${svg}</div><div class="chart-live"></div></div>
<figcaption id="${id}-caption"><span class="visually-hidden">${c.title}${c.subtitle && html` — ${c.subtitle}`}. </span>${c.alt} Click a mark for the quote it comes from.${c.table ? html` <a href="#table-${c.table.name}">Table</a> · ` : " "}<a href="charts/${c.name}.svg">SVG</a> · <a href="charts/${c.name}.png">PNG</a> · <a href="charts/${c.name}.vl.json">Vega-Lite spec</a></figcaption>
</figure>`;
}

export function chartsSection(m: ChartsModel): Html {
  const notDrawn = m.skipped.map(
    (k) =>
      html`<li><strong>${k.name}</strong>: ${k.points.toLocaleString("en-US")} data points, over the ${k.maxPoints.toLocaleString("en-US")} a static chart is drawn from.${k.table && html` Its figures are in the <a href="#table-${k.table.name}">${k.table.title} table</a>.`}</li>`,
  );
  const skipped =
    notDrawn.length > 0
      ? html`<p class="charts-skipped">Not drawn, because a chart of this much data would not be readable:</p>
<ul class="charts-skipped">
${join(notDrawn, "\n")}
</ul>
`
      : "";
  return html`${skipped}<div class="charts">
${join(m.charts.map(figure), "\n")}
</div>`;
}
