/**
 * The data package (pipeline/write/datapackage.ts), as committed in output/datapackage.json: a
 * Table Schema per table generated from its zod schema, and keys that hold in the committed tables.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { OUTPUT, readCsv } from "../helpers.ts";

const pkg = JSON.parse(readFileSync(path.join(OUTPUT, "datapackage.json"), "utf8")) as {
  resources: Array<{
    name: string;
    path: string;
    format: string;
    schema: {
      fields: Array<{ name: string; type: string; unit?: string; description: string }>;
      primaryKey: string[];
      foreignKeys: unknown[];
    };
  }>;
};
const tableDefs = Object.values(TABLES) as TableDef[];

describe("the data package", () => {
  it("lists every table it defines, and output/tables holds their files", () => {
    const exported = readdirSync(path.join(OUTPUT, "tables"))
      .filter((f) => f.endsWith(".csv"))
      .map((f) => f.replace(/\.csv$/, ""))
      .sort();
    expect(exported).toEqual(tableDefs.map((d) => d.name).sort());
    expect(pkg.resources.map((r) => r.name)).toEqual(tableDefs.flatMap((d) => [d.name, `${d.name}_parquet`]));
  });

  it("describes each table with a Table Schema generated from its zod schema", () => {
    for (const def of tableDefs) {
      const res = pkg.resources.find((r) => r.name === def.name)!;
      expect(res.path).toBe(`tables/${def.name}.csv`);
      expect(res.schema.fields.map((f) => f.name)).toEqual(Object.keys(def.schema.shape));
      expect(res.schema.primaryKey).toEqual(def.primaryKey);
      expect(res.schema.fields.filter((f) => f.description.length === 0).map((f) => f.name)).toEqual([]);
      expect(pkg.resources.find((r) => r.name === `${def.name}_parquet`)!.path).toBe(`tables/${def.name}.parquet`);
    }
    const share = pkg.resources.find((r) => r.name === "market_share")!.schema;
    expect(share.fields.find((f) => f.name === "share")).toMatchObject({ type: "number", unit: "fraction" });
    expect(share.fields.find((f) => f.name === "rank")).toMatchObject({ type: "integer" });
    expect(share.foreignKeys).toContainEqual({ fields: ["provider_id"], reference: { resource: "providers", fields: ["provider_id"] } });
  });

  it("keeps primary keys unique and foreign keys resolvable", () => {
    for (const res of pkg.resources.filter((r) => r.format === "csv")) {
      const rows = readCsv(path.join(OUTPUT, res.path));
      const keys = rows.map((r) => res.schema.primaryKey.map((k) => r[k]).join("\u0000"));
      expect(new Set(keys).size, res.name).toBe(keys.length);
      for (const fk of res.schema.foreignKeys as Array<{ fields: string[]; reference: { resource: string; fields: string[] } }>) {
        const target = readCsv(path.join(OUTPUT, "tables", `${fk.reference.resource}.csv`));
        const known = new Set(target.map((r) => fk.reference.fields.map((f) => r[f]).join("\u0000")));
        const unresolved = rows
          .map((r) => fk.fields.map((f) => r[f]).join("\u0000"))
          .filter((v, i) => !fk.fields.some((f) => rows[i]![f] === "") && !known.has(v));
        expect(unresolved, `${res.name} → ${fk.reference.resource}`).toEqual([]);
      }
    }
  });
});
