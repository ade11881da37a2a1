/**
 * The columns of a table, generated from its zod schema (through zod's JSON Schema output): name,
 * type, nullability and the data dictionary. The CSV and Parquet column order, the Table Schema in
 * datapackage.json and the report's tables all come from here, so nothing restates a column list.
 */
import { z } from "zod";
import type { TableDef } from "./tables.ts";

/** Table Schema field types; `date` is an ISO 8601 calendar date (a zod `z.iso.date()` column). */
export type ColumnType = "string" | "number" | "integer" | "boolean" | "date";

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  description: string;
  unit?: string;
  enum?: string[];
  /** The cells are verbatim text of a source document (its publisher's). */
  quoted?: true;
}

interface JsonSchemaProp {
  type?: string | string[];
  anyOf?: JsonSchemaProp[];
  enum?: string[];
  format?: string;
  description?: string;
  unit?: string;
  quoted?: boolean;
}

const columnCache = new WeakMap<TableDef, readonly Column[]>();

/** The columns of a table, in schema order, with type, nullability and the data dictionary.
 * Computed once per table definition (zod's JSON Schema output is not cheap) and shared: read only. */
export function columnsOf(def: TableDef): readonly Column[] {
  let cols = columnCache.get(def);
  if (!cols) columnCache.set(def, (cols = Object.freeze(columnsFromSchema(def))));
  return cols;
}

function columnsFromSchema(def: TableDef): Column[] {
  const json = z.toJSONSchema(def.schema) as { properties: Record<string, JsonSchemaProp> };
  return Object.entries(json.properties).map(([name, prop]) => {
    // zod writes a nullable column as `type: ["number", "null"]` or as `anyOf: [{...}, {type: "null"}]`.
    const variants = (prop.anyOf ?? [prop]).flatMap((v) => (Array.isArray(v.type) ? v.type.map((type) => ({ ...v, type })) : [v]));
    const nonNull = variants.filter((v) => v.type !== "null");
    const base = nonNull[0];
    if (!base || nonNull.length !== 1 || typeof base.type !== "string") throw new Error(`${def.name}.${name}: unsupported column schema`);
    const col: Column = {
      name,
      type: base.type === "string" && base.format === "date" ? "date" : (base.type as ColumnType),
      nullable: variants.length > nonNull.length,
      description: prop.description ?? "",
    };
    if (prop.unit) col.unit = prop.unit;
    if (prop.quoted) col.quoted = true;
    const values = base.enum;
    if (values) col.enum = values.filter((v) => v !== null);
    return col;
  });
}
