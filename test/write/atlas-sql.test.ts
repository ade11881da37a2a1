/**
 * output/atlas.sql (pipeline/write/atlas-sql.ts) run by DuckDB as `duckdb -init` would: every
 * statement in one connection, from the output folder and from the repository's root (DuckDB
 * resolves relative paths against the process's working folder: each case runs in a fresh DuckDB
 * with that folder made the working one for the duration).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { columnsOf } from "../../pipeline/schema/columns.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { atlasSql } from "../../pipeline/write/atlas-sql.ts";
import { OUTPUT, readCsv, ROOT } from "../helpers.ts";

const defs = Object.values(TABLES) as TableDef[];

interface Catalog {
  views: Array<{ view_name: string; comment: string | null }>;
  columns: Array<{ table_name: string; column_name: string; data_type: string; comment: string | null }>;
  counts: Record<string, number>;
}

/**
 * Runs the script's statements in a fresh DuckDB with `cwd` as the working folder (DuckDB resolves
 * the script's relative paths against it, as `duckdb -init` run there would), and lists what it registered.
 */
async function runAtlas(cwd: string): Promise<Catalog> {
  const before = process.cwd();
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    process.chdir(cwd);
    await c.run(readFileSync(path.join(OUTPUT, "atlas.sql"), "utf8"));
    const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS();
    const views = (await rows("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal ORDER BY view_name")) as Catalog["views"];
    const columns = (await rows(
      "SELECT table_name, column_name, data_type, comment FROM duckdb_columns() WHERE NOT internal ORDER BY table_name, column_index",
    )) as Catalog["columns"];
    const counts: Record<string, number> = {};
    for (const v of views) counts[v.view_name] = Number((await rows(`SELECT count(*)::INTEGER AS n FROM "${v.view_name}"`))[0]?.["n"]);
    return { views, columns, counts };
  } finally {
    process.chdir(before);
    c.closeSync();
    db.closeSync();
  }
}

describe("output/atlas.sql", () => {
  it.each([
    ["the output folder", OUTPUT],
    ["the repository's root", ROOT],
  ])(
    "from %s: a view per table, every view and column with its comment, every row",
    async (_, cwd) => {
      const { views, columns, counts } = await runAtlas(cwd);
      expect(views.map((v) => v.view_name)).toEqual(defs.map((d) => d.name).sort());
      expect(views.find((v) => v.view_name === "market_share")?.comment).toBe(
        "Market share: Provider market shares per research firm, market and period. Primary key: source_id, market, period, provider_id.",
      );
      for (const def of defs) {
        const cols = columns.filter((c) => c.table_name === def.name);
        expect(cols.map((c) => c.column_name)).toEqual(columnsOf(def).map((c) => c.name));
        expect(cols.filter((c) => !c.comment).map((c) => c.column_name)).toEqual([]);
        expect(counts[def.name], def.name).toBe(readCsv(path.join(OUTPUT, "tables", `${def.name}.csv`)).length);
      }
      const col = (t: string, c: string) => columns.find((x) => x.table_name === t && x.column_name === c);
      expect(col("market_share", "share")).toEqual({
        table_name: "market_share",
        column_name: "share",
        data_type: "DOUBLE",
        comment: "Share of the market (unit: fraction)",
      });
      expect(col("market_share", "period_end")).toMatchObject({ data_type: "DATE", comment: "Last day of the period" });
      expect(col("providers", "bloc")?.comment).toBe(
        "Which stack the provider belongs to in the article's framing (one of: us_led, china_led)",
      );
    },
    60_000,
  );

  it("is what the registry generates", () => {
    expect(atlasSql(defs, { version: JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version })).toBe(
      readFileSync(path.join(OUTPUT, "atlas.sql"), "utf8"),
    );
  });
});
