/** pipeline/report/input.ts: the report's input from other stages' results. */
import { describe, expect, it } from "vitest";
import { chartsFromFiles, reportContext } from "../../pipeline/report/input.ts";
import { msg } from "../../pipeline/messages.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { realInputs } from "../helpers.ts";

describe("the report's input", () => {
  it("pairs each chart's spec with its SVG, in the file map's order, and skips other files", () => {
    const files = new Map<string, string | Uint8Array>([
      ["charts/b.vl.json", '{"title":"B"}'],
      ["charts/b.svg", "<svg/>"],
      ["charts/a.vl.json", '{"title":"A"}'],
      ["charts/a.svg", '<svg width="3"/>'],
      ["charts/a.png", new Uint8Array([1])],
      ["tables/x.csv", "x\n"],
    ]);
    expect(chartsFromFiles(files)).toEqual([
      { name: "b", spec: { title: "B" }, svg: "<svg/>" },
      { name: "a", spec: { title: "A" }, svg: '<svg width="3"/>' },
    ]);
    expect(() => chartsFromFiles(new Map([["charts/c.vl.json", "{}"]]))).toThrow(msg.reportChartWithoutSvg("c"));
  });

  it("hashes every input file and dates the reference files", () => {
    const ctx = reportContext(realInputs(), extract(realInputs(), silentContext));
    expect(ctx.inputs.find((f) => f.file === "sources/dual-ai-stack-article.txt")).toEqual({
      file: "sources/dual-ai-stack-article.txt",
      bytes: 5142,
      sha256: "67e1678e4a0a649928126f6209fde7f0abd6a3dc8d3aafad80e93a4f70a64cfa",
    });
    expect(ctx.inputs.map((f) => f.file)).toEqual([...ctx.inputs.map((f) => f.file)].sort());
    expect(ctx.asOf.map((a) => `${a.what} @ ${a.as_of}`)).toEqual([
      "Providers (reference/providers.yaml) @ 2025-09",
      "Measures and markets (reference/measures.yaml) @ 2025-09",
    ]);
    expect(ctx.documents.map((d) => [d.document_id, Buffer.byteLength(d.text, "utf8")])).toEqual([["fierce-dual-ai-stack", 5142]]);
    expect(ctx.catalog.as_of).toBe("2025-09");
  });
});
