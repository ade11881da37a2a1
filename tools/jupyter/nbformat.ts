/**
 * The notebook file: the nbformat 4 subset the runner reads and writes, and its deterministic JSON
 * (keys sorted recursively as nbformat does, multi-line strings split into line arrays).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type MultilineString = string | string[];
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type MimeBundle = Record<string, JsonValue>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, JsonValue>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type NbOutput = StreamOutput | DisplayDataOutput | ErrorOutput;

export interface NbCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, JsonValue>;
  outputs?: NbOutput[];
  execution_count?: number | null;
  attachments?: Record<string, JsonValue>;
}
export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, JsonValue>;
  nbformat: number;
  nbformat_minor: number;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** 2-space indent, keys sorted recursively, trailing newline. */
export function stableJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

/** nbformat's split_lines: "a\nb" -> ["a\n", "b"]; single-line strings stay strings. */
export function splitLines(s: string): MultilineString {
  if (!s.includes("\n")) return s;
  return s.split(/(?<=\n)/);
}

export function joinLines(s: MultilineString | undefined): string {
  if (s === undefined) return "";
  return Array.isArray(s) ? s.join("") : s;
}

function isJsonMime(mime: string): boolean {
  return mime === "application/json" || /^application\/(.+\+)?json$/.test(mime);
}

/** A display's MIME bundle as nbformat stores it: text split into lines, JSON kept as JSON. */
export function normalizeBundle(data: Record<string, unknown>): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    if (typeof value === "string" && !isJsonMime(mime)) out[mime] = splitLines(value);
    else out[mime] = value as JsonValue;
  }
  return out;
}

export function readNotebook(path: string): Notebook {
  const nb = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  if (!Array.isArray(nb.cells) || nb.nbformat !== 4) {
    throw new Error(`${path}: not an nbformat 4 notebook`);
  }
  return nb;
}

/** Writes through a temporary file and a rename, so a reader never sees half a notebook. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** `notebooks/*.ipynb` (or another folder), sorted by name. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}
