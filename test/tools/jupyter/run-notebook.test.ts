import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_FONT_FILES, renderPng, renderSvg } from "../../../pipeline/charts/index.ts";
import { REPO_ROOT } from "../../../tools/kernel-install.ts";
import {
  joinLines,
  readNotebook,
  stableJson,
  type DisplayDataOutput,
  type NbCell,
  type NbOutput,
  type StreamOutput,
} from "../../../tools/jupyter/nbformat.ts";
import type { Msg } from "../../../tools/jupyter/connection.ts";
import { NotebookError, runNotebook, toOutputs } from "../../../tools/jupyter/run-notebook.ts";

const FIXTURES = join(REPO_ROOT, "test", "fixtures", "notebooks");
// The fixtures import "./lib/display": run the kernel in notebooks/ where that helper lives.
const KERNEL_CWD = join(REPO_ROOT, "notebooks");
const outDir = mkdtempSync(join(tmpdir(), "nb-runner-test-"));

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function streams(outputs: NbOutput[] | undefined, name: "stdout" | "stderr"): string {
  return (outputs ?? [])
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === name)
    .map((o) => joinLines(o.text))
    .join("");
}

function displays(outputs: NbOutput[] | undefined): DisplayDataOutput[] {
  return (outputs ?? []).filter((o): o is DisplayDataOutput => o.output_type === "display_data");
}

const msg = (msg_type: string, content: Record<string, unknown>): Msg => ({
  header: { msg_id: "m", msg_type },
  parent_header: {},
  metadata: {},
  content,
});

describe("a cell's messages as nbformat outputs", () => {
  it("merges consecutive chunks of one stream, keeps displays in order, and drops display updates", () => {
    const outs = toOutputs([
      msg("execute_input", { code: "x" }),
      msg("stream", { name: "stdout", text: "a\n" }),
      msg("stream", { name: "stdout", text: "b" }),
      msg("stream", { name: "stderr", text: "w\n" }),
      msg("display_data", { data: { "text/plain": "1\n2" }, metadata: {} }),
      msg("update_display_data", { data: { "text/plain": "3" }, metadata: {} }),
      msg("stream", { name: "stdout", text: "c" }),
      msg("error", { ename: "E", evalue: "v", traceback: ["t1", 2] }),
    ]);
    expect(outs).toEqual([
      { output_type: "stream", name: "stdout", text: ["a\n", "b"] },
      { output_type: "stream", name: "stderr", text: ["w\n"] },
      { output_type: "display_data", data: { "text/plain": ["1\n", "2"] }, metadata: {} },
      { output_type: "stream", name: "stdout", text: "c" },
      { output_type: "error", ename: "E", evalue: "v", traceback: ["t1", "2"] },
    ]);
  });
});

// One kernel: ok.ipynb's cells, then a cell that throws and one that must not run. The rejection
// carries the cells that ran, so the outputs of the good cells are checked on it; writing an executed
// notebook (deterministic JSON, nbformat 4.5, no timings) is checked on the real notebooks' runs in
// test/e2e/notebooks.test.ts.
describe("notebook runner (real tslab kernel over ZeroMQ)", () => {
  it("records the stream, chart and table outputs of the cells, and rejects on the first throwing one, writing nothing", {
    timeout: 60_000,
  }, async () => {
    const ok = readNotebook(join(FIXTURES, "ok.ipynb"));
    const code = (source: string): NbCell => ({ cell_type: "code", metadata: {}, source, execution_count: null, outputs: [] });
    const fails = join(outDir, "fails.ipynb");
    writeFileSync(
      fails,
      stableJson({ ...ok, cells: [...ok.cells, code('throw new Error("boom-from-cell-6");'), code('console.log("never");')] }),
    );
    const failOut = join(outDir, "executed");
    const t0 = performance.now();
    const error = await runNotebook(fails, { cwd: KERNEL_CWD, outDir: failOut }).then(
      () => null,
      (e: unknown) => e,
    );
    const wall = performance.now() - t0;
    if (!(error instanceof NotebookError)) throw new Error(`expected runNotebook to reject with a NotebookError, not ${String(error)}`);

    // the failing cell: named with the notebook, its position, its first line and the kernel's message
    expect(error.message).toContain("fails.ipynb");
    expect(error.message).toContain("cell 6");
    expect(error.message).toContain("boom-from-cell-6");
    expect(error.message).toContain('throw new Error(\\"boom-from-cell-6\\")');
    expect([error.notebook, error.cellIndex]).toEqual(["fails.ipynb", 6]);
    expect(existsSync(join(failOut, "fails.ipynb"))).toBe(false);

    // ok.ipynb's cells ran (a markdown cell, then 4 code cells numbered 1..4); the one after the failure did not
    const r = error.cells;
    expect(r.map((c) => c.index)).toEqual([2, 3, 4, 5]);
    expect(r.map((c) => c.executionCount)).toEqual([1, 2, 3, 4]);
    expect(JSON.stringify(r)).not.toContain("never");
    // each cell's time, which together fit inside the call's wall time
    expect(r.every((c) => c.ms > 0)).toBe(true);
    expect(r.reduce((a, c) => a + c.ms, 0)).toBeLessThanOrEqual(wall);

    // printing
    expect(r[0]?.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["hello from tslab\n", "2,4,6\n"] }]);
    expect(streams(r[0]?.outputs, "stdout")).toBe("hello from tslab\n2,4,6\n");
    // a table shaped like a danfojs DataFrame (the notebooks use danfojs itself: test/e2e/notebooks.test.ts)
    expect(streams(r[1]?.outputs, "stdout")).toBe("rows=3 cols=2 sum=1\n");
    expect(streams(r[1]?.outputs, "stderr")).toBe("");

    // showChart: exactly one display_data with the v5 spec, the PNG drawn from it and a text line; no
    // SVG (nbconvert 6.5 would prefer it and strip it) and no text/html (JupyterLab would prefer it)
    const chart = displays(r[2]?.outputs);
    expect(chart).toHaveLength(1);
    const bundle = chart[0]?.data ?? {};
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.vegalite.v5+json", "image/png", "text/plain"]);
    expect(bundle["text/plain"]).toBe("Chart: (untitled) (3 data points)");
    const spec = bundle["application/vnd.vegalite.v5+json"] as Record<string, unknown>;
    expect(spec["$schema"]).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect((spec["data"] as { values: unknown[] }).values).toHaveLength(3);
    expect((spec["config"] as { font: string }).font).toContain("sans-serif");
    const svg = await renderSvg(spec as never);
    expect(svg.match(/aria-roledescription="bar"/g) ?? []).toHaveLength(3);
    expect(bundle["image/png"]).toBe(Buffer.from(renderPng(svg, DEFAULT_FONT_FILES)).toString("base64"));
    expect(
      Buffer.from(bundle["image/png"] as string, "base64")
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");

    // showTable(df, 2): escaped HTML and plain text, shares in percent (the unit of `share` in the
    // published tables) with the raw value on hover, truncated
    const table = displays(r[3]?.outputs);
    expect(table).toHaveLength(1);
    expect(joinLines(table[0]?.data["text/html"] as string | string[])).toBe(
      [
        '<div class="cma-table tex2jax_ignore">',
        "<table>",
        "<thead><tr><th>region</th><th>share</th></tr></thead>",
        "<tbody>",
        '<tr><td>us</td><td style="text-align: right" title="0.5">50.0%</td></tr>',
        '<tr><td>cn</td><td style="text-align: right" title="0.3">30.0%</td></tr>',
        "</tbody>",
        "</table>",
        "<p><em>1 more rows (3 in total)</em></p>",
        "</div>",
      ].join("\n"),
    );
    expect(joinLines(table[0]?.data["text/plain"] as string | string[])).toBe(
      "region  share\n------  -----\nus      50.0%\ncn      30.0%\n1 more rows (3 in total)",
    );
  });
});
