import { describe, expect, it, vi } from "vitest";
import { msg } from "../../pipeline/messages.ts";

// The parser itself, not the unit project's memo of it (test/support/unit-setup.ts).
const { parseCatalogCsv } = await vi.importActual<typeof import("../../pipeline/read/catalog-csv.ts")>(
  "../../pipeline/read/catalog-csv.ts",
);

const FILE = "data/reference/regions.csv";
const COLUMNS = ["provider_id", "region_code", "note"];

describe("parseCatalogCsv", () => {
  it("gives every record as text with its line", () => {
    const { records, issues } = parseCatalogCsv(
      FILE,
      'provider_id,region_code,note\naws,us-east-1,\n\ngcp,europe-west1,"two\nlines"\n',
      COLUMNS,
    );
    expect(issues).toEqual([]);
    expect(records).toEqual([
      { record: { provider_id: "aws", region_code: "us-east-1", note: "" }, line: 2 },
      { record: { provider_id: "gcp", region_code: "europe-west1", note: "two\nlines" }, line: 5 },
    ]);
  });

  it("names missing and unknown columns and gives no record", () => {
    const { records, issues } = parseCatalogCsv(FILE, "provider_id,region,note\naws,us-east-1,\n", COLUMNS);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      { file: FILE, line: 1, path: "(header)", rule: "csv-columns", message: msg.csvColumns(["region_code"], ["region"], COLUMNS) },
    ]);
  });

  it("reports a record with too many fields at its line and keeps the others", () => {
    const { records, issues } = parseCatalogCsv(FILE, "provider_id,region_code,note\naws,us-east-1,,extra\ngcp,europe-west1,\n", COLUMNS);
    expect(records.map((r) => r.line)).toEqual([3]);
    expect(issues.map(({ line, rule }) => ({ line, rule }))).toEqual([{ line: 2, rule: "csv-syntax" }]);
  });
});
