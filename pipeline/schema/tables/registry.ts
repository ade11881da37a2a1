/**
 * What a registry entry is (name, title, description, schema, keys) and the helpers that write one.
 * Deno-compatible: imports nothing but zod and siblings.
 */
import type { z } from "zod";

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableDef<S extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  schema: S;
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

export const fk = (fields: string[], resource: string, refFields: string[] = fields): ForeignKey => ({
  fields,
  reference: { resource, fields: refFields },
});
export const toProvider = fk(["provider_id"], "providers");

export function table<S extends z.ZodObject>(def: TableDef<S>): TableDef<S> {
  return def;
}
