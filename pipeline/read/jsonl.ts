/**
 * JSON Lines fixtures (`data/fixtures/*.jsonl`): the bulk format for machine-written claims.
 *
 * One document per file, like a YAML fixture. Line 1 is a header naming the document, every other
 * non-blank line is one claim record with exactly the fields of a YAML claim (ClaimRecord):
 *
 *   {"document_id": "syn-firm-001-2027q3"}
 *   {"id": "syn-firm-001-2027q3-01", "subject": "AWS", "measure": "market_share", "value": 31.2, ...}
 *
 * Each line is parsed with JSON.parse on its own, so a syntax error names its line, and the line of
 * every record is known from the file's lines, without a document model. The result has the shape
 * extract validates for a YAML fixture ({ document_id, claims }) plus a `lineAt` for the keys
 * extract asks about.
 */
import { dataIssue } from "../errors.ts";
import { jsonlMessages } from "../messages.ts";
import { failed, parsedOk, type ParseResult } from "./parsed.ts";

/** An issue found while reading the file's lines (extract adds file and rule). */
export interface JsonlIssue {
  line: number;
  path: string;
  message: string;
}

export interface JsonlFixture {
  /** `{ document_id, claims }`, validated by extract like a YAML fixture's top level. */
  value: { document_id?: unknown; claims: unknown[] } | Record<string, unknown>;
  /** 1-based line of `keys` (`["claims", i, field]` → the claim's line; `["document_id"]` → 1). */
  lineAt: (keys: ReadonlyArray<string | number>) => number | undefined;
}

/** Reads a JSON Lines fixture; returns undefined (with issues) when a line is not JSON or the header is missing. */
export function parseJsonlFixture(text: string, issues: JsonlIssue[]): JsonlFixture | undefined {
  const claims: unknown[] = [];
  const lineOfClaim: number[] = [];
  let header: Record<string, unknown> | undefined;
  let headerLine = 1;
  let ok = true;
  let line = 0;
  let from = 0;
  while (from <= text.length) {
    const nl = text.indexOf("\n", from);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(from, end);
    from = end + 1;
    line++;
    if (raw.trim() === "") {
      if (nl < 0) break;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      issues.push({
        line,
        path: header ? `claims[${claims.length}]` : "(header)",
        message: jsonlMessages.syntax((error as Error).message),
      });
      ok = false;
      if (nl < 0) break;
      continue;
    }
    if (header === undefined) {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !("document_id" in value) || "id" in value) {
        issues.push({ line, path: "(header)", message: jsonlMessages.header() });
        return undefined;
      }
      header = value as Record<string, unknown>;
      headerLine = line;
    } else {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        issues.push({ line, path: `claims[${claims.length}]`, message: jsonlMessages.notAnObject() });
        ok = false;
      }
      claims.push(value);
      lineOfClaim.push(line);
    }
    if (nl < 0) break;
  }
  if (header === undefined) {
    issues.push({ line: 1, path: "(header)", message: jsonlMessages.header() });
    return undefined;
  }
  if (!ok) return undefined;
  return {
    value: { ...header, claims },
    lineAt: (keys) => (keys[0] === "claims" && typeof keys[1] === "number" ? (lineOfClaim[keys[1]] ?? headerLine) : headerLine),
  };
}

/** A JSON Lines fixture as the read edge's other parsers give a file. */
export function parseJsonl(file: string, text: string): ParseResult {
  const issues: JsonlIssue[] = [];
  const fixture = parseJsonlFixture(text, issues);
  if (!fixture) return failed(issues.map((i) => dataIssue(file, i.line, i.path, "jsonl-syntax", i.message)));
  return parsedOk({ file, value: fixture.value, lineAt: fixture.lineAt });
}
