/**
 * `npm run pipeline` on the bundled data, as a user runs it: a fresh process each time. The wall
 * time includes npm, Node's start and the module imports; the peak RSS is the highest the CLI
 * reports at the end of a stage (its lines end in "(peak RSS N MiB)").
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "./child.ts";
import { stat, type Stat } from "./stats.ts";

export interface ColdResult {
  runs: number;
  wallMs: Stat;
  /** Null when the CLI's output names no peak RSS. */
  peakRssMiB: number | null;
}

export function coldRuns(runs: number, tmp: string): ColdResult {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(npm, ["run", "-s", "pipeline", "--", "--out", path.join(tmp, "cold", "output")], { cwd: ROOT, encoding: "utf8" });
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`npm run pipeline failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    for (const m of r.stdout.matchAll(/\(peak RSS (\d+) MiB\)/g)) peaks.push(Number(m[1]));
  }
  return { runs, wallMs: stat(walls), peakRssMiB: peaks.length > 0 ? Math.max(...peaks) : null };
}
