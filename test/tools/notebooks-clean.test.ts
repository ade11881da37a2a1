/** `npm run notebooks:clean`: what a run in Jupyter adds to a notebook comes out again, and nothing else. */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cleanNotebookText } from "../../tools/notebooks-clean.ts";
import { ROOT, tempDir } from "../support/basics.ts";

const SOURCE = path.join(ROOT, "notebooks", "01-market-share.ipynb");
const raw = readFileSync(SOURCE, "utf8");

/** The notebook as Jupyter saves it after Run All: the executed copy's outputs, counts and timings. */
function executed(): string {
  const nb = JSON.parse(raw) as { cells: Array<Record<string, unknown>> };
  const run = JSON.parse(readFileSync(path.join(ROOT, "output", "notebooks", "01-market-share.ipynb"), "utf8")) as {
    cells: Array<{ outputs?: unknown[] }>;
  };
  let n = 0;
  nb.cells.forEach((cell, i) => {
    if (cell["cell_type"] !== "code") return;
    cell["outputs"] = run.cells[i]?.outputs ?? [];
    cell["execution_count"] = ++n;
    cell["metadata"] = { execution: { "iopub.execute_input": "2026-01-01T00:00:00.000Z" } };
  });
  return `${JSON.stringify(nb, null, 1)}\n`;
}

const work = tempDir("clean");
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** tsx's loader, for `node --import` from a folder outside the project (one process, without tsx's own CLI in front). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", TSX_LOADER, path.join(ROOT, "tools", "notebooks-clean.ts"), ...args], {
    cwd: work,
    encoding: "utf8",
  });

describe("notebooks:clean", () => {
  it("gives back the committed notebook byte for byte, and leaves a clean one as it is", () => {
    const dirty = executed();
    expect(dirty).toContain('"output_type": "display_data"');
    expect(cleanNotebookText(dirty)).toEqual({ text: raw, dirty: true });
    expect(cleanNotebookText(raw)).toEqual({ text: raw, dirty: false });
  });

  it("--check names the notebook and the command and changes nothing; a plain run cleans it", () => {
    const file = path.join(work, "01-market-share.ipynb");
    writeFileSync(file, executed());
    const check = cli("--check", file);
    expect(check.status).toBe(1);
    expect(check.stderr).toBe("notebooks with outputs: 01-market-share.ipynb\nrun: npm run notebooks:clean\n");
    expect(readFileSync(file, "utf8")).toBe(executed());
    const clean = cli(work);
    expect([clean.status, clean.stdout]).toEqual([0, "cleaned 01-market-share.ipynb\n"]);
    expect(readFileSync(file, "utf8")).toBe(raw);
    expect(cli("--check", file).status).toBe(0);
  });
});
