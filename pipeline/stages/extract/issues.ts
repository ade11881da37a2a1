/** Collecting extract's problems, and validating a parsed value against a schema with located messages. */
import { z } from "zod";
import { dataIssue, type DataIssue } from "../../errors.ts";
import { msg, zodErrorMap } from "../../messages.ts";
import type { Parsed } from "../../read/parsed.ts";

/** Every problem found so far, in the order found. */
export class Issues {
  readonly list: DataIssue[] = [];
  add(file: string, line: number | undefined, path: string, rule: string, message: string): void {
    this.list.push(dataIssue(file, line, path, rule, message));
  }
  addAll(issues: readonly DataIssue[]): void {
    for (const issue of issues) this.list.push(issue);
  }
}

/** `claims[3] (aws-share)`: a claim as messages name it. */
export function claimLabel(raw: unknown, index: number): string {
  const rawId = (raw as { id?: unknown } | null)?.id;
  return `claims[${index}]${typeof rawId === "string" ? ` (${rawId})` : ""}`;
}

function zodPath(prefix: string, issuePath: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const k of issuePath) out += typeof k === "number" ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || "(file)";
}

/**
 * `value` (found at `keys` inside `p`) against `schema`. Every issue is added with the line of the
 * field it is about and a path starting at `label`; an unknown field also gets the known field it
 * most likely meant.
 */
export function validate<T>(
  p: Parsed,
  schema: z.ZodType<T>,
  value: unknown,
  keys: ReadonlyArray<string | number>,
  label: string,
  out: Issues,
): T | undefined {
  const result = schema.safeParse(value, { error: zodErrorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = issue.path as Array<string | number>;
    if (issue.code === "unrecognized_keys") {
      // One line per unknown field, at the field itself, with the nearest known field name.
      const allowed = fieldsAt(schema, at);
      for (const key of issue.keys)
        out.add(
          p.file,
          p.lineAt([...keys, ...at, key]),
          zodPath(label, [...at, key]),
          "unknown-field",
          msg.unknownField(key, closest(key, allowed), allowed),
        );
      continue;
    }
    out.add(p.file, p.lineAt([...keys, ...at]), zodPath(label, at), "schema", msg.schema(issue.message));
  }
  return undefined;
}

/** The field names of the object schema at `at` inside `schema` (through lists, optionals, records). */
function fieldsAt(schema: z.ZodType, at: ReadonlyArray<string | number>): string[] {
  let s: z.ZodType | undefined = schema;
  const unwrap = (x: z.ZodType | undefined): z.ZodType | undefined => {
    while (x instanceof z.ZodOptional || x instanceof z.ZodNullable || x instanceof z.ZodDefault) x = x.unwrap() as z.ZodType;
    return x;
  };
  for (const k of at) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(k)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The allowed name a typo most likely meant: within two edits, or differing only in case or separators. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (x: string) => x.toLowerCase().replace(/[-_ ]/g, "");
  let best: { name: string; d: number } | undefined;
  for (const name of allowed) {
    const d = norm(name) === norm(key) ? 0 : editDistance(key.toLowerCase(), name);
    if (d <= 2 && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] ?? Infinity;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
