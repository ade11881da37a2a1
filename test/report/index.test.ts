/** pipeline/report/index.ts: output/report.html as a string (the browser half is browser.test.ts). */
import { describe, expect, it } from "vitest";
import { renderReport } from "../../pipeline/report/index.ts";
import { PREVIEW_ROWS } from "../../pipeline/report/sections/tables.ts";
import { msg } from "../../pipeline/messages.ts";
import { TABLES } from "../../pipeline/schema/tables.ts";
import { realTables } from "../helpers.ts";
import { assets, hostileTables, HOSTILE_CHARTS, INJECTION, reportInput } from "./support.ts";

/** A table's block of the page: from its <details> to the end of its data dictionary. */
function tableBlock(page: string, name: string): string {
  const start = page.indexOf(`<details class="table-block" id="table-${name}"`);
  expect(start, name).toBeGreaterThan(0);
  return page.slice(start, page.indexOf("</dl></details>\n</details>", start));
}

/** The <tr> rows inside a block's tbody or template element. */
function rowsIn(block: string, element: "tbody" | "template"): string[] {
  const inner = new RegExp(`<${element}[^>]*>([\\s\\S]*?)</${element}>`).exec(block)?.[1] ?? "";
  return inner.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
}

describe("the report page", () => {
  const html = renderReport(reportInput());

  it("is the same bytes for the same input", () => {
    expect(renderReport(reportInput(realTables()))).toBe(html);
  });

  it("states the key numbers with each figure linked to its facts", () => {
    expect(html).toContain(
      `<li><strong>The research firms are 2.1 to 7.7 points apart</strong> on the 5 providers both name. Synergy Research Group (Cloud infrastructure services, 2025-Q2) and Gartner (Infrastructure as a service (IaaS), 2024) measure different markets over different periods; the widest gap is for AWS: <a class="fig" href="#fact-synergy-share-aws" data-facts="fact-synergy-share-aws" title="Source: fact synergy-share-aws">30.0%</a> against <a class="fig" href="#fact-gartner-share-aws" data-facts="fact-gartner-share-aws" title="Source: fact gartner-share-aws">37.7%</a>`,
    );
    expect(html).toContain(
      "of 22 claims, 13 hold under every definition of a region, 5 depend on the definition, 3 hold under none and 1 cannot be checked",
    );
    expect(html).toContain(
      "the region catalog has both blocs present in every one; the China-led providers hold 22.2% (Middle East) to 25.0% (Latin America) of the regions open to any customer (status general or sovereign) there, and 23.8% (Latin America) to 25.0% (Asia-Pacific and Middle East) counting every status, government and restricted included (catalog as of 2025-09).</li>",
    );
  });

  it("shows each quote once, with its offsets, source and every fact citing it, and links figures to the facts", () => {
    expect(html).toContain(`<article class="fact" id="quote-gartner-share-aws"`);
    expect(html).toContain('<li class="cite" id="fact-gartner-share-aws" tabindex="-1"><code class="fact-id">gartner-share-aws</code>');
    expect(html.split('<blockquote class="quote"><p>Amazon at 37.7%</p></blockquote>')).toHaveLength(2);
    // No quote appears in two cards.
    const quotes = [...html.matchAll(/<blockquote class="quote"><p>([\s\S]*?)<\/p><\/blockquote>/g)].map((m) => m[1]);
    expect(quotes.length).toBeGreaterThan(0);
    expect(new Set(quotes).size).toBe(quotes.length);
    expect(html).toContain("2177–2192 (code points, end exclusive)");
    expect(html).toMatch(/<a class="fig" href="#fact-gartner-share-aws" data-facts="fact-gartner-share-aws"[^>]*>37\.7%<\/a>/);
  });

  it("lists each input file with its SHA-256, the as-of dates and the inlined libraries", () => {
    // The article's hash, as data/sources/dual-ai-stack-article.meta.yaml records it.
    expect(html).toContain(
      '<td><code>sources/dual-ai-stack-article.txt</code></td><td class="num">5142</td><td><code class="hash">67e1678e4a0a649928126f6209fde7f0abd6a3dc8d3aafad80e93a4f70a64cfa</code></td>',
    );
    expect(html).toContain("<td>2025-H2 (approximate)</td>");
    expect(html).toMatch(/Region catalog \(reference\/regions\.csv\)<\/th><td>2025-09<\/td>/);
    const vega = assets.libraries.find((l) => l.name === "vega")!;
    expect(html).toContain(
      `<tr><td><code>vega</code> ${vega.version}</td><td><code>build/vega.min.js</code></td><td><code class="hash">${vega.sha256}</code></td></tr>`,
    );
  });

  it("links every table of the registry to its CSV and Parquet file beside the report, in the index and its own block", () => {
    const names = Object.keys(TABLES);
    expect(names).toEqual(expect.arrayContaining(["geographies", "region_lists", "cited_facts", "share_series", "series_check"]));
    for (const name of names) {
      // A third CSV link under a table of more than PREVIEW_ROWS rows.
      const long = (realTables() as unknown as Record<string, unknown[]>)[name]!.length > PREVIEW_ROWS;
      expect(html.split(`<a href="tables/${name}.csv" download>`), name).toHaveLength(long ? 4 : 3);
      expect(html.split(`<a href="tables/${name}.parquet" download>`), name).toHaveLength(3);
      expect(html, name).toContain(`<details class="table-block" id="table-${name}"`);
    }
  });

  it("shows the first 50 rows of a long table, holds the rest in a template and says so under it", () => {
    expect(PREVIEW_ROWS).toBe(50);
    const lineage = tableBlock(html, "series_lineage");
    expect(lineage).toContain('<span class="count">(590 rows)</span>');
    expect(rowsIn(lineage, "tbody")).toHaveLength(50);
    const rest = rowsIn(lineage, "template");
    expect(rest).toHaveLength(540);
    // Primary-key order runs on from the tbody into the template: rows 50 and 51 of the CSV.
    expect(rowsIn(lineage, "tbody")[49]).toContain('data-v="concentration_series"');
    expect(rest[0]).toMatch(
      /^<tr><td class="nowrap" data-v="concentration_series">concentration_series<\/td><td class="nowrap" data-v="gartner\|iaas\|world\|2023">[\s\S]*zawya-2024-07:azure:market_share:2023/,
    );
    expect(lineage).toContain('</tbody></table></div>\n<template class="more-rows">\n<tr>');
    expect(lineage).toContain(
      '<p class="preview"><span class="preview-status" aria-live="polite">Showing the first 50 of 590 rows.</span> All rows: <a href="tables/series_lineage.csv" download>series_lineage.csv</a> <button type="button" class="show-all">Show all 590 rows</button></p>',
    );
    expect(lineage.match(/<template\b/g)).toHaveLength(1);
    // Every table over 50 rows, and no other, is cut: each tbody and template add up to the table.
    const cut = Object.keys(TABLES).flatMap((name) => {
      const block = tableBlock(html, name);
      const [shown, held] = [rowsIn(block, "tbody").length, rowsIn(block, "template").length];
      return held > 0 ? [`${name} ${shown}+${held}`] : [];
    });
    expect(cut).toEqual([
      "measures 50+5",
      "facts 50+63",
      "regions 50+216",
      "claims_check 50+76",
      "cited_facts 50+147",
      "share_series 50+76",
      "share_change 50+72",
      "series_gaps 50+76",
      "series_lineage 50+540",
    ]);
  });

  it("shows a table of 50 rows or fewer whole, with no template, line or button", () => {
    const breakdown = tableBlock(html, "regional_breakdown");
    expect(breakdown).toContain('<span class="count">(48 rows)</span>');
    expect(rowsIn(breakdown, "tbody")).toHaveLength(48);
    expect(breakdown).not.toContain("<template");
    expect(breakdown).not.toContain('class="preview"');
    expect(breakdown).not.toContain("show-all");
  });

  it("inlines its style sheet and script as the asset files hold them", () => {
    expect(html).toContain(`<style>\n${assets.css}</style>`);
    expect(html).toContain(`<script>\n${assets.js}</script>\n</body>`);
  });

  it("loads nothing from the network: no http(s) URL in any src or href, and a CSP forbids fetches", () => {
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it("lists the charts it left out and where their figures are", () => {
    const page = renderReport({ ...reportInput(), skippedCharts: [{ name: "footprint", points: 12345, maxPoints: 500 }] });
    expect(page).toContain(
      `<li><strong>footprint</strong>: 12,345 data points, over the 500 a static chart is drawn from. Its figures are in the <a href="#table-footprint">footprint table</a>.</li>`,
    );
  });

  it("renders hostile text from the data inert", () => {
    const evil = renderReport(reportInput(hostileTables(), HOSTILE_CHARTS));
    expect(evil).not.toContain("<script>alert(1)");
    expect(evil).not.toContain("<img src=x");
    // Escaped in the rows held back in a template too (synergy-share-aws is the facts table's 100th row).
    expect(rowsIn(tableBlock(evil, "facts"), "template").filter((r) => r.includes('data-v="synergy-share-aws"'))[0]).toContain(
      '<td data-v="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; “quoted”">&lt;/script&gt;',
    );
    expect(evil).toContain(
      '<blockquote class="quote"><p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; “quoted”</p></blockquote>',
    );
    // Script elements: the chart specs (JSON), three bundles and the page's own script, no more.
    expect(evil.match(/<script\b/g)?.length).toBe(5);
    // The chart specs still carry the quote, verbatim once parsed.
    const json = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(evil)?.[1] ?? "";
    expect(json).not.toContain("</");
    const specs = JSON.parse(json) as {
      fact_positions: { vconcat: Array<{ data: { values: Array<{ fact_id: string; quote: string }> } }> };
    };
    expect(INJECTION.length).toBeLessThan(90); // the chart shortens longer quotes
    expect(specs.fact_positions.vconcat[0]?.data.values.find((v) => v.fact_id === "gartner-share-aws")?.quote).toBe(INJECTION);
  });

  it("refuses assets without one of the three bundles", () => {
    const input = reportInput();
    expect(() =>
      renderReport({ ...input, assets: { ...assets, libraries: assets.libraries.filter((l) => l.name !== "vega-embed") } }),
    ).toThrow(msg.reportBundleMissing("vega-embed"));
  });
});
