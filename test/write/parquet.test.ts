/**
 * The Parquet files (pipeline/write/parquet.ts): DuckDB's copies of the CSV files hold exactly the
 * rows (raw text, empty text, nulls, numbers, several row groups); the committed ones match their
 * CSV files; failures are reported by file; a path DuckDB would take for a glob pattern still works.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../pipeline/errors.ts";
import { columnsOf } from "../../pipeline/schema/columns.ts";
import { sortRows } from "../../pipeline/schema/order.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { neutralize, toCsv } from "../../pipeline/write/csv.ts";
import { copySql, ParquetFromCsv } from "../../pipeline/write/parquet.ts";
import { OUTPUT, readCsv, ROOT } from "../helpers.ts";
import { parquetOf } from "../support/outputs.ts";

const dir = mkdtempSync(path.join(tmpdir(), "cma-parquet-"));
let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  duck?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const arrayBuffer = (bytes: Buffer) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const read = async (file: string) =>
  (await parquetReadObjects({ file: arrayBuffer(readFileSync(file)) })) as Array<Record<string, unknown>>;

const markets = TABLES.markets as TableDef;
const rows = [
  {
    market_id: "cloud_infrastructure_services",
    market_name: "Cloud infrastructure services",
    definition: 'IaaS, PaaS and "hosted" private cloud',
  },
  { market_id: "iaas", market_name: "'IaaS'", definition: "=not a formula" },
];

function typed(type: string, raw: string): unknown {
  if (raw === "") return null;
  if (type === "number" || type === "integer") return Number(raw);
  if (type === "boolean") return raw === "true";
  return raw;
}

describe("the committed Parquet files", () => {
  it.each((Object.values(TABLES) as TableDef[]).map((d) => d.name))(
    "%s: read by DuckDB, holds the same rows as the CSV file",
    async (name) => {
      const cols = columnsOf(TABLES[name as keyof typeof TABLES] as TableDef);
      const csv = readCsv(path.join(OUTPUT, "tables", `${name}.csv`));
      const reader = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path.join(OUTPUT, "tables", `${name}.parquet`)}')`);
      expect(reader.columnNames()).toEqual(cols.map((c) => c.name));
      const fromParquet = reader.getRowObjectsJS().map((row) =>
        Object.fromEntries(
          cols.map((c) => {
            const raw = row[c.name];
            // A DATE reads back as a Date at midnight UTC; the CSV holds its ISO text.
            const v = typeof raw === "bigint" ? Number(raw) : raw instanceof Date ? raw.toISOString().slice(0, 10) : raw;
            return [c.name, c.type === "string" && typeof v === "string" ? neutralize(v) : v];
          }),
        ),
      );
      expect(fromParquet).toEqual(csv.map((r) => Object.fromEntries(cols.map((c) => [c.name, typed(c.type, r[c.name]!)]))));
    },
  );

  it("types the columns as DuckDB users expect", async () => {
    const file = path.join(OUTPUT, "tables", "market_share.parquet");
    const r = await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(Object.fromEntries(r.getRowObjectsJS().map((x) => [x["column_name"], x["column_type"]]))).toEqual({
      source_id: "VARCHAR",
      market: "VARCHAR",
      period: "VARCHAR",
      period_start: "DATE",
      period_end: "DATE",
      provider_id: "VARCHAR",
      share: "DOUBLE",
      share_of_named: "DOUBLE",
      rank: "INTEGER",
      fact_id: "VARCHAR",
    });
    expect(
      (
        await duck.runAndReadAll(`SELECT share FROM read_parquet('${file}') WHERE source_id = 'gartner' AND provider_id = 'aws'`)
      ).getRowObjectsJS(),
    ).toEqual([{ share: 0.377 }]);
  });
});

describe("copySql", () => {
  it("names every column with its type and strips the one leading ' of a text cell", () => {
    const sql = copySql(TABLES.market_share as TableDef, "/x/it's.csv", "/x/ms.parquet");
    expect(sql).toContain("read_csv('/x/it''s.csv', header = true, auto_detect = false");
    expect(sql).toContain(
      "columns = {'source_id': 'VARCHAR', 'market': 'VARCHAR', 'period': 'VARCHAR', 'period_start': 'DATE', 'period_end': 'DATE', 'provider_id': 'VARCHAR', 'share': 'DOUBLE', 'share_of_named': 'DOUBLE', 'rank': 'INTEGER', 'fact_id': 'VARCHAR'}",
    );
    expect(sql).toContain(`CASE WHEN starts_with("source_id", '''') THEN substr("source_id", 2) ELSE "source_id" END AS "source_id"`);
    expect(sql).toContain(`"share", "share_of_named", "rank"`);
    expect(sql).toMatch(/TO '\/x\/ms\.parquet' \(FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 50000\)$/);
  });

  it("strips it only in the columns where the CSV encoder added one", () => {
    const sql = copySql(markets, "/x/m.csv", "/x/m.parquet", new Set(["market_name"]));
    expect(sql).toContain(
      `SELECT "market_id", CASE WHEN starts_with("market_name", '''') THEN substr("market_name", 2) ELSE "market_name" END AS "market_name", "definition" FROM`,
    );
  });
});

describe("ParquetFromCsv", () => {
  it("reads a CSV from a folder whose name DuckDB would take for a glob pattern", async () => {
    const odd = path.join(dir, "out[1]*?{a,b}");
    mkdirSync(odd, { recursive: true });
    const { text, guarded } = toCsv(markets, rows);
    writeFileSync(path.join(odd, "markets.csv"), text);
    const writer = new ParquetFromCsv();
    try {
      writer.convert({
        def: markets,
        csvFile: path.join(odd, "markets.csv"),
        parquetFile: path.join(odd, "markets.parquet"),
        rel: "tables/markets.parquet",
        guarded,
      });
      await writer.finish();
    } finally {
      await writer.close();
    }
    expect(await read(path.join(odd, "markets.parquet"))).toEqual(rows);
  });

  it("reports every file it could not write, by name and rule, in one error, and writes the others", async () => {
    writeFileSync(path.join(dir, "bad.csv"), 'market_id,market_name,definition\n"unclosed,x,y\n');
    writeFileSync(path.join(dir, "good.csv"), toCsv(markets, rows).text);
    const writer = new ParquetFromCsv();
    const job = (name: string) => ({
      def: markets,
      csvFile: path.join(dir, `${name}.csv`),
      parquetFile: path.join(dir, `${name}.parquet`),
      rel: `tables/${name}.parquet`,
    });
    let error: unknown;
    try {
      for (const name of ["bad", "good", "missing"]) writer.convert(job(name));
      await writer.finish();
    } catch (e) {
      error = e;
    } finally {
      await writer.close();
    }
    expect(error).toBeInstanceOf(PipelineError);
    const issues = (error as PipelineError).issues;
    expect(issues.map((i) => [i.file, i.rule])).toEqual([
      ["tables/bad.parquet", "parquet-write"],
      ["tables/missing.parquet", "parquet-write"],
    ]);
    expect(issues[1]!.message).toMatch(/^DuckDB could not write the Parquet copy of the CSV: .*missing\.csv/);
    expect(await read(path.join(dir, "good.parquet"))).toEqual(rows);
  });

  it("closed at once, before DuckDB has started, lets the process exit normally", () => {
    const script = `import { ParquetFromCsv } from ${JSON.stringify(path.join(ROOT, "pipeline", "write", "parquet.ts"))};
await new ParquetFromCsv().close();
process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 3, stderr: "" });
  });
});

describe("the round trip through CSV", () => {
  it("holds exactly the rows: raw text, empty text, nulls, numbers, several row groups", async () => {
    // 5 001 rows in row groups of 2 048 (the writer's option; the published files use 50 000):
    // three row groups, the last one short. Text with quotes, commas, line
    // breaks, NUL, a leading ' or formula character (guarded in the CSV, raw in the Parquet),
    // the empty text (not a null), emoji; numbers with long fractions, tiny and huge; nulls where allowed.
    const def = TABLES.share_comparison as TableDef;
    const cols = columnsOf(def);
    const texts = [
      "plain",
      "",
      " lead",
      "trail ",
      'say "hi"',
      "a,b",
      "cr\rx",
      "lf\nx",
      "crlf\r\nx",
      "\ttab",
      "=1+1",
      "+1",
      "-4 pts",
      "@SUM",
      "\0nul",
      "'quoted",
      "''twice",
      "'=1",
      "🌩 cloud",
      "x\u2028",
      "\ufeffbom",
    ];
    const dates = ["2025-04-01", "2024-02-29", "1999-12-31", "0001-01-01", "9999-12-31"];
    const numbers = [0, 0.1, 1 / 3, -71.42857142857143, 1e-300, 1.7976931348623157e308, 5e-324, -2.5, 123456789.125];
    const value = (type: string, i: number, j: number): unknown =>
      type === "string"
        ? i % 4 === 0
          ? `id-${i}-${j}`
          : texts[(i + j) % texts.length]
        : type === "date"
          ? dates[(i + j) % dates.length]
          : type === "boolean"
            ? i % 2 === 0
            : type === "integer"
              ? ((i * (j + 1)) % 4001) - 2000
              : numbers[(i + j) % numbers.length];
    const table = Array.from({ length: 5_001 }, (_, i) =>
      Object.fromEntries(cols.map((c, j) => [c.name, c.nullable && (i + j) % 5 === 0 ? null : value(c.type, i, j)])),
    );
    const bytes = await parquetOf(def.name, table, { rowGroupSize: 2048 });
    // DuckDB closes a row group at the first chunk of the CSV reader (2 048 rows) that reaches the size.
    expect(parquetMetadata(arrayBuffer(bytes)).row_groups.map((g) => Number(g.num_rows))).toEqual([2048, 2048, 905]);
    // Read back by DuckDB, text as its UTF-8 bytes: both JavaScript readers (hyparquet, DuckDB's
    // Node API) decode text with a TextDecoder that drops a leading U+FEFF; the file keeps it.
    writeFileSync(path.join(dir, "t.parquet"), bytes);
    const select = cols
      .map((c) =>
        c.type === "string"
          ? `encode("${c.name}") AS "${c.name}"`
          : c.type === "date"
            ? `CAST("${c.name}" AS VARCHAR) AS "${c.name}"`
            : `"${c.name}"`,
      )
      .join(", ");
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    const back = (await duck.runAndReadAll(`SELECT ${select} FROM read_parquet('${path.join(dir, "t.parquet")}')`))
      .getRowObjectsJS()
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? utf8.decode(v) : v])));
    const sorted = sortRows(def, table);
    expect(back).toHaveLength(sorted.length);
    const firstDiff = back.findIndex((r, i) => cols.some((c) => !Object.is(r[c.name], sorted[i]![c.name])));
    expect(
      firstDiff,
      firstDiff < 0 ? "" : `row ${firstDiff}: ${JSON.stringify(back[firstDiff])} ≠ ${JSON.stringify(sorted[firstDiff])}`,
    ).toBe(-1);
  });
});
