/**
 * What the report is made from: the enriched tables, the charts as the charts stage wrote them, the
 * run's inputs (document texts, file hashes, as-of dates) and the page's assets. `reportContext` and
 * `chartsFromFiles` build the parts that come from other stages' results; both are pure.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { msg } from "../messages.ts";
import type { CatalogMeta } from "../schema/inputs.ts";
import type { SkippedChart } from "../charts/index.ts";
import type { EnrichedTables } from "../stages/enrich.ts";
import type { Inputs } from "../read/inputs.ts";
import type { Extracted } from "../stages/extract.ts";

/** A browser bundle inlined into the page. */
export interface ReportLibrary {
  name: string;
  version: string;
  /** Its path inside the package, e.g. build/vega.min.js. */
  file: string;
  text: string;
  /** SHA-256 of `text`, shown in the page's list of inlined libraries. */
  sha256: string;
}

/** The page's own style sheet and script (assets/report.css, assets/report.js) and the bundles. */
export interface ReportAssets {
  css: string;
  js: string;
  libraries: readonly ReportLibrary[];
}

export interface ReportChart {
  name: string;
  /** The Vega-Lite spec as written to charts/<name>.vl.json. */
  spec: Record<string, unknown>;
  /** The static SVG as written to charts/<name>.svg. */
  svg: string;
}

export interface ReportDocument {
  document_id: string;
  text: string;
}

export interface ReportInputFile {
  /** Path relative to the data folder, e.g. fixtures/dual-ai-stack-article.yaml. */
  file: string;
  bytes: number;
  sha256: string;
}

export interface AsOf {
  what: string;
  as_of: string;
  detail: string;
}

/**
 * The report is written for up to this many facts. It shows every fact with its quote and context
 * and every table row, which is what makes it useful for an article or a few quarters, and what
 * makes a page for tens of thousands of facts too large for a browser. Above the limit the pipeline
 * writes the tables, the data package and the charts it can draw, and says that it left the report
 * out; the notebooks are the way into data of that size.
 */
export const REPORT_MAX_FACTS = 5_000;

export interface ReportInput {
  tables: EnrichedTables;
  charts: readonly ReportChart[];
  documents: readonly ReportDocument[];
  inputs: readonly ReportInputFile[];
  asOf: readonly AsOf[];
  version: string;
  assets: ReportAssets;
  /** What the region catalog describes, as of when (data/reference/regions.meta.yaml). */
  catalog: CatalogMeta;
  /** Charts not drawn because their data is over the chart budget. */
  skippedCharts?: readonly SkippedChart[];
}

export const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The charts of renderCharts' file map (charts/<name>.vl.json + .svg), in its order. */
export function chartsFromFiles(files: ReadonlyMap<string, string | Uint8Array>): ReportChart[] {
  const out: ReportChart[] = [];
  for (const [rel, content] of files) {
    const m = /^charts\/(.+)\.vl\.json$/.exec(rel);
    if (!m || typeof content !== "string") continue;
    const name = m[1] as string;
    const svg = files.get(`charts/${name}.svg`);
    if (typeof svg !== "string") throw new Error(msg.reportChartWithoutSvg(name));
    out.push({ name, spec: JSON.parse(content) as Record<string, unknown>, svg });
  }
  return out;
}

/** The documents' texts, every input file's hash, and the as-of dates, from extract's input and output. */
export function reportContext(
  inputs: Inputs,
  extracted: Omit<Extracted, "claims">,
): Pick<ReportInput, "documents" | "inputs" | "asOf" | "catalog"> {
  const files = [...inputs.files.entries()]
    .map(([key, text]) => ({
      file: path.relative(inputs.dataDir, key).split(path.sep).join("/"),
      bytes: inputs.facts?.get(key)?.bytes ?? Buffer.byteLength(text, "utf8"),
      sha256: inputs.facts?.get(key)?.sha256 ?? sha256(text),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const asOf: AsOf[] = [
    { what: "Providers (reference/providers.yaml)", as_of: extracted.providersMeta.as_of, detail: extracted.providersMeta.source },
    {
      what: "Measures and markets (reference/measures.yaml)",
      as_of: extracted.measures.as_of,
      detail: "Definitions of the measures, units and the research firms' markets",
    },
  ];
  return {
    documents: extracted.documents.map((d) => ({ document_id: d.meta.document_id, text: d.text })),
    inputs: files,
    asOf,
    catalog: extracted.catalogMeta,
  };
}
