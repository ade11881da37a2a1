/**
 * The report's read edge: its style sheet and script (assets/ beside this file) and the vega,
 * vega-lite and vega-embed browser bundles from node_modules. The run calls `loadReportAssets` and
 * passes the result to the pure renderer, which inlines them, so the page needs no network and no
 * other file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sha256, type ReportAssets, type ReportLibrary } from "./input.ts";

const BUNDLES = [
  { name: "vega", file: "build/vega.min.js" },
  { name: "vega-lite", file: "build/vega-lite.min.js" },
  { name: "vega-embed", file: "build/vega-embed.min.js" },
] as const;

const ASSETS = fileURLToPath(new URL("./assets/", import.meta.url));

/**
 * report.js opens with `//` comment lines for its readers (what it expects of the page); the page
 * gets the code after them. Only whole leading `//` lines go: the code itself is inlined as it is.
 */
export function scriptBody(source: string): string {
  return source.replace(/^(?:\/\/.*\n)+/, "");
}

/** The vega, vega-lite and vega-embed browser bundles, with their versions. */
function loadLibraries(): ReportLibrary[] {
  const require = createRequire(import.meta.url);
  return BUNDLES.map(({ name, file }) => {
    // vega-embed's "exports" hide its files; its CommonJS entry sits in build/ beside the bundle.
    const dir = path.resolve(path.dirname(require.resolve(name)), "..");
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
    const text = readFileSync(path.join(dir, file), "utf8");
    return { name, version: pkg.version, file, text, sha256: sha256(text) };
  });
}

/** Everything the page inlines, read from disk. */
export function loadReportAssets(): ReportAssets {
  return {
    css: readFileSync(path.join(ASSETS, "report.css"), "utf8"),
    js: scriptBody(readFileSync(path.join(ASSETS, "report.js"), "utf8")),
    libraries: loadLibraries(),
  };
}
