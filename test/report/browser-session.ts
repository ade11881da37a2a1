/**
 * Test-only: the report's browser sessions for test/report/browser.test.ts: Chromium's flags, a page
 * opened in a context of its own with its console, requests and dialogs recorded, and the checks run
 * inside a page (text drawn too small, axe-core's serious violations).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import sparticuz from "@sparticuz/chromium";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ROOT } from "../support/basics.ts";

/**
 * The package's flags for a headless Chromium, less the two that would relax the page's security
 * (the test checks the page as a reader's browser enforces it), plus no background traffic of the
 * browser's own, so that every request the test sees is the page's. Two more, for speed alone: a
 * renderer process per page instead of --single-process (where every page shares one thread, so the
 * pages load and run axe one after the other even on two cores), and no GPU (the package draws
 * through SwiftShader, a GPU emulated on the CPU for WebGL; the report is HTML and SVG, which the
 * software compositor draws for about half the time).
 */
const RELAXED = new Set(["--disable-web-security", "--allow-running-insecure-content"]);
export const CHROMIUM_ARGS = [
  ...sparticuz.args.filter((a) => !RELAXED.has(a) && a !== "--single-process"),
  "--disable-gpu",
  "--headless",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];
export const ARTIFACTS = path.join(ROOT, "test", ".artifacts");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

export interface Session {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  consoleWarnings: string[];
  requests: string[];
  dialogs: string[];
}

/** A report file in a new context of the browser (its contexts close with it). */
export async function open(browser: Browser, file: string, options: { width?: number; javaScript?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
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
    // Pages load side by side in a loaded machine: a generous bound on a condition, not a wait.
    await page.waitForFunction("document.querySelectorAll('figure[data-chart]:not([data-rendered])').length === 0", null, {
      timeout: 100_000,
    });
  }
  return session;
}

/**
 * Every visible piece of text drawn smaller than `min` px, as "size px: text". HTML text at its
 * computed size; SVG text at its size times the SVG's scale on the page. Text hidden from view
 * (display none, collapsed sections, the visually-hidden helper's 1 px clip) is not drawn.
 */
export const SMALL_TEXT = `(min) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    const el = n.parentElement;
    if (!text || !el || el.closest(".visually-hidden, script, style, dialog:not([open])")) continue;
    if (el.getClientRects().length === 0) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest("svg");
    if (svg) {
      const drawn = svg.getBoundingClientRect().width;
      const own = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : svg.width.baseVal.value;
      if (own > 0) size = size * (drawn / own);
    }
    if (size < min - 0.01) out.push(size.toFixed(1) + " px: " + text.slice(0, 40));
  }
  return out;
}`;

/** axe-core's serious and critical violations on the page: every rule it runs by default, or the given ones. */
export async function axeSerious(page: Page, rules?: string[]): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const options = JSON.stringify({ resultTypes: ["violations"], ...(rules && { runOnly: rules }) });
  const result = (await page.evaluate(`axe.run(document, ${options})`)) as {
    violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
  };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${JSON.stringify(v.nodes[0]?.target)})`);
}
