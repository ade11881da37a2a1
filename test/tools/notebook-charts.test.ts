import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_DIR, notebookChartFiles, staleNotebookCharts } from "../../tools/notebook-charts.ts";

describe("notebooks/lib/generated (the notebooks' build of pipeline/charts)", () => {
  // One build for both tests (esbuild and TypeScript's declaration emit take seconds).
  let files = new Map<string, string>();
  beforeAll(() => {
    files = notebookChartFiles();
  }, 120_000);

  it("is up to date with pipeline/ (rerun `npx tsx tools/notebook-charts.ts` and commit when this fails)", () => {
    expect(staleNotebookCharts(files)).toEqual([]);
  });

  it("is one CommonJS bundle that requires only the packages, plus declarations with .js import paths", () => {
    expect([...files.keys()]).toEqual([
      "charts/credits.d.ts",
      "charts/footprint.d.ts",
      "charts/geography.d.ts",
      "charts/index.d.ts",
      "charts/index.js",
      "charts/provenance.d.ts",
      "charts/render.d.ts",
      "charts/share.d.ts",
      "charts/theme.d.ts",
      "charts/titles.d.ts",
      "charts/trends.d.ts",
      "findings.d.ts",
      "findings/market-share.d.ts",
      "findings/quality.d.ts",
      "findings/regions.d.ts",
      "findings/trends.d.ts",
      "findings/words.d.ts",
      "licence.d.ts",
      "numbers.d.ts",
      "package.json",
      "schema/inputs.d.ts",
      "schema/tables.d.ts",
      "schema/tables/columns.d.ts",
      "schema/tables/geography.d.ts",
      "schema/tables/market.d.ts",
      "schema/tables/reference.d.ts",
      "schema/tables/regions.d.ts",
      "schema/tables/registry.d.ts",
      "schema/tables/series.d.ts",
      "text.d.ts",
    ]);
    const bundle = files.get("charts/index.js") ?? "";
    expect([...new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort()).toEqual([
      "@resvg/resvg-js",
      "vega",
      "vega-lite",
      "zod",
    ]);
    expect(JSON.parse(readFileSync(path.join(GENERATED_DIR(), "package.json"), "utf8"))).toEqual({ type: "commonjs" });
    const imports = [...files]
      .filter(([k]) => k.endsWith(".d.ts"))
      .flatMap(([, text]) => [...text.matchAll(/from "(\.[^"]*)"/g)].map((m) => m[1] ?? ""));
    expect(imports.filter((p) => !p.endsWith(".js"))).toEqual([]);
    expect(imports).toContain("../schema/tables.js");
  });
});
