/**
 * The documentation stays true to the tree: every repository path the README and docs/ name exists,
 * and docs/data-contract.md is what the table registry generates.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACT_PATH, renderContract } from "../../tools/data-contract.ts";
import { ROOT } from "../helpers.ts";

const docs = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const TOP = /^(pipeline|tools|bench|test|notebooks|data|docs|output|\.ci)\//;
const IGNORED = /^(test\/\.artifacts|\.jupyter|\.bench)\//;

/** Paths written in backticks or as Markdown links, relative to the repository root or to the document. */
function namedPaths(doc: string): string[] {
  const src = readFileSync(path.join(ROOT, doc), "utf8");
  const ticks = [...src.matchAll(/`([^`\s]+)`/g)].map((m) => m[1] ?? "");
  const links = [...src.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? "").filter((l) => !/^[a-z]+:/.test(l));
  const fromLinks = links.map((l) => path.normalize(path.join(path.dirname(doc), l)));
  const fromTicks = ticks.filter((t) => TOP.test(t) && !IGNORED.test(t) && !/[<>*{}$]/.test(t)).map((t) => t.replace(/[.,:;]$/, ""));
  return [...new Set([...fromTicks, ...fromLinks])];
}

describe("the documentation", () => {
  it.each(docs)("%s names only paths that exist", (doc) => {
    const missing = namedPaths(doc).filter((p) => !existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it("the README stays under 200 lines", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(201);
  });

  it("docs/data-contract.md is what `npm run docs:contract` generates from the registry", () => {
    expect(readFileSync(CONTRACT_PATH, "utf8")).toBe(renderContract());
  });
});
