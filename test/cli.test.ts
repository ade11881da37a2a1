/** pipeline/cli.ts: --help lists every option on a line of its own; --version names the package. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "./helpers.ts";

describe("the pipeline's command line", () => {
  it("--help prints the usage and one line per option, and exits 0", async () => {
    const r = await runCli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("usage: npm run pipeline -- [options]");
    expect(lines.filter((l) => /^ {2}-/.test(l)).map((l) => l.trim().split(/\s{2,}/)[0])).toEqual([
      "--data DIR",
      "--out DIR",
      "--check",
      "--allow-shrink",
      "-h, --help",
      "--version",
    ]);
  });

  it("--version prints the package's name and version", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    const r = await runCli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`cloud-market-atlas ${pkg.version}\n`);
  });
});
