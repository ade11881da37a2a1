/**
 * A claim record, validated: zod's `ClaimRecord` (schema/inputs.ts) is the definition and words
 * every message; `isPlainClaimRecord` is a fast path for the plain case, because bulk fixtures of
 * 10⁶ claims are the benchmark's bound (docs/performance.md: zod alone put 10⁶ facts over 30 s).
 * It checks the same rules in one pass over the fields without zod's machinery; anything it does not
 * accept (a problem, or a value zod would transform, such as a numeric period) goes to zod.
 * test/stages/extract/claim-record.test.ts holds the two together: whatever the fast path accepts,
 * zod accepts with the same value.
 */
import { CLAIM_KINDS, ClaimRecord, ID_PATTERN, QUALIFIERS } from "../../schema/inputs.ts";

const CLAIM_FIELDS: ReadonlySet<string> = new Set(Object.keys(ClaimRecord.shape));
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isOptionalText = (v: unknown) => v === undefined || isText(v);
const isNote = (v: unknown) => v === undefined || v === null || typeof v === "string";

/** True when `v` is a ClaimRecord exactly as `ClaimRecord.parse(v)` would return it. */
export function isPlainClaimRecord(v: unknown): v is ClaimRecord {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  const r = v as Record<string, unknown>;
  for (const key in r) if (!CLAIM_FIELDS.has(key) || r[key] === undefined) return false;
  const { id, value, unit, qualifier, period } = r;
  return (
    typeof id === "string" &&
    ID_PATTERN.test(id) &&
    isText(r["subject"]) &&
    isText(r["measure"]) &&
    (value === null || (typeof value === "number" && Number.isFinite(value))) &&
    (unit === null || isText(unit)) &&
    (qualifier === null || (typeof qualifier === "string" && (QUALIFIERS as readonly string[]).includes(qualifier))) &&
    (period === null || isText(period)) &&
    isNote(r["period_note"]) &&
    isOptionalText(r["market"]) &&
    isOptionalText(r["object"]) &&
    isText(r["attributed_to"]) &&
    typeof r["kind"] === "string" &&
    (CLAIM_KINDS as readonly string[]).includes(r["kind"]) &&
    isText(r["speaker"]) &&
    isText(r["quote"]) &&
    isCount(r["char_start"]) &&
    isCount(r["char_end"]) &&
    isNote(r["note"])
  );
}
