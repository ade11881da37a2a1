/**
 * output/report.html in a real browser: the report as the pipeline's report step renders it from the
 * bundled data (renderReport, as pipeline/run.ts calls it, in this process; output-fresh.test.ts checks
 * that output/report.html is that page), opened from file:// in headless Chromium at 1280 and 390 px,
 * with scripts off, and with hostile data, checked for what a reader relies on: no console errors, no
 * request leaving file://, every chart drawn with its marks, a figure opening its quote, a table
 * sorting, a long table showing all its rows (on request, or when sorted), no serious accessibility
 * violation (axe-core), the static SVGs for print and with scripts off. Screenshots go to test/.artifacts/ (git-ignored) for people to look at.
 *
 * The browser comes from the npm package @sparticuz/chromium (a compressed Chromium inside the
 * registry package, unpacked into the temporary folder on first use), driven by playwright-core, so
 * the test needs nothing beyond `npm ci`. One browser serves every page, each loaded once in a context
 * of its own (the four load side by side in beforeAll); the checks of a page share that load.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sparticuz from "@sparticuz/chromium";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../pipeline/report/index.ts";
import { tempDir } from "../helpers.ts";
import { ARTIFACTS, axeSerious, CHROMIUM_ARGS, open, type Session, SMALL_TEXT } from "./browser-session.ts";
import { hostileTables, HOSTILE_CHARTS, INJECTION, REAL_CHARTS, reportInput } from "./support.ts";

/** Clicks the bar of a provider in a firm's panel of market_share_by_source, in the live chart. */
async function clickBar(page: Page, provider: string, source: string): Promise<void> {
  const bar = page
    .locator('figure[data-chart="market_share_by_source"] .chart-live svg g.mark-rect.role-mark > path')
    .and(page.locator(`[aria-label*="Provider: ${provider};"][aria-label*="Source: ${source} "]`));
  expect(await bar.count()).toBe(1);
  await bar.click();
}

// Chromium here renders in software (SwiftShader) and shares two cores with the other test files.
describe("the report in headless Chromium", { timeout: 120_000 }, () => {
  let browser: Browser | undefined;
  /** The report at 1280 px, at 390 px, with scripts off, and the report of the hostile tables. */
  let s: Session;
  let phone: Session;
  let off: Session;
  let evil: Session;
  const charts = REAL_CHARTS.map((c) => c.name);

  beforeAll(async () => {
    const dir = tempDir("report");
    const report = path.join(dir, "report.html");
    writeFileSync(report, renderReport(reportInput()));
    const hostile = path.join(dir, "report-hostile.html");
    writeFileSync(hostile, renderReport(reportInput(hostileTables(), HOSTILE_CHARTS)));
    browser = await chromium.launch({ executablePath: await sparticuz.executablePath(), args: CHROMIUM_ARGS });
    [s, phone, off, evil] = await Promise.all([
      open(browser, report),
      open(browser, report, { width: 390 }),
      open(browser, report, { javaScript: false }),
      open(browser, hostile),
    ]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("logs no console error or warning and requests nothing outside file://", () => {
    expect(s.consoleErrors).toEqual([]);
    // Vega warns "Infinite extent" for a layer without data: no chart may have one.
    expect(s.consoleWarnings).toEqual([]);
    expect(s.requests.length).toBeGreaterThan(0);
    expect(s.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  });

  it("draws every chart interactively, as an SVG with marks", async () => {
    expect(charts.length).toBe(15);
    for (const name of charts) {
      const fig = s.page.locator(`figure[data-chart="${name}"]`);
      expect(await fig.getAttribute("data-rendered"), name).toBe("live");
      const marks = await fig
        .locator(
          '.chart-live svg g[class*="role-mark"] > path, .chart-live svg g[class*="role-mark"] > line, .chart-live svg g[class*="role-mark"] > text',
        )
        .count();
      expect(marks, name).toBeGreaterThan(0);
      expect(await fig.locator(".chart-static").isVisible(), name).toBe(false);
    }
    // Ten bars: five providers per research firm.
    expect(await s.page.locator('figure[data-chart="market_share_by_source"] .chart-live svg g.mark-rect.role-mark > path').count()).toBe(
      10,
    );
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
    // Cells by their header's position (the table's columns are the schema's, in its order).
    const headers = (await table.locator("thead th").allInnerTexts()).map((t) => t.trim());
    const shareAt = headers.findIndex((t) => /^share\b/.test(t));
    const providerAt = headers.findIndex((t) => /^provider_id\b/.test(t));
    expect([shareAt, providerAt]).toEqual([6, 5]); // after source_id, market, period, period_start, period_end
    const firstShare = () => table.locator("tbody tr").first().locator("td").nth(shareAt).innerText();
    expect(await firstShare()).toBe("0.072"); // primary-key order: gartner/alibaba first
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    expect(await firstShare()).toBe("0.02");
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    expect(await firstShare()).toBe("0.377");
    expect(await table.locator("tbody tr").first().locator("td").nth(providerAt).innerText()).toBe("aws");
  });

  it("at 1280 px: no text under 11 px, no sideways page scroll, every chart within its column", async () => {
    expect(await s.page.evaluate(`(${SMALL_TEXT})(11)`)).toEqual([]);
    expect(await s.page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(1280);
    expect(await s.page.locator("figure.scrolls").count()).toBe(0);
  });

  it("opens the quote behind a chart's bar: AWS per Gartner", async () => {
    await clickBar(s.page, "AWS", "Gartner");
    const dialog = s.page.locator("#fact-dialog");
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.locator("blockquote").innerText()).toContain("Amazon at 37.7%");
    expect(await dialog.locator("li.cite.cited").innerText()).toContain("gartner-share-aws");
    await s.page.keyboard.press("Escape");
  });

  it("collapses and opens sections from their headings and the contents", async () => {
    const toggle = s.page.locator("#run-heading button.section-toggle");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await s.page.locator("#run-body").isVisible()).toBe(false);
    const all = s.page.locator("button.toc-all");
    await all.click(); // some are open: collapse all
    expect(await s.page.locator(".section-body:visible").count()).toBe(0);
    await s.page.locator('nav.toc a[href="#tables"]').click();
    // The section opens on 'hashchange', which the browser fires after the click returns.
    await s.page.locator("#tables-body").waitFor({ state: "visible", timeout: 5_000 });
    await all.click(); // one is open: collapse all
    await all.click(); // none is open: open all
    // the seven sections: key numbers, charts, over time, checks, tables, provenance, run
    expect(await s.page.locator(".section-body:visible").count()).toBe(7);
    await s.page.evaluate("window.scrollTo(0, 0)");
  });

  it("at 390 px: no sideways page scroll, no text under 11 px, wide tables scroll with a cue and a sticky first column, a bar opens its quote; screenshots in test/.artifacts/", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, "report.png");
    await s.page.evaluate("window.scrollTo(0, 0)");
    await s.page.screenshot({ path: png });
    expect(existsSync(png)).toBe(true);
    expect(phone.consoleErrors).toEqual([]);
    // One column: nothing but scroll regions is wider than the screen.
    expect(await phone.page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // Text at 11 px or more, charts included (drawn at the column's width, not shrunk).
    expect(await phone.page.evaluate(`(${SMALL_TEXT})(11)`)).toEqual([]);
    // A chart wider than the column even when narrowed scrolls in its box, with its cue shown.
    // (Figures of a section collapsed on a phone are hidden, and so are their cues.)
    for (const fig of await phone.page.locator("figure.scrolls").all())
      if (await fig.isVisible()) expect(await fig.locator(".scroll-cue").isVisible()).toBe(true);
    // Wide tables scroll with a cue and a sticky first column.
    await phone.page.locator('nav.toc a[href="#tables"]').click();
    await phone.page.locator("#tables-body").waitFor({ state: "visible", timeout: 5_000 });
    expect(await phone.page.locator("#table-market_share").getAttribute("open")).toBe("");
    const wide = phone.page.locator("#table-market_share .table-wrap.scrolls");
    expect(await wide.count()).toBe(1);
    expect(await wide.first().locator(".scroll-cue").isVisible()).toBe(true);
    expect(
      await phone.page.evaluate("getComputedStyle(document.querySelector('#table-market_share .table-wrap.scrolls tbody td')).position"),
    ).toBe("sticky");
    // A click on a bar opens its quote.
    await clickBar(phone.page, "AWS", "Gartner");
    expect(await phone.page.locator("#fact-dialog blockquote").innerText()).toContain("Amazon at 37.7%");
    await phone.page.keyboard.press("Escape");
    await phone.page.evaluate("window.scrollTo(0, 0)");
    await phone.page.screenshot({ path: path.join(ARTIFACTS, "report-phone.png"), fullPage: false });
    await phone.page.locator("#checks").scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: path.join(ARTIFACTS, "report-phone-checks.png"), fullPage: false });
  });

  // After the pages' clicks (quotes opened and closed, every section open at 1280 px); the two pages
  // run axe side by side, each in its own renderer process. Every rule runs at 1280 px. The 390 px
  // page is the same page with sections collapsed (hidden, which the rules skip), its charts drawn
  // narrower (the same roles and labels, fewer axis ticks) and more tables scrolling sideways (the
  // cue and sticky first column some tables have at 1280 px too): the rules that read the DOM and the
  // styles find nothing there that they do not find at 1280 px, so it runs the one that reads the
  // layout, which boxes scroll. Colour contrast reads the layout too, for what lies under the text,
  // but nothing in the page overlaps text with another colour at either width, the colours are the
  // same at both (checked below) and the text that shrinks stays on its side of the large-text line
  // (body text 15 px instead of 16, the title 22.4 px bold instead of 32).
  it("passes axe-core with no serious or critical violation: every rule at 1280 px, the layout's at 390 px", async () => {
    const [wide, narrow] = await Promise.all([axeSerious(s.page), axeSerious(phone.page, ["scrollable-region-focusable"])]);
    expect(wide).toEqual([]);
    expect(narrow).toEqual([]);
    // The style rules that apply by width set sizes and spacing: no colour, nothing shown or hidden.
    const byWidth = (await phone.page.evaluate(`[...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule) => rule instanceof CSSMediaRule && /width/.test(rule.conditionText))
      .flatMap((rule) => [...rule.cssRules].flatMap((r) => (r.style ? [...r.style] : [])))`)) as string[];
    expect(byWidth).toContain("font-size");
    expect(byWidth.filter((p) => /color|background|opacity|filter|shadow|visibility|display/.test(p))).toEqual([]);
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

  // After axe, so that axe checks the page as it loads: long tables cut to their first 50 rows.
  it("shows every row of a long table on request: series_lineage, 50 then 590 rows", async () => {
    const block = s.page.locator("#table-series_lineage");
    await block.locator("> summary").click();
    const rows = s.page.locator("#data-series_lineage tbody tr");
    const status = block.locator("p.preview .preview-status");
    expect(await rows.count()).toBe(50);
    expect(await status.innerText()).toBe("Showing the first 50 of 590 rows.");
    expect(await status.getAttribute("aria-live")).toBe("polite");
    await block.getByRole("button", { name: "Show all 590 rows" }).click();
    expect(await rows.count()).toBe(590);
    expect(await status.innerText()).toBe("Showing all 590 rows.");
    expect(await block.locator("template, button.show-all").count()).toBe(0);
    expect(await block.locator("p.preview a").getAttribute("href")).toBe("tables/series_lineage.csv");
    // Row 51 in primary-key order follows row 50; the button's focus goes to the table.
    expect(await rows.nth(50).locator("td").nth(2).innerText()).toBe("zawya-2024-07:azure:market_share:2023");
    expect(await s.page.evaluate("document.activeElement.getAttribute('aria-label')")).toBe("Table series_lineage");
    expect(await block.locator("summary .count").innerText()).toBe("(590 rows)");
  });

  it("sorts all rows of a long table, not the 50 shown: regions by availability_zones", async () => {
    const block = s.page.locator("#table-regions");
    await block.locator("> summary").click();
    const table = s.page.locator("#data-regions");
    const headers = (await table.locator("thead th").allInnerTexts()).map((t) => t.trim());
    const azAt = headers.findIndex((t) => /^availability_zones\b/.test(t));
    expect(azAt).toBe(8);
    expect(await table.locator("tbody tr").count()).toBe(50);
    const header = table.locator("thead th").nth(azAt);
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    expect(await block.locator("p.preview .preview-status").innerText()).toBe("Showing all 266 rows.");
    const keys = (await table
      .locator(`tbody tr td:nth-child(${azAt + 1})`)
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-v")))) as string[];
    expect(keys).toHaveLength(266);
    // 175 counts, ascending, then the 91 rows without one; the first is the 73rd row in key order.
    const counts = keys.filter((k) => k !== "").map(Number);
    expect(counts).toHaveLength(175);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(keys.slice(175)).toEqual(Array(91).fill(""));
    expect(await table.locator("tbody tr").first().locator("td").nth(1).innerText()).toBe("australiacentral");
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    expect(await table.locator("tbody tr").first().locator("td").nth(1).innerText()).toBe("cn-shanghai");
    expect(await table.locator("tbody tr").count()).toBe(266);
  });

  it("works with scripts off: static charts, and a figure jumps to its fact", async () => {
    expect(
      await off.page.locator('figure[data-chart="market_share_by_source"] .chart-static svg g.mark-rect.role-mark > path').count(),
    ).toBe(10);
    expect(await off.page.locator(".chart-static svg").first().isVisible()).toBe(true);
    await off.page.locator('#summary a.fig[data-facts="fact-gartner-share-aws"]').first().click();
    expect(off.page.url()).toMatch(/#fact-gartner-share-aws$/);
    expect(await off.page.locator("article.fact:has(#fact-gartner-share-aws) blockquote").innerText()).toContain("Amazon at 37.7%");
    expect(off.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  });

  it("with scripts off, a long table shows its first 50 rows and its CSV, and no button", async () => {
    const block = off.page.locator("#table-series_lineage");
    await block.locator("> summary").click(); // <details> opens without scripts
    expect(await off.page.locator("#data-series_lineage tbody tr").count()).toBe(50);
    expect(await block.locator("p.preview .preview-status").innerText()).toBe("Showing the first 50 of 590 rows.");
    const csv = block.locator("p.preview a");
    expect(await csv.isVisible()).toBe(true);
    expect(await csv.getAttribute("href")).toBe("tables/series_lineage.csv");
    expect(await block.locator("button.show-all").isVisible()).toBe(false);
  });

  it("keeps hostile text from the data inert in the browser", async () => {
    expect(evil.dialogs).toEqual([]);
    expect(evil.consoleErrors).toEqual([]);
    expect(await evil.page.locator("article.fact:has(#fact-gartner-share-aws) blockquote").innerText()).toBe(INJECTION);
    expect(await evil.page.locator("img").count()).toBe(0);
    // And in the rows a long table holds back until "Show all": the 100th fact's note.
    const hostileCells = evil.page.locator("#data-facts tbody td", { hasText: "alert(2)" });
    expect(await hostileCells.count()).toBe(2); // the 49th fact's quote and note
    await evil.page.locator("#table-facts > summary").click();
    await evil.page.locator("#table-facts button.show-all").click();
    expect(await hostileCells.allTextContents()).toEqual([INJECTION, INJECTION, INJECTION]);
    expect(await evil.page.locator("img").count()).toBe(0);
    expect(evil.dialogs).toEqual([]);
    expect(evil.requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  });
});
