/**
 * Executes every notebooks/*.ipynb with the real tslab kernel (no Python) and checks what the
 * executed notebooks say and how every front end shows it: the narrative the prose model writes;
 * every output one display_data with a text/plain twin; charts as the Vega-Lite v5 spec plus the PNG
 * the pipeline draws from it; tables as escaped HTML with no raw `$` (MathJax) instead of markdown.
 * Where Jupyter is installed (.ci/run installs Debian's nbconvert 6.5), the executed notebooks also
 * go through `jupyter nbconvert --to html` and the pages are checked: every chart drawn, every table
 * there, no raw `$` (without Jupyter those tests are skipped; everything else needs only Node).
 *
 * The notebooks read the committed output/ (test/output-fresh.test.ts proves it is what the pipeline
 * makes today); the executed copies go to a temp folder (`npm run notebooks` writes output/notebooks/)
 * and must equal the committed ones byte for byte: two runs, at commit time and now, agree.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FONT_FILES, renderPng, renderSvg } from "../../pipeline/charts/index.ts";
import { checkHtml, findJupyter, nbconvertHtml } from "../../tools/jupyter/nbconvert-html.ts";
import { type DisplayDataOutput, joinLines, type NbOutput, type Notebook, type StreamOutput } from "../../tools/jupyter/nbformat.ts";
import { type RunResult, runNotebook } from "../../tools/jupyter/run-notebook.ts";
import { KERNEL_NAME, REPO_ROOT } from "../../tools/kernel-install.ts";
import { tempDir } from "../support/basics.ts";

const NOTEBOOKS = join(REPO_ROOT, "notebooks");
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const work = tempDir("notebooks");
const outDir = join(work, "executed");
const tablesOut = join(REPO_ROOT, "output");
const results = new Map<string, RunResult>();
/** Each run's wall time, ms (its kernel's start and cells, as the run reports them, fit inside it). */
const walls = new Map<string, number>();
const jupyter = findJupyter();
const htmlDir = join(work, "html");
/** The nbconvert pages of the executed notebooks, in the order of `names` (none without Jupyter). */
let pages: Promise<string[]> = Promise.resolve([]);

beforeAll(async () => {
  // The kernels start side by side: each spends most of its time starting and compiling cells.
  const runs = await Promise.all(
    names.map(async (name) => {
      const t0 = performance.now();
      const r = await runNotebook(join(NOTEBOOKS, name), { outDir });
      walls.set(name, performance.now() - t0);
      return r;
    }),
  );
  for (const [i, name] of names.entries()) results.set(name, runs[i]!);
  if (jupyter !== null) {
    // One Jupyter process converts the four, while the tests below check the notebooks.
    mkdirSync(htmlDir, { recursive: true });
    pages = nbconvertHtml(
      jupyter,
      names.map((name) => join(outDir, name)),
      htmlDir,
    );
    pages.catch(() => {}); // awaited (and its error reported) by the nbconvert tests
  }
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const all = (name: string): NbOutput[] => results.get(name)?.outputs.flat() ?? [];
const displays = (name: string): DisplayDataOutput[] => all(name).filter((o): o is DisplayDataOutput => o.output_type === "display_data");
const markdown = (name: string): string =>
  displays(name)
    .map((d) => joinLines(d.data["text/markdown"] as string | string[] | undefined))
    .join("\n");
const charts = (name: string): DisplayDataOutput[] => displays(name).filter((d) => "application/vnd.vegalite.v5+json" in d.data);
const tables = (name: string): string[] =>
  displays(name)
    .filter((d) => "text/html" in d.data)
    .map((d) => joinLines(d.data["text/html"] as string | string[]));
/** The data marks of a rendered chart (not axes, legends, titles or mark containers). */
const dataMarks = (svg: string): string[] =>
  [...svg.matchAll(/aria-roledescription="([^"]+)"/g)]
    .map((m) => m[1] ?? "")
    .filter((r) => !/^(axis|legend|title|subtitle|text mark)$|container$/.test(r));
/** The SVG the pipeline draws from a chart's spec, drawn once per spec. */
const svgs = new Map<object, Promise<string>>();
const svgOf = (spec: object): Promise<string> => {
  let svg = svgs.get(spec);
  if (svg === undefined) svgs.set(spec, (svg = renderSvg(spec as never)));
  return svg;
};
/** A PNG's size in pixels (its IHDR chunk). */
const pngSize = (base64: string): { width: number; height: number } => {
  const png = Buffer.from(base64, "base64");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
};
const stderr = (name: string): string =>
  all(name)
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === "stderr")
    .map((o) => joinLines(o.text))
    .join("");

/** The title of a chart the pipeline published (output/charts/<name>.vl.json, its lines wrapped for the SVG). */
const publishedTitle = (chart: string): string =>
  (JSON.parse(readFileSync(join(tablesOut, "charts", `${chart}.vl.json`), "utf8")) as { title: { text: string[] } }).title.text.join(" ");

describe("notebooks (executed with the tslab kernel)", () => {
  it("there are the four notebooks, nbformat 4.5, with the project kernel and no committed outputs", () => {
    expect(names).toEqual(["01-market-share.ipynb", "02-regional-footprint.ipynb", "03-provenance-and-quality.ipynb", "04-trends.ipynb"]);
    for (const name of names) {
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, name), "utf8")) as {
        nbformat: number;
        nbformat_minor: number;
        metadata: { kernelspec: unknown };
        cells: Array<{ cell_type: string; outputs?: unknown[] }>;
      };
      expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
      expect(nb.metadata.kernelspec).toEqual({
        display_name: "TypeScript (cloud-market-atlas)",
        language: "typescript",
        name: "cloud-market-atlas-ts",
      });
      const withOutputs = nb.cells.filter((c) => c.cell_type === "code" && c.outputs?.length !== 0).length;
      expect(withOutputs, `notebooks/${name} has outputs in ${withOutputs} cells: run \`npm run notebooks:clean\` before committing`).toBe(
        0,
      );
    }
  });

  it.each(names)("%s runs without writing to stderr; every output is a display_data with text/plain", (name) => {
    expect(stderr(name)).toBe("");
    // no danfojs printouts (float noise, cut headers): every table goes through showTable
    expect(all(name).filter((o) => o.output_type !== "display_data")).toEqual([]);
    for (const d of displays(name)) expect(joinLines(d.data["text/plain"] as string | string[] | undefined)).not.toBe("");
  });

  // Every chart is drawn here again as SVG (its data marks, its size); the first chart of each notebook
  // is rasterized again too and must be its PNG byte for byte. The kernel draws every chart through the
  // same call (notebooks/lib/display.ts, chartBundle), and every chart's PNG is compared byte for byte
  // with the committed executed notebooks below ("output/notebooks holds today's executed copies").
  it.each(names)("%s: every chart the v5 spec + the PNG the pipeline draws from it, shown at 1x", async (name) => {
    const bundles = charts(name);
    expect(bundles.length).toBeGreaterThan(0);
    for (const [i, b] of bundles.entries()) {
      expect(Object.keys(b.data).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/png", "text/plain"]);
      const spec = b.data["application/vnd.vegalite.v5+json"] as { $schema: string; data: { values: unknown[] }; title: { text: string } };
      expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect(spec.data.values.length).toBeGreaterThan(0);
      expect(joinLines(b.data["text/plain"] as string)).toMatch(
        new RegExp(`^Chart: ${spec.title.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
      );
      const svg = await svgOf(spec);
      expect(dataMarks(svg).length, spec.title.text).toBeGreaterThan(0);
      const size = /<svg\b[^>]*width="(\d+)" height="(\d+)"/.exec(svg);
      const shown = { width: Number(size?.[1]), height: Number(size?.[2]) };
      expect(b.metadata).toEqual({ "image/png": shown });
      // drawn at 2x
      expect(pngSize(b.data["image/png"] as string)).toEqual({ width: 2 * shown.width, height: 2 * shown.height });
      if (i === 0) expect(b.data["image/png"]).toBe(Buffer.from(renderPng(svg, DEFAULT_FONT_FILES)).toString("base64"));
    }
  });

  it.each(names)("%s: tables as escaped HTML inside tex2jax_ignore, no raw $, no markdown tables", (name) => {
    expect(tables(name).length).toBeGreaterThan(0);
    for (const html of tables(name)) {
      expect(html.startsWith('<div class="cma-table tex2jax_ignore">\n<table>')).toBe(true);
      expect(html).not.toContain("$");
    }
    expect(markdown(name)).not.toMatch(/^\|.*\|$/m);
    expect(markdown(name)).not.toContain("$");
  });

  it("01 market share: computed narrative, readable tables and four charts", () => {
    const md = markdown("01-market-share.ipynb");
    expect(md).toContain(
      "Gartner puts AWS first with 37.7% of IaaS (2024) and Synergy Research Group puts AWS first with 30.0% of cloud infrastructure services (2025-Q2)",
    );
    expect(md).toContain("`market_share.parquet` and `market_share.csv` both hold 10 rows × 10 columns; 0 cells differ.");
    expect(md).toContain("The 5 providers Gartner names add up to 81.9% of its market (IaaS, 2024), leaving 18.1% to everyone else.");
    expect(md).toContain(
      "The widest gap is AWS's: 30.0% per Synergy Research Group against 37.7% per Gartner (+7.7 pp). Only Google Cloud gets a higher share from Synergy Research Group.",
    );
    expect(md).toContain("**Synergy Research Group** (cloud infrastructure services, 2025-Q2): US-led 63.0%, China-led 6.0% — 10.5 to 1");
    expect(md).toContain("The largest share the article quotes is Gartner's 37.7% for AWS (IaaS, 2024).");
    expect(md).not.toMatch(/agree more|because they measure|largest single figure/);
    // the danfojs groupby as a table: shares in percent (no float noise), the whole header
    const sums = tables("01-market-share.ipynb").find((t) => t.includes("<th>provider_id_count</th>")) ?? "";
    expect(sums).toContain(
      '<tr><td>synergy</td><td style="text-align: right" title="0.6900000000000001">69.0%</td><td style="text-align: right">5</td></tr>',
    );
    expect(
      charts("01-market-share.ipynb").map((c) => (c.data["application/vnd.vegalite.v5+json"] as { title: { text: string } }).title.text),
    ).toEqual([
      "AWS leads in every firm's figures: 37.7% (Gartner) and 30.0% (Synergy Research Group)",
      "The firms differ most on AWS: Gartner 7.7 points above Synergy Research Group",
      "AWS holds 43.5% to 46.0% of the named providers' total under each firm",
      "US-led providers hold 63.0% to 70.6% of each firm's market, China-led 6.0% to 11.3%",
    ]);
  });

  it("02 regional footprint: the lower bound, the catalog and the battlegrounds", () => {
    const md = markdown("02-regional-footprint.ipynb");
    expect(md).toContain("Microsoft's claim of **over 70** regions is a lower bound, and only 55 are listed");
    expect(md).toContain("Per percentage point of Gartner share (2024), AWS runs 1.01 regions and Huawei Cloud 8.29");
    expect(md).toContain("so the ratio sets figures from different periods side by side");
    expect(md).toContain("The article names 3 battlegrounds: Asia-Pacific, Latin America and Middle East.");
    expect(md).toContain(
      "In the catalog, 14 of 29 (48.3%) of Alibaba Cloud's regions open to any customer (status general or sovereign) are in China (mainland); 19 of 34 (55.9%) counting every status",
    );
    expect(md).toContain("Europe (Eastern Europe only)");
    expect(md).not.toMatch(/bet on where demand/);
    expect(charts("02-regional-footprint.ipynb")).toHaveLength(6);
  });

  it("03 provenance: every quote checked, every fact listed, both formats identical", async () => {
    const md = markdown("03-provenance-and-quality.ipynb");
    const pkg = JSON.parse(readFileSync(join(tablesOut, "datapackage.json"), "utf8")) as { resources: Array<{ path: string }> };
    const published = pkg.resources.filter((r) => r.path.endsWith(".csv")).length;
    expect(md).toContain("**113 of 113** quotes are exactly the source text at their code-point offsets.");
    expect(md).toContain(`${published} of ${published} tables are identical in both formats`);
    // every fact with its quote and offsets, e.g. Azure's lower bound; amounts in dollars with their $ escaped
    const factTable = tables("03-provenance-and-quality.ipynb").find((t) => t.includes("<th>quote</th>")) ?? "";
    const right = '<td style="text-align: right"';
    expect(factTable).toContain(
      `<tr><td>azure-regions</td><td>regions</td>${right}>70</td><td>count</td><td>over</td><td>2025-H2</td><td>microsoft</td>${right}>1655</td>${right}>1685</td><td>claiming over 70 cloud regions</td></tr>`,
    );
    expect(factTable).toContain(`${right} title="4600000000">4,600,000,000</td><td>usd</td>`);
    expect(factTable).toContain("AI demand drove Cloud revenue up 26% to &#36;4.6 billion in its calendar Q2");
    expect(factTable.match(/<tr><td>[a-z0-9-]+<\/td>/g)?.length).toBe(113);
    // one mark per fact in the chart of quote positions
    const [positions] = charts("03-provenance-and-quality.ipynb");
    const rules = dataMarks(await svgOf(positions?.data["application/vnd.vegalite.v5+json"] as object));
    expect(rules.length).toBe(113);
    expect(md).toContain("the widest gap is AWS's +7.7 pp");
    expect(md).toContain("For 100 of 113 facts the period is not printed in the sentence that states the fact");
  });

  // the chart titles state findings: they are the ones the pipeline computes for output/charts/
  it("04 trends: coverage, AWS against Microsoft, the big three and the article check, computed", () => {
    const md = markdown("04-trends.ipynb");
    expect(md).toContain("197 cited figures from 53 pages.");
    expect(md).toContain(
      "**Synergy Research Group**, cloud infrastructure services (worldwide): 25 periods (quarters), 2017-Q2 to 2025-Q4",
    );
    expect(md).toContain(
      "Per Synergy Research Group (cloud infrastructure services, worldwide), AWS went from 34.0% in 2017-Q2 to 28.0% in 2025-Q4 (-6.0 pp); Microsoft Azure from 11.0% to 21.0% (+10.0 pp).",
    );
    expect(md).toContain("The gap between them narrowed from +23.0 pp to +7.0 pp (the first and last periods with both shares).");
    expect(md).toContain("the quarterly market grew from about US 11.0 billion dollars in 2017-Q2 to US 119.1 billion dollars in 2025-Q4");
    expect(md).toContain(
      "Of the article's 10 share figures (Gartner 2024 and Synergy Research Group 2025-Q2), 3 agree with a cited report",
    );
    expect(
      charts("04-trends.ipynb").map((c) => (c.data["application/vnd.vegalite.v5+json"] as { title: { text: string } }).title.text),
    ).toEqual(["share_trends", "concentration_trends", "china_led_trends", "market_size_trend"].map(publishedTitle));
  });

  it("executed notebooks are deterministic: no timings, sorted keys, numbered cells", () => {
    for (const [name, r] of results) {
      expect(r.json, name).not.toMatch(/"execution"\s*:|"date"|iopub|shell\.execute_reply|"ms"|startMs|\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(r.outPath).toBe(join(outDir, name));
      expect(r.json).toBe(readFileSync(join(outDir, name), "utf8"));
      // nbformat 4.5 as Jupyter writes it: 2-space JSON ending in a newline, the project's kernel
      expect(r.json).toBe(`${JSON.stringify(JSON.parse(r.json), null, 2)}\n`);
      const nb = JSON.parse(r.json) as Notebook;
      expect(Object.keys(nb)).toEqual(["cells", "metadata", "nbformat", "nbformat_minor"]);
      expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
      expect((nb.metadata["kernelspec"] as { name: string }).name).toBe(KERNEL_NAME);
      // tslab sends no execution counts: the runner numbers the code cells 1..n
      const counts = nb.cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count);
      expect(counts).toEqual(counts.map((_, i) => i + 1));
      // timings for the bench, returned and never written: the kernel's start and each cell, which
      // together fit inside the run's wall time
      expect(r.startMs).toBeGreaterThan(0);
      expect(r.cells.every((c) => c.ms > 0)).toBe(true);
      expect(r.startMs + r.cells.reduce((a, c) => a + c.ms, 0)).toBeLessThanOrEqual(walls.get(name) ?? 0);
    }
  });

  it("output/notebooks holds today's executed copies (rerun `npm run notebooks` and commit when this fails)", () => {
    for (const [name, r] of results)
      expect(r.json === readFileSync(join(REPO_ROOT, "output", "notebooks", name), "utf8"), `output/notebooks/${name} is stale`).toBe(true);
  });
});

describe.skipIf(jupyter === null)("jupyter nbconvert --to html of the executed notebooks (skipped without Jupyter)", () => {
  it.each([
    ["01-market-share.ipynb", 4, 6],
    ["02-regional-footprint.ipynb", 6, 4],
    ["03-provenance-and-quality.ipynb", 1, 6],
    // its last markdown output is followed by a table in the same cell: nbconvert puts a blank line
    // between the two closing divs there, which the page parser once read as one block
    ["04-trends.ipynb", 4, 1],
  ])("%s: %i charts drawn as images, %i tables, no raw $", async (name, chartCount, tableCount) => {
    const page = (await pages)[names.indexOf(name)] ?? "";
    const r = checkHtml(JSON.parse(results.get(name)?.json ?? "{}"), page);
    expect(r).toEqual({ charts: chartCount, drawn: chartCount, tables: tableCount, tablesInPage: tableCount, problems: [] });
  });
});
