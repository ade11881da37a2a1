/**
 * output/report.html (pipeline/stages/report.ts): the page as a string, then in a real browser.
 *
 * The browser half opens a report from a fresh pipeline run in headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core; .ci/run installs it) from file:// and checks what a
 * reader relies on: no console errors, no request leaving file://, every chart drawn with its
 * marks, a figure opening its quote, a table sorting, no serious accessibility violation (axe-core),
 * the static SVGs for print and with scripts off. Screenshots go to test/.artifacts/ (git-ignored)
 * for people to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCharts } from "../pipeline/charts/index.ts";
import { silentContext } from "../pipeline/stages/context.ts";
import type { EnrichedTables } from "../pipeline/stages/enrich.ts";
import { extract } from "../pipeline/stages/extract.ts";
import { chartsFromFiles, factAnchor, loadReportAssets, renderReport, reportContext, scriptJson, type ReportInput } from "../pipeline/stages/report.ts";
import { realInputs, realTables, ROOT, runCli, tempDir } from "./helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];
const ARTIFACTS = path.join(ROOT, "test", ".artifacts");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

const assets = loadReportAssets();
const context = reportContext(realInputs(), extract(realInputs(), silentContext));

/** The report of some tables and their charts' files (renderCharts of the same tables). */
function reportOf(tables: EnrichedTables, chartFiles: ReadonlyMap<string, string | Uint8Array>): string {
  const input: ReportInput = { tables, charts: chartsFromFiles(chartFiles), version: "0.0.0-test", assets, ...context };
  return renderReport(input);
}

const INJECTION = `</script><script>alert(1)</script><img src=x onerror="alert(2)"> & “quoted”`;

/** The real tables with hostile text in a quote, a note and a provider's name. */
function hostileTables(): EnrichedTables {
  const t = realTables();
  return {
    ...t,
    facts: t.facts.map((f) => (f.fact_id === "gartner-share-aws" ? { ...f, quote: INJECTION, note: INJECTION } : f)),
    providers: t.providers.map((p) => (p.provider_id === "oracle" ? { ...p, provider_id: "oracle", provider_name: INJECTION } : p)),
  };
}

const realCharts = await renderCharts(realTables());
const hostileCharts = await renderCharts(hostileTables());

describe("the report page (pure)", () => {
  const html = reportOf(realTables(), realCharts);

  it("is the same bytes for the same input", () => {
    expect(reportOf(realTables(), realCharts)).toBe(html);
  });

  it("shows every fact with its quote, offsets and source, and links figures to it", () => {
    expect(html).toContain(`<article class="fact" id="fact-gartner-share-aws"`);
    expect(html).toContain("<blockquote class=\"quote\"><p>Amazon at 37.7%</p></blockquote>");
    expect(html).toContain("2177–2192 (code points, end exclusive)");
    // The headline's AWS/Gartner figure is a link to that fact.
    expect(html).toMatch(/<a class="fig" href="#fact-gartner-share-aws" data-facts="fact-gartner-share-aws"[^>]*>37\.7%<\/a>/);
  });

  it("lists each input file with its SHA-256 and the as-of dates", () => {
    // The article's hash, as data/sources/dual-ai-stack-article.meta.yaml records it.
    expect(html).toContain("<td><code>sources/dual-ai-stack-article.txt</code></td><td class=\"num\">5142</td><td><code class=\"hash\">67e1678e4a0a649928126f6209fde7f0abd6a3dc8d3aafad80e93a4f70a64cfa</code></td>");
    expect(html).toContain("<td>2025-H2 (approximate)</td>");
    expect(html).toMatch(/Region catalog \(reference\/regions\.csv\)<\/th><td>2025-09<\/td>/);
  });

  it("links every table to its CSV and Parquet file beside the report", () => {
    for (const name of ["market_share", "claims_check", "regions", "facts"]) {
      expect(html).toContain(`<a href="tables/${name}.csv" download>`);
      expect(html).toContain(`<a href="tables/${name}.parquet" download>`);
    }
  });

  it("loads nothing from the network: no http(s) URL in any src or href, and a CSP forbids fetches", () => {
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/sourceMappingURL/);
  });

  it("renders hostile text from the data inert", () => {
    const evil = reportOf(hostileTables(), hostileCharts);
    expect(evil).not.toContain("<script>alert(1)");
    expect(evil).not.toContain("<img src=x");
    expect(evil).toContain("<blockquote class=\"quote\"><p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; “quoted”</p></blockquote>");
    // Script elements: the chart specs (JSON), three bundles and the page's own script, no more.
    expect(evil.match(/<script\b/g)?.length).toBe(5);
    // The chart specs still carry the quote, verbatim once parsed.
    const json = /<script type="application\/json" id="chart-specs">([\s\S]*?)<\/script>/.exec(evil)?.[1] ?? "";
    expect(json).not.toContain("</");
    const specs = JSON.parse(json) as { fact_positions: { data: { values: Array<{ fact_id: string; quote: string }> } } };
    expect(INJECTION.length).toBeLessThan(90); // the chart shortens longer quotes
    expect(specs.fact_positions.data.values.find((v) => v.fact_id === "gartner-share-aws")?.quote).toBe(INJECTION);
  });

  it("escapes JSON for a script element and fact ids for an HTML id", () => {
    expect(scriptJson({ q: "</script><!--" })).toBe('{"q":"\\u003c/script>\\u003c!--"}');
    expect(JSON.parse(scriptJson({ q: "</script><!--" }))).toEqual({ q: "</script><!--" });
    expect(factAnchor("gartner-share-aws")).toBe("fact-gartner-share-aws");
    expect(factAnchor('a"b c')).toBe("fact-a_22_b_20_c");
  });
});

// --- In a browser ------------------------------------------------------------------------------------

interface Session {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  consoleWarnings: string[];
  requests: string[];
  dialogs: string[];
}

async function open(file: string, options: { width?: number; javaScript?: boolean } = {}): Promise<Session> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the report's browser test needs it. Install it with \`apt-get install -y --no-install-recommends chromium\` (.ci/run does).`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), "cma-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const session: Session = { context, page, consoleErrors: [], consoleWarnings: [], requests: [], dialogs: [] };
  page.on("console", (m) => {
    if (m.type() === "error") session.consoleErrors.push(m.text());
    if (m.type() === "warning") session.consoleWarnings.push(m.text());
  });
  page.on("pageerror", (e) => session.consoleErrors.push(`pageerror: ${e.message}`));
  context.on("request", (r) => session.requests.push(r.url()));
  page.on("dialog", (d) => {
    session.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  if (options.javaScript ?? true) {
    await page.waitForFunction("document.querySelectorAll('figure[data-chart]:not([data-rendered])').length === 0", null, { timeout: 30_000 });
  }
  return session;
}

describe("the report in headless Chromium", () => {
  let dir = "";
  let report = "";
  let s: Session;
  const charts = chartsFromFiles(realCharts).map((c) => c.name);

  beforeAll(async () => {
    dir = path.join(tempDir("report"), "output");
    const run = runCli(["--out", dir]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    report = path.join(dir, "report.html");
    s = await open(report);
  });
  afterAll(async () => {
    await s?.context.close();
  });

  it("logs no console error or warning and requests nothing outside file://", () => {
    expect(s.consoleErrors).toEqual([]);
    // (Vega warned "Infinite extent" for the footprint chart's empty layers until they were dropped.)
    expect(s.consoleWarnings).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(0);
    expect(s.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  });

  it("draws every chart interactively, as an SVG with marks", async () => {
    expect(charts.length).toBe(11);
    for (const name of charts) {
      const fig = s.page.locator(`figure[data-chart="${name}"]`);
      expect(await fig.getAttribute("data-rendered"), name).toBe("live");
      const marks = await fig.locator('.chart-live svg g[class*="role-mark"] > path, .chart-live svg g[class*="role-mark"] > line, .chart-live svg g[class*="role-mark"] > text').count();
      expect(marks, name).toBeGreaterThan(0);
      expect(await fig.locator(".chart-static").isVisible(), name).toBe(false);
    }
    // Ten bars: five providers per research firm.
    expect(await s.page.locator('figure[data-chart="market_share_by_source"] .chart-live svg g.mark-rect.role-mark > path').count()).toBe(10);
  });

  it("shows a tooltip over a bar", async () => {
    const bars = s.page.locator('figure[data-chart="market_share_by_source"] .chart-live svg g.mark-rect.role-mark > path');
    let text = "";
    for (let i = 0; i < 10 && !text.includes("37.7%"); i++) {
      await bars.nth(i).hover();
      text = (await s.page.locator("#vg-tooltip-element").textContent()) ?? "";
    }
    expect(text).toContain("37.7%");
    expect(text).toContain("gartner-share-aws");
    await s.page.mouse.move(0, 0);
  });

  it("opens the quote behind a figure: AWS at 37.7% per Gartner", async () => {
    const dialog = s.page.locator("#fact-dialog");
    expect(await dialog.isVisible()).toBe(false);
    await s.page.locator('#summary a.fig[data-facts="fact-gartner-share-aws"]').first().click();
    expect(await dialog.isVisible()).toBe(true);
    const text = await dialog.innerText();
    expect(text).toContain("Amazon at 37.7%");
    expect(text).toContain("2177–2192");
    expect(text).toContain("Gartner");
    await s.page.keyboard.press("Escape");
    expect(await dialog.isVisible()).toBe(false);
  });

  it("sorts a table by a column: market_share by share", async () => {
    const table = s.page.locator("#data-market_share");
    const header = table.locator("thead th", { has: s.page.locator("button", { hasText: /^share$/ }) });
    const firstShare = () => table.locator("tbody tr").first().locator("td").nth(4).innerText();
    expect(await firstShare()).toBe("0.072"); // primary-key order: gartner/alibaba first
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    expect(await firstShare()).toBe("0.02");
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    expect(await firstShare()).toBe("0.377");
    expect(await table.locator("tbody tr").first().locator("td").nth(3).innerText()).toBe("aws");
  });

  it("passes axe-core with no serious or critical violation", async () => {
    await s.page.addScriptTag({ path: AXE });
    const result = (await s.page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> };
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
    expect(serious).toEqual([]);
  });

  it("saves screenshots for people to look at (test/.artifacts/report.png, report-phone.png)", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, "report.png");
    await s.page.evaluate("window.scrollTo(0, 0)");
    await s.page.screenshot({ path: png, fullPage: true });
    expect(existsSync(png)).toBe(true);
    const phone = await open(report, { width: 390 });
    try {
      expect(phone.consoleErrors).toEqual([]);
      // One column: nothing but scroll regions is wider than the screen.
      expect(await phone.page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await phone.page.screenshot({ path: path.join(ARTIFACTS, "report-phone.png"), fullPage: false });
      await phone.page.locator("#checks").scrollIntoViewIfNeeded();
      await phone.page.screenshot({ path: path.join(ARTIFACTS, "report-phone-checks.png"), fullPage: false });
    } finally {
      await phone.context.close();
    }
  });

  it("prints the static SVGs, not the interactive views", async () => {
    await s.page.emulateMedia({ media: "print" });
    try {
      for (const name of charts) {
        const fig = s.page.locator(`figure[data-chart="${name}"]`);
        expect(await fig.locator(".chart-static svg").isVisible(), name).toBe(true);
        expect(await fig.locator(".chart-live").isVisible(), name).toBe(false);
      }
      expect(await s.page.locator("nav.toc").isVisible()).toBe(false);
    } finally {
      await s.page.emulateMedia({ media: "screen" });
    }
  });

  it("works with scripts off: static charts, and a figure jumps to its fact", async () => {
    const off = await open(report, { javaScript: false });
    try {
      expect(await off.page.locator('figure[data-chart="market_share_by_source"] .chart-static svg g.mark-rect.role-mark > path').count()).toBe(10);
      expect(await off.page.locator(".chart-static svg").first().isVisible()).toBe(true);
      await off.page.locator('#summary a.fig[data-facts="fact-gartner-share-aws"]').first().click();
      expect(off.page.url()).toMatch(/#fact-gartner-share-aws$/);
      expect(await off.page.locator("#fact-gartner-share-aws blockquote").innerText()).toContain("Amazon at 37.7%");
      expect(off.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    } finally {
      await off.context.close();
    }
  });

  it("keeps hostile text from the data inert in the browser", async () => {
    const file = path.join(tempDir("report-hostile"), "report.html");
    writeFileSync(file, reportOf(hostileTables(), hostileCharts));
    const evil = await open(file);
    try {
      expect(evil.dialogs).toEqual([]);
      expect(evil.consoleErrors).toEqual([]);
      expect(await evil.page.locator("#fact-gartner-share-aws blockquote").innerText()).toBe(INJECTION);
      expect(await evil.page.locator("img").count()).toBe(0);
      expect(evil.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    } finally {
      await evil.context.close();
    }
  });
});
