/**
 * Safe CSV: a text cell that begins with =, +, -, @, a tab or a carriage return is written with a
 * leading ' (spreadsheet-injection guidance), in text columns only; numbers stay numbers (a
 * negative delta_pp is -4, not '-4) and the Parquet files keep the raw text.
 *
 * The run is end to end from the data folder to the table files: a copy of data/ gains a small
 * source document whose sentences begin like formulas, its metadata (with the document's sha256), a
 * research firm and a fixture quoting it; the read edge, the stages and the write edge make the
 * tables and write them into a temporary folder, as the CLI does (its charts, report and other
 * tables, which these checks do not read, are left out).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { parquetReadObjects } from "hyparquet";
import { beforeAll, describe, expect, it } from "vitest";
import { projectPackage } from "../../pipeline/package.ts";
import { readInputs } from "../../pipeline/read/inputs.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { enrich } from "../../pipeline/stages/enrich.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { normalize } from "../../pipeline/stages/normalize.ts";
import { copyData, ROOT } from "../support/basics.ts";
import { writtenFiles } from "../support/outputs.ts";

const HYPERLINK = '=HYPERLINK("http://x")';
const SUM = "@SUM(1+1)";
const TEXT = `${HYPERLINK} AWS held 32% of cloud infrastructure services in Q3 2025. ${SUM} Google 11%. Microsoft 22%.`;

/** A fixture record quoting TEXT (offsets are code points; TEXT is ASCII, so string indexes). */
function claim(id: string, subject: string, value: number, quote: string, extra: Record<string, string> = {}): string {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(`test setup: ${quote} is not in the document`);
  const fields: Record<string, unknown> = {
    id,
    subject,
    measure: "market_share",
    value,
    unit: "percent",
    qualifier: "exact",
    period: "Q3 2025",
    market: "cloud_infrastructure_services",
    attributed_to: "sheetco",
    kind: "figure",
    speaker: "sheetco",
    quote,
    char_start: start,
    char_end: start + quote.length,
    ...extra,
  };
  // JSON texts are YAML flow scalars: every control character arrives escaped and intact.
  return `  - { ${Object.entries(fields)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")} }\n`;
}

type Row = Record<string, string>;
let factsCsv: string;
let facts: Row[];
let factsParquet: Array<Record<string, unknown>>;
let comparisonCsv: string;

beforeAll(async () => {
  const { data } = copyData();
  const sourcesFile = path.join(data, "reference", "sources.yaml");
  writeFileSync(
    sourcesFile,
    `${readFileSync(sourcesFile, "utf8")}  - { source_id: sheetco, source_name: Sheet Co, kind: research_firm }\n`,
  );
  writeFileSync(path.join(data, "sources", "sheet-note.txt"), TEXT);
  const sha = createHash("sha256").update(TEXT).digest("hex");
  writeFileSync(
    path.join(data, "sources", "sheet-note.meta.yaml"),
    `document_id: sheet-note\nfile: sheet-note.txt\nsha256: ${sha}\npublisher: Test\ntitle: null\nurl: null\ndate_approx: 2025-Q4\ndate_evidence: test\n`,
  );
  writeFileSync(
    path.join(data, "fixtures", "sheet-note.yaml"),
    "document_id: sheet-note\nclaims:\n" +
      claim("sheet-aws", "AWS", 32, `${HYPERLINK} AWS held 32%`, { note: "+1 555 0100 called it", period_note: "\tindented by a tab" }) +
      claim("sheet-gcp", "Google", 11, `${SUM} Google 11%`, {
        note: "-4 points below Synergy",
        period_note: "\rstarts with a carriage return",
      }) +
      claim("sheet-azure", "Microsoft", 22, "Microsoft 22%", { note: "plain = fine, @ inside is fine" }),
  );
  // The stages as run.ts's computeTables chains them (without run.ts, which loads the charts and the report).
  const tables = enrich(normalize(extract(readInputs(data, ROOT), silentContext), silentContext), silentContext);
  const files = await writtenFiles(
    { facts: tables.facts, share_comparison: tables.share_comparison },
    { version: projectPackage().version },
  );
  factsCsv = files.get("tables/facts.csv")!.toString("utf8");
  facts = parse(factsCsv, { columns: true }) as Row[];
  const bytes = files.get("tables/facts.parquet")!;
  factsParquet = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })) as Array<
    Record<string, unknown>
  >;
  comparisonCsv = files.get("tables/share_comparison.csv")!.toString("utf8");
}, 60_000);

const csvFact = (id: string) => facts.find((f) => f["fact_id"] === id)!;
const parquetFact = (id: string) => factsParquet.find((f) => f["fact_id"] === id)!;

describe("safe CSV: formula-like text is neutralized in text columns", () => {
  it("prefixes =HYPERLINK(...) and @SUM(...) quotes with a single quote in facts.csv", () => {
    expect(csvFact("sheet-aws")["quote"]).toBe(`'${HYPERLINK} AWS held 32%`);
    expect(csvFact("sheet-gcp")["quote"]).toBe(`'${SUM} Google 11%`);
    // The raw line: the cell is written quoted (it holds quotes) and starts with '=, not =.
    expect(factsCsv).toContain(`"'=HYPERLINK(""http://x"") AWS held 32%"`);
    expect(factsCsv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(factsCsv).not.toMatch(/(^|,)"?@SUM/m);
  });

  it("neutralizes text beginning with +, -, a tab and a carriage return too", () => {
    expect(csvFact("sheet-aws")["note"]).toBe("'+1 555 0100 called it");
    expect(csvFact("sheet-gcp")["note"]).toBe("'-4 points below Synergy");
    expect(csvFact("sheet-aws")["period_note"]).toBe("'\tindented by a tab");
    expect(csvFact("sheet-gcp")["period_note"]).toBe("'\rstarts with a carriage return");
  });

  it("leaves text alone when the character is not the first", () => {
    expect(csvFact("sheet-azure")["note"]).toBe("plain = fine, @ inside is fine");
    expect(csvFact("sheet-azure")["quote"]).toBe("Microsoft 22%");
  });

  it("keeps the raw text in the Parquet file", () => {
    expect(parquetFact("sheet-aws")["quote"]).toBe(`${HYPERLINK} AWS held 32%`);
    expect(parquetFact("sheet-gcp")["quote"]).toBe(`${SUM} Google 11%`);
    expect(parquetFact("sheet-gcp")["note"]).toBe("-4 points below Synergy");
    expect(parquetFact("sheet-aws")["period_note"]).toBe("\tindented by a tab");
    // and the offsets still point at the raw text in the source
    expect(TEXT.slice(Number(parquetFact("sheet-aws")["char_start"]), Number(parquetFact("sheet-aws")["char_end"]))).toBe(
      parquetFact("sheet-aws")["quote"],
    );
  });

  it("keeps numbers numeric: a negative delta_pp is written -4, not '-4", () => {
    const rows = parse(comparisonCsv, { columns: true }) as Row[];
    const gcp = rows.find((r) => r["provider_id"] === "gcp" && r["source_a"] === "synergy" && r["source_b"] === "gartner")!;
    expect(gcp["delta_pp"]).toBe("-4");
    const header = comparisonCsv.split("\n", 1)[0]!.split(",");
    const line = comparisonCsv.split("\n").find((l) => l.startsWith("gcp,synergy,gartner,"))!;
    expect(line.split(",")[header.indexOf("delta_pp")]).toBe("-4");
    expect(comparisonCsv).not.toContain("'-");
    // the new firm's figures too: every number cell of facts.csv is a plain number
    expect(csvFact("sheet-gcp")["value"]).toBe("0.11");
    expect(csvFact("sheet-gcp")["char_start"]).toBe(String(TEXT.indexOf(SUM)));
  });
});
