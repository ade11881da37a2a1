import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  joinLines,
  listNotebooks,
  normalizeBundle,
  readNotebook,
  splitLines,
  stableJson,
  writeAtomic,
} from "../../../tools/jupyter/nbformat.ts";
import { tempDir } from "../../helpers.ts";

describe("nbformat: deterministic notebook JSON", () => {
  it("sorts keys recursively, drops undefined, indents by 2 and ends with a newline", () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it("splits text into lines as nbformat's split_lines does, and joins them back", () => {
    expect(splitLines("one line")).toBe("one line");
    expect(splitLines("a\nb\n")).toEqual(["a\n", "b\n"]);
    expect(splitLines("a\n\nb")).toEqual(["a\n", "\n", "b"]);
    expect(joinLines(["a\n", "b"])).toBe("a\nb");
    expect(joinLines(undefined)).toBe("");
  });

  it("splits a bundle's text but keeps JSON MIME types as JSON", () => {
    const spec = { mark: "bar", note: "x\ny" };
    expect(normalizeBundle({ "text/plain": "1\n2", "application/json": "a\nb", "application/vnd.vegalite.v5+json": spec })).toEqual({
      "text/plain": ["1\n", "2"],
      "application/json": "a\nb",
      "application/vnd.vegalite.v5+json": spec,
    });
  });

  it("reads nbformat 4 only, lists *.ipynb sorted without hidden files, and writes atomically", () => {
    const dir = tempDir("nbformat-");
    mkdirSync(join(dir, "nb"));
    writeFileSync(join(dir, "nb", "b.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    writeFileSync(join(dir, "nb", "a.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 3, nbformat_minor: 0 }));
    writeFileSync(join(dir, "nb", ".c.ipynb"), "{}");
    writeFileSync(join(dir, "nb", "d.json"), "{}");
    expect(listNotebooks(join(dir, "nb"))).toEqual([join(dir, "nb", "a.ipynb"), join(dir, "nb", "b.ipynb")]);
    expect(listNotebooks(join(dir, "missing"))).toEqual([]);
    expect(readNotebook(join(dir, "nb", "b.ipynb")).nbformat_minor).toBe(5);
    expect(() => readNotebook(join(dir, "nb", "a.ipynb"))).toThrow(`${join(dir, "nb", "a.ipynb")}: not an nbformat 4 notebook`);
    writeAtomic(join(dir, "out", "x.ipynb"), "text\n");
    expect(readFileSync(join(dir, "out", "x.ipynb"), "utf8")).toBe("text\n");
  });
});
