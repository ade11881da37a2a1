import * as vega from "vega";
import { compile } from "vega-lite";
import { describe, expect, it, vi } from "vitest";
import { specOf, specs } from "../support/charts.ts";

// The renderer itself, not the unit project's memo of it (test/support/unit-setup.ts).
const { renderPng, renderSvg } = await vi.importActual<typeof import("../../pipeline/charts/render.ts")>("../../pipeline/charts/render.ts");

/** vega's own headless path, started fresh: the bytes renderSvg must give. */
async function direct(name: string): Promise<string> {
  (vega as unknown as { resetSVGDefIds(): void }).resetSVGDefIds();
  const view = new vega.View(vega.parse(compile(specOf(name)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe("renderSvg", () => {
  it("gives every chart the same bytes whatever was rendered before, and when renders overlap", async () => {
    const names = specs.map((s) => s.name);
    const expected: string[] = [];
    for (const name of names) expected.push(await direct(name));
    // gradients and clip paths number their ids from a module-wide counter: the heatmap has a gradient legend
    expect(/id="(gradient_\d+)"/.exec(expected[names.indexOf("regional_heatmap")] ?? "")?.[1]).toBe("gradient_0");
    const reversed = [];
    for (const name of [...names].reverse()) reversed.push(await renderSvg(specOf(name)));
    expect(reversed.reverse()).toEqual(expected);
    expect(await Promise.all(names.map((n) => renderSvg(specOf(n))))).toEqual(expected);
  });
});

describe("renderPng", () => {
  it("rasterizes at twice the SVG's size on white", async () => {
    const svg = await renderSvg(specOf("bloc_share"));
    const png = renderPng(svg, ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    const [w, h] = [Number(/width="(\d+)"/.exec(svg)?.[1]), Number(/height="(\d+)"/.exec(svg)?.[1])];
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([2 * w, 2 * h]);
  });
});
