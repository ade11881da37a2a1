import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnsOf } from "../../pipeline/datapackage.ts";
import { parquetMetadata } from "hyparquet";
import { packageVersion } from "../../pipeline/run.ts";
import { toCsvReference } from "../support/csv-reference.ts";
import { neutralize, planOutputs, serialize, sortRows, toCsv, toParquet, writeOutputs } from "../../pipeline/stages/export.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { OUTPUT, ROOT, readCsv, realInputs, realTables } from "../helpers.ts";
import { computeTables } from "../../pipeline/run.ts";
import { silentContext } from "../../pipeline/stages/context.ts";

const pkg = JSON.parse(readFileSync(path.join(OUTPUT, "datapackage.json"), "utf8")) as {
  resources: Array<{ name: string; path: string; format: string; schema: { fields: Array<{ name: string; type: string; unit?: string; description: string }>; primaryKey: string[]; foreignKeys: unknown[] } }>;
};
const tableDefs = Object.values(TABLES) as TableDef[];
const exported = readdirSync(path.join(OUTPUT, "tables")).filter((f) => f.endsWith(".csv")).map((f) => f.replace(/\.csv$/, "")).sort();

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck?.closeSync());

function typed(type: string, raw: string): unknown {
  if (raw === "") return null;
  if (type === "number" || type === "integer") return Number(raw);
  if (type === "boolean") return raw === "true";
  return raw;
}

describe("export: CSV, Parquet and the data package", () => {
  it("exports every table it defines", () => {
    expect(exported).toEqual(tableDefs.map((d) => d.name).sort());
  });

  it.each(exported)("%s: the Parquet file, read by DuckDB, holds the same rows as the CSV", async (name) => {
    const def = tableDefs.find((d) => d.name === name)!;
    const cols = columnsOf(def);
    const csv = readCsv(path.join(OUTPUT, "tables", `${name}.csv`));
    const reader = await duck.runAndReadAll(`SELECT * FROM read_parquet('${path.join(OUTPUT, "tables", `${name}.parquet`)}')`);
    const parquet = reader.getRowObjectsJS();
    expect(reader.columnNames()).toEqual(cols.map((c) => c.name));
    expect(parquet).toHaveLength(csv.length);
    parquet.forEach((row, i) => {
      for (const c of cols) {
        const p = row[c.name];
        const fromParquet = typeof p === "bigint" ? Number(p) : p;
        const fromCsv = typed(c.type, csv[i]![c.name]!);
        expect(c.type === "string" && typeof fromParquet === "string" ? neutralize(fromParquet) : fromParquet, `${name}[${i}].${c.name}`).toEqual(fromCsv);
      }
    });
  });

  it("types the Parquet columns as DuckDB users expect", async () => {
    const r = await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path.join(OUTPUT, "tables", "market_share.parquet")}')`);
    const types = Object.fromEntries(r.getRowObjectsJS().map((x) => [x["column_name"], x["column_type"]]));
    expect(types).toEqual({ source_id: "VARCHAR", market: "VARCHAR", period: "VARCHAR", provider_id: "VARCHAR", share: "DOUBLE", share_of_named: "DOUBLE", rank: "INTEGER", fact_id: "VARCHAR" });
    const aws = await duck.runAndReadAll(`SELECT share FROM read_parquet('${path.join(OUTPUT, "tables", "market_share.parquet")}') WHERE source_id = 'gartner' AND provider_id = 'aws'`);
    expect(aws.getRowObjectsJS()).toEqual([{ share: 0.377 }]);
  });

  it("describes each table with a Table Schema generated from its zod schema", () => {
    for (const def of tableDefs) {
      const res = pkg.resources.find((r) => r.name === def.name)!;
      expect(res.path).toBe(`tables/${def.name}.csv`);
      expect(res.schema.fields.map((f) => f.name)).toEqual(Object.keys(def.schema.shape));
      expect(res.schema.primaryKey).toEqual(def.primaryKey);
      expect(res.schema.fields.every((f) => f.description.length > 0)).toBe(true);
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
        for (const r of rows) {
          const v = fk.fields.map((f) => r[f]).join("\u0000");
          if (fk.fields.some((f) => r[f] === "")) continue;
          expect(known.has(v), `${res.name} → ${fk.reference.resource}: ${v}`).toBe(true);
        }
      }
    }
  });
});

describe("export: the streamed writers", () => {
  it("serialize, in memory, gives the committed tables and data package byte for byte", () => {
    const files = serialize(realTables(), { version: packageVersion(ROOT) });
    const tableFiles = [...files.keys()].filter((f) => f.startsWith("tables/"));
    expect(tableFiles).toHaveLength(2 * exported.length);
    for (const rel of [...tableFiles, "datapackage.json"]) {
      const bytes = files.get(rel)!;
      expect(Buffer.from(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes).equals(readFileSync(path.join(OUTPUT, rel))), rel).toBe(true);
    }
  });

  it("lets go of each table once its CSV file is written, while the rest of the plan is still being written", async () => {
    // At 10⁶ facts the tables are most of the heap. A plan whose closures shared one context with
    // the tables object kept every table alive to the end of the export (it did, until issue 7's
    // sixth round): the first two tables written must be collectable before the last file is.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // The tables object lives only in this function and in what the plan keeps of it, as in
    // runPipeline once the plan is made.
    const planned = () => {
      const tables = computeTables(realInputs(), silentContext) as unknown as Record<string, object>;
      const plan = planOutputs(tables as never, { version: "0.0.0" });
      const written = [plan[0]!, plan[2]!].map((f) => f.rel.replace(/^tables\/(.*)\.csv$/, "$1"));
      return { plan, written, refs: written.map((name) => new WeakRef(tables[name]!)) };
    };
    const { plan, written, refs } = planned();
    expect(written).toEqual(["facts", "regions"]); // facts first, then the biggest first (presentTables)
    // A WeakRef keeps its target alive until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    const held: boolean[] = [];
    const dir = mkdtempSync(path.join(tmpdir(), "cma-release-test-"));
    try {
      writeOutputs(path.join(dir, "output"), plan, { log: () => {} }, {
        afterFile: (i, n) => {
          if (i !== n - 1) return;
          gc();
          held.push(...refs.map((r) => r.deref() !== undefined));
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(held).toEqual([false, false]);
  });

  it("writes CSV with csv-stringify's exact bytes (RFC 4180 quoting, white space at either end quoted)", () => {
    const def = TABLES.share_comparison as TableDef;
    const cols = columnsOf(def);
    // "cr\rx": a CR inside a cell is quoted too (the reference passes \r in quoted_match).
    const texts = ["plain", "", " lead", "trail ", "\u00a0nbsp", "nbsp\u00a0", "\ufeffbom", "\u3000ideo", "in side", 'say "hi"', "a,b", "cr\rx", "lf\nx", "crlf\r\nx", "end\r", "\ttab", "=1+1", "+1", "-4 pts", "@SUM", "\0nul", "'quoted", "🌩 cloud", "x\u2028", "\u0085nel"];
    // About 4 MB of CSV: several of the writer's 1 MiB chunks.
    const rows = Array.from({ length: 25_000 }, (_, i) =>
      Object.fromEntries(cols.map((c, j) => [c.name, c.nullable && (i + j) % 7 === 0 ? null : c.type === "string" ? texts[(i + j) % texts.length] : c.type === "boolean" ? i % 2 === 0 : c.type === "integer" ? -i : (i - 500) / 7])),
    );
    const ours = toCsv(def, rows).split("\n");
    const reference = toCsvReference(def, rows).split("\n");
    expect(ours.length).toBe(reference.length);
    const differs = ours.findIndex((line, i) => line !== reference[i]);
    expect(differs, `line ${differs}: ${JSON.stringify(ours[differs])} ≠ ${JSON.stringify(reference[differs])}`).toBe(-1);
  });

  it("sorts rows by the primary key, key by key: missing first, numbers by value, text by code unit", () => {
    const def = TABLES.share_comparison as TableDef;
    const row = (provider_id: string, source_a: string, period_a: string | null, source_b: string, period_b: string) => ({ provider_id, source_a, period_a, source_b, period_b });
    const rows = [row("gcp", "synergy", "2025-Q2", "gartner", "2024"), row("aws", "synergy", "2025-Q2", "gartner", "2024"), row("aws", "gartner", "2024", "synergy", "2025-Q2"), row("aws", "gartner", null, "synergy", "2025-Q2"), row("Zeta", "a", "2024", "b", "2024"), row("aws", "synergy", "2025-Q1", "synergy", "2025-Q2")];
    const order = sortRows(def, rows).map((r) => `${r.provider_id}/${r.source_a}/${r.period_a}/${r.source_b}`);
    expect(order).toEqual(["Zeta/a/2024/b", "aws/gartner/null/synergy", "aws/gartner/2024/synergy", "aws/synergy/2025-Q1/synergy", "aws/synergy/2025-Q2/gartner", "gcp/synergy/2025-Q2/gartner"]);
    const ranks = TABLES.claims_check as TableDef; // (fact_id, definition)
    expect(sortRows(ranks, [{ fact_id: "b", definition: "all" }, { fact_id: "a", definition: "public" }, { fact_id: "a", definition: "all" }])).toEqual([{ fact_id: "a", definition: "all" }, { fact_id: "a", definition: "public" }, { fact_id: "b", definition: "all" }]);
  });

  it("writes Parquet through DuckDB that holds exactly the rows: raw text, empty text, nulls, numbers, several row groups", async () => {
    // 120 001 rows: three row groups (the last one short). Text with quotes, commas, line
    // breaks, NUL, a leading ' or formula character (neutralized in the CSV, raw in the Parquet),
    // the empty text (not a null), emoji; numbers with long fractions, tiny and huge; nulls where allowed.
    const def = TABLES.share_comparison as TableDef;
    const cols = columnsOf(def);
    const texts = ["plain", "", " lead", "trail ", 'say "hi"', "a,b", "cr\rx", "lf\nx", "crlf\r\nx", "\ttab", "=1+1", "+1", "-4 pts", "@SUM", "\0nul", "'quoted", "''twice", "'=1", "🌩 cloud", "x\u2028", "\ufeffbom"];
    const numbers = [0, 0.1, 1 / 3, -71.42857142857143, 1e-300, 1.7976931348623157e308, 5e-324, -2.5, 123456789.125];
    const value = (type: string, i: number, j: number): unknown =>
      type === "string" ? (i % 4 === 0 ? `id-${i}-${j}` : texts[(i + j) % texts.length]) : type === "boolean" ? i % 2 === 0 : type === "integer" ? ((i * (j + 1)) % 4001) - 2000 : numbers[(i + j) % numbers.length];
    const rows = Array.from({ length: 120_001 }, (_, i) => Object.fromEntries(cols.map((c, j) => [c.name, c.nullable && (i + j) % 5 === 0 ? null : value(c.type, i, j)])));
    const bytes = toParquet(def, rows);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // DuckDB closes a row group at the first chunk of the CSV reader past 50 000 rows.
    const groups = parquetMetadata(file).row_groups.map((g) => Number(g.num_rows));
    expect(groups).toHaveLength(3);
    expect(groups.reduce((a, b) => a + b)).toBe(120_001);
    for (const g of groups.slice(0, -1)) expect(g).toBeGreaterThanOrEqual(50_000);
    // Read back by DuckDB, text as its UTF-8 bytes: both JavaScript readers (hyparquet, DuckDB's
    // Node API) decode text with a TextDecoder that drops a leading U+FEFF; the file keeps it.
    const dir = mkdtempSync(path.join(tmpdir(), "cma-parquet-test-"));
    writeFileSync(path.join(dir, "t.parquet"), bytes);
    const select = cols.map((c) => (c.type === "string" ? `encode("${c.name}") AS "${c.name}"` : `"${c.name}"`)).join(", ");
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    const back = (await duck.runAndReadAll(`SELECT ${select} FROM read_parquet('${path.join(dir, "t.parquet")}')`)).getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? utf8.decode(v) : v])));
    rmSync(dir, { recursive: true, force: true });
    const sorted = sortRows(def, rows);
    expect(back).toHaveLength(sorted.length);
    const firstDiff = back.findIndex((r, i) => cols.some((c) => !Object.is(r[c.name], sorted[i]![c.name])));
    expect(firstDiff, firstDiff < 0 ? "" : `row ${firstDiff}: ${JSON.stringify(back[firstDiff])} ≠ ${JSON.stringify(sorted[firstDiff])}`).toBe(-1);
  }, 60_000);
});
