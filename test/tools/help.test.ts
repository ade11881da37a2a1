/** Every tool answers --help with its usage and one line per option, and exits 0. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.ts";

function help(tool: string): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "tools", tool), "--help"], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout };
}

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
