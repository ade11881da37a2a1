/**
 * The documented row order of every published table: ascending by the primary key, column by
 * column (texts by UTF-16 code unit, numbers numerically, a null before any value). The CSV and
 * Parquet files, the report's tables and the workbook all list rows in this order.
 */
import type { TableDef } from "./tables.ts";

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two rows by the table's primary key. */
export function keyComparator(def: TableDef): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const keys = def.primaryKey;
  return (a, b) => {
    for (const k of keys) {
      const c = compareValues(a[k], b[k]);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** A copy of the rows in primary-key order (the sort is stable). */
export function sortRows<T extends Record<string, unknown>>(def: TableDef, rows: readonly T[]): T[] {
  return [...rows].sort(keyComparator(def));
}
