import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_FONT_FILES, renderPng, renderSvg } from "../../../pipeline/charts/index.ts";
import { KERNEL_NAME, REPO_ROOT } from "../../../tools/kernel-install.ts";
import { joinLines, type DisplayDataOutput, type NbOutput, type StreamOutput } from "../../../tools/jupyter/nbformat.ts";
import type { Msg } from "../../../tools/jupyter/connection.ts";
import { runNotebook, toOutputs } from "../../../tools/jupyter/run-notebook.ts";

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

// Two kernels side by side: each spends most of its time starting and compiling.
describe.concurrent("notebook runner (real tslab kernel over ZeroMQ)", () => {
  it("executes ok.ipynb and records stream, chart and table outputs", { timeout: 60_000 }, async () => {
    const t0 = performance.now();
    const r = await runNotebook(join(FIXTURES, "ok.ipynb"), { cwd: KERNEL_CWD, outDir });
    const wall = performance.now() - t0;

    // 5 cells: markdown + 4 code cells
    expect(r.notebook.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "code", "code", "code"]);
    expect(r.cells.map((c) => c.index)).toEqual([2, 3, 4, 5]);
    expect(r.notebook.cells.filter((c) => c.cell_type === "code").map((c) => c.execution_count)).toEqual([1, 2, 3, 4]);

    // printing
    expect(r.outputs[0]).toEqual([{ output_type: "stream", name: "stdout", text: ["hello from tslab\n", "2,4,6\n"] }]);
    expect(streams(r.outputs[0], "stdout")).toBe("hello from tslab\n2,4,6\n");
    // a table shaped like a danfojs DataFrame (the notebooks use danfojs itself: test/e2e/notebooks.test.ts)
    expect(streams(r.outputs[1], "stdout")).toBe("rows=3 cols=2 sum=1\n");
    expect(streams(r.outputs[1], "stderr")).toBe("");

    // showChart: exactly one display_data with the v5 spec, the PNG drawn from it and a text line; no
    // SVG (nbconvert 6.5 would prefer it and strip it) and no text/html (JupyterLab would prefer it)
    const chart = displays(r.outputs[2]);
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
    const table = displays(r.outputs[3]);
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

    // written file: deterministic JSON, nbformat 4.5, our kernel, no timings
    expect(r.outPath).toBe(join(outDir, "ok.ipynb"));
    const written = readFileSync(join(outDir, "ok.ipynb"), "utf8");
    expect(written).toBe(r.json);
    expect(written.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(written) as { nbformat: number; nbformat_minor: number; metadata: { kernelspec: { name: string } } };
    expect(parsed.nbformat).toBe(4);
    expect(parsed.nbformat_minor).toBe(5);
    expect(parsed.metadata.kernelspec.name).toBe(KERNEL_NAME);
    expect(written).not.toMatch(/"execution"\s*:|iopub\.|shell\.execute_reply|"date"/);
    expect(written).toBe(`${JSON.stringify(JSON.parse(written), null, 2)}\n`);
    expect(Object.keys(JSON.parse(written) as object)).toEqual(["cells", "metadata", "nbformat", "nbformat_minor"]);

    // timings for the bench, returned and never written: the kernel's start and each cell, which
    // together fit inside the call's wall time
    expect(r.startMs).toBeGreaterThan(0);
    expect(r.cells.every((c) => c.ms > 0)).toBe(true);
    expect(r.startMs + r.cells.reduce((a, c) => a + c.ms, 0)).toBeLessThanOrEqual(wall);
    expect(written).not.toMatch(/"ms"|startMs/);
  });

  it("rejects on a throwing cell, naming the notebook, the cell and the kernel's message", { timeout: 60_000 }, async () => {
    const failOut = join(outDir, "fails");
    let message = "";
    await runNotebook(join(FIXTURES, "fails.ipynb"), { cwd: KERNEL_CWD, outDir: failOut }).then(
      () => {
        throw new Error("expected runNotebook to reject");
      },
      (e: unknown) => {
        message = e instanceof Error ? e.message : String(e);
      },
    );
    expect(message).toContain("fails.ipynb");
    expect(message).toContain("cell 2");
    expect(message).toContain("boom-from-cell-2");
    expect(message).toContain('throw new Error(\\"boom-from-cell-2\\")');
    expect(message).not.toContain("never");
    expect(existsSync(join(failOut, "fails.ipynb"))).toBe(false);
  });
});
