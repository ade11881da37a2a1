import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../pipeline/read/inputs.ts";
import { tempDir } from "../helpers.ts";

describe("readInputs", () => {
  it("reads the input files of each folder by name, keyed by path from the root, and leaves notes out", () => {
    const root = tempDir("read");
    const data = path.join(root, "data");
    for (const [file, text] of Object.entries({
      "fixtures/b.yaml": "b",
      "fixtures/a.jsonl": "a",
      "fixtures/README.md": "notes",
      "reference/x.yaml": "x",
      "reference/x.sources.md": "notes",
      "sources/d.txt": "d",
    })) {
      mkdirSync(path.dirname(path.join(data, file)), { recursive: true });
      writeFileSync(path.join(data, file), text);
    }
    const inputs = readInputs(data, root);
    expect(inputs.dataDir).toBe("data");
    expect([...inputs.files]).toEqual([
      [path.join("data", "fixtures", "a.jsonl"), "a"],
      [path.join("data", "fixtures", "b.yaml"), "b"],
      [path.join("data", "reference", "x.yaml"), "x"],
      [path.join("data", "sources", "d.txt"), "d"],
    ]);
  });

  it("reads a missing folder as no files", () => {
    const root = tempDir("read");
    expect(readInputs(path.join(root, "nothing"), root).files.size).toBe(0);
  });
});
