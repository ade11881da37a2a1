/** Section 5, provenance: every fact with its quote, source, offsets and the text around it. Figures elsewhere link here. */
import { factAnchor, fmtNum } from "../format.ts";
import { html, join, type Html } from "../html.ts";
import type { FactEntry, Labels } from "../model.ts";

function factArticle({ fact: f, document: doc, context: ctx }: FactEntry, L: Labels): Html {
  const value = f.value === null ? "qualitative" : `${fmtNum(f.value)} ${f.unit ?? ""}`.trim();
  const stated = f.value_as_stated === null ? "" : ` (as printed: ${fmtNum(f.value_as_stated)} ${f.unit_as_stated ?? ""})`;
  const rows: Array<[string, Html]> = [
    ["Kind", html`${f.kind}`],
    ["Said by", html`${L.source(f.speaker)}`],
    ["Attributed to", html`${L.source(f.attributed_to)}`],
    [
      "Source",
      html`${doc?.publisher ?? f.document_id}${doc?.title && html`, “${doc.title}”`} — <code>${doc?.file ?? ""}</code> (${f.document_id})`,
    ],
    ["Characters", html`${f.char_start}–${f.char_end} (code points, end exclusive)`],
    [
      "Claim",
      html`<code>${f.measure}</code> of ${L.provider(f.subject_id)}${f.object_id && html` → ${f.object_id}`}: ${value}${stated}${f.qualifier && f.qualifier !== "exact" && html` · ${f.qualifier}`}${f.period && html` · ${f.period}`}`,
    ],
  ];
  if (f.period_note) rows.push(["Period", html`${f.period_note}`]);
  if (f.note) rows.push(["Note", html`${f.note}`]);
  const anchor = factAnchor(f.fact_id);
  return html`<article class="fact" id="${anchor}" tabindex="-1" aria-labelledby="${anchor}-h">
<h3 id="${anchor}-h"><code>${f.fact_id}</code></h3>
<blockquote class="quote"><p>${f.quote}</p></blockquote>
${
  ctx &&
  html`<p class="context"><span class="visually-hidden">In context: </span>${ctx.before}<mark>${ctx.quote}</mark>${ctx.after}</p>
`
}<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
</article>`;
}

export function provenanceSection(facts: readonly FactEntry[], L: Labels): Html {
  return html`<p>Every fact of the dataset with its verbatim quote, where it sits in the source and the text around it (the quote is highlighted). Figures elsewhere in the page link here.</p>
<div class="facts">
${join(
  facts.map((e) => factArticle(e, L)),
  "\n",
)}
</div>`;
}
