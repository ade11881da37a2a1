/**
 * Each measurement runs in a fresh node process, so that its peak RSS is its own, with the node
 * flags of `npm run pipeline` (read from package.json), so that it measures the process users run.
 * A child prints its result as one JSON line, the last line of its stdout.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The flags between `node` and `--import` in package.json's pipeline script. */
export function pipelineNodeFlags(): string[] {
  const script =
    (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["pipeline"] ?? "";
  const words = script.split(/\s+/);
  const end = words.indexOf("--import");
  if (words[0] !== "node" || end < 0) throw new Error(`package.json's pipeline script is not "node <flags> --import tsx ...": ${script}`);
  return words.slice(1, end);
}

/** Runs bench/<script> with `args` in a fresh process and returns the JSON it printed. */
export function runChild<T>(script: string, args: readonly string[]): T {
  const r = spawnSync(process.execPath, [...pipelineNodeFlags(), "--import", "tsx", path.join(ROOT, "bench", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench/${script} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-4000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as T;
}
