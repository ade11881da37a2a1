/**
 * Report: tables + charts + the run's inputs → output/report.html, one self-contained page for
 * people who will not open a notebook.
 *
 *   1. summary     numbers computed from the tables: the firms' gap per provider, the US-led vs
 *                  China-led split per source, who is present in each battleground
 *   2. charts      every chart: the static SVG inline, replaced by an interactive vega-embed view
 *                  (tooltips) when scripts run; the SVG stays for print and for scripts off
 *   3. checks      the claims check (one row per claim, one column per definition) and the
 *                  data-quality findings
 *   4. tables      every output table, sortable, with links to tables/<name>.csv and .parquet
 *   5. provenance  every fact with its quote, source, offsets and context; every figure above links
 *                  to its facts (`#fact-<id>`; a dialog when scripts run)
 *   6. run         as-of dates, the input files with their SHA-256, the bundled libraries
 *
 * The parts: model.ts computes every figure from the tables (pure, typed); sections/*.ts turn it
 * into markup with html.ts's escaping template; assets/report.css and assets/report.js are the
 * page's style and script; assets.ts is the read edge that loads them and the vega bundles, which
 * the run passes in.
 *
 * `renderReport` is pure: the same input gives the same bytes (no clock, stable ordering). The page
 * makes no network request: the bundles are inlined, there are no external fonts or styles,
 * vega-embed's actions menu (links to the online editor) is off, and a Content-Security-Policy
 * forbids every fetch. Everything that comes from data is escaped; JSON inside <script> has every
 * `<` written as `\u003c`, so no `</script>` or `<!--` can end or bend the script element.
 */
import { msg } from "../messages.ts";
import { html, join, raw, scriptJson, scriptText, type Html } from "./html.ts";
import type { ReportInput } from "./input.ts";
import { reportModel, type ReportModel } from "./model.ts";
import { chartsSection } from "./sections/charts.ts";
import { checksSection } from "./sections/checks.ts";
import { provenanceSection } from "./sections/provenance.ts";
import { runSection } from "./sections/run.ts";
import { summarySection } from "./sections/summary.ts";
import { tablesSection } from "./sections/tables.ts";
import { trendsSection } from "./sections/trends.ts";

export { loadReportAssets } from "./assets.ts";
export { chartsFromFiles, REPORT_MAX_FACTS, reportContext, type ReportAssets, type ReportChart, type ReportInput } from "./input.ts";
export { reportModel, type ReportModel } from "./model.ts";

/** No fetch of any kind; inline scripts (vega compiles expressions with eval) and styles only. */
const CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
const BUNDLES = ["vega", "vega-lite", "vega-embed"] as const;

/** The page's sections; `phone: "collapsed"` ones start collapsed on a narrow screen (the script opens them on demand). */
function sections(m: ReportModel): Array<{ id: string; title: string; body: Html; phone?: "collapsed" }> {
  return [
    { id: "summary", title: "Key numbers", body: summarySection(m.headline, m.labels) },
    { id: "charts", title: "Charts", body: chartsSection(m.charts) },
    { id: "over-time", title: "Over time", body: trendsSection(m.trends, m.charts.trends, m.labels), phone: "collapsed" },
    { id: "checks", title: "Claim checks and data quality", body: checksSection(m.claims, m.quality, m.labels), phone: "collapsed" },
    { id: "tables", title: "Tables", body: tablesSection(m.tables), phone: "collapsed" },
    {
      id: "provenance",
      title: "Provenance: every quote and the facts citing it",
      body: provenanceSection(m.facts, m.labels),
      phone: "collapsed",
    },
    { id: "run", title: "As-of dates and the run's inputs", body: runSection(m.run), phone: "collapsed" },
  ];
}

/** The page around the sections. */
function page(m: ReportModel, input: ReportInput): string {
  const parts = sections(m);
  const source = m.documents.map((d) => `${d.publisher}${d.title ? `, “${d.title}”` : ""} (${d.date_approx}, approximate)`).join("; ");
  const { css, js, libraries } = input.assets;
  // The bundles and the page's own style and script are our files, inlined as they are.
  const scripts = join(
    libraries.map(
      (l) => html`<script>/* ${l.name} ${l.version} (${l.file}) */
${scriptText(l.text)}</script>`,
    ),
    "\n",
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${raw(CSP)}">
<meta name="generator" content="cloud-market-atlas ${m.run.version} (npm run pipeline)">
<title>Cloud market atlas: the US-led and China-led cloud stacks</title>
<style>
${raw(css)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><div class="wrap">
<h1>The cloud's dual stack: US-led and China-led providers</h1>
<p>Market shares, footprints and geography claims of one article, each figure traced to the sentence it comes from. Source: ${source}.</p>
<nav class="toc" aria-label="Sections"><ul>${parts.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ul><button type="button" class="toc-all">Collapse all sections</button></nav>
</div></header>
<main id="main" class="wrap">
${join(
  parts.map(
    (s) => html`<section id="${s.id}" aria-labelledby="${s.id}-heading">
<h2 id="${s.id}-heading"><button type="button" class="section-toggle" aria-expanded="true" aria-controls="${s.id}-body"${s.phone && html` data-phone="${s.phone}"`}>${s.title}</button></h2>
<div class="section-body" id="${s.id}-body">
${s.body}
</div>
</section>`,
  ),
  "\n",
)}
</main>
<footer class="site"><div class="wrap"><p>Generated by <code>npm run pipeline</code> (cloud-market-atlas ${m.run.version}). The dataset beside this file: <a href="tables/">tables/</a>, <a href="charts/">charts/</a>, <a href="datapackage.json">datapackage.json</a>. This page works offline and makes no network request.</p></div></footer>
<dialog id="fact-dialog" aria-labelledby="fact-dialog-title">
<div class="dialog-head"><h2 id="fact-dialog-title">Where this figure comes from</h2><button type="button" class="dialog-close">Close</button></div>
<div class="dialog-body"></div>
</dialog>
<script type="application/json" id="chart-specs">${scriptJson(m.charts.specs)}</script>
${scripts}
<script>
${raw(js)}</script>
</body>
</html>
`.toString();
}

/** The report page. Pure: the same input gives the same bytes. */
export function renderReport(input: ReportInput): string {
  for (const lib of BUNDLES) {
    if (!input.assets.libraries.some((l) => l.name === lib)) throw new Error(msg.reportBundleMissing(lib));
  }
  return page(reportModel(input), input);
}
