/**
 * Every tool answers --help with its usage and one line per option, and exits 0 (the pipeline's own
 * --help and --version: test/cli.test.ts); an unknown option is a usage error (exit 2).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/basics.ts";

/** Runs a tool (a path from the repository's root: a TypeScript file, or a shell script) with `args`. */
function run(tool: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(ROOT, tool.includes("/") ? tool : path.join("tools", tool));
  const r = file.endsWith(".sh")
    ? spawnSync("bash", [file, ...args], { cwd: ROOT, encoding: "utf8" })
    : spawnSync(process.execPath, ["--import", "tsx", file, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const help = (tool: string) => run(tool, ["--help"]);

describe("the tools' --help", () => {
  it.each([
    [
      "notebook-runner.ts",
      "usage: npm run notebooks -- [options] [NOTEBOOK.ipynb | DIR]...",
      ["-h, --help", "--only NAME", "--out-dir DIR", "--cwd DIR", "--timeout SECONDS"],
    ],
    ["notebooks-clean.ts", "usage: npm run notebooks:clean -- [options] [NOTEBOOK.ipynb | DIR]...", ["-h, --help", "--check"]],
    ["notebook-html.ts", "usage: tsx tools/notebook-html.ts [options] EXECUTED.ipynb...", ["-h, --help", "--out-dir DIR"]],
    ["locate.ts", "usage: npm run locate -- [options] FIXTURE.yaml...", ["-h, --help", "--write"]],
    ["kernel-install.ts", "usage: npm run kernel:install -- [options]", ["-h, --help"]],
    ["lab.ts", "usage: npm run lab -- [options] [JUPYTER_ARGS...]", ["-h, --help"]],
    ["data-contract.ts", "usage: npm run docs:contract -- [options]", ["-h, --help", "--check"]],
    ["notebook-charts.ts", "usage: npx tsx tools/notebook-charts.ts [options]", ["-h, --help", "--check"]],
    ["bench/run.ts", "usage: npm run bench -- [options]", ["-h, --help", "--quick", "--runs N", "--cold-runs N", "--max FACTS"]],
    [
      "bench/scale.ts",
      "usage: node --import tsx bench/scale.ts [options]",
      ["-h, --help", "--facts N", "--seed S", "--format jsonl|yaml", "--without-series", "--out DIR"],
    ],
    [".ci/nbconvert.sh", "usage: npm run notebooks:nbconvert -- [PROJECT_ROOT [NOTEBOOK_DIR]]", ["-h, --help"]],
  ])(
    "%s",
    (tool, usage, flags) => {
      const r = help(tool);
      expect(r.status).toBe(0);
      const lines = r.stdout.split("\n");
      expect(lines[0]).toBe(usage);
      const start = lines.indexOf("options:") + 1;
      const end = lines.indexOf("", start);
      const options = lines.slice(start, end < 0 ? undefined : end);
      expect(options.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(flags);
    },
    30_000,
  );
});

describe("an unknown option", () => {
  it.each([
    ["data-contract.ts", "docs:contract: Unknown option '--nope' (--help lists the options)"],
    [".ci/nbconvert.sh", "nbconvert.sh: unknown option --nope (--help lists the usage)"],
  ])(
    "%s: exit 2 and a message that points at --help, nothing written",
    (tool, message) => {
      const r = run(tool, ["--nope"]);
      expect({ status: r.status, stderr: r.stderr.trim(), stdout: r.stdout }).toEqual({ status: 2, stderr: message, stdout: "" });
    },
    30_000,
  );
});
