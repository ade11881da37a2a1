import { describe, expect, it } from "vitest";
import { jsonlMessages } from "../../pipeline/messages.ts";
import { parseJsonl } from "../../pipeline/read/jsonl.ts";

const FILE = "data/fixtures/doc.jsonl";

describe("parseJsonl", () => {
  it("gives a YAML fixture's shape, each claim at its own line", () => {
    const { parsed, issues } = parseJsonl(FILE, '{"document_id": "doc"}\n{"id": "a"}\n\n{"id": "b"}\n');
    expect(issues).toEqual([]);
    expect(parsed!.value).toEqual({ document_id: "doc", claims: [{ id: "a" }, { id: "b" }] });
    expect(parsed!.lineAt(["claims", 1, "value"])).toBe(4);
    expect(parsed!.lineAt(["document_id"])).toBe(1);
  });

  it("reports every line that is not one JSON object, under the rule jsonl-syntax", () => {
    const { parsed, issues } = parseJsonl(FILE, '{"document_id": "doc"}\n[1]\n{"id": \n');
    expect(parsed).toBeUndefined();
    expect(issues.map(({ line, path, rule }) => ({ line, path, rule }))).toEqual([
      { line: 2, path: "claims[0]", rule: "jsonl-syntax" },
      { line: 3, path: "claims[1]", rule: "jsonl-syntax" },
    ]);
    expect(issues[0]!.message).toBe(jsonlMessages.notAnObject());
  });

  it("wants the header first", () => {
    expect(parseJsonl(FILE, '{"id": "a"}\n').issues).toEqual([
      { file: FILE, line: 1, path: "(header)", rule: "jsonl-syntax", message: jsonlMessages.header() },
    ]);
  });
});
