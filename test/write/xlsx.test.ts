/**
 * The Excel workbook (pipeline/write/xlsx.ts), read back with the library that wrote it (exceljs):
 * every cell of every sheet against the committed CSV file, typed as the schema says.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { columnsOf } from "../../pipeline/schema/columns.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { neutralize } from "../../pipeline/write/csv.ts";
import { DATE, DECIMAL, encodeWorkbook, PERCENT, restampZip, WHOLE } from "../../pipeline/write/xlsx.ts";
import { OUTPUT, readCsv } from "../helpers.ts";

const FILE = path.join(OUTPUT, "cloud-market-atlas.xlsx");
const defs = Object.values(TABLES) as TableDef[];
const wb = new ExcelJS.Workbook();

beforeAll(async () => {
  await wb.xlsx.load(readFileSync(FILE) as unknown as ArrayBuffer);
});

const sheet = (name: string) => {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};

/** The cell at a table's row (0-based, under the header) and column. */
function cellOf(name: string, row: number, column: string): ExcelJS.Cell {
  const ws = sheet(name);
  const col = (ws.getRow(1).values as unknown[]).indexOf(column);
  if (col < 1) throw new Error(`${name} has no column ${column}`);
  return ws.getRow(row + 2).getCell(col);
}

describe("the committed workbook", () => {
  it("has the data dictionary first, then one sheet per table in the registry's order", () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["dictionary", ...defs.map((d) => d.name)]);
    expect(wb.creator).toMatch(/^cloud-market-atlas \d+\.\d+\.\d+/);
    expect(wb.created.toISOString()).toBe("2025-12-31T00:00:00.000Z");
    expect(wb.modified.toISOString()).toBe("2025-12-31T00:00:00.000Z");
  });

  it("describes every column of every table in the dictionary, from the registry", () => {
    const ws = sheet("dictionary");
    expect(ws.getRow(1).values).toEqual([undefined, "table", "column", "type", "unit", "required", "description"]);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(defs.reduce((n, d) => n + columnsOf(d).length, 0));
    const share = rows.find((r) => r[1] === "market_share" && r[2] === "share");
    expect(share).toEqual([undefined, "market_share", "share", "number", "fraction", true, "Share of the market"]);
    const start = rows.find((r) => r[1] === "facts" && r[2] === "period_start");
    expect(start?.slice(1, 6)).toEqual(["facts", "period_start", "date", undefined, false]);
  });

  it.each(defs.map((d) => d.name))("%s: every cell holds the CSV file's value, typed as the schema says", (name) => {
    const def = TABLES[name as keyof typeof TABLES] as TableDef;
    const cols = columnsOf(def);
    const csv = readCsv(path.join(OUTPUT, "tables", `${name}.csv`));
    const ws = sheet(name);
    expect(ws.getRow(1).values).toEqual([undefined, ...cols.map((c) => c.name)]);
    expect(ws.actualRowCount).toBe(csv.length + 1);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    csv.forEach((record, i) => {
      const row = ws.getRow(i + 2);
      cols.forEach((c, j) => {
        const cell = row.getCell(j + 1);
        const text = record[c.name]!;
        const where = `${name} row ${i + 2} ${c.name}`;
        if (text === "") {
          // A null: an empty cell (an empty text would be "" in the CSV file, and none is).
          expect(cell.type, where).toBe(ExcelJS.ValueType.Null);
        } else if (c.type === "number" || c.type === "integer") {
          expect([cell.type, cell.value], where).toEqual([ExcelJS.ValueType.Number, Number(text)]);
        } else if (c.type === "boolean") {
          expect([cell.type, cell.value], where).toEqual([ExcelJS.ValueType.Boolean, text === "true"]);
        } else if (c.type === "date") {
          expect([cell.type, cell.numFmt, (cell.value as Date).toISOString()], where).toEqual([
            ExcelJS.ValueType.Date,
            DATE,
            `${text}T00:00:00.000Z`,
          ]);
        } else {
          // Text as text, without the CSV's formula guard (the CSV cell is the guarded raw text).
          expect(cell.type, where).toBe(ExcelJS.ValueType.String);
          expect(neutralize(cell.value as string), where).toBe(text);
        }
      });
    });
  });

  it("shows shares as percentages, big numbers in full, periods and ids as text", () => {
    // market_share, in primary-key order: gartner · iaas · 2024 · alibaba first, then aws.
    expect(cellOf("market_share", 1, "share")).toMatchObject({ value: 0.377, numFmt: PERCENT, text: "0.377" });
    expect(cellOf("market_share", 1, "period")).toMatchObject({ type: ExcelJS.ValueType.String, value: "2024" });
    expect(cellOf("market_share", 1, "period_end").value).toEqual(new Date("2024-12-31T00:00:00Z"));
    expect(cellOf("concentration", 1, "hhi_named")).toMatchObject({ value: 1489, numFmt: WHOLE });
    expect(cellOf("concentration", 0, "hhi_named")).toMatchObject({ value: 2142.15, numFmt: DECIMAL });
    // facts: value's unit is the row's own; Alibaba's CNY 380 billion is a whole number, not 3.8E+11.
    const facts = readCsv(path.join(OUTPUT, "tables", "facts.csv"));
    const cny = facts.findIndex((f) => f.fact_id === "alibaba-investment-cny");
    expect(cellOf("facts", cny, "value")).toMatchObject({ value: 380_000_000_000, numFmt: WHOLE });
    expect(cellOf("facts", cny, "period")).toMatchObject({ type: ExcelJS.ValueType.String, value: "2025-02" });
    const awsShare = facts.findIndex((f) => f.fact_id === "synergy-share-aws");
    expect(cellOf("facts", awsShare, "value")).toMatchObject({ value: 0.3, numFmt: PERCENT });
  });
});

describe("encodeWorkbook", () => {
  const tiny = [{ def: TABLES.markets as TableDef, rows: [{ market_id: "iaas", market_name: "=IaaS", definition: "x" }] }];
  const opts = { date: "2025-06-30", creator: "test 0.0.0", title: "t", licence: "l" };

  it("gives the same bytes run after run, every zip entry dated the given day", async () => {
    // The second run's clock 2.1 s later (a zip entry's time has a 2-second step): only Date is faked.
    vi.useFakeTimers({ toFake: ["Date"] });
    let a: Uint8Array;
    let b: Uint8Array;
    try {
      vi.setSystemTime(new Date("2026-03-04T05:06:07.000Z"));
      a = await encodeWorkbook(tiny, opts);
      vi.setSystemTime(new Date("2026-03-04T05:06:09.100Z"));
      b = await encodeWorkbook(tiny, opts);
    } finally {
      vi.useRealTimers();
    }
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const zip = await JSZip.loadAsync(a);
    const entries = Object.values(zip.files);
    expect(entries.map((e) => e.name)).toContain("xl/worksheets/sheet2.xml");
    expect(new Set(entries.map((e) => e.date.toISOString()))).toEqual(new Set(["2025-06-30T00:00:00.000Z"]));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(a as unknown as ArrayBuffer);
    // A text that looks like a formula stays text: a typed cell is never run.
    expect(back.getWorksheet("markets")?.getCell("B2").value).toBe("=IaaS");
  });

  it("restamps any zip without changing its entries", async () => {
    const zip = new JSZip();
    zip.file("a.txt", "one");
    zip.file("dir/b.txt", "two");
    const out = await JSZip.loadAsync(await restampZip(await zip.generateAsync({ type: "uint8array" }), new Date("2001-02-03T00:00:00Z")));
    expect(Object.keys(out.files)).toEqual(["a.txt", "dir/b.txt"]);
    expect(await out.file("dir/b.txt")?.async("string")).toBe("two");
    expect(out.file("a.txt")?.date.toISOString()).toBe("2001-02-03T00:00:00.000Z");
  });
});
