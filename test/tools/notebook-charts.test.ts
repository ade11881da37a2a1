import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tables as NotebookTables } from "../../notebooks/lib/generated/schema/tables.js";
import type { Tables } from "../../pipeline/schema/tables.ts";
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
      "schema/vocabulary.d.ts",
      "text.d.ts",
    ]);
    const bundle = files.get("charts/index.js") ?? "";
    // No zod: the charts take their closed lists from pipeline/schema/vocabulary.ts, not the schemas.
    expect([...new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort()).toEqual([
      "@resvg/resvg-js",
      "vega",
      "vega-lite",
    ]);
    expect(JSON.parse(readFileSync(path.join(GENERATED_DIR(), "package.json"), "utf8"))).toEqual({ type: "commonjs" });
    const imports = [...files]
      .filter(([k]) => k.endsWith(".d.ts"))
      .flatMap(([, text]) => [...text.matchAll(/from "(\.[^"]*)"/g)].map((m) => m[1] ?? ""));
    expect(imports.filter((p) => !p.endsWith(".js"))).toEqual([]);
    expect(imports).toContain("../schema/tables.js");
  });

  it("writes what the declarations need from pipeline/schema as plain types: no zod for the kernel's compiler to read", () => {
    const packages = [...files]
      .filter(([k]) => k.endsWith(".d.ts"))
      .flatMap(([, text]) => [...text.matchAll(/from "([^."][^"]*)"/g)].map((m) => m[1] ?? ""));
    expect([...new Set(packages)].sort()).toEqual(["vega", "vega-lite"]);
    expect(files.get("schema/tables.d.ts")).toContain(
      [
        "    market_share: Array<{",
        "        source_id: string;",
        "        market: string;",
        "        period: string;",
        "        period_start: string;",
        "        period_end: string;",
        "        provider_id: string;",
        "        share: number;",
        "        share_of_named: number;",
        "        rank: number;",
        "        fact_id: string;",
        "    }>;",
      ].join("\n"),
    );
    expect(files.get("schema/vocabulary.d.ts")).toContain('export declare const BLOCS: readonly ["us_led", "china_led"];');
    expect(files.get("schema/inputs.d.ts")).toContain('export type MacroGeo = "north_america" | "latin_america" |');
  });
});

// The plain types are the registry's: tsc (npm test) checks that each row type is the pipeline's, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const tablesAreThePipelines: Same<NotebookTables, Tables> = true;
