/**
 * The classic Notebook as `npm run lab` starts it (Debian's jupyter-notebook 6; skipped where it is
 * not installed, or where `npm run lab` would start JupyterLab instead), opened in Chromium on the
 * committed executed notebooks: the charts are interactive Vega-Lite views drawn from the local
 * vega builds (tooltips on hover, no request leaves the machine), and MathJax, which the page
 * loads, leaves the `$` in the tables alone; the project's kernel starts from the page. One server and
 * one browser; the two notebooks open side by side in beforeAll. Only 01's page starts a kernel, as it
 * does for a reader: a second one would check nothing more and costs a tslab process, which compiles
 * TypeScript's libraries as it starts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import sparticuz from "@sparticuz/chromium";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJupyter } from "../../tools/jupyter/nbconvert-html.ts";
import { hasJupyterCommand } from "../../tools/jupyter/programs.ts";
import { REPO_ROOT } from "../../tools/kernel-install.ts";
import { TSX, tempDir } from "../support/basics.ts";

const jupyter = findJupyter();
const classic = jupyter !== null && hasJupyterCommand(jupyter, "notebook") && !hasJupyterCommand(jupyter, "lab");

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

describe.skipIf(!classic)("the classic Notebook started by npm run lab (skipped without jupyter-notebook)", () => {
  let server: ChildProcess;
  let browser: Browser;
  let base = "";
  const outside: string[] = [];
  let market: Page;
  let provenance: Page;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const args = [
      join(REPO_ROOT, "tools", "lab.ts"),
      "--no-browser",
      `--port=${port}`,
      "--ip=127.0.0.1",
      "--NotebookApp.token=",
      "--NotebookApp.password=",
      // a local server with no token: let the DELETE of the kernels below through without an XSRF cookie
      "--NotebookApp.disable_check_xsrf=True",
    ];
    // copies of the committed executed notebooks: their outputs are on the page as soon as it opens,
    // and the server's checkpoints folder goes to the copy, not into the published output/
    const served = join(tempDir("classic"), "notebooks");
    cpSync(join(REPO_ROOT, "output", "notebooks"), served, { recursive: true });
    args.push(`--notebook-dir=${served}`);
    server = spawn(TSX, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const started = new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`the notebook server did not start:\n${log}`)), 90_000);
      const seen = (d: Buffer): void => {
        log += String(d);
        if (log.includes(`:${port}/`)) {
          clearTimeout(timer);
          res();
        }
      };
      server.on("exit", () => rej(new Error(`the notebook server stopped:\n${log}`)));
      server.stdout?.on("data", seen);
      server.stderr?.on("data", seen);
    });
    [browser] = await Promise.all([
      chromium.launch({
        executablePath: await sparticuz.executablePath(),
        // as browser.test.ts: a renderer process per page, no emulated GPU (for speed alone)
        args: [
          ...sparticuz.args.filter((a) => a !== "--single-process"),
          "--disable-gpu",
          "--headless",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
        ],
      }),
      started,
    ]);
    [market, provenance] = await Promise.all([open("01-market-share.ipynb"), open("03-provenance-and-quality.ipynb", { kernel: false })]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    // the kernels the pages started run in sessions of their own: shut them down through the server
    const kernels = (await (await fetch(`${base}/api/kernels`)).json()) as Array<{ id: string }>;
    for (const k of kernels) expect((await fetch(`${base}/api/kernels/${k.id}`, { method: "DELETE" })).status).toBe(204);
    // the server: tsx relays the signal to lab.ts, which relays it to jupyter (all started above)
    if (server?.pid !== undefined && server.exitCode === null) {
      const exited = new Promise((res) => server.once("exit", res));
      server.kill("SIGTERM");
      await exited;
    }
  });

  async function open(name: string, { kernel = true } = {}): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    // the page asks the server for a session (and so a kernel) with POST /api/sessions; refused, it
    // shows "Kernel error" in its header and renders the notebook all the same
    if (!kernel)
      await page.route(`${base}/api/sessions`, (route) =>
        route.request().method() === "POST"
          ? route.fulfill({ status: 500, json: { message: "no kernel for this page", short_message: "no kernel" } })
          : route.fallback(),
      );
    page.on("request", (r) => {
      const url = r.url();
      if (
        !url.startsWith(base) &&
        url !== "about:blank" &&
        !url.startsWith("data:") &&
        !url.startsWith("blob:") &&
        !url.startsWith("ws://127.0.0.1")
      )
        outside.push(url);
    });
    await page.goto(`${base}/notebooks/${name}`);
    await page.waitForFunction('document.querySelectorAll(".output_area").length > 0', null, { timeout: 60_000 });
    return page;
  }

  it("01: the four charts are interactive Vega-Lite views, with tooltips, from local files only", async () => {
    const page = market;
    await page.waitForFunction('document.querySelectorAll(".output_vegalite .vega-embed svg.marks").length === 4', null, {
      timeout: 60_000,
    });
    const bars = await page.locator('.output_vegalite svg.marks [aria-roledescription="bar"]').count();
    expect(bars).toBe(26); // 10 + 10 shares, 6 bloc sums
    expect(await page.locator(".output_png img").count()).toBe(0);
    await page.locator('.output_vegalite svg.marks [aria-roledescription="bar"]').first().hover();
    await page.waitForFunction('document.querySelector("#vg-tooltip-element.visible") !== null', null, { timeout: 10_000 });
    expect(await page.locator("#vg-tooltip-element").textContent()).toMatch(/^Provider.*Share\d+\.\d%/);
    expect(outside).toEqual([]);
  }, 120_000);

  it("01: the page starts the project's tslab kernel, which answers kernel_info", async () => {
    const info = await market.waitForFunction(
      "window.Jupyter?.notebook?.kernel?.info_reply?.implementation && Jupyter.notebook.kernel.info_reply",
      null,
      { timeout: 60_000 },
    );
    expect(await info.jsonValue()).toMatchObject({ implementation: "tslab", language_info: { name: "typescript" } });
    expect(await market.evaluate("Jupyter.notebook.kernel.name")).toBe("cloud-market-atlas-ts");
  }, 120_000);

  it("03: MathJax is on, and the quotes in the fact table keep their dollar amounts as text", async () => {
    const page = provenance;
    await page.waitForFunction('typeof window.MathJax?.Hub === "object"', null, { timeout: 60_000 });
    // MathJax typesets outputs after they are appended, in its queue: wait until the queue has run
    // what is in it (a callback queued now runs after MathJax's start and every typeset queued before)
    await page.evaluate("new Promise((done) => MathJax.Hub.Queue([done]))");
    const cells = await page.locator(".cma-table td", { hasText: "$4.6 billion" }).allTextContents();
    expect(cells).toContain("In July, it reported AI demand drove Cloud revenue up 26% to $4.6 billion in its calendar Q2");
    expect(await page.locator(".cma-table .MathJax, .cma-table .MathJax_CHTML, .cma-table .MathJax_Preview").count()).toBe(0);
    expect(await page.locator(".cma-table.tex2jax_ignore").count()).toBe(6);
    // the control: the same text in a table without the class is typeset, entities or not
    const control = await page.evaluate(`new Promise((done) => {
      const div = document.createElement("div");
      div.innerHTML = "<table><tr><td>up 26% to &#36;4.6 billion, and &#36;53 billion</td></tr></table>";
      document.querySelector("#notebook-container").appendChild(div);
      MathJax.Hub.Queue(["Typeset", MathJax.Hub, div], [() => done(div.querySelectorAll(".MathJax, .MathJax_CHTML").length)]);
    })`);
    expect(control).toBe(1);
    expect(outside).toEqual([]);
  }, 120_000);
});
