/** Section 1, the key numbers: the firms' gap per provider, the bloc split per source, the battlegrounds, the claims in one line. */
import { fmtPct, fmtPp, listParts, plural } from "../format.ts";
import { html, join, type Html } from "../html.ts";
import { chinaPublicShare, STATUS_WORDS, type ShareRange } from "../../findings.ts";
import type { Battleground, BlocSplit, Headline, Labels, SeriesPair } from "../model.ts";
import { fig } from "./common.ts";

const BLOC_NAMES: ReadonlyMap<string, string> = new Map([
  ["us_led", "US-led"],
  ["china_led", "China-led"],
]);
const LEADER_TEXT: Readonly<Record<Headline["leader"], string>> = {
  us_led: "The US-led providers lead under every source:",
  china_led: "The China-led providers lead under every source:",
  mixed: "The sources disagree on which bloc leads:",
};

/** A gap's size without its sign: 7.7 → "7.7". */
const points = (x: number): string => fmtPp(Math.abs(x)).replace(/^\+/, "");

function pairFinding(pair: SeriesPair, L: Labels): Html | undefined {
  const { widest, narrowest } = pair;
  const first = pair.rows[0]?.row;
  if (!widest || !narrowest || !first) return undefined;
  const seriesA = `${L.source(first.source_a)} (${L.market(first.market_a)}, ${first.period_a})`;
  const seriesB = `${L.source(first.source_b)} (${L.market(first.market_b)}, ${first.period_b})`;
  const w = widest.row;
  return html`<li><strong>The research firms are ${points(narrowest.row.delta_pp)} to ${points(w.delta_pp)} points apart</strong> on the ${plural(pair.both, "provider")} both name. ${seriesA} and ${seriesB} ${first.same_market ? "measure the same market" : "measure different markets over different periods"}; the widest gap is for ${L.provider(w.provider_id)}: ${fig(fmtPct(w.share_a), widest.factsA)} against ${fig(fmtPct(w.share_b), widest.factsB)} (${fig(`${fmtPp(w.delta_pp)} points`, [...widest.factsA, ...widest.factsB])}).</li>`;
}

function pairTable(pair: SeriesPair, L: Labels): Html {
  const first = (pair.rows[0] as SeriesPair["rows"][number]).row;
  const body = pair.rows.map(({ row: r, factsA, factsB }) => {
    const provider = L.provider(r.provider_id);
    const a = r.share_a === null ? "not named" : fig(fmtPct(r.share_a), factsA, `${provider}, ${L.source(r.source_a)}`);
    const b = r.share_b === null ? "not named" : fig(fmtPct(r.share_b), factsB, `${provider}, ${L.source(r.source_b)}`);
    const gap = r.delta_pp === null ? "–" : fig(fmtPp(r.delta_pp), [...factsA, ...factsB], `${provider}: the gap`);
    return html`<tr><th scope="row">${provider}</th><td class="nowrap">${BLOC_NAMES.get(L.blocOf(r.provider_id) ?? "") ?? ""}</td><td class="num">${a}</td><td class="num">${b}</td><td class="num">${gap}</td></tr>`;
  });
  const head = (source: string, market: string, period: string) =>
    html`${L.source(source)}<span class="sub">${L.market(market)}, ${period}</span>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Market share per research firm"><table class="headline-table" id="headline-shares"><caption>Market share per provider: ${L.source(first.source_a)} against ${L.source(first.source_b)}</caption><thead><tr><th scope="col">Provider</th><th scope="col">Bloc</th><th scope="col" class="num">${head(first.source_a, first.market_a, first.period_a)}</th><th scope="col" class="num">${head(first.source_b, first.market_b, first.period_b)}</th><th scope="col" class="num">Gap<span class="sub">points, ${L.source(first.source_b)} − ${L.source(first.source_a)}</span></th></tr></thead><tbody>
${join(body, "\n")}
</tbody></table></div>`;
}

function blocsFinding(h: Headline, L: Labels): Html {
  const parts = h.blocs.map(({ row: c, facts }) => {
    const source = L.source(c.source_id);
    return html`under ${source} (${L.market(c.market)}, ${c.period}) the US-led providers it names hold ${fig(fmtPct(c.us_led_share), facts, `US-led, ${source}`)} of that market and the China-led ${fig(fmtPct(c.china_led_share), facts, `China-led, ${source}`)}`;
  });
  const rest = h.blocs.map(({ row: c }) => `${fmtPct(c.others)} for ${L.source(c.source_id)}`);
  const markets = new Set(h.blocs.map(({ row: c }) => `${c.market}\u0000${c.period}`));
  const mixed =
    markets.size > 1 ? " The sources measure different markets over different periods, so their figures are not one market's split." : "";
  return html`<li><strong>${LEADER_TEXT[h.leader]}</strong> ${listParts(parts)}.${mixed} The rest of each market (${listParts(rest)}) is not attributed to anyone.</li>`;
}

function blocsRow({ row: c, facts }: BlocSplit, L: Labels): Html {
  const source = L.source(c.source_id);
  return html`<tr><th scope="row">${source}</th><td>${L.market(c.market)}</td><td>${c.period}</td><td class="num">${fig(fmtPct(c.us_led_share), facts, `US-led, ${source}`)}</td><td class="num">${fig(fmtPct(c.china_led_share), facts, `China-led, ${source}`)}</td><td class="num">${fig(fmtPct(c.named_total), facts, `Named providers, ${source}`)}</td><td class="num">${fmtPct(c.others)}</td></tr>`;
}

function blocsTable(h: Headline, L: Labels): Html {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="US-led vs China-led per source"><table class="headline-table" id="headline-blocs"><caption>US-led vs China-led share, per source (sums of the providers each source names)</caption><thead><tr><th scope="col">Source</th><th scope="col">Market</th><th scope="col">Period</th><th scope="col" class="num">US-led</th><th scope="col" class="num">China-led</th><th scope="col" class="num">Named in all</th><th scope="col" class="num">Not named</th></tr></thead><tbody>
${join(
  h.blocs.map((b) => blocsRow(b, L)),
  "\n",
)}
</tbody></table></div>`;
}

/** The battleground's name, linked to the facts that make it one. */
const battlegroundFig = (b: Battleground, L: Labels): Html =>
  fig(L.geo(b.row.macro_geo), b.facts, `${L.geo(b.row.macro_geo)}: why a battleground`);

/** "12.5% (Europe) to 28.6% (Africa)": a range with the macro-region at each end. */
function rangeText(r: ShareRange | undefined, L: Labels): Html {
  if (r === undefined) return html`none`;
  const geos = (ids: readonly string[]) => listParts(ids.map(L.geo));
  return r.min === r.max ? html`${fmtPct(r.min)}` : html`${fmtPct(r.min)} (${geos(r.minGeos)}) to ${fmtPct(r.max)} (${geos(r.maxGeos)})`;
}

function battlegroundsFinding(h: Headline, L: Labels): Html {
  const n = h.battlegrounds.length;
  const f = h.battleFigures;
  return html`<li><strong>The article's ${plural(n, "battleground")}</strong> (${listParts(h.battlegrounds.map((b) => battlegroundFig(b, L)))}): the region catalog has both blocs present in ${f.bothBlocs === n ? "every one" : `${f.bothBlocs} of them`}; the China-led providers hold ${rangeText(f.publicRange, L)} of the ${STATUS_WORDS.public} there, and ${rangeText(f.allRange, L)} counting ${STATUS_WORDS.all} (catalog as of ${h.catalogAsOf}).</li>`;
}

function battlegroundsTable(h: Headline, L: Labels): Html {
  const present = (rows: Battleground["usLed"]) =>
    rows.length === 0
      ? "none"
      : join(
          rows.map((r) => html`${L.provider(r.provider_id)} (${r.regions})`),
          ", ",
        );
  const share = (x: number | null) => (x === null ? "–" : fmtPct(x));
  const rows = h.battlegrounds.map(
    (b) =>
      html`<tr><th scope="row">${battlegroundFig(b, L)}</th><td>${present(b.usLed)}</td><td>${present(b.chinaLed)}</td><td class="num">${share(chinaPublicShare(b.row))}</td><td class="num">${share(b.row.china_led_share_of_regions)}</td></tr>`,
  );
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Who is present in each battleground"><table class="headline-table" id="headline-battlegrounds"><caption>Who is present in each of the article's battlegrounds (cloud regions per provider in the region catalog, every status; the China-led share also over the public regions, status general or sovereign)</caption><thead><tr><th scope="col">Macro-region</th><th scope="col">US-led providers (regions)</th><th scope="col">China-led providers (regions)</th><th scope="col" class="num">China-led share<span class="sub">public regions</span></th><th scope="col" class="num">China-led share<span class="sub">every status</span></th></tr></thead><tbody>
${join(rows, "\n")}
</tbody></table></div>`;
}

function claimsFinding(h: Headline): Html {
  const verdicts = [...h.verdicts.values()];
  const n = (v: string) => verdicts.filter((x) => x === v).length;
  return html`<li><strong>The article's footprint claims against the region catalog:</strong> of ${plural(h.verdicts.size, "claim")}, ${n("consistent")} hold under every definition of a region, ${n("depends_on_definition")} depend on the definition, ${n("inconsistent")} hold under none and ${n("not_verifiable")} cannot be checked (<a href="#checks">the claims check</a>).</li>`;
}

export function summarySection(h: Headline, L: Labels): Html {
  const findings = [
    ...h.pairs.map((p) => pairFinding(p, L)),
    h.blocs.length > 0 ? blocsFinding(h, L) : undefined,
    h.battlegrounds.length > 0 ? battlegroundsFinding(h, L) : undefined,
    h.verdicts.size > 0 ? claimsFinding(h) : undefined,
  ].filter((x): x is Html => x !== undefined);
  return html`<ul class="findings">
${join(findings, "\n")}
</ul>
<p class="hint">Every underlined figure links to the sentence it comes from.</p>
<div class="headline-grid">${join(
    h.pairs.map((p) => pairTable(p, L)),
    "\n",
  )}
${blocsTable(h, L)}
${battlegroundsTable(h, L)}</div>`;
}
