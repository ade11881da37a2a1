import { describe, expect, it, vi } from "vitest";
import { msg } from "../../pipeline/messages.ts";

// The parser itself, not the unit project's memo of it (test/support/unit-setup.ts).
const { parseYaml } = await vi.importActual<typeof import("../../pipeline/read/yaml.ts")>("../../pipeline/read/yaml.ts");

const FILE = "data/fixtures/x.yaml";

describe("parseYaml", () => {
  const text = "document_id: doc\nclaims:\n  - id: a\n    value: 3\n  - id: b\n    value: 4\n";

  it("gives the value and the line of any node, or of its nearest ancestor", () => {
    const { parsed, issues } = parseYaml(FILE, text);
    expect(issues).toEqual([]);
    expect(parsed!.value).toEqual({
      document_id: "doc",
      claims: [
        { id: "a", value: 3 },
        { id: "b", value: 4 },
      ],
    });
    expect(parsed!.lineAt(["document_id"])).toBe(1);
    expect(parsed!.lineAt(["claims", 1, "value"])).toBe(6);
    expect(parsed!.lineAt(["claims", 1, "unit"])).toBe(5); // no such field: the claim's line
    expect(parsed!.lineAt([])).toBe(1);
  });

  it("reports a syntax error at its line and column", () => {
    const { parsed, issues } = parseYaml(FILE, 'document_id: doc\nclaims:\n  - quote: "open\n');
    expect(parsed).toBeUndefined();
    expect(issues).toEqual([
      { file: FILE, line: 4, path: "(file)", rule: "yaml-syntax", message: msg.yamlSyntax('Missing closing "quote', 4, 1) },
    ]);
  });

  it("names an alias to an anchor that does not exist, at the alias", () => {
    const { issues } = parseYaml(FILE, "base: &base { a: 1 }\nclaims:\n  - { <<: *bsae, id: a }\n");
    expect(issues).toEqual([
      { file: FILE, line: 3, path: "(file)", rule: "yaml-syntax", message: msg.yamlSyntax(msg.unknownAnchor("bsae"), 3, 11) },
    ]);
  });
});
