/**
 * One scale of the series: `runs` runs of bench/scale.ts, each in a fresh process and each followed
 * by DuckDB on that run's output folder (bench/duckdb.ts): the same three tables from the same facts.
 * Both sides are medians of as many runs, taken in turn, so that a slow minute of the machine weighs
 * on both alike rather than on DuckDB's one run.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { runChild } from "./child.ts";
import type { DuckResult } from "./duckdb.ts";
import type { ScaleResult } from "./scale.ts";
import { stat, type Stat } from "./stats.ts";

export interface ScalePoint {
  facts: number;
  runs: ScaleResult[];
  ms: Record<keyof ScaleResult["ms"], Stat>;
  /** CPU time per stage (all threads), the runs' median and range. */
  cpuMs: Record<keyof ScaleResult["ms"], Stat>;
  /** The highest peak RSS of the runs, MiB, and the stage by whose end it was reached. */
  peakRssMiB: number;
  peakIn: string;
  /** DuckDB after each run, on that run's output folder. */
  duckdb: DuckResult[];
  /** DuckDB's load + SQL, the runs' median and range. */
  duckdbMs: Stat;
  /** Whether DuckDB's three tables agreed with ours after every run. */
  duckdbAgrees: boolean;
  /**
   * Our normalize without the series (the facts table, market_share, share_comparison,
   * concentration) ÷ DuckDB's load of the facts and providers plus its SQL for market_share,
   * share_comparison and concentration: the ratio of the two medians.
   */
  duckdbRatio: number;
}

export function scalePoint(facts: number, runs: number, tmp: string, log: (line: string) => void): ScalePoint {
  const results: ScaleResult[] = [];
  const duckdb: DuckResult[] = [];
  for (let i = 0; i < runs; i++) {
    const outDir = path.join(tmp, `scale-${facts}-${i}`, "output");
    try {
      const r = runChild<ScaleResult>("scale.ts", ["--facts", String(facts), "--out", outDir]);
      results.push(r);
      log(`  ${facts} facts, run ${i + 1}/${runs}: ${(r.ms.total / 1000).toFixed(2)} s, peak RSS ${r.peakRssMiB} MiB`);
      const d = runChild<DuckResult>("duckdb.ts", ["--dir", outDir]);
      duckdb.push(d);
      log(`  DuckDB: load ${d.ms.load.toFixed(0)} ms + SQL ${d.ms.sql.toFixed(0)} ms, agrees: ${d.agrees}`);
    } finally {
      rmSync(path.dirname(outDir), { recursive: true, force: true });
    }
  }
  const keys = Object.keys(results[0]!.ms) as Array<keyof ScaleResult["ms"]>;
  const ms = Object.fromEntries(keys.map((k) => [k, stat(results.map((r) => r.ms[k]))])) as ScalePoint["ms"];
  const cpuMs = Object.fromEntries(keys.map((k) => [k, stat(results.map((r) => r.cpuMs[k]))])) as ScalePoint["cpuMs"];
  const worst = results.reduce((a, b) => (b.peakRssMiB > a.peakRssMiB ? b : a));
  const peakIn = Object.entries(worst.peakAfterMiB).find(([, mib]) => mib >= worst.peakRssMiB)?.[0] ?? "?";
  const duckdbMs = stat(duckdb.map((d) => d.ms.load + d.ms.sql));
  return {
    facts,
    runs: results,
    ms,
    cpuMs,
    peakRssMiB: worst.peakRssMiB,
    peakIn,
    duckdb,
    duckdbMs,
    duckdbAgrees: duckdb.every((d) => d.agrees),
    duckdbRatio: ms.normalize.median / duckdbMs.median,
  };
}
