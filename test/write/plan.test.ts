/**
 * The output plan (pipeline/write/plan.ts): which files a run writes and what each holds, in memory.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectPackage } from "../../pipeline/package.ts";
import { TABLES, type TableDef } from "../../pipeline/schema/tables.ts";
import { MANIFEST, planOutputs, WORKBOOK, workbookDate, type OutputFile } from "../../pipeline/write/plan.ts";
import { OUTPUT, realTables } from "../helpers.ts";

const committed = (rel: string) => readFileSync(path.join(OUTPUT, rel), "utf8");
const bytesOf = (plan: readonly OutputFile[], rel: string) => {
  const file = plan.find((f) => f.rel === rel);
  return file?.kind === "bytes" ? file.bytes : undefined;
};

describe("planOutputs", () => {
  const plan = planOutputs(realTables(), { version: projectPackage().version, extraFiles: new Map([["charts/x.svg", "<svg/>"]]) });

  it("lists per table its CSV file then its Parquet copy, the biggest tables first, then the data package, the extra files and the manifest", () => {
    const t = realTables() as unknown as Record<string, unknown[]>;
    const bySize = (Object.values(TABLES) as TableDef[]).sort((a, b) => (t[b.name]?.length ?? 0) - (t[a.name]?.length ?? 0));
    expect(bySize.slice(0, 3).map((d) => d.name)).toEqual(["series_lineage", "regions", "cited_facts"]);
    const tables = bySize.flatMap((d) => [`tables/${d.name}.csv`, `tables/${d.name}.parquet`]);
    expect(plan.map((f) => f.rel)).toEqual([...tables, "datapackage.json", "atlas.sql", "charts/x.svg", MANIFEST]);
    expect(plan.find((f) => f.rel === "tables/facts.parquet")).toMatchObject({ kind: "parquet", csv: "tables/facts.csv" });
  });

  it("gives the committed datapackage.json, and a manifest of every file it writes", () => {
    expect(bytesOf(plan, "datapackage.json")).toBe(committed("datapackage.json"));
    const manifest = JSON.parse(bytesOf(plan, MANIFEST) as string) as { files: string[] };
    expect(manifest.files).toEqual(plan.map((f) => f.rel).sort());
    expect(manifest.files).toContain(MANIFEST);
  });

  it("gives the committed atlas.sql", () => {
    expect(bytesOf(plan, "atlas.sql")).toBe(committed("atlas.sql"));
  });

  it("asked for the workbook, plans it after atlas.sql: every table in the registry's order, dated the newest document's period end", () => {
    const withBook = planOutputs(realTables(), { version: "1.2.3", workbook: true });
    expect(withBook.map((f) => f.rel).slice(-3)).toEqual(["atlas.sql", WORKBOOK, MANIFEST]);
    const book = withBook.find((f) => f.rel === WORKBOOK);
    if (book?.kind !== "xlsx") throw new Error("no workbook in the plan");
    expect(book.tables.map((t) => t.def.name)).toEqual(Object.keys(TABLES));
    // documents.date_approx is 2025-H2: the workbook is dated its last day.
    expect(book.options).toMatchObject({ date: "2025-12-31", creator: "cloud-market-atlas 1.2.3" });
    // The same sorted rows as the CSV file's.
    const csv = withBook.find((f) => f.rel === "tables/market_share.csv");
    expect(book.tables.find((t) => t.def.name === "market_share")?.rows).toBe(csv?.kind === "csv" ? csv.rows : undefined);
    expect(planOutputs(realTables(), { version: "1.2.3" }).map((f) => f.rel)).not.toContain(WORKBOOK);
  });

  it("dates the workbook by its newest document, or 1980-01-01 (a zip's first date) without one", () => {
    expect(workbookDate([{ date_approx: "2025-Q2" }, { date_approx: "2025-07" }, { date_approx: "2024" }])).toBe("2025-07-31");
    expect(workbookDate([])).toBe("1980-01-01");
  });

  it("only the tables it is given, in primary-key order: missing first, numbers by value, text by code unit", () => {
    const row = (provider_id: string, source_a: string, period_a: string | null, source_b: string, period_b: string) => ({
      provider_id,
      source_a,
      period_a,
      source_b,
      period_b,
    });
    const rows = [
      row("gcp", "synergy", "2025-Q2", "gartner", "2024"),
      row("aws", "synergy", "2025-Q2", "gartner", "2024"),
      row("aws", "gartner", "2024", "synergy", "2025-Q2"),
      row("aws", "gartner", null, "synergy", "2025-Q2"),
      row("Zeta", "a", "2024", "b", "2024"),
      row("aws", "synergy", "2025-Q1", "synergy", "2025-Q2"),
    ];
    const ranks = [
      { fact_id: "b", definition: "all" },
      { fact_id: "a", definition: "public" },
      { fact_id: "a", definition: "all" },
    ];
    const small = planOutputs({ share_comparison: rows, claims_check: ranks } as never, { version: "0.0.0-test" });
    expect(small.map((f) => f.rel)).toEqual([
      "tables/share_comparison.csv",
      "tables/share_comparison.parquet",
      "tables/claims_check.csv",
      "tables/claims_check.parquet",
      "datapackage.json",
      "atlas.sql",
      MANIFEST,
    ]);
    const csv = (rel: string) => {
      const file = small.find((f) => f.rel === rel);
      return file?.kind === "csv" ? file.rows : [];
    };
    expect(csv("tables/share_comparison.csv").map((r) => `${r["provider_id"]}/${r["source_a"]}/${r["period_a"]}/${r["source_b"]}`)).toEqual(
      [
        "Zeta/a/2024/b",
        "aws/gartner/null/synergy",
        "aws/gartner/2024/synergy",
        "aws/synergy/2025-Q1/synergy",
        "aws/synergy/2025-Q2/gartner",
        "gcp/synergy/2025-Q2/gartner",
      ],
    );
    expect(csv("tables/claims_check.csv")).toEqual([
      { fact_id: "a", definition: "all" },
      { fact_id: "a", definition: "public" },
      { fact_id: "b", definition: "all" },
    ]);
    // The caller's rows are not reordered.
    expect(ranks[0]).toEqual({ fact_id: "b", definition: "all" });
  });
});
