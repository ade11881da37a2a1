/** Section 6, the run: as-of dates, the input files with their SHA-256, the libraries inlined in the page. */
import { html, join, type Html } from "../html.ts";
import type { RunModel } from "../model.ts";

export function runSection(m: RunModel): Html {
  const asOfRows = m.asOf.map((a) => html`<tr><th scope="row">${a.what}</th><td>${a.as_of}</td><td>${a.detail}</td></tr>`);
  const inputRows = m.inputs.map(
    (f) => html`<tr><td><code>${f.file}</code></td><td class="num">${f.bytes}</td><td><code class="hash">${f.sha256}</code></td></tr>`,
  );
  const libRows = m.libraries.map(
    (l) =>
      html`<tr><td><code>${l.name}</code> ${l.version}</td><td><code>${l.file}</code></td><td><code class="hash">${l.sha256}</code></td></tr>`,
  );
  return html`<h3 id="asof-heading">As of</h3>
<div class="table-wrap" tabindex="0" role="region" aria-label="As-of dates"><table class="plain"><thead><tr><th scope="col">What</th><th scope="col">As of</th><th scope="col">Why / what it covers</th></tr></thead><tbody>
${join(asOfRows, "\n")}
</tbody></table></div>
<h3 id="inputs-heading">Inputs of this run</h3>
<p>Built by <code>npm run pipeline</code> (cloud-market-atlas ${m.version}) from these files of the data folder; the same files give the same report, byte for byte.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Input files"><table class="plain"><thead><tr><th scope="col">File</th><th scope="col" class="num">Bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>
${join(inputRows, "\n")}
</tbody></table></div>
<h3 id="libraries-heading">Libraries inlined in this page</h3>
<div class="table-wrap" tabindex="0" role="region" aria-label="Inlined libraries"><table class="plain"><thead><tr><th scope="col">Package</th><th scope="col">File</th><th scope="col">SHA-256</th></tr></thead><tbody>
${join(libRows, "\n")}
</tbody></table></div>`;
}
