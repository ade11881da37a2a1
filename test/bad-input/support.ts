/**
 * Bad input, named kind by kind: each case edits a copy of the real files and asserts the exact
 * issues (file, line, record and field path, rule, message built with the msg.* functions). A
 * handful run the real CLI on a copy of data/ and a copy of a previous output, and check the exit
 * code, the report on stderr (no stack trace) and that the output folder is byte-identical after.
 *
 * This module holds what the cases and the tests share: the files the cases edit, the real inputs,
 * and the helpers that build the expected issues. The cases are in syntax-and-fields.ts, claims.ts
 * and sources-and-reference.ts (in the table's order); agreement.test.ts runs them all in process,
 * cli.test.ts runs the real CLI.
 */
import { createHash } from "node:crypto";
import { COUNTRIES } from "../../pipeline/countries.ts";
import { PipelineError, type DataIssue } from "../../pipeline/errors.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import type { Inputs } from "../../pipeline/read/inputs.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { msg } from "../../pipeline/messages.ts";
import { realInputs } from "../helpers.ts";

export const FIX = "data/fixtures/dual-ai-stack-article.yaml";
export const META = "data/sources/dual-ai-stack-article.meta.yaml";
export const ARTICLE = "data/sources/dual-ai-stack-article.txt";
export const PROVIDERS = "data/reference/providers.yaml";
export const MEASURES = "data/reference/measures.yaml";
export const REGIONS = "data/reference/regions.csv";
export const LISTS = "data/reference/region-lists.yaml";
export const ENTITIES = "data/reference/entities.yaml";

export const inputs = realInputs();
export const original = (file: string) => inputs.files.get(file)!;

/** The message when Google's Gartner 2024 share is raised from 9 to 40 (the firm's shares then sum to 112.9%). */
export const GARTNER_OVER_100 = msg.sharesAbove100("gartner", "iaas", "2024", 112.9, [
  "gartner-share-aws",
  "gartner-share-azure",
  "gartner-share-gcp",
  "gartner-share-alibaba",
  "gartner-share-huawei",
]);
export const real = extract(inputs, silentContext);
export const COUNTRY_SUBREGIONS = COUNTRIES.map((c) => c.subregion);

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
export const editFile = (file: string, from: string, to: string) => ({ [file]: edit(original(file), from, to) });
/** 1-based line of the one occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`test setup: ${JSON.stringify(needle)} must occur exactly once`);
  return text.slice(0, at).split("\n").length;
}
/** The record label extract uses: `claims[31] (aws-regions)`, plus a field. */
export function at(id: string, field?: string): string {
  const claim = real.claims.find((c) => c.record.id === id)!;
  return `claims[${claim.index}] (${id})${field === undefined ? "" : `.${field}`}`;
}
export const issue = (file: string, line: number | undefined, p: string, rule: string, message: string): DataIssue =>
  line === undefined ? { file, path: p, rule, message } : { file, line, path: p, rule, message };

export function issuesOf(changed: Inputs): readonly DataIssue[] {
  try {
    extract(changed, silentContext);
  } catch (error) {
    if (error instanceof PipelineError && error.kind === "data") return error.issues;
    throw error;
  }
  return [];
}

// The one-line claim the flow-mapping cases edit, and where its quote sits in the article.
export const AWS = `{ <<: *footprint, id: aws-regions, subject: AWS, measure: regions, value: 38, quote: "AWS offers 38", char_start: 1761, char_end: 1774 }`;
export const awsLine = lineOf(original(FIX), AWS);
export const awsWith = (from: string, to: string) => editFile(FIX, AWS, edit(AWS, from, to));
export const article = original(ARTICLE);
export const slice = (start: number, end: number) => Array.from(article).slice(start, end).join("");
export const measureIds = real.measures.measures.map((m) => m.measure_id);
export const sourceIds = real.sources.map((s) => s.source_id);
export const marketIds = real.measures.markets.map((m) => m.market_id);
export const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
// The article's metadata as a machine would write it (.meta.json): the same fields, as JSON.
export const META_JSON = "data/sources/dual-ai-stack-article.meta.json";
export const metaJson = `${JSON.stringify(real.documents[0]!.meta, null, 2)}\n`;

export interface Case {
  name: string;
  changes: Record<string, string | null>;
  expected: () => DataIssue[];
}
