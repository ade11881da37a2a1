/**
 * Section 5, provenance: every quote once, with its source, offsets and the text around it, and
 * under it every fact (figure or claim) that cites it. Figures elsewhere link to a fact's entry
 * (`#fact-<id>`), which sits in its quote's card.
 */
import { factAnchor, fmtNum } from "../format.ts";
import { html, join, type Html } from "../html.ts";
import type { FactEntry, Labels } from "../model.ts";

/** The facts grouped by the quote they cite (same document, same offsets), in the order of the text. */
export function quoteGroups(facts: readonly FactEntry[]): FactEntry[][] {
  const groups = new Map<string, FactEntry[]>();
  for (const e of facts) {
    const key = `${e.fact.document_id}\u0000${e.fact.char_start}\u0000${e.fact.char_end}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const first = (g: FactEntry[]): FactEntry["fact"] => (g[0] as FactEntry).fact;
  return [...groups.values()].sort(
    (a, b) =>
      (first(a).document_id < first(b).document_id ? -1 : first(a).document_id > first(b).document_id ? 1 : 0) ||
      first(a).char_start - first(b).char_start ||
      first(a).char_end - first(b).char_end,
  );
}

/** One fact citing the quote: what it claims, who says it, its period and note. */
function citing({ fact: f }: FactEntry, L: Labels): Html {
  const value = f.value === null ? "qualitative" : `${fmtNum(f.value)} ${f.unit ?? ""}`.trim();
  const stated = f.value_as_stated === null ? "" : ` (as printed: ${fmtNum(f.value_as_stated)} ${f.unit_as_stated ?? ""})`;
  const anchor = factAnchor(f.fact_id);
  return html`<li class="cite" id="${anchor}" tabindex="-1"><code class="fact-id">${f.fact_id}</code>: <code>${f.measure}</code> of ${L.provider(f.subject_id)}${f.object_id && html` → ${f.object_id}`}: ${value}${stated}${f.qualifier && f.qualifier !== "exact" && html` · ${f.qualifier}`}${f.period && html` · ${f.period}`}. <span class="by">Kind: ${f.kind}. Said by ${L.source(f.speaker)}; attributed to ${L.source(f.attributed_to)}.</span>${f.period_note && html` <span class="sub">Period: ${f.period_note}</span>`}${f.note && html` <span class="sub">Note: ${f.note}</span>`}</li>`;
}

function quoteCard(group: readonly FactEntry[], L: Labels): Html {
  const { fact: f, document: doc, context: ctx } = group[0] as FactEntry;
  const id = `quote-${factAnchor(f.fact_id).slice("fact-".length)}`;
  const n = group.length;
  return html`<article class="fact" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h">Characters ${f.char_start}–${f.char_end} <span class="count">(${n === 1 ? "1 fact" : `${n} facts`})</span></h3>
<blockquote class="quote"><p>${f.quote}</p></blockquote>
${
  ctx &&
  html`<p class="context"><span class="visually-hidden">In context: </span>${ctx.before}<mark>${ctx.quote}</mark>${ctx.after}</p>
`
}<p class="source-line">Source: ${doc?.publisher ?? f.document_id}${doc?.title && html`, “${doc.title}”`} — <code>${doc?.file ?? ""}</code> (${f.document_id}), characters ${f.char_start}–${f.char_end} (code points, end exclusive)</p>
<ul class="cites">${join(
    group.map((e) => citing(e, L)),
    "\n",
  )}</ul>
</article>`;
}

export function provenanceSection(facts: readonly FactEntry[], L: Labels): Html {
  const groups = quoteGroups(facts);
  return html`<p>Every quote of the dataset once, verbatim, with where it sits in the source and the text around it (highlighted), and under it each of the ${facts.length} facts that cite it (${groups.length} quotes in all). Figures elsewhere in the page link here.</p>
<div class="facts">
${join(
  groups.map((g) => quoteCard(g, L)),
  "\n",
)}
</div>`;
}
