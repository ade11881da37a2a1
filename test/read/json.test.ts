import { describe, expect, it } from "vitest";
import { msg } from "../../pipeline/messages.ts";
import { parseJson } from "../../pipeline/read/json.ts";

const FILE = "data/sources/doc.meta.json";

describe("parseJson", () => {
  it("gives the value, and lines found by reading the JSON as YAML", () => {
    const { parsed, issues } = parseJson(FILE, '{\n  "document_id": "doc",\n  "file": "doc.txt"\n}\n');
    expect(issues).toEqual([]);
    expect(parsed!.value).toEqual({ document_id: "doc", file: "doc.txt" });
    expect(parsed!.lineAt(["file"])).toBe(3);
    expect(parsed!.lineAt(["sha256"])).toBe(1);
  });

  it("reports a syntax error at its line and column when JSON.parse gives its position", () => {
    const { parsed, issues } = parseJson(FILE, '{\n  "document_id": "doc",\n  "file": "doc.txt",\n}\n');
    expect(parsed).toBeUndefined();
    expect(issues).toEqual([
      { file: FILE, line: 4, path: "(file)", rule: "json-syntax", message: msg.jsonSyntax("Expected double-quoted property name", 4, 1) },
    ]);
  });

  it("reports a syntax error without a line when JSON.parse gives none", () => {
    const { issues } = parseJson(FILE, '{\n  "file": doc.txt\n}\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, path: "(file)", rule: "json-syntax" });
    expect(issues[0]!.line).toBeUndefined();
    expect(issues[0]!.message).toMatch(/^malformed JSON: Unexpected token 'd'/);
  });
});
