/**
 * Stage 1 — extract: read the fixtures, the reference data and the source documents, and validate
 * all of it, collecting every problem before failing.
 *
 * `readInputs` is the read edge (the only disk access); `extract` is a pure function of the files'
 * contents, so tests and the property test can feed it any bytes.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, visit, type Document } from "yaml";
import { z } from "zod";
import { PipelineError, type DataIssue } from "../errors.ts";
import { msg, zodErrorMap } from "../messages.ts";
import { clean } from "../numbers.ts";
import { parsePeriod } from "../periods.ts";
import type { MacroGeo } from "../schema/inputs.ts";
import {
  CatalogMeta,
  ClaimRecord,
  DocumentMeta,
  isPlainClaimRecord,
  EntitiesFile,
  FixtureFile,
  GeographyFile,
  MeasuresFile,
  ProvidersFile,
  SourcesFile,
  type ProviderRef,
  type SourceRef,
} from "../schema/inputs.ts";
import { codePointOccurrences, codePointSlicer } from "../text.ts";
import { parseJsonlFixture, type JsonlIssue } from "../fixtures-jsonl.ts";
import { parseCatalog, type CatalogRegion } from "../catalog.ts";
import { ByThreeKeys } from "../keyed.ts";
import { COUNTRIES, COUNTRY_BY_CODE } from "../countries.ts";
import type { StageContext } from "./context.ts";

/** The input files, keyed by their path relative to the project root (e.g. `data/fixtures/x.yaml`). */
export interface Inputs {
  dataDir: string;
  files: ReadonlyMap<string, string>;
}

export interface SourceDocument {
  meta: DocumentMeta;
  /** Path of the text file relative to the project root. */
  path: string;
  text: string;
  sha256: string;
}

export interface Claim {
  file: string;
  line: number | undefined;
  index: number;
  document_id: string;
  record: ClaimRecord;
  /** Canonical subject: a provider_id or an entity id. */
  subject_id: string;
  /** Period as ISO-style text, or null. */
  period: string | null;
}

export interface Extracted {
  documents: SourceDocument[];
  claims: Claim[];
  providers: ProviderRef[];
  providersMeta: { as_of: string; source: string };
  sources: SourceRef[];
  measures: MeasuresFile;
  entities: EntitiesFile;
  geography: GeographyFile;
  /** Country code → macro-region, for every ISO 3166-1 alpha-2 code world-countries knows. */
  countryMacro: ReadonlyMap<string, MacroGeo>;
  /** The region catalog (data/reference/regions.csv), validated, each row with its macro-region. */
  catalog: CatalogRegion[];
  /** What the catalog describes, as of when (data/reference/regions.meta.yaml). */
  catalogMeta: CatalogMeta;
}

const REFERENCE = {
  providers: "reference/providers.yaml",
  sources: "reference/sources.yaml",
  measures: "reference/measures.yaml",
  entities: "reference/entities.yaml",
  geography: "reference/geography.yaml",
  regions: "reference/regions.csv",
  regionsMeta: "reference/regions.meta.yaml",
} as const;

/** The read edge: every input file under `dataDir`, as text. */
/** A data folder's folders, in the order `readInputs` reads them (each one's files sorted by name). */
export const DATA_FOLDERS = ["fixtures", "reference", "sources"] as const;

export function readInputs(dataDir: string, root = process.cwd()): Inputs {
  const files = new Map<string, string>();
  const rel = (p: string) => path.relative(root, p) || p;
  const readDir = (dir: string, keep: (f: string) => boolean) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (keep(name) && statSync(full).isFile()) files.set(rel(full), readFileSync(full, "utf8"));
    }
  };
  const keep: Record<(typeof DATA_FOLDERS)[number], (f: string) => boolean> = {
    fixtures: (f) => !f.endsWith(".md") && !f.startsWith("."),
    reference: (f) => f.endsWith(".yaml") || f.endsWith(".csv"),
    sources: (f) => !f.endsWith(".md") && !f.startsWith("."),
  };
  for (const folder of DATA_FOLDERS) readDir(path.join(dataDir, folder), keep[folder]);
  return { dataDir: rel(dataDir), files };
}

class Collector {
  readonly issues: DataIssue[] = [];
  add(file: string, line: number | undefined, p: string, rule: string, message: string): void {
    this.issues.push(Collector.issue(file, line, p, rule, message));
  }
  /** Adds the issue at position `at` of the list, before the issues added after that point. */
  insert(at: number, file: string, line: number | undefined, p: string, rule: string, message: string): void {
    this.issues.splice(at, 0, Collector.issue(file, line, p, rule, message));
  }
  private static issue(file: string, line: number | undefined, p: string, rule: string, message: string): DataIssue {
    return line === undefined ? { file, path: p, rule, message } : { file, line, path: p, rule, message };
  }
}

interface Parsed {
  file: string;
  doc?: Document;
  lines?: LineCounter;
  value: unknown;
  /** Line lookup for formats that know their lines without a document model (JSON Lines). */
  lineAt?: (keys: ReadonlyArray<string | number>) => number | undefined;
}

function parseYaml(file: string, text: string, out: Collector): Parsed | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [first, ...rest] = doc.errors;
  if (first) {
    // After the first syntax error the parser's later errors mostly follow from it: report the
    // first with its line and column, and say how many more there are.
    const { line, col } = lines.linePos(first.pos[0]);
    const detail = first.message.split("\n")[0] ?? first.code;
    out.add(file, line, "(file)", "yaml-syntax", msg.yamlSyntax(rest.length > 0 ? `${detail}; ${msg.yamlMoreErrors(rest.length)}` : detail, line, col));
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    // An alias to an anchor that does not exist (located if possible), or an alias bomb.
    let where: { line: number; col: number; anchor: string } | undefined;
    visit(doc, {
      Alias(_, node) {
        if (where === undefined && node.range && node.resolve(doc) === undefined) where = { ...lines.linePos(node.range[0]), anchor: node.source };
      },
    });
    const detail = where ? msg.unknownAnchor(where.anchor) : (String((error as Error)?.message ?? error).split("\n")[0] ?? "unreadable");
    out.add(file, where?.line, "(file)", "yaml-syntax", msg.yamlSyntax(detail, where?.line, where?.col));
    return undefined;
  }
  return { file, doc, lines, value };
}

/**
 * A JSON file (a document's `.meta.json`) as a Parsed. JSON.parse reads it (for 2·10⁴ documents,
 * YAML's document model was 2 s); the lines that messages point to come from the YAML parser
 * (JSON is YAML), run only when a message needs one.
 */
function parseJson(file: string, text: string, out: Collector): Parsed | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = String((error as Error)?.message ?? error).split("\n")[0] ?? "unreadable";
    const at = /at position (\d+)/.exec(detail);
    const pos = at ? Number(at[1]) : undefined;
    const line = pos === undefined ? undefined : text.slice(0, pos).split("\n").length;
    const col = pos === undefined ? undefined : pos - text.lastIndexOf("\n", pos - 1);
    out.add(file, line, "(file)", "json-syntax", msg.jsonSyntax(detail.replace(/ in JSON at position \d+.*$/, ""), line, col));
    return undefined;
  }
  let located: Parsed | undefined | null = null;
  return {
    file,
    value,
    lineAt: (keys) => {
      if (located === null) located = parseYaml(file, text, new Collector());
      return located ? lineOf(located, keys) : undefined;
    },
  };
}

/** 1-based line of the node at `keys`, or of the nearest ancestor that exists. */
function lineOf(p: Parsed, keys: ReadonlyArray<string | number>): number | undefined {
  if (p.lineAt) return p.lineAt(keys);
  if (!p.doc || !p.lines) return undefined;
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? p.doc.contents : p.doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return p.lines.linePos(range[0]).line;
  }
  return undefined;
}

/** A JSON Lines fixture (pipeline/fixtures-jsonl.ts) as a Parsed: lines come from the file's lines. */
function parseJsonl(file: string, text: string, out: Collector): Parsed | undefined {
  const issues: JsonlIssue[] = [];
  const fixture = parseJsonlFixture(text, issues);
  for (const i of issues) out.add(file, i.line, i.path, "jsonl-syntax", i.message);
  return fixture && { file, value: fixture.value, lineAt: fixture.lineAt };
}

/** `claims[3] (aws-share)`: a claim as messages name it. */
function claimLabel(raw: unknown, index: number): string {
  const rawId = (raw as { id?: unknown } | null)?.id;
  return `claims[${index}]${typeof rawId === "string" ? ` (${rawId})` : ""}`;
}

function zodPath(prefix: string, issuePath: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const k of issuePath) out += typeof k === "number" ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || "(file)";
}

function validate<T>(p: Parsed, schema: z.ZodType<T>, value: unknown, keys: Array<string | number>, label: string, out: Collector): T | undefined {
  const result = schema.safeParse(value, { error: zodErrorMap });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = issue.path as Array<string | number>;
    if (issue.code === "unrecognized_keys") {
      // One line per unknown field, at the field itself, with the nearest known field name.
      const allowed = fieldsAt(schema, at);
      for (const key of issue.keys) {
        const full = [...keys, ...at, key];
        out.add(p.file, lineOf(p, full), zodPath(label, [...at, key]), "unknown-field", msg.unknownField(key, closest(key, allowed), allowed));
      }
      continue;
    }
    out.add(p.file, lineOf(p, [...keys, ...at]), zodPath(label, at), "schema", msg.schema(issue.message));
  }
  return undefined;
}

/** The field names of the object schema at `at` inside `schema` (through lists, optionals, records). */
function fieldsAt(schema: z.ZodType, at: ReadonlyArray<string | number>): string[] {
  let s: z.ZodType | undefined = schema;
  const unwrap = (x: z.ZodType | undefined): z.ZodType | undefined => {
    while (x instanceof z.ZodOptional || x instanceof z.ZodNullable || x instanceof z.ZodDefault) x = x.unwrap() as z.ZodType;
    return x;
  };
  for (const k of at) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, z.ZodType>)[String(k)];
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else if (s instanceof z.ZodRecord) s = s.valueType as z.ZodType;
    else return [];
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** The allowed name a typo most likely meant: within two edits, or differing only in case or separators. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const norm = (x: string) => x.toLowerCase().replace(/[-_ ]/g, "");
  let best: { name: string; d: number } | undefined;
  for (const name of allowed) {
    const d = norm(name) === norm(key) ? 0 : editDistance(key.toLowerCase(), name);
    if (d <= 2 && (best === undefined || d < best.d)) best = { name, d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length] ?? Infinity;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The largest count or rank: the integer columns of the tables are 32-bit. */
const MAX_COUNT = 2 ** 31 - 1;

/** Validate everything; throws one PipelineError listing every problem. */
export function extract(inputs: Inputs, ctx: StageContext): Extracted {
  const out = new Collector();
  const d = (p: string) => path.join(inputs.dataDir, p);
  const files = inputs.files;

  const loadRef = <T>(relPath: string, schema: z.ZodType<T>): T | undefined => {
    const file = d(relPath);
    const text = files.get(file);
    if (text === undefined) {
      out.add(file, undefined, "(file)", "missing-file", msg.missingFile("reference file"));
      return undefined;
    }
    const parsed = parseYaml(file, text, out);
    return parsed && validate(parsed, schema, parsed.value, [], "", out);
  };

  const providersFile = loadRef(REFERENCE.providers, ProvidersFile);
  const sourcesFile = loadRef(REFERENCE.sources, SourcesFile);
  const measures = loadRef(REFERENCE.measures, MeasuresFile);
  const entities = loadRef(REFERENCE.entities, EntitiesFile);
  const geography = loadRef(REFERENCE.geography, GeographyFile);
  const catalogMeta = loadRef(REFERENCE.regionsMeta, CatalogMeta);

  // --- reference integrity -----------------------------------------------------------------------
  const aliasToProvider = new Map<string, string>();
  for (const [i, p] of (providersFile?.providers ?? []).entries()) {
    const file = d(REFERENCE.providers);
    for (const alias of [p.provider_id, ...p.aliases]) {
      const other = aliasToProvider.get(alias);
      if (other !== undefined && other !== p.provider_id) out.add(file, undefined, `providers[${i}].aliases`, "reference", msg.duplicateAlias(alias, other, p.provider_id));
      aliasToProvider.set(alias, p.provider_id);
    }
  }
  const checkUnique = (file: string, kind: string, ids: readonly string[]) => {
    const seen = new Set<string>();
    for (const [i, x] of ids.entries()) {
      if (seen.has(x)) out.add(d(file), undefined, `${kind}[${i}]`, "reference", msg.duplicateReference(kind, x));
      seen.add(x);
    }
  };
  checkUnique(REFERENCE.providers, "provider", (providersFile?.providers ?? []).map((p) => p.provider_id));
  checkUnique(REFERENCE.sources, "source", (sourcesFile?.sources ?? []).map((s) => s.source_id));
  checkUnique(REFERENCE.measures, "measure", (measures?.measures ?? []).map((m) => m.measure_id));
  checkUnique(REFERENCE.measures, "unit", (measures?.units ?? []).map((u) => u.unit_id));
  checkUnique(REFERENCE.measures, "market", (measures?.markets ?? []).map((m) => m.market_id));
  checkUnique(REFERENCE.entities, "entity", [...(entities?.entities ?? []).map((e) => e.entity_id), ...(entities?.geographies ?? []).map((g) => g.geo_id), ...(entities?.sectors ?? []).map((s) => s.sector_id)]);

  const countryMacro = new Map<string, MacroGeo>();
  if (geography) {
    for (const c of COUNTRIES) {
      const macro = geography.subregions[c.subregion];
      if (macro) countryMacro.set(c.cca2, macro);
    }
    for (const [i, o] of geography.overrides.entries()) {
      if (!COUNTRY_BY_CODE.has(o.country)) out.add(d(REFERENCE.geography), undefined, `overrides[${i}].country`, "unknown-country", msg.unknownCountry(o.country));
      countryMacro.set(o.country, o.macro_geo);
    }
  }

  // --- region catalog ----------------------------------------------------------------------------
  let catalog: CatalogRegion[] = [];
  const regionsText = files.get(d(REFERENCE.regions));
  if (regionsText === undefined) out.add(d(REFERENCE.regions), undefined, "(file)", "missing-file", msg.missingFile("region catalog"));
  else if (providersFile && geography) {
    const parsedCatalog = parseCatalog(d(REFERENCE.regions), regionsText, { providers: new Set(providersFile.providers.map((p) => p.provider_id)), countries: new Set(COUNTRY_BY_CODE.keys()), countryMacro });
    for (const issue of parsedCatalog.issues) out.issues.push(issue);
    catalog = parsedCatalog.regions;
  }

  // --- documents ----------------------------------------------------------------------------------
  const documents: SourceDocument[] = [];
  let metaFailed = false;
  const describedBy = new Map<string, string>();
  for (const [file, text] of files) {
    // A document's metadata: YAML as people write it, or JSON for machine-written bulk sources.
    if (!file.startsWith(d("sources") + path.sep) || !(file.endsWith(".meta.yaml") || file.endsWith(".meta.json"))) continue;
    const parsed = file.endsWith(".json") ? parseJson(file, text, out) : parseYaml(file, text, out);
    const meta = parsed && validate(parsed, DocumentMeta, parsed.value, [], "", out);
    if (!meta) {
      metaFailed = true;
      continue;
    }
    const other = describedBy.get(meta.document_id);
    if (other !== undefined) {
      out.add(file, lineOf(parsed, ["document_id"]), "document_id", "duplicate-document", msg.duplicateDocument(meta.document_id, other));
      continue;
    }
    describedBy.set(meta.document_id, file);
    const docPath = d(path.join("sources", meta.file));
    const docText = files.get(docPath);
    if (docText === undefined) {
      out.add(file, lineOf(parsed, ["file"]), "file", "missing-file", msg.missingFile(`source document ${docPath}`));
      continue;
    }
    const actual = sha256(docText);
    if (actual !== meta.sha256) out.add(docPath, undefined, "(file)", "sha256", msg.sha256Mismatch(docPath, meta.sha256, actual));
    documents.push({ meta, path: docPath, text: docText, sha256: actual });
  }
  const docById = new Map(documents.map((doc) => [doc.meta.document_id, doc]));
  // One document's slicer at a time: a fixture quotes one document, so its claims reuse it.
  let sliced: { doc: SourceDocument; slice: (start: number, end: number) => string } | undefined;
  const sliceOf = (doc: SourceDocument) => (sliced?.doc === doc ? sliced : (sliced = { doc, slice: codePointSlicer(doc.text) })).slice;

  // --- claims ------------------------------------------------------------------------------------
  const entityIds = new Set((entities?.entities ?? []).map((e) => e.entity_id));
  const objectIds = new Set([...(entities?.geographies ?? []).map((g) => g.geo_id), ...(entities?.sectors ?? []).map((s) => s.sector_id)]);
  const measureById = new Map((measures?.measures ?? []).map((m) => [m.measure_id, m]));
  const unitById = new Map((measures?.units ?? []).map((u) => [u.unit_id, u]));
  const marketIds = new Set((measures?.markets ?? []).map((m) => m.market_id));
  const sourceIds = new Set((sourcesFile?.sources ?? []).map((s) => s.source_id));
  // Every valid record's id, where it is (the fixture's number in `fixtureFiles` × LINES + its line,
  // 0: none), its index in the fixture, and how many issues there were when it was checked. Duplicate
  // ids are found after the loop from the ids in order (at 10⁶ claims a Map of every id was ~1 s of
  // extract; fixtures' ids come nearly or wholly sorted, which takes one pass), and each duplicate's
  // issue goes where the loop would have added it. Numbers, not objects: 10⁶ of them.
  const seenIds: string[] = [];
  const seenAt: number[] = [];
  const seenIndex: number[] = [];
  const seenIssue: number[] = [];
  const fixtureFiles: string[] = [];
  const LINES = 2 ** 32;
  const claims: Claim[] = [];
  // A corpus has few distinct period texts: each is parsed once (null: does not parse).
  const periods = new Map<string, string | null>();

  // One string object per distinct value of the fields that repeat across claims (a provider, a
  // measure, a unit, a period, a firm): JSON.parse and YAML give every claim its own copies, and the
  // facts keep them. At 10⁶ claims that was ~150 MB of duplicate strings alive until the export.
  const interned = new Map<string, string>();
  const intern = (text: string): string => {
    const known = interned.get(text);
    if (known !== undefined) return known;
    interned.set(text, text);
    return text;
  };
  const internFields = (r: ClaimRecord): void => {
    r.subject = intern(r.subject);
    r.measure = intern(r.measure);
    r.attributed_to = intern(r.attributed_to);
    if (r.unit !== null) r.unit = intern(r.unit);
    if (r.qualifier !== null) r.qualifier = intern(r.qualifier) as typeof r.qualifier;
    if (r.period !== null) r.period = intern(r.period);
    if (r.market !== undefined) r.market = intern(r.market);
    if (r.object !== undefined) r.object = intern(r.object);
  };

  /** A problem with one field of a valid claim record, at the field's line. */
  const add = (parsed: Parsed, index: number, line: number | undefined, record: ClaimRecord, field: string, rule: string, message: string) =>
    out.add(parsed.file, field === "id" ? line : lineOf(parsed, ["claims", index, field]), `${claimLabel(record, index)}.${field}`, rule, message);
  /**
   * The checks of one valid record against the reference data and its document. Returns the
   * canonical subject and period, or undefined when the subject is unknown (already reported).
   */
  const checkClaim = (parsed: Parsed, index: number, line: number | undefined, record: ClaimRecord, doc: SourceDocument | undefined): { subject_id: string; period: string | null } | undefined => {
    if (fixtureFiles[fixtureFiles.length - 1] !== parsed.file) fixtureFiles.push(parsed.file);
    seenIds.push(record.id);
    seenAt.push((fixtureFiles.length - 1) * LINES + (line ?? 0));
    seenIndex.push(index);
    seenIssue.push(out.issues.length);

    // A reference file that failed to load is reported once; claims are not checked against it
    // (otherwise every claim would repeat its failure).
    const subject_id = aliasToProvider.get(record.subject) ?? (entityIds.has(record.subject) ? record.subject : undefined);
    if (subject_id === undefined && providersFile && entities) add(parsed, index, line, record, "subject", "unknown-subject", msg.unknownSubject(record.subject));

    if (!sourceIds.has(record.attributed_to) && sourcesFile) add(parsed, index, line, record, "attributed_to", "unknown-source", msg.unknownSource(record.attributed_to, [...sourceIds]));

    const measure = measureById.get(record.measure);
    if (!measures) {
      /* measures.yaml failed: its own problems are reported */
    } else if (!measure) add(parsed, index, line, record, "measure", "unknown-measure", msg.unknownMeasure(record.measure, [...measureById.keys()]));
    else if (measure.kind === "qualitative") {
      if (record.value !== null || record.unit !== null || record.qualifier !== null) add(parsed, index, line, record, "value", "value-kind", msg.valueForbidden(record.measure));
      if (record.object === undefined) add(parsed, index, line, record, "object", "object-required", msg.objectRequired(record.measure));
    } else {
      if (record.value === null || record.unit === null || record.qualifier === null) add(parsed, index, line, record, "value", "value-kind", msg.valueRequired(record.measure));
      if (record.unit !== null && !measure.units.includes(record.unit)) add(parsed, index, line, record, "unit", "unknown-unit", msg.unitNotAllowed(record.unit, record.measure, measure.units));
      if (record.measure === "regions_share_in_geo" && record.object === undefined) add(parsed, index, line, record, "object", "object-required", msg.objectRequired(record.measure));
    }
    if (record.measure === "market_share") {
      if (record.market === undefined) add(parsed, index, line, record, "market", "market-required", msg.marketRequired());
      else if (!marketIds.has(record.market) && measures) add(parsed, index, line, record, "market", "unknown-market", msg.unknownMarket(record.market, [...marketIds]));
    }
    if (record.object !== undefined && !objectIds.has(record.object) && !countryMacro.has(record.object) && entities && geography) add(parsed, index, line, record, "object", "unknown-object", msg.unknownObject(record.object));

    if (record.value !== null && record.unit !== null && unitById.has(record.unit)) {
      const v = record.value;
      const { base_unit: base, factor } = unitById.get(record.unit)!;
      if (record.unit === "percent" && (v < 0 || v > 100)) add(parsed, index, line, record, "value", "value-range", msg.percentRange(v));
      else if (base === "fraction" && record.unit !== "percent" && (v < 0 || v > 1)) add(parsed, index, line, record, "value", "value-range", msg.fractionRange(v));
      else if (base === "count" && (v < 0 || !Number.isInteger(v))) add(parsed, index, line, record, "value", "value-range", msg.countInvalid(v));
      else if (base === "rank" && (v < 1 || !Number.isInteger(v))) add(parsed, index, line, record, "value", "value-range", msg.rankInvalid(v));
      else if (v < 0) add(parsed, index, line, record, "value", "value-range", msg.negativeValue(v));
      // Counts and ranks go to 32-bit integer columns; every value, in its base unit, must stay
      // exact in a double (no news figure comes near either bound).
      else if ((base === "count" || base === "rank") && v > MAX_COUNT) add(parsed, index, line, record, "value", "value-range", msg.valueTooLarge(v, MAX_COUNT, record.unit));
      else if (Math.abs(v * factor) > Number.MAX_SAFE_INTEGER) add(parsed, index, line, record, "value", "value-range", msg.valueTooLarge(v, Math.floor(Number.MAX_SAFE_INTEGER / factor), record.unit));
    }

    let period: string | null = null;
    if (record.period !== null) {
      let known = periods.get(record.period);
      if (known === undefined) {
        const parsedPeriod = parsePeriod(record.period);
        periods.set(record.period, (known = parsedPeriod === null ? null : intern(parsedPeriod)));
      }
      period = known;
      if (period === null) add(parsed, index, line, record, "period", "period", msg.badPeriod(record.period));
    }

    if (record.char_end <= record.char_start) add(parsed, index, line, record, "char_end", "quote-offsets", msg.badOffsets(record.char_start, record.char_end));
    else if (doc) {
      const found = sliceOf(doc)(record.char_start, record.char_end);
      if (found !== record.quote) add(parsed, index, line, record, "quote", "quote-offsets", msg.quoteMismatch(record.char_start, record.char_end, found, codePointOccurrences(doc.text, record.quote)));
    }

    return subject_id === undefined ? undefined : { subject_id, period };
  };

  for (const [file, text] of files) {
    if (!file.startsWith(d("fixtures") + path.sep)) continue;
    if (!/\.ya?ml$/.test(file) && !file.endsWith(".jsonl")) {
      out.add(file, undefined, "(file)", "not-a-fixture", msg.notAFixture());
      continue;
    }
    const parsed = file.endsWith(".jsonl") ? parseJsonl(file, text, out) : parseYaml(file, text, out);
    if (!parsed) continue;
    const fixture = validate(parsed, FixtureFile, parsed.value, [], "", out);
    // A bad document_id or an unknown top-level field must not hide the claims' own problems.
    const top = isRecord(parsed.value) ? parsed.value : {};
    const rawClaims = fixture?.claims ?? (Array.isArray(top["claims"]) ? (top["claims"] as unknown[]) : []);
    const documentId = fixture?.document_id ?? (typeof top["document_id"] === "string" ? top["document_id"] : undefined);
    const doc = documentId === undefined ? undefined : docById.get(documentId);
    // When a metadata file failed to validate, the document may be the one it describes: say no more.
    if (fixture && !doc && !metaFailed) out.add(file, lineOf(parsed, ["document_id"]), "document_id", "unknown-document", msg.unknownDocument(fixture.document_id, [...docById.keys()]));

    for (let index = 0; index < rawClaims.length; index++) {
      const raw = rawClaims[index];
      // The fast path takes a plain, valid record as it is; anything else goes through zod, which
      // words the messages (isPlainClaimRecord accepts nothing zod would reject or change).
      const record = isPlainClaimRecord(raw) ? raw : validate(parsed, ClaimRecord, raw, ["claims", index], claimLabel(raw, index), out);
      if (!record) continue;
      internFields(record);
      const line = lineOf(parsed, ["claims", index, "id"]);
      const claim = checkClaim(parsed, index, line, record, documentId === undefined ? undefined : doc);
      if (claim && documentId !== undefined) claims.push({ file, line, index, document_id: documentId, record, subject_id: claim.subject_id, period: claim.period });
    }
  }

  // --- duplicate ids ------------------------------------------------------------------------------
  // A record whose id an earlier record has: an issue at the record, naming where the id was first used.
  let sorted = true;
  for (let i = 1; i < seenIds.length && sorted; i++) sorted = seenIds[i - 1]! < seenIds[i]!;
  if (!sorted) {
    // Record numbers by id; the sort is stable, so the first of equal ids is the first one checked.
    const order = seenIds.map((_, i) => i).sort((i, j) => (seenIds[i]! < seenIds[j]! ? -1 : seenIds[i]! > seenIds[j]! ? 1 : 0));
    const fileOf = (k: number) => fixtureFiles[Math.floor(seenAt[k]! / LINES)]!;
    const lineOfSeen = (k: number) => seenAt[k]! % LINES || undefined;
    const duplicates: Array<{ k: number; first: number }> = [];
    for (let r = 1, first = order[0]!; r < order.length; r++) {
      const k = order[r]!;
      if (seenIds[k] === seenIds[first]) duplicates.push({ k, first });
      else first = k;
    }
    // Last first, so that each insertion leaves the positions still to come as they were.
    duplicates.sort((x, y) => seenIssue[y.k]! - seenIssue[x.k]! || y.k - x.k);
    for (const { k, first } of duplicates)
      out.insert(seenIssue[k]!, fileOf(k), lineOfSeen(k), `${claimLabel({ id: seenIds[k] }, seenIndex[k]!)}.id`, "duplicate-id", msg.duplicateId(seenIds[k]!, `${fileOf(first)}:${lineOfSeen(first) ?? "?"}`));
  }

  // --- shares per source, market and period must not exceed 100% ---------------------------------
  // The claims of a sum are kept only to name them in a message.
  type Sum = { source: string; market: string; period: string; total: number; claims: Claim[] };
  const sums = new ByThreeKeys<Sum>();
  const newSum = (source: string, market: string, period: string): Sum => ({ source, market, period, total: 0, claims: [] });
  for (const c of claims) {
    const r = c.record;
    if (r.measure !== "market_share" || r.value === null || r.market === undefined || c.period === null) continue;
    const s = sums.get(r.attributed_to, r.market, c.period, newSum);
    s.total += r.unit === "fraction" ? r.value * 100 : r.value;
    s.claims.push(c);
  }
  for (const s of sums.values) {
    if (s.total > 100 + 1e-9) {
      const first = s.claims[0]!;
      out.add(first.file, first.line, "claims (market_share)", "share-sum", msg.sharesAbove100(s.source, s.market, s.period, clean(s.total), s.claims.map((c) => c.record.id)));
    }
  }

  if (out.issues.length > 0 || !providersFile || !sourcesFile || !measures || !entities || !geography || !catalogMeta) throw new PipelineError("extract", out.issues);
  ctx.log(`extract: ${claims.length} claims from ${documents.length} document(s)`);
  return {
    documents,
    claims,
    providers: providersFile.providers,
    providersMeta: { as_of: providersFile.as_of, source: providersFile.source },
    sources: sourcesFile.sources,
    measures,
    entities,
    geography,
    countryMacro,
    catalog,
    catalogMeta,
  };
}
