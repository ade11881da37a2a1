/** pipeline/report/assets.ts: the report's read edge (its own CSS and script, the vega bundles). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadReportAssets, scriptBody } from "../../pipeline/report/assets.ts";
import { ROOT } from "../helpers.ts";

const assets = loadReportAssets();

describe("the report's assets", () => {
  it("reads the style sheet as it is and the script without its leading comment lines", () => {
    expect(assets.css).toBe(readFileSync(path.join(ROOT, "pipeline/report/assets/report.css"), "utf8"));
    expect(assets.css.startsWith(":root { --ink: #1a1a1a;")).toBe(true);
    expect(assets.js.startsWith('(function () {\n  "use strict";\n')).toBe(true);
    expect(assets.js.endsWith("})();\n")).toBe(true);
  });

  it("strips only whole `//` lines at the start of the script", () => {
    expect(scriptBody("// a\n// b\n(function () {\n  // kept\n})();\n")).toBe("(function () {\n  // kept\n})();\n");
    expect(scriptBody("(function () {})();\n// kept\n")).toBe("(function () {})();\n// kept\n");
  });

  it("reads vega, vega-lite and vega-embed from node_modules with their versions and hashes", () => {
    expect(assets.libraries.map((l) => [l.name, l.file])).toEqual([
      ["vega", "build/vega.min.js"],
      ["vega-lite", "build/vega-lite.min.js"],
      ["vega-embed", "build/vega-embed.min.js"],
    ]);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "node_modules/vega-lite/package.json"), "utf8")) as { version: string };
    expect(assets.libraries[1]?.version).toBe(pkg.version);
    for (const l of assets.libraries) expect(l.sha256).toBe(createHash("sha256").update(l.text, "utf8").digest("hex"));
  });
});
