/**
 * The write edge (pipeline/write/outputs.ts): the bundled data's tables are written byte for byte as
 * committed; the hooks are called at their points; a write that fails part-way leaves the previous
 * output as it was and no temporary folder. (Killed runs and the output folder's rules, through the
 * CLI: test/failure.test.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { projectPackage } from "../../pipeline/package.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import type { TableDef } from "../../pipeline/schema/tables.ts";
import { TABLES } from "../../pipeline/schema/tables.ts";
import { toCsv } from "../../pipeline/write/csv.ts";
import { writeOutputs } from "../../pipeline/write/outputs.ts";
import { MANIFEST, planOutputs, type OutputFile } from "../../pipeline/write/plan.ts";
import { OUTPUT, realTables, snapshot } from "../helpers.ts";
import { writtenFiles } from "../support/outputs.ts";

const dir = mkdtempSync(path.join(tmpdir(), "cma-outputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeOutputs", () => {
  it("writes the committed tables, data package, atlas.sql and workbook byte for byte", async () => {
    const files = await writtenFiles(realTables(), { version: projectPackage().version, workbook: true });
    expect([...files.keys()]).toEqual(expect.arrayContaining(["atlas.sql", "cloud-market-atlas.xlsx"]));
    const rels = [...files.keys()].filter((rel) => rel !== MANIFEST);
    expect(rels.filter((rel) => rel.endsWith(".parquet"))).toHaveLength(28);
    expect(rels.filter((rel) => !files.get(rel)!.equals(readFileSync(path.join(OUTPUT, rel))))).toEqual([]);
  }, 60_000);

  it("writes a new output folder whose parent folders do not exist yet", async () => {
    const out = path.join(dir, "new-parent", "nested", "output");
    const plan = planOutputs({ markets: [{ market_id: "iaas", market_name: "IaaS", definition: "x" }] }, { version: "0.0.0-test" });
    await writeOutputs(out, plan, silentContext);
    expect(readFileSync(path.join(out, "tables", "markets.csv"), "utf8")).toBe("market_id,market_name,definition\niaas,IaaS,x\n");
    expect(readdirSync(path.dirname(out))).toEqual(["output"]);
  });

  it("writes a record longer than its write buffer between short ones, in the CSV file and its Parquet copy", async () => {
    // 1.5 million UTF-16 units, 3.5 MB of UTF-8 (2- and 4-byte characters): more than the
    // write's buffer takes at once, and more than DuckDB reads in a line by default.
    const long = `${"é".repeat(500_000)}${"🌩".repeat(500_000)}`;
    const rows = Array.from({ length: 3_000 }, (_, i) => ({
      market_id: `m${String(i).padStart(4, "0")}`,
      market_name: i % 2 === 0 ? "Infrastructure" : "Platform, hosted",
      definition: i === 1_500 ? long : `definition ${i}`,
    }));
    const files = await writtenFiles({ markets: rows }, { version: "0.0.0-test" });
    expect(files.get("tables/markets.csv")!.equals(Buffer.from(toCsv(TABLES.markets as TableDef, rows).text, "utf8"))).toBe(true);
    const parquet = files.get("tables/markets.parquet")!;
    const back = (await parquetReadObjects({
      file: parquet.buffer.slice(parquet.byteOffset, parquet.byteOffset + parquet.byteLength) as ArrayBuffer,
    })) as Array<Record<string, unknown>>;
    expect(back.map((r) => r["definition"])).toEqual(rows.map((r) => r.definition));
  }, 60_000);

  it("calls onFileWritten after each file, with the file complete in the temporary folder, and beforeSwap once all are", async () => {
    const out = path.join(mkdtempSync(path.join(dir, "hooks-")), "output");
    const plan = planOutputs({ markets: [{ market_id: "iaas", market_name: "IaaS", definition: "x" }] }, { version: "0.0.0-test" });
    const calls: string[] = [];
    await writeOutputs(out, plan, silentContext, {
      onFileWritten: ({ rel, index, count, tmpDir }) => {
        expect(tmpDir).toMatch(new RegExp(`^${out}\\.tmp-${process.pid}-[0-9a-f]{12}$`));
        // beside it, the run's journal names the run and its folders
        const journal = tmpDir.replace(/\.tmp-/, ".run-");
        expect(JSON.parse(readFileSync(journal, "utf8"))).toEqual({
          tool: "cloud-market-atlas",
          run: journal.split(".run-")[1],
          pid: process.pid,
          tmp: path.basename(tmpDir),
          old: path.basename(tmpDir).replace(".tmp-", ".old-"),
        });
        calls.push(
          `${index}/${count} ${rel}${rel.endsWith(".csv") ? ` ${readFileSync(path.join(tmpDir, rel), "utf8").split("\n")[1]}` : ""}`,
        );
      },
      beforeSwap: async (tmpDir) => {
        await Promise.resolve();
        calls.push(`swap ${readdirSync(tmpDir).sort().join(" ")} ${readdirSync(path.join(tmpDir, "tables")).sort().join(" ")}`);
      },
    });
    expect(calls).toEqual([
      "1/5 tables/markets.csv iaas,IaaS,x",
      "2/5 tables/markets.parquet",
      "3/5 datapackage.json",
      "4/5 atlas.sql",
      "5/5 manifest.json",
      "swap atlas.sql datapackage.json manifest.json tables markets.csv markets.parquet",
    ]);
    expect(readdirSync(path.dirname(out))).toEqual(["output"]);
  });

  it("failing part-way, with conversions queued, leaves no temporary folder and the previous output as it was", async () => {
    const parent = mkdtempSync(path.join(dir, "fail-"));
    const out = path.join(parent, "output");
    mkdirSync(out);
    writeFileSync(path.join(out, MANIFEST), '{ "files": [] }\n');
    writeFileSync(path.join(out, "my-notes.md"), "mine\n");
    const before = snapshot(out);
    const plan = planOutputs(realTables(), { version: "0.0.0-test" });
    // A file after the fourth table's: four CSV files written and their Parquet copies queued.
    const boom: OutputFile = { rel: "tables/boom.csv", kind: "bytes", bytes: "x" };
    const files = [...plan.slice(0, 8), boom, ...plan.slice(8)];
    const failing = writeOutputs(out, files, silentContext, {
      onFileWritten: ({ rel }) => {
        if (rel === boom.rel) throw new Error("disk full");
      },
    });
    await expect(failing).rejects.toThrow("disk full");
    expect(readdirSync(parent)).toEqual(["output"]);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(path.join(out, "tables"))).toBe(false);
  });
});
