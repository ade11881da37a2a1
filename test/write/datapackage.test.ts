/**
 * The data package (pipeline/write/datapackage.ts), as committed in output/datapackage.json: a
 * Table Schema per table generated from its zod schema, and keys that hold in the committed tables.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { OUTPUT, readCsv } from "../helpers.ts";

type Licence = { name: string; path?: string; title: string };
const pkg = JSON.parse(readFileSync(path.join(OUTPUT, "datapackage.json"), "utf8")) as {
  licenses: Licence[];
  sources: Array<{ title: string; path?: string }>;
  resources: Array<{
    name: string;
    path: string;
    format: string;
    licenses: Licence[];
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

  it("gives each resource its true licence: the derived data CC BY 4.0, the quoted text its publisher's", () => {
    const names = (r: string) => pkg.resources.find((x) => x.name === r)!.licenses.map((l) => l.name);
    expect(pkg.licenses.map((l) => [l.name, l.path])).toEqual([["CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"]]);
    for (const res of pkg.resources) expect(res.licenses[0]!.name, res.name).toBe("CC-BY-4.0");
    // Exactly the resources with a column of verbatim quotes carry the publisher's rights too.
    const quoting = pkg.resources.filter((r) => r.licenses.length > 1).map((r) => r.name);
    expect(quoting).toEqual(["facts", "facts_parquet", "claims_check", "claims_check_parquet"]);
    expect(names("facts")).toEqual(["CC-BY-4.0", "other-closed"]);
    const facts = pkg.resources.find((r) => r.name === "facts")!.licenses;
    expect(facts[0]!.title).toBe("Creative Commons Attribution 4.0 International: every column except quote");
    expect(facts[1]!.title.startsWith("quote: verbatim quotes of the source documents, © their publishers (Fierce Network)")).toBe(true);
    expect(pkg.resources.find((r) => r.name === "claims_check")!.licenses[1]!.title.startsWith("claim: verbatim quotes")).toBe(true);
  });

  it("names the article as a source, with the rights and the address it is known to have (none)", () => {
    expect(pkg.sources).toEqual([
      { title: "Fierce Network article fierce-dual-ai-stack (2025-H2; address of the original unknown; text © Fierce Network)" },
    ]);
    const [doc] = readCsv(path.join(OUTPUT, "tables", "documents.csv"));
    expect([doc!["url"], doc!["title"]]).toEqual(["", ""]);
    expect(doc!["licence"]!.startsWith("© Fierce Network (the publisher); all rights reserved.")).toBe(true);
  });
});
