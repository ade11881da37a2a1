/**
 * The bench's one scale point run as `npm run bench` runs it (a process of its own), with the cited
 * series left out: the article's tables are built as usual and every series table is empty, so the
 * figures it prints are what the series cost by their absence (docs/performance.md). The run with
 * the series is the CI's quick bench (.ci/run).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT, tempDir } from "../support/basics.ts";

it("bench/scale.ts --without-series: the article's tables as usual, every series table empty", () => {
  const out = path.join(tempDir("bench-scale"), "output");
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/scale.ts", "--facts", "1000", "--without-series", "--out", out], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  const result = JSON.parse(r.stdout) as { series: boolean; rows: Record<string, number> };
  const { facts, market_share, concentration, share_series, share_change, concentration_series, series_check, series_lineage } =
    result.rows;
  expect({ series: result.series, facts, market_share, concentration }).toEqual({
    series: false,
    facts: 1000,
    market_share: 860,
    concentration: 20,
  });
  expect({ share_series, share_change, concentration_series, series_check, series_lineage }).toEqual({
    share_series: 0,
    share_change: 0,
    concentration_series: 0,
    series_check: 0,
    series_lineage: 0,
  });
});
