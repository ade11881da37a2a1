/**
 * Publishing guards: a document with metadata must be quoted by a fixture, and a run that would
 * empty a table or shrink it by more than MAX_SHRINK is refused (exit 1, output untouched) unless
 * given --allow-shrink; `--check` gives the same verdict.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { renderCharts } from "../../pipeline/charts/index.ts";
import { formatIssue, PipelineError } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import type { ChartRenderer } from "../../pipeline/run.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { MAX_SHRINK, previousRowCounts, shrinkIssues } from "../../pipeline/write/shrink.ts";
import { copyData, OUTPUT, readCsv, realInputs, realTables, runCli, snapshot, tempDir, withFiles } from "../helpers.ts";

const FIX = "data/fixtures/dual-ai-stack-article.yaml";
const META = "data/sources/dual-ai-stack-article.meta.yaml";
const inputs = realInputs();
const metaLine =
  inputs.files
    .get(META)!
    .split("\n")
    .findIndex((l) => l.startsWith("document_id:")) + 1;
const DOC = "fierce-dual-ai-stack";

function issuesOf(changes: Record<string, string | null>): string[] {
  try {
    extract(withFiles(inputs, changes), silentContext);
    return [];
  } catch (error) {
    if (error instanceof PipelineError) return error.issues.map(formatIssue);
    throw error;
  }
}

/** The fixture with only its first `n` claims (anchors resolved). */
function firstClaims(n: number): string {
  const doc = parse(inputs.files.get(FIX)!, { merge: true }) as { claims: unknown[] };
  return stringify({ ...doc, claims: doc.claims.slice(0, n) });
}

describe("a document with metadata and no claims is an error", () => {
  const expected = formatIssue({
    file: META,
    line: metaLine,
    path: "document_id",
    rule: "document-without-claims",
    message: msg.documentWithoutClaims(DOC),
  });

  it("when its fixture is gone", () => {
    expect(issuesOf({ [FIX]: null })).toEqual([expected]);
  });

  it("when a second document has metadata and a text but no fixture quotes it", () => {
    const meta = inputs.files.get(META)!.replace(`document_id: ${DOC}`, "document_id: orphan");
    expect(issuesOf({ "data/sources/orphan.meta.yaml": meta })).toEqual([
      formatIssue({
        file: "data/sources/orphan.meta.yaml",
        line: metaLine,
        path: "document_id",
        rule: "document-without-claims",
        message: msg.documentWithoutClaims("orphan"),
      }),
    ]);
  });

  it("names the line of document_id in a machine-written .meta.json too", () => {
    // the article's metadata with document_id moved to the top: line 2 of the JSON text
    const { document_id: _, ...rest } = parse(inputs.files.get(META)!) as Record<string, unknown>;
    const json = `${JSON.stringify({ document_id: "orphan", ...rest }, null, 2)}\n`;
    expect(issuesOf({ "data/sources/orphan.meta.json": json })).toEqual([
      formatIssue({
        file: "data/sources/orphan.meta.json",
        line: 2,
        path: "document_id",
        rule: "document-without-claims",
        message: msg.documentWithoutClaims("orphan"),
      }),
    ]);
  });

  it("an empty claims list is already a schema error (YAML and JSON Lines alike), reported alone", () => {
    expect(issuesOf({ [FIX]: null, "data/fixtures/x.jsonl": `{"document_id": "${DOC}"}\n` })).toEqual([
      "data/fixtures/x.jsonl:1: claims: expected a non-empty list, got an empty list [schema]",
    ]);
    expect(issuesOf({ [FIX]: `document_id: ${DOC}\nclaims: []\n` })).toEqual([
      "data/fixtures/dual-ai-stack-article.yaml:2: claims: expected a non-empty list, got an empty list [schema]",
    ]);
  });

  it("is not said when a fixture could not be read (it may be the one that quotes the document)", () => {
    const issues = issuesOf({ [FIX]: "claims: [\n" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain("[yaml-syntax]");
  });
});

describe("shrinkIssues", () => {
  const before = new Map([
    ["facts", 68],
    ["market_share", 10],
    ["regions", 4],
    ["concentration", 0],
  ]);
  it("refuses an emptied table and one that lost more than half, naming each with its counts", () => {
    const after = new Map([
      ["facts", 0],
      ["market_share", 4],
      ["regions", 2],
      ["concentration", 0],
    ]);
    expect(shrinkIssues(before, after, "output")).toEqual([
      { file: "output/tables/facts.csv", path: "facts", rule: "empty-table", message: msg.tableEmptied("facts", 68) },
      {
        file: "output/tables/market_share.csv",
        path: "market_share",
        rule: "table-shrink",
        message: msg.tableShrunk("market_share", 10, 4, MAX_SHRINK),
      },
    ]);
    expect(msg.tableShrunk("market_share", 10, 4, MAX_SHRINK)).toContain("from 10 to 4 rows (−60%), more than the 50%");
  });

  it("lets through growth, a loss of half or less, a table that was empty, and a first run", () => {
    const after = new Map([
      ["facts", 34],
      ["market_share", 12],
      ["regions", 3],
      ["concentration", 0],
    ]);
    expect(shrinkIssues(before, after, "output")).toEqual([]);
    expect(shrinkIssues(new Map(), new Map([["facts", 0]]), "output")).toEqual([]);
  });

  it("reads the previous counts from the published output's Parquet footers, equal to the CSV files' rows", () => {
    const counts = previousRowCounts(OUTPUT);
    expect(counts.get("facts")).toBe(realTables().facts.length);
    expect(counts.get("facts")).toBe(readCsv(path.join(OUTPUT, "tables", "facts.csv")).length);
    expect(counts.size).toBe(Object.keys(realTables()).length);
  });

  it("falls back to the CSV file when a Parquet copy is damaged, and reads nothing without a manifest", () => {
    const out = path.join(tempDir("prev"), "output");
    cpSync(OUTPUT, out, { recursive: true });
    writeFileSync(path.join(out, "tables", "facts.parquet"), "garbage");
    expect(previousRowCounts(out).get("facts")).toBe(realTables().facts.length);
    expect(previousRowCounts(path.join(out, "tables")).size).toBe(0);
  });
});

describe("the guard through the CLI", () => {
  // The charts drawn without fonts, so SVG only: rasterising every chart is test/charts/publish.test.ts's
  // subject, and here it would be most of the cost of the one run that publishes.
  const svgOnly: ChartRenderer = (tables, options) => renderCharts(tables, { ...options, fontFiles: [] });
  const published = (out: string) => (JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] }).files;

  it("a run that would empty or halve tables: exit 1 from both commands, the tables named, output untouched; --allow-shrink publishes", async () => {
    const { dir, data } = copyData();
    const out = path.join(dir, "output");
    cpSync(OUTPUT, out, { recursive: true });
    const before = snapshot(out);
    writeFileSync(path.join(data, "fixtures", "dual-ai-stack-article.yaml"), firstClaims(6));
    for (const args of [["--check"], []]) {
      const r = await runCli(["--data", data, "--out", out, ...args]);
      expect(r.status).toBe(1);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^invalid input \(write\): \d+ problems$/);
      expect(lines).toContain(
        formatIssue({
          file: path.relative(process.cwd(), path.join(out, "tables", "facts.csv")),
          path: "facts",
          rule: "table-shrink",
          message: msg.tableShrunk("facts", realTables().facts.length, 6, MAX_SHRINK),
        }),
      );
      expect(lines.at(-1)).toBe(msg.nothingWritten());
      expect(snapshot(out)).toEqual(before);
    }
    const allowed = await runCli(["--data", data, "--out", out, "--allow-shrink"], { renderCharts: svgOnly });
    expect(allowed.status).toBe(0);
    expect(readCsv(path.join(out, "tables", "facts.csv"))).toHaveLength(6);
    expect(published(out)).toEqual(published(OUTPUT).filter((f) => !f.endsWith(".png")));
  }, 120_000);
});
