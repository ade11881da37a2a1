/** Section 3: the claims check (one row per claim, one column per definition of a region) and the data-quality findings. */
import { inferredPeriodsSentence, total } from "../../findings.ts";
import type { Row } from "../../schema/tables.ts";
import { fmtPct, listParts, plural } from "../format.ts";
import { html, join, type Html } from "../html.ts";
import { verdictRank, type ClaimCheck, type ClaimsModel, type Labels } from "../model.ts";
import type { QualityModel } from "../model-quality.ts";
import { fig, sortTh } from "./common.ts";

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

function holdsCell(c: Row<"claims_check"> | undefined): Html {
  if (!c) return html`<td class="holds na" data-v="">–</td>`;
  if (c.holds === null) return html`<td class="holds unknown" data-v="1" title="${c.explanation}">n/a</td>`;
  return c.holds
    ? html`<td class="holds yes" data-v="3" title="${c.explanation}">✓ holds</td>`
    : html`<td class="holds no" data-v="2" title="${c.explanation}">✗ no</td>`;
}

function claimRow({ factId, first, shown, byScope }: ClaimCheck, L: Labels): Html {
  const what = `${first.measure}${first.object_id ? ` · ${first.object_id}` : ""}`;
  const provider = L.provider(first.provider_id);
  return html`<tr><td data-v="${provider}">${provider}</td><td class="quote" data-v="${first.claim}">${fig(first.claim, [factId], first.claim)}<span class="sub">${SCOPE_TEXT[shown.definition] ?? shown.definition}: ${shown.explanation}</span>${
    first.verdict === "depends_on_definition" &&
    first.reproduced_under &&
    html`<span class="sub">Holds under: ${first.reproduced_under
      .split(";")
      .map((d) => SCOPE_TEXT[d] ?? d)
      .join(", ")}</span>`
  }</td><td class="what" data-v="${what}"><code>${first.measure}</code>${first.object_id && html`<span class="sub">${first.object_id}</span>`}</td><td data-v="${verdictRank(first.verdict)}"><span class="verdict verdict-${first.verdict}">${VERDICT_TEXT[first.verdict] ?? first.verdict}</span></td>${byScope.map(holdsCell)}</tr>`;
}

function claimsTable(m: ClaimsModel, L: Labels): Html {
  const head = html`<tr>${sortTh("Provider", "string")}${sortTh("Claim, and what the catalog shows", "string")}${sortTh("Measure · place", "string")}${sortTh("Verdict (over the definitions)", "number", undefined, "left")}${m.scopes.map((s) => sortTh(SCOPE_TEXT[s] ?? s, "number", `Holds under the definition "${s}"`, "left"))}</tr>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Claims check"><table class="sortable data claims" id="claims-table"><caption>Each footprint or geography claim of the article, checked against the region catalog under each definition of "a region" (the line under a claim: the catalog's figure for public regions, else the first definition checked)</caption><thead>${head}</thead><tbody>
${join(
  m.claims.map((c) => claimRow(c, L)),
  "\n",
)}
</tbody></table></div>`;
}

function qualityFindings(q: QualityModel, L: Labels): Html {
  const items: Html[] = [];
  const factLinks = (ids: readonly string[]) => listParts(ids.map((id) => fig(id, [id])));
  items.push(
    html`<li><strong>${q.exactQuotes} of ${q.factCount} quotes</strong> are exactly the source text at their code-point offsets${q.inexactQuotes.length > 0 && html`; the others are ${factLinks(q.inexactQuotes)}`}.</li>`,
  );
  if (q.differentMarkets > 0) {
    items.push(
      html`<li><strong>The research firms measure different things.</strong> ${q.differentMarkets} of ${plural(q.crossComparisons, "cross-source comparison")} set different markets side by side (${listParts(q.marketNames)}): read the gaps as a disagreement to show, not an error to fix.</li>`,
    );
  }
  if (q.namedTotals.length > 0) {
    const totals = q.namedTotals.map(
      ({ row: c, facts }) => html`${fig(fmtPct(c.named_total), facts, `Named total, ${L.source(c.source_id)}`)} (${L.source(c.source_id)})`,
    );
    items.push(
      html`<li><strong>Shares of the named providers are not shares of the market.</strong> The providers each firm names add up to ${listParts(totals)}; <code>share_of_named</code> and <code>hhi_named</code> are over those only.</li>`,
    );
  }
  const n = q.notExact.length;
  if (n > 0)
    items.push(
      html`<li><strong>${plural(n, "fact")} ${n === 1 ? "is" : "are"} not exact</strong>: ${listParts(q.notExact.map((f) => html`${fig(f.fact_id, [f.fact_id])} (${f.qualifier ?? ""})`))}.</li>`,
    );
  if (q.lowerBounds.length > 0) {
    const bounds = q.lowerBounds.map(
      ({ row: f, facts }) =>
        html`${L.provider(f.provider_id)}'s region count is “over ${fig(String(f.regions), facts, `${L.provider(f.provider_id)}: regions`)}”${f.regions_listed !== null && html` (the list the article links to has ${f.regions_listed})`}`,
    );
    items.push(
      html`<li><strong>Lower bounds.</strong> ${listParts(bounds)}; ratios computed from ${q.lowerBounds.length === 1 ? "it" : "them"} are lower bounds too.</li>`,
    );
  }
  if (q.countsFromCatalog.length > 0)
    items.push(
      html`<li><strong>Figures the article does not give.</strong> The region count of ${listParts(q.countsFromCatalog.map(L.provider))} comes from the region catalog, not the article.</li>`,
    );
  if (q.inferredPeriods.inferred > 0)
    items.push(html`<li><strong>Inferred periods.</strong> ${inferredPeriodsSentence(q.inferredPeriods)}</li>`);
  if (q.notedFacts > 0)
    items.push(
      html`<li><strong>Editor's notes.</strong> ${plural(q.notedFacts, "fact")} carry a note on how ${q.notedFacts === 1 ? "it was" : "they were"} read (shown in the <a href="#provenance">provenance panel</a>).</li>`,
    );
  const missing = total(q.zones.notSourced);
  const none = total(q.zones.publishedNone);
  if (q.regionCount > 0 && missing + none > 0) {
    const byProvider = (xs: ReadonlyArray<[string, number]>) => listParts(xs.map(([p, k]) => `${L.provider(p)} ${k}`));
    items.push(
      html`<li><strong>Gaps in the region catalog.</strong> ${missing} of its ${q.regionCount} regions have no sourced availability-zone count (${byProvider(q.zones.notSourced)}); zone totals over them are lower bounds.${none > 0 && html` ${none} more are published by their provider as having no availability zone (${byProvider(q.zones.publishedNone)}; <code>availability_zones</code> = 0).`}</li>`,
    );
  }
  return html`<ul class="quality">
${join(items, "\n")}
</ul>`;
}

export function checksSection(claims: ClaimsModel, quality: QualityModel, L: Labels): Html {
  return html`<h3 id="claims-heading">The claims check</h3>
<p class="note">Definitions: <strong>general</strong> = generally available public regions; <strong>public</strong> = general + sovereign or partner-operated (open to any customer); <strong>non-government</strong> = every status but government; <strong>all</strong> = every status; <strong>provider's list</strong> = rows of the provider's own public list. Region and zone counts are also checked under each region list the provider publishes (Huawei's SDK lists, table <code>region_lists</code>), and a zone count only under the definitions that reproduce the region count of its sentence. A disagreement is a finding, not an error. Every row, with its figures, is in the <a href="#table-claims_check">claims_check table</a>.</p>
${claimsTable(claims, L)}
<h3 id="quality-heading">Data-quality findings</h3>
${qualityFindings(quality, L)}`;
}
