/**
 * Cited figures (data/citations/*.yaml): each file, citation and fact validated as strictly as the
 * article's quotes are: the address is a web URL, the dates are real and in order, the period ended
 * by the time the page was published, the figure as printed reads as the value and unit recorded,
 * the subject, firm, market and geography are known, and one citation's shares of one whole sum to
 * at most 100%. Every problem is collected with its file, line, record and rule.
 */
import path from "node:path";
import { msg } from "../../messages.ts";
import { clean } from "../../numbers.ts";
import { parsePeriod, periodDates } from "../../periods.ts";
import { parsePrinted } from "../../printed.ts";
import type { Inputs } from "../../read/inputs.ts";
import type { Parsed } from "../../read/parsed.ts";
import { parseYaml } from "../../read/yaml.ts";
import {
  CitationFile,
  CitationRecord,
  CitedFactRecord,
  SeriesPreferences,
  type CitedFactRecord as FactRecord,
} from "../../schema/citations.ts";
import { isRecord, validate, type Issues } from "./issues.ts";
import type { Reference } from "./reference.ts";

/** One figure of one page, validated; `value` is as printed (percent, billions, millions). */
export interface CitedFact {
  fact_id: string;
  file: string;
  line: number | undefined;
  citation_id: string;
  firm: string;
  market: string;
  geography: string;
  url: string;
  publisher: string;
  title: string | null;
  published: string;
  published_evidence: string | null;
  date_read: string;
  /** A provider id, or null for the whole market. */
  provider_id: string | null;
  subject_as_printed: string;
  measure: FactRecord["measure"];
  period: string;
  period_start: string;
  period_end: string;
  period_as_printed: string;
  printed: string;
  value: number;
  unit: FactRecord["unit"];
  qualifier: FactRecord["qualifier"];
  locator: string;
  note: string;
}

export const PREFERENCES_FILE = "reference/series-preferences.yaml";
const MARKET_SUBJECT = "market";

/** The last day of a YYYY-MM or the day of a YYYY-MM-DD; null when it is no calendar date. */
function lastDayOf(published: string): string | null {
  const b = periodDates(published);
  if (!b) return null;
  const [y, m, d] = b.end.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? b.end : null;
}

function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".") && !/\s/.test(url);
  } catch {
    return false;
  }
}

/** The file's facts; problems go to `out`. */
function checkFile(file: string, parsed: Parsed, ref: Reference, out: Issues, facts: CitedFact[], citationIds: Map<string, string>): void {
  const head = validate(parsed, CitationFile, parsed.value, [], "", out);
  const top = isRecord(parsed.value) ? parsed.value : {};
  const rawCitations = head?.citations ?? (Array.isArray(top["citations"]) ? (top["citations"] as unknown[]) : []);
  const sourceIds = new Set((ref.sources?.sources ?? []).map((s) => s.source_id));
  const marketIds = new Set((ref.measures?.markets ?? []).map((m) => m.market_id));
  if (head && ref.measures && !marketIds.has(head.market))
    out.add(file, parsed.lineAt(["market"]), "market", "unknown-market", msg.unknownMarket(head.market, [...marketIds]));
  if (head && head.geography !== "world" && !ref.countryMacro.has(head.geography))
    out.add(file, parsed.lineAt(["geography"]), "geography", "unknown-country", msg.unknownCountry(head.geography));

  for (let ci = 0; ci < rawCitations.length; ci++) {
    const raw = rawCitations[ci];
    const label = `citations[${ci}]${isRecord(raw) && typeof raw["id"] === "string" ? ` (${raw["id"]})` : ""}`;
    const c = validate(parsed, CitationRecord, raw, ["citations", ci], label, out);
    if (!c || !head) continue;
    const at = (field: string) => parsed.lineAt(["citations", ci, field]);
    const add = (field: string, rule: string, message: string) => out.add(file, at(field), `${label}.${field}`, rule, message);
    const first = citationIds.get(c.id);
    if (first !== undefined) add("id", "duplicate-id", msg.duplicateCitation(c.id, first));
    else citationIds.set(c.id, `${file}:${at("id") ?? "?"}`);
    if (!isWebUrl(c.url)) add("url", "url", msg.badUrl(c.url));
    const firm = c.firm ?? head.firm;
    if (firm === undefined) add("firm", "firm-required", msg.firmRequired());
    else if (ref.sources && !sourceIds.has(firm)) add("firm", "unknown-source", msg.unknownSource(firm, [...sourceIds]));
    const read = c.read ?? head.read;
    const publishedEnd = lastDayOf(c.published);
    if (publishedEnd === null) add("published", "date", msg.badDate(c.published));
    if (lastDayOf(read) === null) add("read", "date", msg.badDate(read));
    else if (publishedEnd !== null && c.published.slice(0, read.length) > read)
      add("published", "date-order", msg.readBeforePublished(c.published, read));

    const shareTotal = new Map<string, { total: number; line: number | undefined }>();
    const factIds = new Set<string>();
    for (let fi = 0; fi < c.facts.length; fi++) {
      const keys = ["citations", ci, "facts", fi];
      const fLabel = `${label}.facts[${fi}]`;
      const f = validate(parsed, CitedFactRecord, c.facts[fi], keys, fLabel, out);
      if (!f) continue;
      const fAdd = (field: string, rule: string, message: string) =>
        out.add(file, parsed.lineAt([...keys, field]), `${fLabel}.${field}`, rule, message);
      // Subject: the whole market for a market size, a provider otherwise.
      let provider_id: string | null = null;
      if (f.measure === "market_size") {
        if (f.subject !== MARKET_SUBJECT) fAdd("subject", "market-subject", msg.marketSizeSubject(f.subject));
      } else {
        provider_id = ref.aliasToProvider.get(f.subject) ?? null;
        if (provider_id === null && ref.providers)
          fAdd("subject", "unknown-provider", msg.unknownProvider(f.subject, [...new Set(ref.aliasToProvider.values())]));
      }
      // Period: readable, and over by the time the page was published.
      const period = parsePeriod(f.period);
      const bounds = period === null ? null : periodDates(period);
      if (period === null || bounds === null) fAdd("period", "period", msg.badPeriod(f.period));
      else if (publishedEnd !== null && bounds.end > publishedEnd)
        fAdd("period", "period-after-publication", msg.periodAfterPublication(period, bounds.end, c.published));
      // The figure as printed reads as the value and unit recorded.
      const figure = parsePrinted(f.printed);
      if (figure === null) fAdd("printed", "printed", msg.printedUnreadable(f.printed));
      else if (clean(figure.value) !== clean(f.value)) fAdd("value", "printed-value", msg.printedValue(f.printed, figure.value, f.value));
      else if (figure.unit !== null && figure.unit !== f.unit)
        fAdd("unit", "printed-unit", msg.printedUnit(f.printed, figure.unit, f.unit));
      const unitOk = f.measure === "market_share" ? f.unit === "percent" : f.unit !== "percent";
      if (!unitOk) fAdd("unit", "unit-measure", msg.citedUnit(f.unit, f.measure));
      if (f.unit === "percent" && (f.value < 0 || f.value > 100)) fAdd("value", "value-range", msg.percentRange(f.value));
      else if (f.value < 0) fAdd("value", "value-range", msg.negativeValue(f.value));
      if (period === null || bounds === null || firm === undefined || (provider_id === null && f.measure !== "market_size")) continue;
      const fact_id = `${c.id}:${provider_id ?? MARKET_SUBJECT}:${f.measure}:${period}`;
      if (factIds.has(fact_id)) {
        fAdd("subject", "duplicate-fact", msg.duplicateCitedFact(f.subject, f.measure, period));
        continue;
      }
      factIds.add(fact_id);
      if (f.measure === "market_share") {
        const s = shareTotal.get(period) ?? { total: 0, line: parsed.lineAt([...keys, "value"]) };
        s.total = clean(s.total + f.value);
        shareTotal.set(period, s);
      }
      facts.push({
        fact_id,
        file,
        line: parsed.lineAt(keys),
        citation_id: c.id,
        firm,
        market: head.market,
        geography: head.geography,
        url: c.url,
        publisher: c.publisher,
        title: c.title,
        published: c.published,
        published_evidence: c.published_evidence ?? null,
        date_read: read,
        provider_id,
        subject_as_printed: f.subject,
        measure: f.measure,
        period,
        period_start: bounds.start,
        period_end: bounds.end,
        period_as_printed: f.period,
        printed: f.printed,
        value: f.value,
        unit: f.unit,
        qualifier: f.qualifier,
        locator: f.locator,
        note: f.note,
      });
    }
    for (const [period, s] of shareTotal)
      if (s.total > 100 + 1e-9) out.add(file, s.line, `${label}.facts`, "share-sum", msg.citedSharesAbove100(c.id, period, s.total));
  }
}

/** Every citation file's facts, in file order. */
export function checkCitations(inputs: Inputs, ref: Reference, out: Issues): CitedFact[] {
  const folder = path.join(inputs.dataDir, "citations") + path.sep;
  const facts: CitedFact[] = [];
  const citationIds = new Map<string, string>();
  for (const [file, text] of inputs.files) {
    if (!file.startsWith(folder)) continue;
    if (!/\.ya?ml$/.test(file)) {
      out.add(file, undefined, "(file)", "not-a-citation-file", msg.notACitationFile());
      continue;
    }
    const { parsed, issues } = parseYaml(file, text);
    out.addAll(issues);
    if (parsed) checkFile(file, parsed, ref, out, facts, citationIds);
  }
  return facts;
}

/** The reconciliation rule; undefined (with its problems reported) when it is missing or invalid. */
export function checkPreferences(inputs: Inputs, ref: Reference, out: Issues): SeriesPreferences | undefined {
  const file = path.join(inputs.dataDir, PREFERENCES_FILE);
  const text = inputs.files.get(file);
  if (text === undefined) {
    out.add(file, undefined, "(file)", "missing-file", msg.missingFile("reconciliation rule for the cited series"));
    return undefined;
  }
  const { parsed, issues } = parseYaml(file, text);
  out.addAll(issues);
  if (!parsed) return undefined;
  const prefs = validate(parsed, SeriesPreferences, parsed.value, [], "", out);
  const sourceIds = new Set((ref.sources?.sources ?? []).map((s) => s.source_id));
  prefs?.rules.forEach((r, i) => {
    if (ref.sources && !sourceIds.has(r.firm))
      out.add(file, parsed.lineAt(["rules", i, "firm"]), `rules[${i}].firm`, "unknown-source", msg.unknownSource(r.firm, [...sourceIds]));
  });
  return prefs;
}
