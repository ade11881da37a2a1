/**
 * The structure docs/architecture.md promises, checked: the pipeline does not import the notebooks,
 * its modules form no import cycle, no hand-written source file passes 400 lines, and none of the
 * hacks the restructuring removed (test hooks, private vega fields, generated code, blocking waits)
 * comes back.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.ts";

const SOURCE_DIRS = ["pipeline", "tools", "bench", "notebooks/lib", "test"];
const SKIP = new Set(["node_modules", "generated", "fixtures", ".artifacts"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|js|css)$/.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
const text = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), "utf8")]));

/** Relative imports of a module, resolved to repository paths. */
function localImports(file: string): string[] {
  const src = text.get(file) ?? "";
  const specs = [...src.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["'](\.[^"']+)["']/gm)].map((m) => m[1] ?? "");
  return specs.map((s) => path.normalize(path.join(path.dirname(file), s)));
}

describe("the code's structure", () => {
  it("the pipeline imports nothing from notebooks/", () => {
    const offenders = files.filter((f) => f.startsWith("pipeline/")).filter((f) => localImports(f).some((i) => i.startsWith("notebooks/")));
    expect(offenders).toEqual([]);
  });

  it("the pipeline's modules form no import cycle", () => {
    const graph = new Map(files.filter((f) => f.startsWith("pipeline/")).map((f) => [f, localImports(f).filter((i) => text.has(i))]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, stack: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") {
        cycles.push([...stack.slice(stack.indexOf(f)), f].join(" → "));
        return;
      }
      state.set(f, "open");
      for (const next of graph.get(f) ?? []) visit(next, [...stack, f]);
      state.set(f, "done");
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it("no hand-written source file is over 400 lines, tests included", () => {
    const long = files.map((f) => [f, (text.get(f) ?? "").split("\n").length - 1] as const);
    expect(long.filter(([, n]) => n > 400)).toEqual([]);
    expect(files).toContain("test/bad-input/agreement.test.ts");
  });

  it("no test hook, private vega field, generated function or blocking wait in pipeline/", () => {
    const pattern = /CMA_TEST_PAUSE|_pulse|_viewWidth|Atomics\.wait|new Function/;
    const hits = files.filter((f) => f.startsWith("pipeline/") && pattern.test(text.get(f) ?? ""));
    expect(hits).toEqual([]);
  });
});
