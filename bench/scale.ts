/**
 * One point of the scaling series: a synthetic corpus of N facts through the real stages
 *
 *   generate (not part of the pipeline) → extract → normalize → enrich → export (serialize: CSV +
 *   datapackage.json, and the wait for the Parquet files, which DuckDB converts from the CSV files
 *   on its own thread; write: the file-system writes into the temporary folder of the atomic
 *   folder swap; the two interleave, one file at a time)
 *
 * `runScale` is the in-process core (the test runs it at 10³). Run as a script it prints one JSON
 * line, so that `run.ts` can run every scale in a fresh process and read its peak RSS:
 *
 *   node --import tsx bench/scale.ts --facts 100000 [--seed 1] [--format jsonl|yaml] [--out DIR]
 *   node --import tsx bench/scale.ts --facts 100000 --write-corpus DIR   (only write the corpus)
 *
 * Charts are not rendered at scale (they plot the bundled data's handful of series; the cold
 * pipeline bench times them).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { silentContext } from "../pipeline/stages/context.ts";
import { enrich, type EnrichedTables } from "../pipeline/stages/enrich.ts";
import { extract, type Extracted, type Inputs } from "../pipeline/stages/extract.ts";
import { normalize, type Normalized } from "../pipeline/stages/normalize.ts";
import { writeOutputs } from "../pipeline/write/outputs.ts";
import { planOutputs } from "../pipeline/write/plan.ts";
import { shapeOf, synthesize, writeCorpus, type FixtureFormat, type SyntheticShape } from "../test/support/synthetic.ts";

export interface ScaleOptions {
  facts: number;
  seed?: number;
  format?: FixtureFormat;
  /** Where to write the output folder; default: a new temp folder, removed afterwards. */
  outDir?: string;
  /** Keep the output folder (the DuckDB comparison reads its Parquet files). */
  keep?: boolean;
}

export interface ScaleResult {
  facts: number;
  format: FixtureFormat;
  seed: number;
  shape: SyntheticShape;
  /**
   * Milliseconds per stage; `pipeline` = extract + normalize + enrich + serialize + write.
   * `parquetWait` is the part of `serialize` the main thread spent waiting, after its last CSV
   * file, for DuckDB to finish the Parquet files (the rest of the conversion overlaps).
   */
  ms: { generate: number; extract: number; normalize: number; enrich: number; serialize: number; write: number; parquetWait: number; pipeline: number };
  factsPerSecond: number;
  /** Row count of every table. */
  rows: Record<string, number>;
  outputBytes: number;
  /** Peak resident set size of this process, MiB (only meaningful in a fresh process). */
  maxRssMiB: number;
  /** Peak RSS (MiB) reached by the end of each stage: where the peak is set. */
  peakAfterMiB: { generate: number; extract: number; normalize: number; enrich: number; export: number };
  /** V8 heap in use (MiB) at the end of each stage, after the previous stage's input was dropped. */
  heapAfterMiB: { generate: number; extract: number; normalize: number; enrich: number; export: number };
  outDir: string | null;
}

export async function runScale(opts: ScaleOptions): Promise<ScaleResult> {
  const seed = opts.seed ?? 1;
  const format = opts.format ?? "jsonl";
  const shape = shapeOf(opts.facts);
  const t = () => performance.now();
  const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const heap = () => {
    (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: live data only
    return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  };
  const peakAfterMiB = { generate: 0, extract: 0, normalize: 0, enrich: 0, export: 0 };
  const heapAfterMiB = { generate: 0, extract: 0, normalize: 0, enrich: 0, export: 0 };
  const mark = (stage: keyof typeof peakAfterMiB) => {
    peakAfterMiB[stage] = peak();
    heapAfterMiB[stage] = heap();
  };

  let t0 = t();
  let inputs: Inputs | undefined = synthesize({ facts: opts.facts, seed, format });
  const generate = t() - t0;
  mark("generate");

  t0 = t();
  let extracted: Extracted | undefined = extract(inputs, silentContext);
  const extractMs = t() - t0;
  inputs = undefined; // the pipeline keeps only what extract returns
  mark("extract");

  t0 = t();
  let normalized: Normalized | undefined = normalize(extracted, silentContext);
  const normalizeMs = t() - t0;
  extracted = undefined;
  mark("normalize");

  t0 = t();
  let tables: EnrichedTables | undefined = enrich(normalized, silentContext);
  const enrichMs = t() - t0;
  // Export needs only the tables: drop the source texts and reference data that `normalized` still
  // holds. Charts and the report, which read them, do not run at scale.
  normalized = undefined;
  const rows = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, (v as unknown[]).length]));
  mark("enrich");

  // export streams: each file is encoded and written in chunks, one file at a time. "write" is the
  // time inside the file-system writes; "serialize" is the rest of the export (sorting, encoding,
  // the swap).
  const outDir = opts.outDir ?? path.join(mkdtempSync(path.join(tmpdir(), "cma-bench-")), "output");
  t0 = t();
  const plan = planOutputs(tables, { version: "bench" });
  tables = undefined;
  const stats = await writeOutputs(outDir, plan, silentContext);
  const exportMs = t() - t0;
  mark("export");
  const writeMs = stats.ioMs;
  const serializeMs = exportMs - writeMs;
  const outputBytes = stats.bytes;
  const pipeline = extractMs + normalizeMs + enrichMs + serializeMs + writeMs;
  if (!opts.keep) rmSync(opts.outDir ? outDir : path.dirname(outDir), { recursive: true, force: true });
  return {
    facts: opts.facts,
    format,
    seed,
    shape,
    ms: { generate, extract: extractMs, normalize: normalizeMs, enrich: enrichMs, serialize: serializeMs, write: writeMs, parquetWait: stats.parquetWaitMs, pipeline },
    factsPerSecond: opts.facts / (pipeline / 1000),
    rows,
    outputBytes,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    peakAfterMiB,
    heapAfterMiB,
    outDir: opts.keep ? outDir : null,
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { facts: { type: "string" }, seed: { type: "string", default: "1" }, format: { type: "string", default: "jsonl" }, out: { type: "string" }, keep: { type: "boolean", default: false }, "write-corpus": { type: "string" } },
    strict: true,
  });
  const facts = Number(values.facts);
  const format = values.format as FixtureFormat;
  if (!Number.isInteger(facts) || facts < 1 || (format !== "yaml" && format !== "jsonl")) throw new Error("usage: scale.ts --facts N [--seed S] [--format jsonl|yaml] [--out DIR] [--keep] | --write-corpus DIR");
  if (values["write-corpus"]) {
    // Only write the corpus as a data folder (for `npm run pipeline -- --data DIR`).
    const dir = path.resolve(values["write-corpus"]);
    writeCorpus(synthesize({ facts, seed: Number(values.seed), format }), dir);
    process.stdout.write(`${JSON.stringify({ dir })}\n`);
    return;
  }
  const opts: ScaleOptions = { facts, seed: Number(values.seed), format, keep: values.keep };
  if (values.out) opts.outDir = path.resolve(values.out);
  const result = await runScale(opts);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
