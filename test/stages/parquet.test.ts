/**
 * The Parquet writer's worker (pipeline/stages/parquet.ts): its failures are reported, not lost; a
 * path DuckDB would take for a glob pattern still works; and stopping it at any moment, DuckDB's
 * start included, lets the process exit normally (DuckDB's Node bindings abort the process, exit
 * 134, when a thread ends under a running call). The round trip of values is in export.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { PipelineError } from "../../pipeline/errors.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { planOutputs, toCsv, writeCsv, writeOutputs, type OutputFile } from "../../pipeline/stages/export.ts";
import { copySql, ParquetFromCsv } from "../../pipeline/stages/parquet.ts";
import { realTables, ROOT, snapshot } from "../helpers.ts";

const dir = mkdtempSync(path.join(tmpdir(), "cma-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const def = TABLES.markets as TableDef;
const rows = [
  { market_id: "cloud_infrastructure_services", market_name: "Cloud infrastructure services", definition: 'IaaS, PaaS and "hosted" private cloud' },
  { market_id: "iaas", market_name: "'IaaS'", definition: "=not a formula" },
];

async function read(file: string) {
  const bytes = readFileSync(file);
  return (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer })) as Array<Record<string, unknown>>;
}

describe("the Parquet writer", () => {
  it("reads a CSV from a folder whose name DuckDB would take for a glob pattern", async () => {
    const odd = path.join(dir, "out[1]*?{a,b}");
    mkdirSync(odd, { recursive: true });
    writeFileSync(path.join(odd, "markets.csv"), toCsv(def, rows));
    const writer = new ParquetFromCsv();
    try {
      writer.convert(def, path.join(odd, "markets.csv"), path.join(odd, "markets.parquet"), "tables/markets.parquet");
      writer.finish();
    } finally {
      writer.close();
    }
    expect(await read(path.join(odd, "markets.parquet"))).toEqual(rows);
  });

  it("reports every file it could not write, by name and rule, in one error", () => {
    writeFileSync(path.join(dir, "bad.csv"), 'market_id,market_name,definition\n"unclosed,x,y\n');
    writeFileSync(path.join(dir, "good.csv"), toCsv(def, rows));
    const writer = new ParquetFromCsv();
    let error: unknown;
    try {
      writer.convert(def, path.join(dir, "bad.csv"), path.join(dir, "bad.parquet"), "tables/bad.parquet");
      writer.convert(def, path.join(dir, "good.csv"), path.join(dir, "good.parquet"), "tables/good.parquet");
      writer.convert(def, path.join(dir, "missing.csv"), path.join(dir, "missing.parquet"), "tables/missing.parquet");
      writer.finish();
    } catch (e) {
      error = e;
    } finally {
      writer.close();
    }
    expect(error).toBeInstanceOf(PipelineError);
    const issues = (error as PipelineError).issues;
    expect(issues.map((i) => [i.file, i.rule])).toEqual([
      ["tables/bad.parquet", "parquet-write"],
      ["tables/missing.parquet", "parquet-write"],
    ]);
    expect(issues[1]!.message).toMatch(/^DuckDB could not write the Parquet copy of the CSV: .*missing\.csv/);
    expect(parquetMetadata(new Uint8Array(readFileSync(path.join(dir, "good.parquet"))).buffer).num_rows).toBe(2n);
  });

  it("writes the same bytes whether a file is converted alone or beside another (two at a time once finish is called)", () => {
    // Several row groups per file (PARQUET_ROW_GROUP is 50 000 rows), so that a difference in how
    // they are cut would show.
    const share = TABLES.market_share as TableDef;
    const tableOf = (k: number) =>
      Array.from({ length: 120_000 }, (_, i) => ({ source_id: `firm-${k}`, market: "iaas", period: `${2000 + (i % 25)}`, provider_id: `p${String(i).padStart(6, "0")}`, share: ((i * 7919) % 1000) / 10_000, share_of_named: i % 3 === 0 ? null : 1 / (1 + (i % 97)), rank: 1 + (i % 43), fact_id: `f-${k}-${i}` }));
    const names = [0, 1, 2, 3].map((k) => `lanes-${k}`);
    for (const [k, name] of names.entries()) writeFileSync(path.join(dir, `${name}.csv`), toCsv(share, tableOf(k)));
    const together = new ParquetFromCsv();
    try {
      for (const name of names) together.convert(share, path.join(dir, `${name}.csv`), path.join(dir, `${name}.together.parquet`), name);
      together.finish();
    } finally {
      together.close();
    }
    for (const name of names) {
      const alone = new ParquetFromCsv();
      try {
        alone.convert(share, path.join(dir, `${name}.csv`), path.join(dir, `${name}.alone.parquet`), name);
        alone.finish();
      } finally {
        alone.close();
      }
      const bytes = readFileSync(path.join(dir, `${name}.together.parquet`));
      expect(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer).row_groups.length).toBe(3);
      expect(bytes.equals(readFileSync(path.join(dir, `${name}.alone.parquet`)))).toBe(true);
    }
  });

  it("names every column with its type and strips the one leading ' of a text cell", () => {
    const sql = copySql(TABLES.market_share as TableDef, "/x/it's.csv", "/x/ms.parquet");
    expect(sql).toContain("read_csv('/x/it''s.csv', header = true, auto_detect = false");
    expect(sql).toContain("columns = {'source_id': 'VARCHAR', 'market': 'VARCHAR', 'period': 'VARCHAR', 'provider_id': 'VARCHAR', 'share': 'DOUBLE', 'share_of_named': 'DOUBLE', 'rank': 'INTEGER', 'fact_id': 'VARCHAR'}");
    expect(sql).toContain(`CASE WHEN starts_with("source_id", '''') THEN substr("source_id", 2) ELSE "source_id" END AS "source_id"`);
    expect(sql).toContain(`"share", "share_of_named", "rank"`);
  });

  it("strips the leading ' only in the columns where the CSV writer added one", async () => {
    // market_name holds "'IaaS'" (written "''IaaS'") and definition "=not a formula" (written
    // "'=not a formula"); no cell of market_id was guarded.
    const guarded = writeCsv(def, rows, () => {});
    expect([...guarded]).toEqual(["market_name", "definition"]);
    const sql = copySql(def, "/x/m.csv", "/x/m.parquet", guarded);
    expect(sql).toContain(`SELECT "market_id", CASE WHEN starts_with("market_name", '''') THEN substr("market_name", 2) ELSE "market_name" END AS "market_name", CASE WHEN starts_with("definition", '''')`);
    // And through the writer: the Parquet file holds the raw texts.
    const out = path.join(dir, "guarded");
    writeOutputs(out, planOutputs({ markets: [...rows, { market_id: "x'y", market_name: "plain", definition: "-4 pts" }] }, { version: "0.0.0-test" }), silentContext, {});
    expect(await read(path.join(out, "tables/markets.parquet"))).toEqual([...rows, { market_id: "x'y", market_name: "plain", definition: "-4 pts" }]);
  });

  it("a write that fails with conversions in flight leaves no temporary folder and the previous output as it was", () => {
    const parent = mkdtempSync(path.join(dir, "fail-"));
    const out = path.join(parent, "output");
    mkdirSync(out);
    writeFileSync(path.join(out, "manifest.json"), '{ "files": [] }\n');
    writeFileSync(path.join(out, "my-notes.md"), "mine\n");
    const before = snapshot(out);
    const plan = planOutputs(realTables(), { version: "0.0.0-test" });
    // Fail right after the fourth table's CSV file, its Parquet file and three others queued.
    const at = plan.findIndex((f) => f.rel.endsWith(".parquet")) + 7;
    const boom: OutputFile = {
      rel: "tables/boom.csv",
      write: () => {
        throw new Error("disk full");
      },
    };
    const files = [...plan.slice(0, at), boom, ...plan.slice(at)];
    expect(() => writeOutputs(out, files, silentContext, {})).toThrow("disk full");
    expect(readdirSync(parent)).toEqual(["output"]);
    expect(snapshot(out)).toEqual(before);
  });

  it.each([0, 25, 50, 75, 100, 150, 250])("stopped %d ms after it started (DuckDB still loading or idle), the process exits normally", (ms) => {
    const script = `import { ParquetFromCsv } from ${JSON.stringify(path.join(ROOT, "pipeline", "stages", "parquet.ts"))};
const writer = new ParquetFromCsv();
const t0 = Date.now();
while (Date.now() - t0 < ${ms}) {}
writer.close();
process.exitCode = 3;`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 3, stderr: "" });
  });
});
