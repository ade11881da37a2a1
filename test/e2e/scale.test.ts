/**
 * The whole pipeline (charts and report included) on a corpus larger than the charts and the report
 * are made for: the charts over the budget are left out and said so, the report is left out above
 * its fact limit, the workbook above its row limit, and everything else is written as usual. The budgets are lowered here so that a
 * 500-fact synthetic corpus crosses them; their defaults are CHART_MAX_POINTS, REPORT_MAX_FACTS and WORKBOOK_MAX_ROWS.
 * Both runs draw the same charts (same tables, same budget): they are drawn once
 * (test/support/render-once.ts), and the second run's subject is the report and the workbook.
 * They are drawn without their PNG copies (no font files): no check here reads a PNG, and at 43
 * providers the charts are large to rasterize.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderChartsOnce } from "../support/render-once.ts";
import { synthesize, writeCorpus } from "../support/synthetic.ts";
import { msg } from "../../pipeline/messages.ts";
import { runPipeline } from "../../pipeline/run.ts";
import { TABLES } from "../../pipeline/schema/tables.ts";
import { DATA, ROOT, readCsv, tempDir } from "../helpers.ts";

let data: string;
beforeAll(() => {
  data = path.join(tempDir("scale"), "data");
  writeCorpus(synthesize({ facts: 500, seed: 1, format: "jsonl", referenceDir: DATA }), data);
});

async function run(limits: { chartPoints?: number; reportFacts?: number; workbookRows?: number }) {
  const outDir = path.join(tempDir("scale-out"), "output");
  const log: string[] = [];
  await runPipeline({
    root: ROOT,
    dataDir: data,
    outDir,
    log: (l) => log.push(l),
    limits,
    renderCharts: (tables, options) => renderChartsOnce(tables, { ...options, fontFiles: [] }),
  });
  const charts = readdirSync(path.join(outDir, "charts"))
    .filter((f) => f.endsWith(".vl.json"))
    .map((f) => f.replace(/\.vl\.json$/, ""))
    .sort();
  const manifest = JSON.parse(readFileSync(path.join(outDir, "manifest.json"), "utf8")) as { files: string[] };
  return { outDir, log, charts, manifest };
}

describe("charts and report on more data than they are made for", () => {
  it("leaves out the charts over the budget, says which and why, and the report lists them", async () => {
    const { outDir, log, charts, manifest } = await run({ chartPoints: 400 });
    expect(manifest.files).toEqual(expect.arrayContaining(["cloud-market-atlas.xlsx", "atlas.sql"]));
    // 500 facts: 430 market shares and 500 fact positions are over 400 points; the providers' and
    // macro-regions' charts are drawn (the regional heatmap: 344 points, providers × macro-regions, at any scale).
    expect(log).toContain(msg.chartSkipped("market_share_by_source", 430, 400));
    expect(log).toContain(msg.chartSkipped("fact_positions", 500, 400));
    expect(charts).not.toContain("market_share_by_source");
    expect(charts).toEqual(expect.arrayContaining(["footprint", "battlegrounds", "regional_heatmap", "bloc_presence"]));
    expect(readdirSync(path.join(outDir, "charts")).filter((f) => f.startsWith("market_share_by_source."))).toEqual([]);
    const html = readFileSync(path.join(outDir, "report.html"), "utf8");
    expect(html).toContain("<li><strong>market_share_by_source</strong>: 430 data points, over the 400 a static chart is drawn from.");
    expect(html).not.toContain('data-chart="market_share_by_source"');
    expect(html).toContain('data-chart="footprint"');
  }, 60_000);

  it("leaves out the report and the workbook above their limits and writes everything else", async () => {
    const { outDir, log, manifest } = await run({ chartPoints: 400, reportFacts: 499, workbookRows: 500 });
    expect(log).toContain(msg.reportSkipped(500, 499));
    const rows = Object.keys(TABLES).reduce((n, name) => n + readCsv(path.join(outDir, "tables", `${name}.csv`)).length, 0);
    expect(log).toContain(msg.workbookSkipped(rows, 500));
    expect(manifest.files).not.toContain("cloud-market-atlas.xlsx");
    expect(existsSync(path.join(outDir, "cloud-market-atlas.xlsx"))).toBe(false);
    expect(manifest.files).toContain("atlas.sql");
    expect(existsSync(path.join(outDir, "report.html"))).toBe(false);
    expect(manifest.files).not.toContain("report.html");
    expect(manifest.files).toEqual(
      expect.arrayContaining(["tables/facts.csv", "tables/facts.parquet", "datapackage.json", "charts/footprint.svg"]),
    );
    expect(
      readFileSync(path.join(outDir, "tables", "facts.csv"), "utf8")
        .trimEnd()
        .split("\n"),
    ).toHaveLength(501);
  }, 60_000);
});
