/**
 * JSON files (a machine-written document's `.meta.json`). JSON.parse reads the value; the lines
 * that messages point to come from the YAML parser (JSON is YAML), run only when a message needs one.
 */
import { dataIssue } from "../errors.ts";
import { msg } from "../messages.ts";
import { failed, parsedOk, type ParseResult } from "./parsed.ts";
import { parseYaml } from "./yaml.ts";

export function parseJson(file: string, text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = String((error as Error)?.message ?? error).split("\n")[0] ?? "unreadable";
    const at = /at position (\d+)/.exec(detail);
    const pos = at ? Number(at[1]) : undefined;
    const line = pos === undefined ? undefined : text.slice(0, pos).split("\n").length;
    const col = pos === undefined ? undefined : pos - text.lastIndexOf("\n", pos - 1);
    return failed([
      dataIssue(file, line, "(file)", "json-syntax", msg.jsonSyntax(detail.replace(/ in JSON at position \d+.*$/, ""), line, col)),
    ]);
  }
  let located: ParseResult | undefined;
  return parsedOk({
    file,
    value,
    lineAt: (keys) => {
      located ??= parseYaml(file, text);
      return located.parsed?.lineAt(keys);
    },
  });
}
