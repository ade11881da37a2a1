/**
 * A seeded generator of synthetic input that looks like the real thing, for the benchmarks.
 *
 * `synthesize({ facts, seed })` returns an `Inputs` object (the shape `readInputs` returns): the real
 * reference files of data/reference/ with `providers.yaml` and `sources.yaml` extended by synthetic
 * cloud providers and research firms, one source document per research firm × quarter (text with
 * a sentence per claim, so every quote sits at real code-point offsets; an emoji in each heading
 * makes code-point offsets differ from UTF-16 offsets), its metadata with the text's SHA-256, and
 * one fixture per document in the real claim format. Two formats: `yaml` (as people write them:
 * `.meta.yaml` and YAML fixtures) or `jsonl` (machine-written bulk data: `.meta.json` and JSON
 * Lines fixtures, `pipeline/fixtures-jsonl.ts`).
 *
 * Shape, for a target of N facts: every document holds 50 claims (43 market shares, one per
 * provider, and 7 footprint and geography claims: regions, availability_zones, regions_in,
 * regions_mainly_in ×2 sharing one quote, growth_region, battleground); D = ⌈N/50⌉ documents are
 * F = max(2, round(√(D/2))) firms × ⌈D/F⌉ quarters (the last document is cut to make exactly N). F
 * grows as √D so that share_comparison's cross-source pairs (quadratic in firms) grow linearly
 * with N, like every other table. A firm's shares for a period sum to at most 95%.
 *
 * Deterministic: no Math.random, no clock; the same options give the same bytes (`corpusHash`).
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { DATA_FOLDERS, type Inputs } from "../../pipeline/read/inputs.ts";
import { appendToTrailingList, type ClaimOut, jsonlFixture, yamlFixture } from "./synthetic-files.ts";

export { corpusHash, writeCorpus } from "./synthetic-files.ts";

export type FixtureFormat = "yaml" | "jsonl";

export interface SyntheticOptions {
  /** Number of facts (claims) to generate. */
  facts: number;
  seed?: number;
  format?: FixtureFormat;
  /** The real data folder whose reference/ files are reused (default: ./data). */
  referenceDir?: string;
  /** Key prefix of the files (Inputs.dataDir), default "synthetic". */
  dataDir?: string;
}

export interface SyntheticShape {
  facts: number;
  documents: number;
  firms: number;
  quarters: number;
  providers: number;
  claimsPerDocument: number;
  /** market_share facts. */
  shares: number;
}

/** mulberry32: a tiny, fast, seeded 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REAL_PROVIDERS: ReadonlyArray<{ id: string; aliases: readonly string[] }> = [
  { id: "aws", aliases: ["AWS", "Amazon", "Amazon Web Services"] },
  { id: "azure", aliases: ["Microsoft", "Azure", "Microsoft Azure"] },
  { id: "gcp", aliases: ["Google", "Google Cloud", "GCP"] },
  { id: "alibaba", aliases: ["Alibaba", "Alibaba Cloud", "Aliyun"] },
  { id: "huawei", aliases: ["Huawei", "Huawei Cloud"] },
  { id: "oracle", aliases: ["Oracle", "OCI", "Oracle Cloud"] },
];
const SYNTHETIC_PROVIDERS = 37;
export const PROVIDERS_PER_DOCUMENT = REAL_PROVIDERS.length + SYNTHETIC_PROVIDERS;
const OTHER_CLAIMS = 7;
export const CLAIMS_PER_DOCUMENT = PROVIDERS_PER_DOCUMENT + OTHER_CLAIMS;

const MARKETS = [
  { id: "cloud_infrastructure_services", name: "cloud infrastructure services" },
  { id: "iaas", name: "infrastructure as a service" },
] as const;
const COUNTRIES: ReadonlyArray<[string, string]> = [
  ["BR", "Brazil"],
  ["DE", "Germany"],
  ["IN", "India"],
  ["JP", "Japan"],
  ["ZA", "South Africa"],
  ["SA", "Saudi Arabia"],
  ["MX", "Mexico"],
  ["AU", "Australia"],
  ["SG", "Singapore"],
  ["FR", "France"],
  ["IE", "Ireland"],
  ["KR", "South Korea"],
];
const GEOS: ReadonlyArray<[string, string]> = [
  ["europe", "Europe"],
  ["asia_pacific", "Asia Pacific"],
  ["latin_america", "Latin America"],
  ["middle_east", "the Middle East"],
  ["africa", "Africa"],
  ["north_america", "North America"],
  ["oceania", "Oceania"],
];
const SYLLABLES = ["Nor", "Vex", "Ka", "Lu", "Mira", "Dé", "Sol", "Tan", "Quo", "Ri", "Ze", "Bel", "Cor", "Fa", "Gri", "Hal"];

const pad = (n: number, w: number) => String(n).padStart(w, "0");

export function shapeOf(facts: number): SyntheticShape {
  if (!Number.isInteger(facts) || facts < 1) throw new Error(`synthetic: facts must be a positive integer, got ${facts}`);
  const documents = Math.ceil(facts / CLAIMS_PER_DOCUMENT);
  const firms = Math.max(2, Math.round(Math.sqrt(documents / 2)));
  const quarters = Math.ceil(documents / firms);
  // Shares come first in each document, so a cut last document loses geography claims first.
  const full = Math.floor(facts / CLAIMS_PER_DOCUMENT);
  const rest = facts - full * CLAIMS_PER_DOCUMENT;
  const shares = full * PROVIDERS_PER_DOCUMENT + Math.min(rest, PROVIDERS_PER_DOCUMENT);
  return { facts, documents, firms, quarters, providers: PROVIDERS_PER_DOCUMENT, claimsPerDocument: CLAIMS_PER_DOCUMENT, shares };
}

interface Firm {
  id: string;
  name: string;
  market: (typeof MARKETS)[number];
}
interface Provider {
  id: string;
  aliases: readonly string[];
}

/** The kind of each synthetic claim, by measure (the firm itself says every one). */
const KIND_OF: Readonly<Record<string, string>> = {
  market_share: "figure",
  regions: "figure",
  availability_zones: "figure",
  regions_in: "geography",
  regions_mainly_in: "geography",
  growth_region: "forecast",
  battleground: "forecast",
};

/** The synthetic corpus, in memory. */
export function synthesize(opts: SyntheticOptions): Inputs {
  const seed = opts.seed ?? 1;
  const format = opts.format ?? "jsonl";
  const dataDir = opts.dataDir ?? "synthetic";
  const refDir = opts.referenceDir ?? path.resolve("data");
  const shape = shapeOf(opts.facts);
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const files = new Map<string, string>();
  const key = (rel: string) => path.join(dataDir, rel);

  // --- reference: the real files, with synthetic providers and firms appended -------------------
  const refNames = readdirSync(path.join(refDir, "reference"))
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".csv"))
    .sort();
  const providers: Provider[] = REAL_PROVIDERS.map((p) => ({ id: p.id, aliases: p.aliases }));
  const syntheticProviders: string[] = [];
  for (let i = 0; i < SYNTHETIC_PROVIDERS; i++) {
    const n = pad(i + 1, 2);
    const china = i % 3 === 2;
    const p = { id: `syn-cloud-${n}`, aliases: [`Cloud${n}`, `Cloud ${n} Services`] };
    providers.push(p);
    syntheticProviders.push(
      `  - provider_id: ${p.id}\n    provider_name: Synthetic Cloud ${n}\n    parent_company: Synthetic Holdings ${n}\n    hq_country: ${china ? "CN" : "US"}\n    bloc: ${china ? "china_led" : "us_led"}\n    aliases: [${p.aliases.join(", ")}]\n`,
    );
  }
  const firms: Firm[] = [];
  const syntheticFirms: string[] = [];
  for (let f = 0; f < shape.firms; f++) {
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES).toLowerCase()} Research ${pad(f + 1, 3)}`;
    const firm = { id: `syn-firm-${pad(f + 1, 3)}`, name, market: MARKETS[f % MARKETS.length]! };
    firms.push(firm);
    syntheticFirms.push(`  - source_id: ${firm.id}\n    source_name: ${JSON.stringify(name)}\n    kind: research_firm\n`);
  }
  for (const name of refNames) {
    let text = readFileSync(path.join(refDir, "reference", name), "utf8");
    if (name === "providers.yaml") text = appendToTrailingList(text, "providers", syntheticProviders);
    if (name === "sources.yaml") text = appendToTrailingList(text, "sources", syntheticFirms);
    files.set(key(`reference/${name}`), text);
  }

  // --- documents and fixtures -----------------------------------------------------------------------
  let remaining = shape.facts;
  for (let d = 0; d < shape.documents; d++) {
    const firm = firms[d % shape.firms]!;
    const q = Math.floor(d / shape.firms);
    const year = 2000 + Math.floor(q / 4);
    const quarter = (q % 4) + 1;
    const docId = `syn-${firm.id.slice(4)}-${year}q${quarter}`;
    const heading = `📈 ${firm.name} — cloud market tracker, Q${quarter} ${year} (synthetic, seed ${seed})\n\n`;
    let text = heading;
    let cp = Array.from(heading).length;
    const claims: ClaimOut[] = [];
    /** Appends a sentence; returns its code-point offsets. */
    const say = (sentence: string): [string, number, number] => {
      const start = cp;
      text += `${sentence} `;
      cp += Array.from(sentence).length + 1;
      return [sentence, start, start + Array.from(sentence).length];
    };
    let k = 0;
    const claim = (c: Omit<ClaimOut, "id" | "kind" | "speaker" | "quote" | "char_start" | "char_end">, s: [string, number, number]) => {
      const said = { kind: KIND_OF[c.measure]!, speaker: c.attributed_to };
      claims.push({ id: `${docId}-${pad(++k, 2)}`, ...c, ...said, quote: s[0], char_start: s[1], char_end: s[2] });
    };

    // Shares: random weights scaled to a total of 60–95%, in tenths of a percent, each at least 0.1%.
    const weights = providers.map(() => rand() ** 3 + 0.01);
    const wsum = weights.reduce((a, b) => a + b, 0);
    const total = int(600, 950) - providers.length; // tenths of a percent, before the 0.1 floor each
    const periodText = rand() < 0.5 ? `Q${quarter} ${year}` : `${year}-Q${quarter}`;
    providers.forEach((p, i) => {
      const tenths = 1 + Math.floor((weights[i]! / wsum) * total);
      const value = tenths / 10;
      const alias = pick(p.aliases);
      const s = say(`${firm.name} put ${alias} at ${value}% of ${firm.market.name} in Q${quarter} ${year}.`);
      claim(
        {
          subject: alias,
          measure: "market_share",
          value,
          unit: "percent",
          qualifier: "exact",
          period: periodText,
          market: firm.market.id,
          attributed_to: firm.id,
        },
        s,
      );
    });

    const p1 = pick(providers);
    const a1 = pick(p1.aliases);
    const over = rand() < 0.2;
    const regions = int(10, 120);
    claim(
      {
        subject: a1,
        measure: "regions",
        value: regions,
        unit: "count",
        qualifier: over ? "over" : "exact",
        period: `${year}-Q${quarter}`,
        attributed_to: firm.id,
      },
      say(`${a1} operates ${over ? "over " : ""}${regions} cloud regions, according to ${firm.name}.`),
    );
    const p2 = pick(providers);
    const a2 = pick(p2.aliases);
    const zones = int(20, 360);
    claim(
      {
        subject: a2,
        measure: "availability_zones",
        value: zones,
        unit: "count",
        qualifier: "exact",
        period: `${year}-Q${quarter}`,
        attributed_to: firm.id,
      },
      say(`${a2} runs ${zones} availability zones.`),
    );
    const [cc, country] = pick(COUNTRIES);
    const a3 = pick(pick(providers).aliases);
    claim(
      { subject: a3, measure: "regions_in", value: null, unit: null, qualifier: null, period: null, object: cc, attributed_to: firm.id },
      say(`${a3} has regions in ${country}.`),
    );
    const ga = pick(GEOS);
    let gb = pick(GEOS);
    if (gb === ga) gb = GEOS[(GEOS.indexOf(ga) + 1) % GEOS.length]!;
    const a4 = pick(pick(providers).aliases);
    const mainly = say(`${a4}'s regions are primarily in ${ga[1]} and ${gb[1]}.`);
    claim(
      {
        subject: a4,
        measure: "regions_mainly_in",
        value: null,
        unit: null,
        qualifier: null,
        period: null,
        object: ga[0],
        attributed_to: firm.id,
      },
      mainly,
    );
    claim(
      {
        subject: a4,
        measure: "regions_mainly_in",
        value: null,
        unit: null,
        qualifier: null,
        period: null,
        object: gb[0],
        attributed_to: firm.id,
      },
      mainly,
    );
    const a5 = pick(pick(providers).aliases);
    const gg = pick(GEOS);
    claim(
      {
        subject: a5,
        measure: "growth_region",
        value: null,
        unit: null,
        qualifier: null,
        period: null,
        object: gg[0],
        attributed_to: firm.id,
        note: "synthetic",
      },
      say(`${firm.name} expects strong growth for ${a5} in ${gg[1]}.`),
    );
    const gbattle = pick(GEOS);
    claim(
      {
        subject: "cloud_ai_market",
        measure: "battleground",
        value: null,
        unit: null,
        qualifier: null,
        period: null,
        object: gbattle[0],
        attributed_to: firm.id,
      },
      say(`${firm.name} calls ${gbattle[1]} a key market share battleground.`),
    );

    const kept = claims.slice(0, Math.min(claims.length, remaining));
    remaining -= kept.length;
    text = `${text.trimEnd()}\n`;
    const sha = createHash("sha256").update(text, "utf8").digest("hex");
    files.set(key(`sources/${docId}.txt`), text);
    // Metadata as people write it (YAML) with YAML fixtures, as a feed would (JSON) with JSON Lines.
    const meta = {
      document_id: docId,
      file: `${docId}.txt`,
      sha256: sha,
      publisher: firm.name,
      title: `Cloud market tracker Q${quarter} ${year}`,
      url: null,
      author: null,
      date_approx: `${year}-Q${quarter}`,
      date_evidence: "synthetic",
    };
    if (format === "yaml")
      files.set(
        key(`sources/${docId}.meta.yaml`),
        `# Synthetic document (test/support/synthetic.ts, seed ${seed}).\ndocument_id: ${docId}\nfile: ${meta.file}\nsha256: ${sha}\npublisher: ${JSON.stringify(meta.publisher)}\ntitle: ${JSON.stringify(meta.title)}\nurl: null\nauthor: null\ndate_approx: ${meta.date_approx}\ndate_evidence: synthetic\n`,
      );
    else files.set(key(`sources/${docId}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
    files.set(
      key(`fixtures/${docId}.${format === "yaml" ? "yaml" : "jsonl"}`),
      format === "yaml" ? yamlFixture(docId, kept) : jsonlFixture(docId, kept),
    );
    if (remaining === 0) break;
  }
  // In the order `readInputs` reads a data folder (fixtures, then reference, then sources; names
  // sorted), so that the stages meet the corpus as they do when it is read from disk: the fixtures
  // firm by firm, their claims in id order (generated quarter by quarter, they came out of order).
  const folders = DATA_FOLDERS.map((f) => key(f) + path.sep);
  const rank = (k: string) => folders.findIndex((f) => k.startsWith(f));
  const inOrder = [...files.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { dataDir, files: new Map(inOrder.map((k) => [k, files.get(k)!])) };
}
