/**
 * Executes every notebooks/*.ipynb with the real tslab kernel (no Python) and checks what the
 * executed notebooks say: the narrative numbers computed by cells, and chart outputs that carry the
 * Vega-Lite v5 spec plus an SVG fallback in one display_data.
 *
 * The notebooks read the committed output/ (test/output-fresh.test.ts proves it is what the pipeline
 * makes today); the executed copies go to a temp folder (`npm run notebooks` writes output/notebooks/)
 * and must equal the committed ones byte for byte: two runs, at commit time and now, agree.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DisplayDataOutput, joinLines, type NbOutput, type StreamOutput } from "../../tools/jupyter/nbformat.ts";
import { type RunResult, runNotebook } from "../../tools/jupyter/run-notebook.ts";
import { REPO_ROOT } from "../../tools/kernel-install.ts";
import { tempDir } from "../helpers.ts";

const NOTEBOOKS = join(REPO_ROOT, "notebooks");
const names = readdirSync(NOTEBOOKS)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();
const work = tempDir("notebooks");
const outDir = join(work, "executed");
const tablesOut = join(REPO_ROOT, "output");
const results = new Map<string, RunResult>();

beforeAll(async () => {
  // The kernels start side by side: each spends most of its time starting and compiling cells.
  const runs = await Promise.all(names.map((name) => runNotebook(join(NOTEBOOKS, name), { outDir })));
  for (const [i, name] of names.entries()) results.set(name, runs[i]!);
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
const stderr = (name: string): string =>
  all(name)
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === "stderr")
    .map((o) => joinLines(o.text))
    .join("");

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
      expect(nb.cells.filter((c) => c.cell_type === "code").every((c) => c.outputs?.length === 0)).toBe(true);
    }
  });

  it.each(names)("%s runs without writing to stderr, every chart a v5 spec + SVG bundle", (name) => {
    expect(stderr(name)).toBe("");
    expect(all(name).some((o) => o.output_type === "error")).toBe(false);
    const bundles = charts(name);
    expect(bundles.length).toBeGreaterThan(0);
    for (const b of bundles) {
      expect(Object.keys(b.data).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/svg+xml"]);
      const spec = b.data["application/vnd.vegalite.v5+json"] as { $schema: string; data: { values: unknown[] } };
      expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect(spec.data.values.length).toBeGreaterThan(0);
      expect(joinLines(b.data["image/svg+xml"] as string | string[]).startsWith("<svg")).toBe(true);
    }
  });

  it("01 market share: computed narrative and four charts", () => {
    const md = markdown("01-market-share.ipynb");
    expect(md).toContain(
      "Gartner puts AWS first with 37.7% of IaaS (2024) and Synergy Research Group puts AWS first with 30.0% of cloud infrastructure services (2025-Q2)",
    );
    expect(md).toContain("`market_share.parquet` and `market_share.csv` both hold 10 rows × 8 columns; 0 cells differ.");
    expect(md).toContain("The 5 providers Gartner names add up to 81.9% of its market, leaving 18.1% to everyone else.");
    expect(md).toContain(
      "The widest gap is AWS's: 30.0% per Synergy Research Group against 37.7% per Gartner (+7.7 pp). Only Google Cloud gets a higher share from Synergy.",
    );
    expect(md).toContain("**Synergy Research Group** (2025-Q2): US-led 63.0%, China-led 6.0% — 10.5 to 1");
    expect(
      charts("01-market-share.ipynb").map((c) => (c.data["application/vnd.vegalite.v5+json"] as { title: { text: string } }).title.text),
    ).toEqual([
      "Cloud market share by provider, per research firm",
      "Synergy Research Group vs Gartner: share per provider",
      "Share among the providers each firm names",
      "US-led vs China-led providers, per research firm",
    ]);
  });

  it("02 regional footprint: the lower bound, the catalog and the battlegrounds", () => {
    const md = markdown("02-regional-footprint.ipynb");
    expect(md).toContain("Microsoft's claim of **over 70** regions is a lower bound, and only 55 are listed");
    expect(md).toContain("Per percentage point of Gartner share, AWS runs 1.01 regions and Huawei Cloud 8.29");
    expect(md).toContain("The article names 3 battlegrounds: Asia-Pacific, Latin America and Middle East.");
    expect(md).toMatch(/In the catalog \d+% of Alibaba Cloud's regions/);
    expect(charts("02-regional-footprint.ipynb")).toHaveLength(6);
  });

  it("03 provenance: every quote checked, every fact listed, both formats identical", () => {
    const md = markdown("03-provenance-and-quality.ipynb");
    const pkg = JSON.parse(readFileSync(join(tablesOut, "datapackage.json"), "utf8")) as { resources: Array<{ path: string }> };
    const tables = pkg.resources.filter((r) => r.path.endsWith(".csv")).length;
    expect(md).toContain("**68 of 68** quotes are exactly the source text at their code-point offsets.");
    expect(md).toContain(`${tables} of ${tables} tables are identical in both formats`);
    // every fact with its quote and offsets, e.g. Azure's lower bound
    expect(md).toContain(
      "| azure-regions | regions | 70 | count | over | 2025-H2 | microsoft | 1655 | 1685 | claiming over 70 cloud regions |",
    );
    expect(md.match(/^\| [a-z0-9-]+ \| [a-z_]+ \| .* \| \d+ \| \d+ \| .* \|$/gm)?.length).toBe(68);
    expect(md).toContain("the widest gap is AWS's +7.7 pp");
  });

  it("04 trends: coverage, AWS against Microsoft, the big three and the article check, computed", () => {
    const md = markdown("04-trends.ipynb");
    expect(md).toContain("150 cited figures from 41 pages.");
    expect(md).toContain("**Synergy Research Group**, cloud infrastructure services (worldwide): 22 periods, 2020-Q1 to 2025-Q4");
    expect(md).toContain("Per Synergy, AWS went from 32.0% in 2020-Q1 to 28.0% in 2025-Q4 (-4.0 pp); Microsoft from 18.0% to 21.0%.");
    expect(md).toContain("The gap between them narrowed from +14.0 pp to +7.0 pp.");
    expect(md).toContain("Synergy's quarterly market grew from $29.0 billion in 2020-Q1 to $119.1 billion in 2025-Q4.");
    expect(md).toContain("3 of the article's 10 share figures agree with a cited report, 0 differ, 7 have none.");
    expect(
      charts("04-trends.ipynb").map((c) => (c.data["application/vnd.vegalite.v5+json"] as { title: { text: string } }).title.text),
    ).toEqual([
      "Worldwide cloud market share over time",
      "The big three's combined share, and the China-led providers', over time",
      "Alibaba Cloud and Huawei Cloud, worldwide and in China",
      "Cloud infrastructure market size per quarter",
    ]);
  });

  it("executed notebooks are deterministic: no timings, sorted keys, numbered cells", () => {
    for (const [name, r] of results) {
      expect(r.json, name).not.toMatch(/"execution"\s*:|"date"|iopub|\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(r.json).toBe(readFileSync(join(outDir, name), "utf8"));
    }
  });

  it("output/notebooks holds today's executed copies (rerun `npm run notebooks` and commit when this fails)", () => {
    for (const [name, r] of results)
      expect(r.json === readFileSync(join(REPO_ROOT, "output", "notebooks", name), "utf8"), `output/notebooks/${name} is stale`).toBe(true);
  });
});
