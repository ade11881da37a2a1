/**
 * The fixtures (data/fixtures/): each claim record validated against ClaimRecord, then against the
 * reference data and the document it quotes. Every problem is collected; valid claims come back with
 * their canonical subject and period.
 */
import path from "node:path";
import { msg } from "../../messages.ts";
import { parsePeriod } from "../../periods.ts";
import type { Inputs } from "../../read/inputs.ts";
import { parseJsonl } from "../../read/jsonl.ts";
import type { Parsed } from "../../read/parsed.ts";
import { parseYaml } from "../../read/yaml.ts";
import { ClaimRecord, FixtureFile, VALUED_KINDS, type MeasuresFile, type SourceRef } from "../../schema/inputs.ts";
import { isPlainClaimRecord } from "./claim-record.ts";
import { codePointOccurrences, codePointSlicer } from "../../text.ts";
import { Interner } from "../intern.ts";
import type { SourceDocument } from "./documents.ts";
import { claimLabel, isRecord, validate, type Issues } from "./issues.ts";
import { MEASURE_NEEDS } from "./measure-rules.ts";
import type { Reference } from "./reference.ts";

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

/** The largest count or rank: the integer columns of the tables are 32-bit. */
const MAX_COUNT = 2 ** 31 - 1;

/** What the claims are checked against: the reference data's ids, and which reference files loaded. */
class Known {
  readonly entityIds: ReadonlySet<string>;
  readonly objectIds: ReadonlySet<string>;
  readonly measureById: ReadonlyMap<string, MeasuresFile["measures"][number]>;
  readonly unitById: ReadonlyMap<string, MeasuresFile["units"][number]>;
  readonly marketIds: ReadonlySet<string>;
  readonly sourceIds: ReadonlySet<string>;
  readonly sourceById: ReadonlyMap<string, SourceRef>;
  constructor(readonly ref: Reference) {
    this.entityIds = new Set((ref.entities?.entities ?? []).map((e) => e.entity_id));
    this.objectIds = new Set([
      ...(ref.entities?.geographies ?? []).map((g) => g.geo_id),
      ...(ref.entities?.sectors ?? []).map((s) => s.sector_id),
      ...this.entityIds,
    ]);
    this.measureById = new Map((ref.measures?.measures ?? []).map((m) => [m.measure_id, m]));
    this.unitById = new Map((ref.measures?.units ?? []).map((u) => [u.unit_id, u]));
    this.marketIds = new Set((ref.measures?.markets ?? []).map((m) => m.market_id));
    this.sourceById = new Map((ref.sources?.sources ?? []).map((s) => [s.source_id, s]));
    this.sourceIds = new Set(this.sourceById.keys());
  }
}

/** Where a claim is, for its messages. */
interface At {
  parsed: Parsed;
  index: number;
  line: number | undefined;
  record: ClaimRecord;
}

/** A problem with one field of a valid claim record, at the field's line. */
function addAt(out: Issues, at: At, field: string, rule: string, message: string): void {
  const line = field === "id" ? at.line : at.parsed.lineAt(["claims", at.index, field]);
  out.add(at.parsed.file, line, `${claimLabel(at.record, at.index)}.${field}`, rule, message);
}

/** The subject, source, measure, market and object against the reference data. */
function checkReferences(known: Known, at: At, out: Issues): string | undefined {
  const { ref } = known;
  const r = at.record;
  // A reference file that failed to load is reported once; claims are not checked against it
  // (otherwise every claim would repeat its failure).
  const subject_id = ref.aliasToProvider.get(r.subject) ?? (known.entityIds.has(r.subject) ? r.subject : undefined);
  if (subject_id === undefined && ref.providers && ref.entities)
    addAt(out, at, "subject", "unknown-subject", msg.unknownSubject(r.subject));
  if (!known.sourceIds.has(r.attributed_to) && ref.sources)
    addAt(out, at, "attributed_to", "unknown-source", msg.unknownSource(r.attributed_to, [...known.sourceIds]));
  if (!known.sourceIds.has(r.speaker) && ref.sources)
    addAt(out, at, "speaker", "unknown-source", msg.unknownSource(r.speaker, [...known.sourceIds]));

  const measure = known.measureById.get(r.measure);
  const needs = MEASURE_NEEDS.get(r.measure) ?? {};
  if (!ref.measures) {
    /* measures.yaml failed: its own problems are reported */
  } else if (!measure) addAt(out, at, "measure", "unknown-measure", msg.unknownMeasure(r.measure, [...known.measureById.keys()]));
  else {
    if (measure.kind === "qualitative") {
      if (r.value !== null || r.unit !== null || r.qualifier !== null) addAt(out, at, "value", "value-kind", msg.valueForbidden(r.measure));
    } else {
      if (r.value === null || r.unit === null || r.qualifier === null) addAt(out, at, "value", "value-kind", msg.valueRequired(r.measure));
      if (r.unit !== null && !measure.units.includes(r.unit))
        addAt(out, at, "unit", "unknown-unit", msg.unitNotAllowed(r.unit, r.measure, measure.units));
    }
    checkKind(known, at, measure.kind, out);
    if (needs.object && r.object === undefined) addAt(out, at, "object", "object-required", msg.objectRequired(r.measure));
  }
  if (needs.market) {
    if (r.market === undefined) addAt(out, at, "market", "market-required", msg.marketRequired());
    else if (!known.marketIds.has(r.market) && ref.measures)
      addAt(out, at, "market", "unknown-market", msg.unknownMarket(r.market, [...known.marketIds]));
  }
  if (r.object !== undefined && !known.objectIds.has(r.object) && !ref.countryMacro.has(r.object) && ref.entities && ref.geography)
    addAt(out, at, "object", "unknown-object", msg.unknownObject(r.object));
  return subject_id;
}

/**
 * The claim's kind against its measure and speaker: figures and rankings, and only they, have a
 * quantitative measure (a ranking's unit counts in ranks, a figure's does not); a judgement is the
 * article's own evaluation (its speaker is a publisher), an opinion someone else's.
 */
function checkKind(known: Known, at: At, measureKind: "quantitative" | "qualitative", out: Issues): void {
  const r = at.record;
  const valued = VALUED_KINDS.includes(r.kind);
  if (valued !== (measureKind === "quantitative")) addAt(out, at, "kind", "claim-kind", msg.kindForMeasure(r.kind, r.measure, measureKind));
  else if (valued && r.unit !== null) {
    const isRank = known.unitById.get(r.unit)?.base_unit === "rank";
    if (isRank !== (r.kind === "ranking")) addAt(out, at, "kind", "claim-kind", msg.kindForUnit(r.kind, r.unit));
  }
  const speakerKind = known.sourceById.get(r.speaker)?.kind;
  if (
    speakerKind !== undefined &&
    (r.kind === "judgement" || r.kind === "opinion") &&
    (speakerKind === "publisher") !== (r.kind === "judgement")
  )
    addAt(out, at, "kind", "claim-kind", msg.kindForSpeaker(r.kind, r.speaker, speakerKind));
}

/** The value against its unit's base unit: percent and fraction ranges, whole counts and ranks, sizes a double holds exactly. */
function checkValue(known: Known, at: At, out: Issues): void {
  const r = at.record;
  const unit = r.unit === null ? undefined : known.unitById.get(r.unit);
  if (r.value === null || r.unit === null || !unit) return;
  const v = r.value;
  const { base_unit: base, factor } = unit;
  if (r.unit === "percent" && (v < 0 || v > 100)) addAt(out, at, "value", "value-range", msg.percentRange(v));
  else if (base === "fraction" && r.unit !== "percent" && (v < 0 || v > 1)) addAt(out, at, "value", "value-range", msg.fractionRange(v));
  else if (base === "count" && (v < 0 || !Number.isInteger(v))) addAt(out, at, "value", "value-range", msg.countInvalid(v));
  else if (base === "rank" && (v < 1 || !Number.isInteger(v))) addAt(out, at, "value", "value-range", msg.rankInvalid(v));
  else if (v < 0) addAt(out, at, "value", "value-range", msg.negativeValue(v));
  // Counts and ranks go to 32-bit integer columns; every value, in its base unit, must stay
  // exact in a double (no news figure comes near either bound).
  else if ((base === "count" || base === "rank") && v > MAX_COUNT)
    addAt(out, at, "value", "value-range", msg.valueTooLarge(v, MAX_COUNT, r.unit));
  else if (Math.abs(v * factor) > Number.MAX_SAFE_INTEGER)
    addAt(out, at, "value", "value-range", msg.valueTooLarge(v, Math.floor(Number.MAX_SAFE_INTEGER / factor), r.unit));
}

/** The quote against the document's text at its code-point offsets. */
function checkQuote(at: At, doc: { text: string; slice: (start: number, end: number) => string } | undefined, out: Issues): void {
  const r = at.record;
  if (r.char_end <= r.char_start) addAt(out, at, "char_end", "quote-offsets", msg.badOffsets(r.char_start, r.char_end));
  else if (doc) {
    const found = doc.slice(r.char_start, r.char_end);
    if (found !== r.quote)
      addAt(out, at, "quote", "quote-offsets", msg.quoteMismatch(r.char_start, r.char_end, found, codePointOccurrences(doc.text, r.quote)));
  }
}

/**
 * The record with one string per distinct value in the fields that repeat across claims. zod gives
 * each claim its own object (this one may be changed), but its texts are the parser's, one copy per
 * claim; the claims and then the facts keep them until the export.
 */
function shareTexts(r: ClaimRecord, text: Interner): ClaimRecord {
  r.subject = text.of(r.subject);
  r.measure = text.of(r.measure);
  r.attributed_to = text.of(r.attributed_to);
  r.kind = text.of(r.kind) as ClaimRecord["kind"];
  r.speaker = text.of(r.speaker);
  r.unit = text.maybe(r.unit);
  r.qualifier = text.maybe(r.qualifier);
  r.period = text.maybe(r.period);
  if (r.market !== undefined) r.market = text.of(r.market);
  if (r.object !== undefined) r.object = text.of(r.object);
  return r;
}

/** Every fixture's claims; `documents` are the valid documents, `metaFailed` whether one failed. */
export function checkClaims(
  inputs: Inputs,
  ref: Reference,
  documents: readonly SourceDocument[],
  metaFailed: boolean,
  out: Issues,
  /** Filled in: the documents some fixture has claim records for, and whether a fixture could not be read (then any document may be quoted). */
  seen: { documents: Set<string>; unreadable: boolean } = { documents: new Set(), unreadable: false },
): Claim[] {
  const known = new Known(ref);
  const shared = new Interner();
  const docById = new Map(documents.map((doc) => [doc.meta.document_id, doc]));
  /** Where each id was first used: a later record with the same id is reported at its own line. */
  const firstUse = new Map<string, string>();
  const claims: Claim[] = [];
  const fixtures = path.join(inputs.dataDir, "fixtures") + path.sep;
  for (const [file, text] of inputs.files) {
    if (!file.startsWith(fixtures)) continue;
    if (!/\.ya?ml$/.test(file) && !file.endsWith(".jsonl")) {
      out.add(file, undefined, "(file)", "not-a-fixture", msg.notAFixture());
      continue;
    }
    const { parsed, issues } = file.endsWith(".jsonl") ? parseJsonl(file, text) : parseYaml(file, text);
    out.addAll(issues);
    if (!parsed) {
      seen.unreadable = true;
      continue;
    }
    const fixture = validate(parsed, FixtureFile, parsed.value, [], "", out);
    // A bad document_id or an unknown top-level field must not hide the claims' own problems.
    const top = isRecord(parsed.value) ? parsed.value : {};
    const rawClaims = fixture?.claims ?? (Array.isArray(top["claims"]) ? (top["claims"] as unknown[]) : []);
    const documentId = fixture?.document_id ?? (typeof top["document_id"] === "string" ? top["document_id"] : undefined);
    const doc = documentId === undefined ? undefined : docById.get(documentId);
    if (documentId === undefined) seen.unreadable = true;
    else if (rawClaims.length > 0) seen.documents.add(documentId);
    // When a metadata file failed to validate, the document may be the one it describes: say no more.
    if (fixture && !doc && !metaFailed)
      out.add(
        file,
        parsed.lineAt(["document_id"]),
        "document_id",
        "unknown-document",
        msg.unknownDocument(fixture.document_id, [...docById.keys()]),
      );
    // A fixture quotes one document: its claims share one slicer of its text.
    const quoted = doc && { text: doc.text, slice: codePointSlicer(doc.text) };

    for (let index = 0; index < rawClaims.length; index++) {
      const raw = rawClaims[index];
      // The fast path takes the plain records (a copy: zod's result is a copy too); zod the rest.
      const valid = isPlainClaimRecord(raw)
        ? { ...raw }
        : validate(parsed, ClaimRecord, raw, ["claims", index], claimLabel(raw, index), out);
      if (!valid) continue;
      const record = shareTexts(valid, shared);
      const line = parsed.lineAt(["claims", index, "id"]);
      const at: At = { parsed, index, line, record };
      const first = firstUse.get(record.id);
      if (first !== undefined) addAt(out, at, "id", "duplicate-id", msg.duplicateId(record.id, first));
      else firstUse.set(record.id, `${file}:${line ?? "?"}`);

      const subject_id = checkReferences(known, at, out);
      checkValue(known, at, out);
      const period = record.period === null ? null : shared.maybe(parsePeriod(record.period));
      if (record.period !== null && period === null) addAt(out, at, "period", "period", msg.badPeriod(record.period));
      checkQuote(at, quoted, out);
      if (subject_id !== undefined && documentId !== undefined)
        claims.push({ file, line, index, document_id: documentId, record, subject_id, period });
    }
  }
  return claims;
}
