/**
 * Report: tables + charts + the run's inputs → output/report.html, one self-contained page for
 * people who will not open a notebook.
 *
 *   1. headline   numbers computed from the tables: the firms' gap per provider, the US-led vs
 *                 China-led split per source, who is present in each battleground
 *   2. charts     every chart: the static SVG inline, replaced by an interactive vega-embed view
 *                 (tooltips) when scripts run; the SVG stays for print and for scripts off
 *   3. checks     the claims check (one row per claim, one column per definition) and the
 *                 data-quality findings
 *   4. tables     every output table, sortable, with links to tables/<name>.csv and .parquet
 *   5. facts      the provenance panel: every fact with its quote, source, offsets and context;
 *                 every figure above links to its facts (`#fact-<id>`; a dialog when scripts run)
 *   6. run        as-of dates, the input files with their SHA-256, the bundled libraries
 *
 * `renderReport` is pure: the same input gives the same bytes (no clock, stable ordering). The
 * read edge is `loadReportAssets` (the vega, vega-lite and vega-embed browser bundles from
 * node_modules), which the run step calls and passes in. The page makes no network request: the
 * bundles are inlined, there are no external fonts or styles, vega-embed's actions menu (links to
 * the online editor) is off, and a Content-Security-Policy forbids every fetch.
 *
 * Everything that comes from data is escaped (`esc`); JSON inside <script> has every `<` written
 * as `\u003c`, so no `</script>` or `<!--` can end or bend the script element.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { geoLabel, PROVIDER_LABELS } from "../../notebooks/lib/charts.ts";
import { columnsOf, type Column } from "../schema/columns.ts";
import { REGION_SCOPES, TABLES, type Row, type TableDef, type TableName } from "../schema/tables.ts";
import type { CatalogMeta } from "../schema/inputs.ts";
import type { SkippedChart } from "./charts.ts";
import type { EnrichedTables } from "./enrich.ts";
import { sortRows } from "../schema/order.ts";
import type { Extracted, Inputs } from "./extract.ts";

// --- Input -----------------------------------------------------------------------------------------

/** The browser bundles, inlined into the page, and their versions. */
export interface ReportAssets {
  libraries: ReadonlyArray<{ name: string; version: string; file: string; text: string }>;
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
 * and every table row, which is what makes it useful for an article or a few quarters; at 10⁴
 * synthetic facts it was 88 MB of HTML (a browser struggles well before that). Above the limit the
 * pipeline writes the tables, the data package and the charts it can draw, and says that it left
 * the report out; the notebooks are the way into data of that size.
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
  /** Charts not drawn because their data is over the chart budget (stages/charts.ts). */
  skippedCharts?: readonly SkippedChart[];
}

const BUNDLES = [
  { name: "vega", file: "build/vega.min.js" },
  { name: "vega-lite", file: "build/vega-lite.min.js" },
  { name: "vega-embed", file: "build/vega-embed.min.js" },
] as const;

/** The read edge: the browser bundles of vega, vega-lite and vega-embed from node_modules. */
export function loadReportAssets(): ReportAssets {
  const require = createRequire(import.meta.url);
  const libraries = BUNDLES.map(({ name, file }) => {
    // vega-embed's "exports" hide its files; its CommonJS entry sits in build/ beside the bundle.
    const dir = path.resolve(path.dirname(require.resolve(name)), "..");
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
    return { name, version: pkg.version, file, text: readFileSync(path.join(dir, file), "utf8") };
  });
  return { libraries };
}

/** The charts of renderCharts' file map (charts/<name>.vl.json + .svg), in its order. */
export function chartsFromFiles(files: ReadonlyMap<string, string | Uint8Array>): ReportChart[] {
  const out: ReportChart[] = [];
  for (const [rel, content] of files) {
    const m = /^charts\/(.+)\.vl\.json$/.exec(rel);
    if (!m || typeof content !== "string") continue;
    const name = m[1] as string;
    const svg = files.get(`charts/${name}.svg`);
    if (typeof svg !== "string") throw new Error(`report: chart ${name} has a spec but no SVG`);
    out.push({ name, spec: JSON.parse(content) as Record<string, unknown>, svg });
  }
  return out;
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The documents' texts, every input file's hash, and the as-of dates, from extract's input and output. */
export function reportContext(inputs: Inputs, extracted: Omit<Extracted, "claims">): Pick<ReportInput, "documents" | "inputs" | "asOf" | "catalog"> {
  const files = [...inputs.files.entries()]
    .map(([key, text]) => ({ file: path.relative(inputs.dataDir, key).split(path.sep).join("/"), bytes: Buffer.byteLength(text, "utf8"), sha256: sha256(text) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const asOf: AsOf[] = [
    { what: "Providers (reference/providers.yaml)", as_of: extracted.providersMeta.as_of, detail: extracted.providersMeta.source },
    { what: "Measures and markets (reference/measures.yaml)", as_of: extracted.measures.as_of, detail: "Definitions of the measures, units and the research firms' markets" },
  ];
  return { documents: extracted.documents.map((d) => ({ document_id: d.meta.document_id, text: d.text })), inputs: files, asOf, catalog: extracted.catalogMeta };
}

// --- Escaping and formatting -------------------------------------------------------------------------

const ESC: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text or attribute value from data → HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** JSON for a <script type="application/json"> element: `<` (so `</script>`, `<!--`) and the JS line separators escaped. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A bundle's text inside <script>: no source-map comment (no request for the map), no `</script`. */
function scriptText(js: string): string {
  return js.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n").replace(/<\/(script)/gi, "<\\/$1");
}

/** A fact id → the HTML id of its provenance entry (ids are slugs; anything else is hex-escaped). */
export function factAnchor(factId: string): string {
  return `fact-${factId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)?.toString(16) ?? ""}_`)}`;
}

const splitIds = (ids: string | null | undefined): string[] => (ids ? ids.split(";").filter((s) => s.length > 0) : []);

/** 0.377 → "37.7%", 0.3 → "30%". */
export function fmtPct(x: number): string {
  return `${(x * 100).toFixed(1).replace(/\.0$/, "")}%`;
}
/** 7.7 → "+7.7", -4 → "−4.0" (percentage points). */
export function fmtPp(x: number): string {
  const s = Math.abs(x).toFixed(1);
  return x > 0 ? `+${s}` : x < 0 ? `\u2212${s}` : s;
}
/** A table cell's number: at most 4 decimals (the files hold the full value). */
function fmtNum(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(4)));
}
function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A figure linked to the facts it comes from: an anchor to the first; the script opens all of them. */
function fig(text: string, factIds: readonly string[], label?: string): string {
  const ids = factIds.filter((id, i) => factIds.indexOf(id) === i);
  if (ids.length === 0) return esc(text);
  const title = ids.length === 1 ? `Source: fact ${ids[0]}` : `Source: ${ids.length} facts`;
  return `<a class="fig" href="#${esc(factAnchor(ids[0] as string))}" data-facts="${esc(ids.map(factAnchor).join(" "))}"${label ? ` data-label="${esc(label)}"` : ""} title="${esc(title)}">${esc(text)}</a>`;
}

/** Code points [start, end) of `chars` with up to `around` code points of context each side, at word boundaries. */
function quoteContext(chars: readonly string[], start: number, end: number, around = 90): { before: string; quote: string; after: string } {
  let from = Math.max(0, start - around);
  let to = Math.min(chars.length, end + around);
  while (from > 0 && from < start && !/\s/.test(chars[from - 1] ?? " ")) from++;
  while (to < chars.length && to > end && !/\s/.test(chars[to] ?? " ")) to--;
  const flat = (s: string) => s.replace(/\s+/g, " ");
  return {
    before: (from > 0 ? "…" : "") + flat(chars.slice(from, start).join("")).trimStart(),
    quote: chars.slice(start, end).join(""),
    after: flat(chars.slice(end, to).join("")).trimEnd() + (to < chars.length ? "…" : ""),
  };
}

// --- Lookups ---------------------------------------------------------------------------------------

interface Lookups {
  provider: (id: string) => string;
  source: (id: string) => string;
  market: (id: string) => string;
  blocOf: (providerId: string) => string | undefined;
}

function lookups(t: EnrichedTables): Lookups {
  const providers = new Map(t.providers.map((p) => [p.provider_id, p]));
  const sources = new Map(t.sources.map((s) => [s.source_id, s.source_name]));
  const markets = new Map(t.markets.map((m) => [m.market_id, m.market_name]));
  return {
    // The charts' short labels (AWS, Azure), so that the page and its charts name providers alike.
    provider: (id) => PROVIDER_LABELS[id] ?? providers.get(id)?.provider_name ?? id,
    source: (id) => sources.get(id) ?? id,
    market: (id) => markets.get(id) ?? id,
    blocOf: (id) => providers.get(id)?.bloc,
  };
}

const BLOC_NAMES: Readonly<Record<string, string>> = { us_led: "US-led", china_led: "China-led" };
const VERDICT_ORDER = ["inconsistent", "depends_on_definition", "consistent", "not_verifiable"] as const;
const VERDICT_TEXT: Readonly<Record<string, string>> = {
  consistent: "holds under all",
  depends_on_definition: "depends on definition",
  inconsistent: "holds under none",
  not_verifiable: "not verifiable",
};
const SCOPE_TEXT: Readonly<Record<string, string>> = {
  general: "general",
  public: "public",
  non_government: "non-government",
  all: "all",
  provider_list: "provider's list",
};

// --- 1. Headline -----------------------------------------------------------------------------------

function shareFact(t: EnrichedTables, source: string, period: string, provider: string): string[] {
  const row = t.market_share.find((r) => r.source_id === source && r.period === period && r.provider_id === provider);
  return row ? [row.fact_id] : [];
}

function headline(t: EnrichedTables, L: Lookups, catalogAsOf: string): string {
  const out: string[] = [];
  const bullets: string[] = [];

  // The research firms' gap per provider, one table per pair of series.
  // In source_a's rank order (the market's order), ties and unranked rows by provider id.
  const cross = [...sortRows(TABLES.share_comparison, t.share_comparison.filter((r) => r.comparison === "cross_source"))].sort((a, b) => (a.rank_a ?? Infinity) - (b.rank_a ?? Infinity));
  const pairs = new Map<string, Array<Row<"share_comparison">>>();
  for (const r of cross) {
    const key = [r.source_a, r.market_a, r.period_a, r.source_b, r.market_b, r.period_b].join("\u0000");
    pairs.set(key, [...(pairs.get(key) ?? []), r]);
  }
  const pairTables: string[] = [];
  for (const rows of pairs.values()) {
    const first = rows[0] as Row<"share_comparison">;
    const both = rows.filter((r): r is typeof r & { delta_pp: number; share_a: number; share_b: number } => r.delta_pp !== null && r.share_a !== null && r.share_b !== null);
    const seriesA = `${L.source(first.source_a)} (${L.market(first.market_a)}, ${first.period_a})`;
    const seriesB = `${L.source(first.source_b)} (${L.market(first.market_b)}, ${first.period_b})`;
    const headA = `${esc(L.source(first.source_a))}<span class="sub">${esc(L.market(first.market_a))}, ${esc(first.period_a)}</span>`;
    const headB = `${esc(L.source(first.source_b))}<span class="sub">${esc(L.market(first.market_b))}, ${esc(first.period_b)}</span>`;
    if (both.length > 0) {
      const widest = both.reduce((m, r) => (Math.abs(r.delta_pp) > Math.abs(m.delta_pp) ? r : m));
      const narrowest = both.reduce((m, r) => (Math.abs(r.delta_pp) < Math.abs(m.delta_pp) ? r : m));
      const factsOf = (r: Row<"share_comparison">) => [...shareFact(t, r.source_a, r.period_a, r.provider_id), ...shareFact(t, r.source_b, r.period_b, r.provider_id)];
      bullets.push(
        `<li><strong>The research firms are ${esc(fmtPp(Math.abs(narrowest.delta_pp)).replace(/^\+/, ""))} to ${esc(fmtPp(Math.abs(widest.delta_pp)).replace(/^\+/, ""))} points apart</strong> on the ${plural(both.length, "provider")} both name. ` +
          `${esc(seriesA)} and ${esc(seriesB)} ${first.same_market ? "measure the same market" : "measure different markets over different periods"}; ` +
          `the widest gap is for ${esc(L.provider(widest.provider_id))}: ${fig(fmtPct(widest.share_a), shareFact(t, widest.source_a, widest.period_a, widest.provider_id))} against ${fig(fmtPct(widest.share_b), shareFact(t, widest.source_b, widest.period_b, widest.provider_id))} ` +
          `(${fig(`${fmtPp(widest.delta_pp)} points`, factsOf(widest))}).</li>`,
      );
    }
    const body = rows
      .map((r) => {
        const a = r.share_a === null ? "not named" : fig(fmtPct(r.share_a), shareFact(t, r.source_a, r.period_a, r.provider_id), `${L.provider(r.provider_id)}, ${L.source(r.source_a)}`);
        const b = r.share_b === null ? "not named" : fig(fmtPct(r.share_b), shareFact(t, r.source_b, r.period_b, r.provider_id), `${L.provider(r.provider_id)}, ${L.source(r.source_b)}`);
        const gap = r.delta_pp === null ? "–" : fig(fmtPp(r.delta_pp), [...shareFact(t, r.source_a, r.period_a, r.provider_id), ...shareFact(t, r.source_b, r.period_b, r.provider_id)], `${L.provider(r.provider_id)}: the gap`);
        return `<tr><th scope="row">${esc(L.provider(r.provider_id))}</th><td class="nowrap">${esc(BLOC_NAMES[L.blocOf(r.provider_id) ?? ""] ?? "")}</td><td class="num">${a}</td><td class="num">${b}</td><td class="num">${gap}</td></tr>`;
      })
      .join("\n");
    pairTables.push(
      `<div class="table-wrap" tabindex="0" role="region" aria-label="Market share per research firm">` +
        `<table class="headline-table" id="headline-shares"><caption>Market share per provider: ${esc(L.source(first.source_a))} against ${esc(L.source(first.source_b))}</caption>` +
        `<thead><tr><th scope="col">Provider</th><th scope="col">Bloc</th><th scope="col" class="num">${headA}</th><th scope="col" class="num">${headB}</th><th scope="col" class="num">Gap<span class="sub">points, ${esc(L.source(first.source_b))} − ${esc(L.source(first.source_a))}</span></th></tr></thead>` +
        `<tbody>\n${body}\n</tbody></table></div>`,
    );
  }

  // The US-led vs China-led split under each source.
  const conc = sortRows(TABLES.concentration, t.concentration);
  if (conc.length > 0) {
    const parts = conc.map((c) => {
      const ids = splitIds(c.fact_ids);
      return `under ${esc(L.source(c.source_id))} (${esc(c.period)}) the US-led providers it names hold ${fig(fmtPct(c.us_led_share), ids, `US-led, ${L.source(c.source_id)}`)} of the market and the China-led ${fig(fmtPct(c.china_led_share), ids, `China-led, ${L.source(c.source_id)}`)}`;
    });
    const lead = conc.every((c) => c.us_led_share > c.china_led_share) ? "The US-led providers lead under every source:" : conc.every((c) => c.us_led_share < c.china_led_share) ? "The China-led providers lead under every source:" : "The sources disagree on which bloc leads:";
    bullets.push(`<li><strong>${lead}</strong> ${listText(parts)}. The rest of each market (${listText(conc.map((c) => `${fmtPct(c.others)} for ${esc(L.source(c.source_id))}`))}) is not attributed to anyone.</li>`);
  }
  const concTable =
    `<div class="table-wrap" tabindex="0" role="region" aria-label="US-led vs China-led per source">` +
    `<table class="headline-table" id="headline-blocs"><caption>US-led vs China-led share, per source (sums of the providers each source names)</caption>` +
    `<thead><tr><th scope="col">Source</th><th scope="col">Market</th><th scope="col">Period</th><th scope="col" class="num">US-led</th><th scope="col" class="num">China-led</th><th scope="col" class="num">Named in all</th><th scope="col" class="num">Not named</th></tr></thead><tbody>\n` +
    conc
      .map((c) => {
        const ids = splitIds(c.fact_ids);
        return `<tr><th scope="row">${esc(L.source(c.source_id))}</th><td>${esc(L.market(c.market))}</td><td>${esc(c.period)}</td><td class="num">${fig(fmtPct(c.us_led_share), ids, `US-led, ${L.source(c.source_id)}`)}</td><td class="num">${fig(fmtPct(c.china_led_share), ids, `China-led, ${L.source(c.source_id)}`)}</td><td class="num">${fig(fmtPct(c.named_total), ids, `Named providers, ${L.source(c.source_id)}`)}</td><td class="num">${esc(fmtPct(c.others))}</td></tr>`;
      })
      .join("\n") +
    `\n</tbody></table></div>`;

  // Who is present in each battleground.
  const battle = sortRows(TABLES.bloc_presence, t.bloc_presence.filter((b) => b.battleground));
  const present = (geo: string, bloc: string): string => {
    const rows = sortRows(TABLES.regional_breakdown, t.regional_breakdown.filter((r) => r.macro_geo === geo && r.bloc === bloc && r.regions > 0));
    return rows.length === 0 ? "none" : rows.map((r) => `${esc(L.provider(r.provider_id))} (${r.regions})`).join(", ");
  };
  if (battle.length > 0) {
    const both = battle.filter((b) => b.us_led_provider_count > 0 && b.china_led_provider_count > 0);
    const shares = battle.map((b) => b.china_led_share_of_regions).filter((x): x is number => x !== null);
    bullets.push(
      `<li><strong>The article's ${plural(battle.length, "battleground")}</strong> (${listText(battle.map((b) => fig(geoLabel(b.macro_geo), splitIds(b.battleground_fact_ids), `${geoLabel(b.macro_geo)}: why a battleground`)))}): ` +
        `the region catalog has both blocs present in ${both.length === battle.length ? "every one" : `${both.length} of them`}` +
        (shares.length > 0 ? `, with the China-led providers holding ${esc(fmtPct(Math.min(...shares)))} to ${esc(fmtPct(Math.max(...shares)))} of the regions there` : "") +
        ` (catalog as of ${esc(catalogAsOf)}).</li>`,
    );
  }
  const battleTable =
    `<div class="table-wrap" tabindex="0" role="region" aria-label="Who is present in each battleground">` +
    `<table class="headline-table" id="headline-battlegrounds"><caption>Who is present in each battleground (cloud regions per provider in the region catalog, every status)</caption>` +
    `<thead><tr><th scope="col">Macro-region</th><th scope="col">US-led providers (regions)</th><th scope="col">China-led providers (regions)</th><th scope="col" class="num">China-led share of regions</th></tr></thead><tbody>\n` +
    battle
      .map(
        (b) =>
          `<tr><th scope="row">${fig(geoLabel(b.macro_geo), splitIds(b.battleground_fact_ids), `${geoLabel(b.macro_geo)}: why a battleground`)}</th><td>${present(b.macro_geo, "us_led")}</td><td>${present(b.macro_geo, "china_led")}</td><td class="num">${b.china_led_share_of_regions === null ? "–" : esc(fmtPct(b.china_led_share_of_regions))}</td></tr>`,
      )
      .join("\n") +
    `\n</tbody></table></div>`;

  // The claims check in one line.
  const verdicts = claimVerdicts(t);
  if (verdicts.size > 0) {
    const n = (v: string) => [...verdicts.values()].filter((x) => x === v).length;
    bullets.push(
      `<li><strong>The article's footprint claims against the region catalog:</strong> of ${plural(verdicts.size, "claim")}, ${n("consistent")} hold under every definition of a region, ` +
        `${n("depends_on_definition")} depend on the definition, ${n("inconsistent")} hold under none and ${n("not_verifiable")} cannot be checked (<a href="#checks">the claims check</a>).</li>`,
    );
  }

  out.push(`<ul class="findings">\n${bullets.join("\n")}\n</ul>`);
  out.push(`<p class="hint">Every underlined figure links to the sentence it comes from.</p>`);
  out.push(`<div class="headline-grid">${pairTables.join("\n")}\n${concTable}\n${battleTable}</div>`);
  return out.join("\n");
}

function claimVerdicts(t: EnrichedTables): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of sortRows(TABLES.claims_check, t.claims_check)) m.set(c.fact_id, c.verdict);
  return m;
}

// --- 2. Charts -------------------------------------------------------------------------------------

/** What each chart shows, for its alt text (the numbers are in the table it names). */
const CHART_NOTES: Readonly<Record<string, { alt: string; table: TableName }>> = {
  market_share_by_source: { alt: "Horizontal bar chart: each provider's market share, one panel per research firm.", table: "market_share" },
  share_dumbbell: { alt: "Dumbbell chart: each provider's share under the two research firms, joined by a line showing the gap.", table: "share_comparison" },
  share_of_named: { alt: "Bar chart: each provider's share among the providers each firm names, rescaled to 100%.", table: "market_share" },
  bloc_share: { alt: "Stacked bar chart: US-led, China-led and unattributed share of each research firm's market.", table: "concentration" },
  footprint: { alt: "Bar chart: cloud regions and availability zones per provider as the article gives them, lower bounds marked.", table: "footprint" },
  regions_vs_share: { alt: "Scatter plot: regions per provider against its market share, per research firm.", table: "footprint_vs_share" },
  geo_claims: { alt: "Dot matrix: the article's geography claims per subject and macro-region, coloured by bloc.", table: "geo_claims" },
  battlegrounds: { alt: "Matrix of squares: which of four statements the article makes about each macro-region.", table: "battlegrounds" },
  fact_positions: { alt: "Range chart: where in the article each fact's quote sits, as code-point offsets, per measure.", table: "facts" },
  regional_heatmap: { alt: "Heatmap: cloud regions per provider and macro-region in the region catalog, battlegrounds starred.", table: "regional_breakdown" },
  bloc_presence: { alt: "Bar chart: regions of the US-led and the China-led providers per macro-region.", table: "bloc_presence" },
};

function titleOf(spec: Record<string, unknown>): { text: string; subtitle: string } {
  const title = spec["title"];
  if (typeof title === "string") return { text: title, subtitle: "" };
  if (title && typeof title === "object") {
    const t = title as { text?: unknown; subtitle?: unknown };
    const lines = (x: unknown): string => (Array.isArray(x) ? x.map(String).join(" ") : typeof x === "string" ? x : "");
    return { text: lines(t.text), subtitle: lines(t.subtitle) };
  }
  return { text: "", subtitle: "" };
}

/** The static SVG with its ids (gradients, clips) prefixed, so that several SVGs can share a page. */
function scopeSvg(svg: string, prefix: string): string {
  return svg
    .trim()
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/(xlink:href|href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${prefix}-${id}"`)
    .replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}

function chartsSection(charts: readonly ReportChart[], skipped: readonly SkippedChart[] = []): { html: string; specs: Record<string, unknown> } {
  const specs: Record<string, unknown> = {};
  const figures = charts.map((c) => {
    const { text, subtitle } = titleOf(c.spec);
    const note = CHART_NOTES[c.name];
    const alt = `${note?.alt ?? text}${note ? ` The figures are in the ${TABLES[note.table].title.toLowerCase()} table.` : ""}`;
    specs[c.name] = { ...c.spec, description: `${text}. ${alt}` };
    const id = `chart-${c.name}`;
    const width = Number(/^\s*<svg[^>]*\swidth="([\d.]+)"/.exec(c.svg)?.[1] ?? "");
    return (
      `<figure class="chart" id="${esc(id)}" data-chart="${esc(c.name)}" aria-labelledby="${esc(id)}-caption"${width > 0 ? ` style="--w: ${width}px"` : ""}>\n` +
      `<div class="chart-scroll" tabindex="0" role="region" aria-label="${esc(text || c.name)} (scrolls sideways)">` +
      `<div class="chart-static" role="img" aria-label="${esc(`${text}. ${alt}`)}">${scopeSvg(c.svg, `svg-${c.name}`)}</div>` +
      `<div class="chart-live"></div></div>\n` +
      `<figcaption id="${esc(id)}-caption"><span class="visually-hidden">${esc(text)}${subtitle ? ` — ${esc(subtitle)}` : ""}. </span>${esc(alt)}` +
      (note ? ` <a href="#table-${esc(note.table)}">Table</a> · ` : " ") +
      `<a href="charts/${esc(c.name)}.svg">SVG</a> · <a href="charts/${esc(c.name)}.vl.json">Vega-Lite spec</a></figcaption>\n</figure>`
    );
  });
  const notDrawn = skipped.map((k) => {
    const note = CHART_NOTES[k.name];
    const where = note ? ` Its figures are in the <a href="#table-${esc(note.table)}">${esc(TABLES[note.table].title.toLowerCase())} table</a>.` : "";
    return `<li><strong>${esc(k.name)}</strong>: ${k.points.toLocaleString("en-US")} data points, over the ${k.maxPoints.toLocaleString("en-US")} a static chart is drawn from.${where}</li>`;
  });
  const skippedHtml = notDrawn.length > 0 ? `<p class="charts-skipped">Not drawn, because a chart of this much data would not be readable:</p>\n<ul class="charts-skipped">\n${notDrawn.join("\n")}\n</ul>\n` : "";
  return { html: `${skippedHtml}<div class="charts">\n${figures.join("\n")}\n</div>`, specs };
}

// --- 3. Claims check and data quality ----------------------------------------------------------------

function checksSection(t: EnrichedTables, documents: readonly ReportDocument[], L: Lookups): string {
  const checks = sortRows(TABLES.claims_check, t.claims_check);
  const byFact = new Map<string, Array<Row<"claims_check">>>();
  for (const c of checks) byFact.set(c.fact_id, [...(byFact.get(c.fact_id) ?? []), c]);
  const scopes = REGION_SCOPES.filter((s) => checks.some((c) => c.definition === s));
  const verdictRank = (v: string) => VERDICT_ORDER.indexOf(v as (typeof VERDICT_ORDER)[number]);
  const claims = [...byFact.entries()].sort(([fa, a], [fb, b]) => verdictRank(a[0]?.verdict ?? "") - verdictRank(b[0]?.verdict ?? "") || (fa < fb ? -1 : fa > fb ? 1 : 0));
  const holdsCell = (c: Row<"claims_check"> | undefined): string => {
    if (!c) return `<td class="holds na" data-v="">–</td>`;
    if (c.holds === null) return `<td class="holds unknown" data-v="1" title="${esc(c.explanation)}">n/a</td>`;
    return c.holds ? `<td class="holds yes" data-v="3" title="${esc(c.explanation)}">✓ holds</td>` : `<td class="holds no" data-v="2" title="${esc(c.explanation)}">✗ no</td>`;
  };
  const rows = claims.map(([factId, cs]) => {
    const first = cs[0] as Row<"claims_check">;
    const shown = cs.find((c) => c.definition === "public") ?? first;
    const what = `${first.measure}${first.object_id ? ` · ${first.object_id}` : ""}`;
    return (
      `<tr><td data-v="${esc(L.provider(first.provider_id))}">${esc(L.provider(first.provider_id))}</td>` +
      `<td class="quote" data-v="${esc(first.claim)}">${fig(first.claim, [factId], first.claim)}<span class="sub">${esc(SCOPE_TEXT[shown.definition] ?? shown.definition)}: ${esc(shown.explanation)}</span></td>` +
      `<td class="what" data-v="${esc(what)}"><code>${esc(first.measure)}</code>${first.object_id ? `<span class="sub">${esc(first.object_id)}</span>` : ""}</td>` +
      `<td data-v="${verdictRank(first.verdict)}"><span class="verdict verdict-${esc(first.verdict)}">${esc(VERDICT_TEXT[first.verdict] ?? first.verdict)}</span></td>` +
      scopes.map((s) => holdsCell(cs.find((c) => c.definition === s))).join("") +
      `</tr>`
    );
  });
  const head =
    `<tr>${sortTh("Provider", "string")}${sortTh("Claim, and what the catalog shows", "string")}${sortTh("Measure · place", "string")}${sortTh("Verdict (over the definitions)", "number", undefined, "left")}` +
    scopes.map((s) => sortTh(SCOPE_TEXT[s] ?? s, "number", `Holds under the definition "${s}"`, "left")).join("") +
    `</tr>`;
  const table =
    `<div class="table-wrap" tabindex="0" role="region" aria-label="Claims check">` +
    `<table class="sortable data claims" id="claims-table"><caption>Each footprint or geography claim of the article, checked against the region catalog under each definition of "a region" (the line under a claim: the catalog's figure for public regions, else the first definition checked)</caption>` +
    `<thead>${head}</thead><tbody>\n${rows.join("\n")}\n</tbody></table></div>`;
  const defs = `<p class="note">Definitions: <strong>general</strong> = generally available public regions; <strong>public</strong> = general + sovereign or partner-operated (open to any customer); <strong>non-government</strong> = every status but government; <strong>all</strong> = every status; <strong>provider's list</strong> = rows of the provider's own public list. A disagreement is a finding, not an error. Every row, with its figures, is in the <a href="#table-claims_check">claims_check table</a>.</p>`;
  return `<h3 id="claims-heading">The claims check</h3>\n${defs}\n${table}\n<h3 id="quality-heading">Data-quality findings</h3>\n${qualityFindings(t, documents, L)}`;
}

function qualityFindings(t: EnrichedTables, documents: readonly ReportDocument[], L: Lookups): string {
  const items: string[] = [];
  const facts = sortRows(TABLES.facts, t.facts);
  const texts = new Map(documents.map((d) => [d.document_id, Array.from(d.text)]));
  const matching = facts.filter((f) => (texts.get(f.document_id) ?? []).slice(f.char_start, f.char_end).join("") === f.quote);
  items.push(`<li><strong>${matching.length} of ${facts.length} quotes</strong> are exactly the source text at their code-point offsets${matching.length < facts.length ? `; the others are ${listText(facts.filter((f) => !matching.includes(f)).map((f) => fig(f.fact_id, [f.fact_id])))}` : ""}.</li>`);

  const cross = t.share_comparison.filter((r) => r.comparison === "cross_source");
  const differ = cross.filter((r) => !r.same_market);
  if (differ.length > 0) {
    items.push(
      `<li><strong>The research firms measure different things.</strong> ${differ.length} of ${plural(cross.length, "cross-source comparison")} set different markets side by side (${listText(sortRows(TABLES.markets, t.markets).map((m) => esc(m.market_name)))}): read the gaps as a disagreement to show, not an error to fix.</li>`,
    );
  }
  const conc = sortRows(TABLES.concentration, t.concentration);
  if (conc.length > 0) {
    items.push(`<li><strong>Shares of the named providers are not shares of the market.</strong> The providers each firm names add up to ${listText(conc.map((c) => `${fig(fmtPct(c.named_total), splitIds(c.fact_ids), `Named total, ${L.source(c.source_id)}`)} (${esc(L.source(c.source_id))})`))}; <code>share_of_named</code> and <code>hhi_named</code> are over those only.</li>`);
  }
  const qualified = facts.filter((f) => f.qualifier !== null && f.qualifier !== "exact");
  if (qualified.length > 0) items.push(`<li><strong>${plural(qualified.length, "fact")} ${qualified.length === 1 ? "is" : "are"} not exact</strong>: ${listText(qualified.map((f) => `${fig(f.fact_id, [f.fact_id])} (${esc(f.qualifier ?? "")})`))}.</li>`);
  const lowerBounds = sortRows(TABLES.footprint, t.footprint).filter((f) => f.regions_qualifier === "over");
  if (lowerBounds.length > 0) {
    items.push(`<li><strong>Lower bounds.</strong> ${listText(lowerBounds.map((f) => `${esc(L.provider(f.provider_id))}'s region count is “over ${fig(String(f.regions), splitIds(f.fact_ids), `${L.provider(f.provider_id)}: regions`)}”${f.regions_listed !== null ? ` (the list the article links to has ${f.regions_listed})` : ""}`))}; ratios computed from ${lowerBounds.length === 1 ? "it" : "them"} are lower bounds too.</li>`);
  }
  const fromCatalog = sortRows(TABLES.footprint, t.footprint).filter((f) => f.regions_source === "catalog");
  if (fromCatalog.length > 0) items.push(`<li><strong>Figures the article does not give.</strong> The region count of ${listText(fromCatalog.map((f) => esc(L.provider(f.provider_id))))} comes from the region catalog, not the article.</li>`);
  const inferred = facts.filter((f) => f.period_note !== null && /not printed|read as/i.test(f.period_note));
  if (inferred.length > 0) items.push(`<li><strong>Inferred periods.</strong> For ${plural(inferred.length, "fact")} the year or period is not printed next to the figure and was read from the article's date (see <code>facts.period_note</code>).</li>`);
  const noted = facts.filter((f) => f.note !== null);
  if (noted.length > 0) items.push(`<li><strong>Editor's notes.</strong> ${plural(noted.length, "fact")} carry a note on how ${noted.length === 1 ? "it was" : "they were"} read (shown in the <a href="#provenance">provenance panel</a>).</li>`);
  const regions = t.regions;
  if (regions.length > 0) {
    const noAz = new Map<string, number>();
    for (const r of regions) if (r.availability_zones === null) noAz.set(r.provider_id, (noAz.get(r.provider_id) ?? 0) + 1);
    const total = [...noAz.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      const byProvider = [...noAz.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, n]) => `${esc(L.provider(p))} ${n}`);
      items.push(`<li><strong>Gaps in the region catalog.</strong> ${total} of its ${regions.length} regions publish no availability-zone count (${listText(byProvider)}); zone totals over them are lower bounds.</li>`);
    }
  }
  return `<ul class="quality">\n${items.join("\n")}\n</ul>`;
}

// --- 4. Tables -------------------------------------------------------------------------------------

/** The tables in the order the report shows them; the first ones are open. */
const TABLE_ORDER: readonly TableName[] = [
  "market_share", "share_comparison", "concentration", "footprint", "bloc_presence", "battlegrounds",
  "footprint_vs_share", "claims_check", "regional_breakdown", "geo_claims", "facts", "regions",
  "providers", "sources", "documents", "measures", "markets",
];
const OPEN_TABLES: ReadonlySet<TableName> = new Set(["market_share", "share_comparison", "concentration", "footprint", "bloc_presence", "battlegrounds"]);

/** Columns whose value is a figure from the row's facts: they link to those facts. */
const FIGURE_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  facts: ["value", "value_as_stated"],
  market_share: ["share"],
  share_comparison: ["share_a", "share_b", "delta_pp"],
  concentration: ["named_total", "us_led_share", "china_led_share"],
  footprint: ["regions", "availability_zones", "regions_listed"],
  footprint_vs_share: ["regions", "share", "regions_per_share_point"],
  claims_check: ["article_value"],
};
const ID_COLUMNS = new Set(["fact_id", "fact_ids", "battleground_fact_ids"]);

function sortTh(label: string, type: "number" | "string" | "boolean", title?: string, align: "left" | "right" = type === "number" ? "right" : "left"): string {
  return `<th scope="col" data-type="${type}"${align === "right" ? ' class="num"' : ""}><button type="button" class="sort"${title ? ` title="${esc(title)}"` : ""}>${esc(label)}</button></th>`;
}

function rowFacts(row: Record<string, unknown>): string[] {
  const single = row["fact_id"];
  if (typeof single === "string") return [single];
  return splitIds(typeof row["fact_ids"] === "string" ? row["fact_ids"] : null);
}

function cell(col: Column, value: unknown, figureFacts: readonly string[] | undefined): string {
  if (value === null || value === undefined) return `<td class="null" data-v=""><span class="visually-hidden">empty</span></td>`;
  if (ID_COLUMNS.has(col.name)) {
    const ids = splitIds(String(value));
    return `<td class="ids" data-v="${esc(String(value))}">${ids.map((id) => fig(id, [id])).join("<br>")}</td>`;
  }
  if (typeof value === "number") {
    const text = fmtNum(value);
    return `<td class="num" data-v="${value}">${figureFacts && figureFacts.length > 0 ? fig(text, figureFacts) : esc(text)}</td>`;
  }
  const text = String(value);
  const cls = col.name === "quote" || col.name === "claim" ? "quote" : text.length <= SHORT_TEXT ? "nowrap" : "";
  return `<td${cls ? ` class="${cls}"` : ""} data-v="${esc(text)}">${esc(text)}</td>`;
}
/** Text cells up to this length do not wrap (ids, periods like 2025-Q2). */
const SHORT_TEXT = 32;

function dataTable(def: TableDef, rows: ReadonlyArray<Record<string, unknown>>): string {
  const cols = columnsOf(def);
  const figureCols = new Set(FIGURE_COLUMNS[def.name as TableName] ?? []);
  const head = cols.map((c) => sortTh(c.name, c.type === "integer" || c.type === "number" ? "number" : c.type === "boolean" ? "boolean" : "string", `${c.description}${c.unit ? ` (${c.unit})` : ""}`)).join("");
  const body = sortRows(def, rows)
    .map((r) => {
      const facts = rowFacts(r);
      return `<tr>${cols.map((c) => cell(c, r[c.name], figureCols.has(c.name) ? facts : undefined)).join("")}</tr>`;
    })
    .join("\n");
  const dictionary = cols.map((c) => `<dt><code>${esc(c.name)}</code></dt><dd>${esc(c.description)}${c.unit ? ` <span class="unit">(${esc(c.unit)})</span>` : ""}</dd>`).join("");
  const name = esc(def.name);
  return (
    `<details class="table-block" id="table-${name}"${OPEN_TABLES.has(def.name as TableName) ? " open" : ""}>\n` +
    `<summary><h3><code>${name}</code> — ${esc(def.title)} <span class="count">(${plural(rows.length, "row")})</span></h3></summary>\n` +
    `<p>${esc(def.description)} <span class="downloads">Download: <a href="tables/${name}.csv" download>${name}.csv</a> · <a href="tables/${name}.parquet" download>${name}.parquet</a></span></p>\n` +
    `<div class="table-wrap" tabindex="0" role="region" aria-label="Table ${name}">` +
    `<table class="sortable data" id="data-${name}"><caption class="visually-hidden">${esc(def.title)}: ${esc(def.description)} Sort by clicking a column header.</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>\n` +
    `<details class="dictionary"><summary>Columns of ${name}</summary><dl>${dictionary}</dl></details>\n</details>`
  );
}

function tablesSection(t: EnrichedTables): string {
  const all = t as unknown as Record<string, ReadonlyArray<Record<string, unknown>> | undefined>;
  const blocks = TABLE_ORDER.filter((n) => all[n] !== undefined).map((n) => dataTable(TABLES[n] as TableDef, all[n] ?? []));
  const index = TABLE_ORDER.filter((n) => all[n] !== undefined)
    .map((n) => `<li><a href="#table-${esc(n)}"><code>${esc(n)}</code></a> (<a href="tables/${esc(n)}.csv" download>CSV</a>, <a href="tables/${esc(n)}.parquet" download>Parquet</a>)</li>`)
    .join("");
  return (
    `<p>Every table of the dataset, as in <code>tables/</code> beside this file (<a href="datapackage.json">datapackage.json</a> describes each column). ` +
    `Numbers are shown to at most four decimals; the files hold them in full. Shares are fractions (0.377 = 37.7%). Click a column header to sort.</p>\n` +
    `<ul class="table-index">${index}</ul>\n${blocks.join("\n")}`
  );
}

// --- 5. Provenance -----------------------------------------------------------------------------------

function provenanceSection(t: EnrichedTables, documents: readonly ReportDocument[], L: Lookups): string {
  const texts = new Map(documents.map((d) => [d.document_id, Array.from(d.text)]));
  const docs = new Map(t.documents.map((d) => [d.document_id, d]));
  const entries = sortRows(TABLES.facts, t.facts).map((f) => {
    const chars = texts.get(f.document_id);
    const doc = docs.get(f.document_id);
    const ctx = chars ? quoteContext(chars, f.char_start, f.char_end) : undefined;
    const value = f.value === null ? "qualitative" : `${fmtNum(f.value)} ${f.unit ?? ""}`.trim();
    const stated = f.value_as_stated === null ? "" : ` (as printed: ${fmtNum(f.value_as_stated)} ${f.unit_as_stated ?? ""})`;
    const rows: Array<[string, string]> = [
      ["Attributed to", esc(L.source(f.attributed_to))],
      ["Source", `${esc(doc?.publisher ?? f.document_id)}${doc?.title ? `, “${esc(doc.title)}”` : ""} — <code>${esc(doc?.file ?? "")}</code> (${esc(f.document_id)})`],
      ["Characters", `${f.char_start}–${f.char_end} (code points, end exclusive)`],
      ["Claim", `<code>${esc(f.measure)}</code> of ${esc(L.provider(f.subject_id))}${f.object_id ? ` → ${esc(f.object_id)}` : ""}: ${esc(value)}${esc(stated)}${f.qualifier && f.qualifier !== "exact" ? ` · ${esc(f.qualifier)}` : ""}${f.period ? ` · ${esc(f.period)}` : ""}`],
    ];
    if (f.period_note) rows.push(["Period", esc(f.period_note)]);
    if (f.note) rows.push(["Note", esc(f.note)]);
    return (
      `<article class="fact" id="${esc(factAnchor(f.fact_id))}" tabindex="-1" aria-labelledby="${esc(factAnchor(f.fact_id))}-h">\n` +
      `<h3 id="${esc(factAnchor(f.fact_id))}-h"><code>${esc(f.fact_id)}</code></h3>\n` +
      `<blockquote class="quote"><p>${esc(f.quote)}</p></blockquote>\n` +
      (ctx ? `<p class="context"><span class="visually-hidden">In context: </span>${esc(ctx.before)}<mark>${esc(ctx.quote)}</mark>${esc(ctx.after)}</p>\n` : "") +
      `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>\n</article>`
    );
  });
  return `<p>Every fact of the dataset with its verbatim quote, where it sits in the source and the text around it (the quote is highlighted). Figures elsewhere in the page link here.</p>\n<div class="facts">\n${entries.join("\n")}\n</div>`;
}

// --- 6. The run ------------------------------------------------------------------------------------

function runSection(input: ReportInput): string {
  const t = input.tables;
  const L = lookups(t);
  const asOf: AsOf[] = [];
  for (const d of sortRows(TABLES.documents, t.documents)) asOf.push({ what: `Source document: ${d.title ?? d.document_id} (${d.publisher})`, as_of: `${d.date_approx} (approximate)`, detail: d.date_evidence });
  const series = new Map<string, { source: string; market: string; period: string }>();
  for (const r of sortRows(TABLES.market_share, t.market_share)) series.set([r.source_id, r.market, r.period].join("\u0000"), { source: r.source_id, market: r.market, period: r.period });
  for (const s of series.values()) asOf.push({ what: `Market shares: ${L.source(s.source)}, ${L.market(s.market)}`, as_of: s.period, detail: "Period the research firm's figures cover" });
  const sourceDates = t.regions.map((r) => r.source_as_of).filter((x): x is string => x !== null).sort();
  asOf.push({
    what: "Region catalog (reference/regions.csv)",
    as_of: input.catalog.as_of,
    detail: `Regions live by then, ${t.regions.length} in all${sourceDates.length > 0 ? `; its sources are dated ${sourceDates[0]} to ${sourceDates[sourceDates.length - 1]}` : ""}`,
  });
  asOf.push(...input.asOf);
  const asOfRows = asOf.map((a) => `<tr><th scope="row">${esc(a.what)}</th><td>${esc(a.as_of)}</td><td>${esc(a.detail)}</td></tr>`).join("\n");
  const inputRows = input.inputs.map((f) => `<tr><td><code>${esc(f.file)}</code></td><td class="num">${f.bytes}</td><td><code class="hash">${esc(f.sha256)}</code></td></tr>`).join("\n");
  const libRows = input.assets.libraries.map((l) => `<tr><td><code>${esc(l.name)}</code> ${esc(l.version)}</td><td><code>${esc(l.file)}</code></td><td><code class="hash">${esc(sha256(l.text))}</code></td></tr>`).join("\n");
  return (
    `<h3 id="asof-heading">As of</h3>\n<div class="table-wrap" tabindex="0" role="region" aria-label="As-of dates"><table class="plain"><thead><tr><th scope="col">What</th><th scope="col">As of</th><th scope="col">Why / what it covers</th></tr></thead><tbody>\n${asOfRows}\n</tbody></table></div>\n` +
    `<h3 id="inputs-heading">Inputs of this run</h3>\n<p>Built by <code>npm run pipeline</code> (cloud-market-atlas ${esc(input.version)}) from these files of the data folder; the same files give the same report, byte for byte.</p>\n` +
    `<div class="table-wrap" tabindex="0" role="region" aria-label="Input files"><table class="plain"><thead><tr><th scope="col">File</th><th scope="col" class="num">Bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>\n${inputRows}\n</tbody></table></div>\n` +
    `<h3 id="libraries-heading">Libraries inlined in this page</h3>\n<div class="table-wrap" tabindex="0" role="region" aria-label="Inlined libraries"><table class="plain"><thead><tr><th scope="col">Package</th><th scope="col">File</th><th scope="col">SHA-256</th></tr></thead><tbody>\n${libRows}\n</tbody></table></div>`
  );
}

// --- Page --------------------------------------------------------------------------------------------

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { --ink: #1a1a1a; --muted: #4a4a4a; --line: #d0d0d0; --bg: #ffffff; --soft: #f4f5f7; --link: #0b4fb3; --us: #1f4e8c; --cn: #a0282a; --mark: #fff1a8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--bg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
a { color: var(--link); }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--ink); color: #fff; padding: 0.5rem 1rem; z-index: 10; }
.skip:focus { left: 0.5rem; top: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.wrap { max-width: 76rem; margin: 0 auto; padding: 0 1rem; }
header.site { background: #14263f; color: #fff; padding: 1.25rem 0 0.75rem; }
header.site h1 { margin: 0 0 0.25rem; font-size: clamp(1.4rem, 4vw, 2rem); line-height: 1.2; }
header.site p { margin: 0.25rem 0; color: #e6ebf2; }
header.site a { color: #fff; }
nav.toc ul { list-style: none; margin: 0.75rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
nav.toc a { display: inline-block; padding: 0.25rem 0; }
main section { padding: 1.25rem 0 0.5rem; border-bottom: 1px solid var(--line); }
h2 { font-size: 1.45rem; margin: 0.5rem 0 0.75rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
.findings li, .quality li { margin: 0.4rem 0; }
.hint, .note { color: var(--muted); font-size: 0.95rem; }
a.fig { color: var(--link); font-weight: 600; text-decoration: underline; text-decoration-style: dotted; text-underline-offset: 0.2em; }
a.fig:hover, a.fig:focus { text-decoration-style: solid; }
.headline-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 0 2rem; align-items: start; }
.headline-table { width: 100%; }
.headline-table thead th { white-space: normal; vertical-align: bottom; }
.nowrap { white-space: nowrap; }
.headline-table td.num { white-space: nowrap; }
.sub { display: block; font-weight: normal; font-size: 0.82rem; color: var(--muted); }
/* position: relative keeps absolutely positioned descendants (visually hidden text) inside the scroller. */
.table-wrap { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; position: relative; }
.table-wrap:focus-visible, .chart-scroll:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
table { border-collapse: collapse; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0 0.5rem; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); border-bottom: 2px solid #9a9a9a; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.quote { min-width: 16rem; max-width: 32rem; }
table.claims td.quote { max-width: 24rem; }
table.claims thead th { white-space: normal; vertical-align: bottom; }
td.quote a.fig { font-weight: normal; }
td.quote .sub { margin-top: 0.2rem; }
td.what { white-space: nowrap; }
td.ids { white-space: nowrap; font-size: 0.85rem; }
td.null::before { content: "–" / ""; color: #767676; }
table.data td { max-width: 36rem; }
button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: inherit; }
button.sort:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
html:not(.js) button.sort { cursor: default; }
th[aria-sort="ascending"] button.sort::after { content: " ▲" / ""; }
th[aria-sort="descending"] button.sort::after { content: " ▼" / ""; }
td.holds { white-space: nowrap; }
td.holds.yes { color: #1d5e2c; }
td.holds.no { color: #9b1c1c; }
td.holds.unknown, td.holds.na { color: #5a5a5a; }
.verdict { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 0.7rem; font-size: 0.85rem; white-space: nowrap; border: 1px solid; }
.verdict-consistent { background: #e5f4e8; color: #1d5e2c; }
.verdict-inconsistent { background: #fbe7e7; color: #8e1b1b; }
.verdict-depends_on_definition { background: #fff4d6; color: #6b4a00; }
.verdict-not_verifiable { background: #eeeeee; color: #404040; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 38rem), 1fr)); gap: 1rem 1.5rem; }
figure.chart { margin: 0; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; break-inside: avoid; min-width: 0; }
.chart-scroll { overflow-x: auto; position: relative; }
/* Both views scale down to fit the column (a phone shows the whole chart; its SVG link opens it full size),
   never wider than their own width (--w) nor narrower than 20rem: below that the view scrolls sideways.
   Vega's SVG renderer picks items by DOM target, so tooltips stay right on a scaled view. */
.chart-static svg, .chart-live svg { display: block; width: 100%; max-width: var(--w, 100%); min-width: min(var(--w, 100%), 20rem); height: auto; }
.chart-live .vega-embed { display: block; }
.chart-live:empty { display: none; }
@media screen { figure.is-live .chart-static { display: none; } }
figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.5rem; }
figcaption strong { color: var(--ink); }
details.table-block { border-top: 1px solid var(--line); padding: 0.25rem 0; }
details.table-block > summary { cursor: pointer; list-style-position: outside; margin-left: 1.1rem; }
details.table-block > summary h3 { display: inline; font-size: 1.05rem; }
.count { color: var(--muted); font-weight: normal; }
.downloads a { white-space: nowrap; }
details.dictionary { font-size: 0.88rem; margin-bottom: 0.75rem; }
details.dictionary dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0.5rem 0; }
details.dictionary dd { margin: 0; }
.table-index { columns: 3 14rem; padding-left: 1.2rem; font-size: 0.92rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); gap: 0.75rem 1.25rem; }
article.fact { border: 1px solid var(--line); border-left: 4px solid #9aa7b8; border-radius: 4px; padding: 0.5rem 0.9rem; scroll-margin-top: 1rem; break-inside: avoid; }
article.fact:target, article.fact.flash { border-left-color: var(--link); background: #eef4ff; outline: 2px solid var(--link); }
article.fact h3 { margin: 0.25rem 0; font-size: 0.95rem; }
blockquote.quote { margin: 0.4rem 0; padding: 0.1rem 0 0.1rem 0.8rem; border-left: 3px solid var(--ink); font-size: 1.05rem; }
blockquote.quote p { margin: 0; }
blockquote.quote p::before { content: "“" / ""; }
blockquote.quote p::after { content: "”" / ""; }
.context { color: var(--muted); font-size: 0.9rem; margin: 0.4rem 0; }
.context mark { background: var(--mark); color: var(--ink); padding: 0 0.1em; }
article.fact dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; font-size: 0.88rem; margin: 0.4rem 0; }
article.fact dt { color: var(--muted); }
article.fact dd { margin: 0; min-width: 0; }
table.plain td, table.plain th { font-size: 0.88rem; }
code.hash { font-size: 0.8rem; word-break: break-all; }
dialog#fact-dialog { width: min(44rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 3rem); border: 1px solid #888; border-radius: 8px; padding: 0; }
dialog#fact-dialog::backdrop { background: rgba(20, 30, 45, 0.45); }
.dialog-head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.6rem 1rem; background: var(--soft); border-bottom: 1px solid var(--line); position: sticky; top: 0; }
.dialog-head h2 { font-size: 1.05rem; margin: 0; }
.dialog-close { font: inherit; padding: 0.3rem 0.8rem; border: 1px solid #767676; border-radius: 4px; background: #fff; cursor: pointer; }
.dialog-body { padding: 0.5rem 1rem 1rem; display: grid; gap: 0.75rem; }
.dialog-body article.fact { border-left-color: var(--link); }
footer.site { color: var(--muted); font-size: 0.88rem; padding: 1rem 0 2rem; }
#vg-tooltip-element { font-family: inherit; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  ul.findings, ul.quality { padding-left: 1.1rem; }
  .wrap { padding: 0 0.75rem; }
  th, td { padding: 0.25rem 0.4rem; }
  td.quote { min-width: 12rem; }
  figure.chart { padding: 0.5rem; }
  article.fact dl, details.dictionary dl { grid-template-columns: 1fr; }
  article.fact dd, details.dictionary dd { margin-bottom: 0.3rem; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; }
  header.site { background: none; color: #000; padding: 0; }
  header.site p, header.site a { color: #000; }
  nav.toc, .skip, .hint, dialog, .chart-live, .dictionary, .table-index { display: none !important; }
  .chart-static { display: block !important; }
  .chart-scroll, .table-wrap { overflow: visible; }
  .charts, .headline-grid, .facts { display: block; }
  figure.chart, article.fact, tr, .headline-grid .table-wrap { break-inside: avoid; }
  figure.chart { margin: 0 0 6mm; }
  h2, h3 { break-after: avoid; }
  a, a.fig { color: inherit; text-decoration: none; font-weight: inherit; }
  th[aria-sort] button.sort::after { content: none; }
  main section { border: 0; }
}
`;

/** The page's own script: charts, the fact dialog, sortable tables. Plain ES2017, no dependencies but the bundles. */
const APP_JS = `
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // Charts: replace each static SVG by an interactive view (the static one stays for print).
  var specs = JSON.parse(doc.getElementById("chart-specs").textContent);
  each(doc.querySelectorAll("figure[data-chart]"), function (fig) {
    var name = fig.getAttribute("data-chart");
    var live = fig.querySelector(".chart-live");
    if (typeof vegaEmbed !== "function" || !specs[name]) return;
    vegaEmbed(live, specs[name], { actions: false, renderer: "svg", tooltip: { theme: "light" }, downloadFileName: name })
      .then(function () {
        // A mark container of an empty layer gets a graphics role but no label: hide it from assistive tech.
        each(live.querySelectorAll('[role="graphics-symbol"]:not([aria-label]), [role="img"]:not([aria-label])'), function (el) { el.setAttribute("aria-hidden", "true"); });
        // The browser measures text, so the live view's width differs from the static SVG's.
        var svg = live.querySelector("svg");
        if (svg && svg.getAttribute("width")) live.style.setProperty("--w", svg.getAttribute("width") + "px");
        fig.classList.add("is-live"); fig.setAttribute("data-rendered", "live");
      })
      .catch(function (e) { fig.setAttribute("data-rendered", "static"); console.error("chart " + name + ": " + (e && e.message ? e.message : e)); });
  });

  // Figures → the facts they come from, in a dialog (without scripts the link jumps to the fact).
  var dialog = doc.getElementById("fact-dialog");
  var body = dialog.querySelector(".dialog-body");
  var title = dialog.querySelector("#fact-dialog-title");
  dialog.querySelector(".dialog-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (ev) { if (ev.target === dialog) dialog.close(); });
  doc.addEventListener("click", function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest("a.fig") : null;
    if (!a || typeof dialog.showModal !== "function") return;
    var ids = (a.getAttribute("data-facts") || "").split(" ").filter(Boolean);
    if (ids.length === 0) return;
    ev.preventDefault();
    body.textContent = "";
    ids.forEach(function (id) {
      var src = doc.getElementById(id);
      if (!src) return;
      var copy = src.cloneNode(true);
      copy.removeAttribute("id"); copy.removeAttribute("tabindex"); copy.removeAttribute("aria-labelledby");
      each(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
      var link = doc.createElement("p");
      var to = doc.createElement("a");
      to.href = "#" + id; to.textContent = "Show in the list of facts";
      to.addEventListener("click", function () { dialog.close(); });
      link.appendChild(to); copy.appendChild(link);
      body.appendChild(copy);
    });
    var label = a.getAttribute("data-label") || a.textContent;
    title.textContent = "Where “" + label + "” comes from" + (ids.length > 1 ? " (" + ids.length + " facts)" : "");
    dialog.showModal();
  });

  // Sortable tables: a button in each header; aria-sort on the sorted column.
  each(doc.querySelectorAll("table.sortable"), function (table) {
    var tbody = table.tBodies[0];
    each(tbody.rows, function (r, i) { r.setAttribute("data-i", String(i)); });
    var ths = table.tHead.rows[0].cells;
    each(ths, function (th, col) {
      var btn = th.querySelector("button.sort");
      if (!btn) return;
      btn.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        each(ths, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var numeric = th.getAttribute("data-type") === "number";
        var sign = dir === "ascending" ? 1 : -1;
        var rows = Array.prototype.slice.call(tbody.rows);
        var key = function (r) { var c = r.cells[col]; var v = c ? c.getAttribute("data-v") : null; return v === null || v === "" ? null : numeric ? Number(v) : v; };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null || y === null) return x === y ? Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i")) : x === null ? 1 : -1;
          var c = x < y ? -1 : x > y ? 1 : 0;
          return c !== 0 ? sign * c : Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });
})();
`;

/** The report page. Pure: the same input gives the same bytes. */
export function renderReport(input: ReportInput): string {
  for (const lib of ["vega", "vega-lite", "vega-embed"]) {
    if (!input.assets.libraries.some((l) => l.name === lib)) throw new Error(`report: the ${lib} bundle is missing from the report's assets`);
  }
  return renderReportCore(input);
}

function renderReportCore(input: ReportInput): string {
  const t = input.tables;
  const L = lookups(t);
  const charts = chartsSection(input.charts, input.skippedCharts);
  const docs = sortRows(TABLES.documents, t.documents);
  const sections: Array<{ id: string; title: string; html: string }> = [
    { id: "summary", title: "Key numbers", html: headline(t, L, input.catalog.as_of) },
    { id: "charts", title: "Charts", html: charts.html },
    { id: "checks", title: "Claim checks and data quality", html: checksSection(t, input.documents, L) },
    { id: "tables", title: "Tables", html: tablesSection(t) },
    { id: "provenance", title: "Provenance: every fact and its quote", html: provenanceSection(t, input.documents, L) },
    { id: "run", title: "As-of dates and the run's inputs", html: runSection(input) },
  ];
  const source = docs.map((d) => `${d.publisher}${d.title ? `, “${d.title}”` : ""} (${d.date_approx}, approximate)`).join("; ");
  const scripts = input.assets.libraries.map((l) => `<script>/* ${esc(l.name)} ${esc(l.version)} (${esc(l.file)}) */\n${scriptText(l.text)}</script>`).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="cloud-market-atlas ${esc(input.version)} (npm run pipeline)">
<title>Cloud market atlas: the US-led and China-led cloud stacks</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><div class="wrap">
<h1>The cloud's dual stack: US-led and China-led providers</h1>
<p>Market shares, footprints and geography claims of one article, each figure traced to the sentence it comes from. Source: ${esc(source)}.</p>
<nav class="toc" aria-label="Sections"><ul>${sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`).join("")}</ul></nav>
</div></header>
<main id="main" class="wrap">
${sections.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-heading">\n<h2 id="${s.id}-heading">${esc(s.title)}</h2>\n${s.html}\n</section>`).join("\n")}
</main>
<footer class="site"><div class="wrap"><p>Generated by <code>npm run pipeline</code> (cloud-market-atlas ${esc(input.version)}). The dataset beside this file: <a href="tables/">tables/</a>, <a href="charts/">charts/</a>, <a href="datapackage.json">datapackage.json</a>. This page works offline and makes no network request.</p></div></footer>
<dialog id="fact-dialog" aria-labelledby="fact-dialog-title">
<div class="dialog-head"><h2 id="fact-dialog-title">Where this figure comes from</h2><button type="button" class="dialog-close">Close</button></div>
<div class="dialog-body"></div>
</dialog>
<script type="application/json" id="chart-specs">${scriptJson(charts.specs)}</script>
${scripts}
<script>${APP_JS}</script>
</body>
</html>
`;
}
