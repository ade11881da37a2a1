/** YAML files (reference data, fixtures, `.meta.yaml`), parsed with positions for the messages. */
import { LineCounter, parseDocument, visit, type Document } from "yaml";
import { dataIssue } from "../errors.ts";
import { msg } from "../messages.ts";
import { failed, parsedOk, type ParseResult } from "./parsed.ts";

export function parseYaml(file: string, text: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [first, ...rest] = doc.errors;
  if (first) {
    // After the first syntax error the parser's later errors mostly follow from it: report the
    // first with its line and column, and say how many more there are.
    const { line, col } = lines.linePos(first.pos[0]);
    const detail = msg.parserDetail(first.message.split("\n")[0] ?? first.code);
    return failed([
      dataIssue(
        file,
        line,
        "(file)",
        "yaml-syntax",
        msg.yamlSyntax(rest.length > 0 ? `${detail}; ${msg.yamlMoreErrors(rest.length)}` : detail, line, col),
      ),
    ]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    // An alias to an anchor that does not exist (located if possible), or an alias bomb.
    let where: { line: number; col: number; anchor: string } | undefined;
    visit(doc, {
      Alias(_, node) {
        if (where === undefined && node.range && node.resolve(doc) === undefined)
          where = { ...lines.linePos(node.range[0]), anchor: node.source };
      },
    });
    const detail = where ? msg.unknownAnchor(where.anchor) : (String((error as Error)?.message ?? error).split("\n")[0] ?? "unreadable");
    return failed([dataIssue(file, where?.line, "(file)", "yaml-syntax", msg.yamlSyntax(detail, where?.line, where?.col))]);
  }
  return parsedOk({ file, value, lineAt: (keys) => lineInDocument(doc, lines, keys) });
}

/** 1-based line of the node at `keys`, or of the nearest ancestor that exists. */
function lineInDocument(doc: Document, lines: LineCounter, keys: ReadonlyArray<string | number>): number | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}
