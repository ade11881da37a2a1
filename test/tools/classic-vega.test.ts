/**
 * The classic Notebook's chart extension (tools/jupyter/classic-vega.ts) without a browser: what
 * `npm run lab` writes, and what the extension does when the Notebook loads it. The browser test is
 * test/e2e/classic-notebook.test.ts (where jupyter-notebook is installed).
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLASSIC_EXTENSION_JS, installClassicVega } from "../../tools/jupyter/classic-vega.ts";
import { ROOT, tempDir } from "../helpers.ts";

const root = tempDir("classic");
symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the classic Notebook's Vega-Lite extension", () => {
  it("is written under .jupyter with the project's own vega builds, and switched on beside other extensions", () => {
    const nbconfig = path.join(root, ".jupyter", "config", "nbconfig");
    mkdirSync(nbconfig, { recursive: true });
    writeFileSync(path.join(nbconfig, "notebook.json"), '{"load_extensions": {"other/main": true}}');
    const r = installClassicVega(root);
    expect(r).toEqual({
      extensionDir: path.join(root, ".jupyter", "nbextensions", "cma-vega"),
      configPath: path.join(root, ".jupyter", "config"),
    });
    for (const [copy, original] of [
      ["vega.min.js", "vega/build/vega.min.js"],
      ["vega-lite.min.js", "vega-lite/build/vega-lite.min.js"],
      ["vega-embed.min.js", "vega-embed/build/vega-embed.min.js"],
    ] as const)
      expect(readFileSync(path.join(r.extensionDir, copy)).equals(readFileSync(path.join(ROOT, "node_modules", original)))).toBe(true);
    expect(readFileSync(path.join(r.extensionDir, "main.js"), "utf8")).toBe(CLASSIC_EXTENSION_JS);
    expect(JSON.parse(readFileSync(path.join(nbconfig, "notebook.json"), "utf8"))).toEqual({
      load_extensions: { "other/main": true, "cma-vega/main": true },
    });
  });

  it("registers the Vega-Lite v5 renderer ahead of the PNG and loads vega from beside itself", () => {
    const calls: unknown[][] = [];
    let paths: Record<string, string> = {};
    let extension: { load_ipython_extension: () => void } | undefined;
    const localRequire = { toUrl: (p: string) => `/nbextensions/cma-vega/${p.replace("./", "")}?v=20260101` };
    const outputarea = { OutputArea: { prototype: { register_mime_type: (...a: unknown[]) => calls.push(a) } } };
    const define = (_deps: string[], factory: (...a: unknown[]) => typeof extension) => {
      extension = factory(localRequire, { notebook: null }, { on: () => undefined }, outputarea);
    };
    const requirejs = { config: (c: { paths: Record<string, string> }) => (paths = c.paths) };
    new Function("define", "requirejs", CLASSIC_EXTENSION_JS)(define, requirejs);
    expect(paths).toEqual({
      vega: "/nbextensions/cma-vega/vega.min",
      "vega-lite": "/nbextensions/cma-vega/vega-lite.min",
      "vega-embed": "/nbextensions/cma-vega/vega-embed.min",
    });
    extension?.load_ipython_extension();
    expect(calls.map(([mime, fn, options]) => [mime, typeof fn, options])).toEqual([
      ["application/vnd.vegalite.v5+json", "function", { safe: true, index: 0 }],
    ]);
  });
});
