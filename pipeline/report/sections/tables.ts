/**
 * Section 4: every output table, sortable, with its data dictionary and links to tables/<name>.csv and
 * .parquet. A long table shows its first PREVIEW_ROWS rows; the rest are in a <template> beside it
 * (inert: not laid out, not in the accessibility tree) until the reader asks for them or sorts.
 */
import { columnsOf, type Column } from "../../schema/columns.ts";
import type { TableName } from "../../schema/tables.ts";
import { fmtNum, plural, splitIds } from "../format.ts";
import { html, join, type Html } from "../html.ts";
import type { TableBlock } from "../model.ts";
import { fig, sortTh } from "./common.ts";

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
/** Text cells up to this length do not wrap (ids, periods like 2025-Q2). */
const SHORT_TEXT = 32;
/**
 * Rows a table shows before "Show all": a few phone screens, enough to see what the rows hold. Every
 * row of every table on the page was most of its elements (docs/decisions/0009-report-table-preview.md).
 */
export const PREVIEW_ROWS = 50;

function rowFacts(row: Record<string, unknown>): string[] {
  const single = row["fact_id"];
  if (typeof single === "string") return [single];
  return splitIds(typeof row["fact_ids"] === "string" ? row["fact_ids"] : null);
}

function cell(col: Column, value: unknown, figureFacts: readonly string[] | undefined): Html {
  if (value === null || value === undefined) return html`<td class="null" data-v=""><span class="visually-hidden">empty</span></td>`;
  if (ID_COLUMNS.has(col.name)) {
    const ids = splitIds(String(value));
    return html`<td class="ids" data-v="${String(value)}">${join(
      ids.map((id) => fig(id, [id])),
      "<br>",
    )}</td>`;
  }
  if (typeof value === "number") {
    const text = fmtNum(value);
    return html`<td class="num" data-v="${value}">${figureFacts && figureFacts.length > 0 ? fig(text, figureFacts) : text}</td>`;
  }
  const text = String(value);
  const cls = col.name === "quote" || col.name === "claim" ? "quote" : text.length <= SHORT_TEXT ? "nowrap" : "";
  return html`<td${cls && html` class="${cls}"`} data-v="${text}">${text}</td>`;
}

function dataTable({ name, def, rows, open }: TableBlock): Html {
  const cols = columnsOf(def);
  const figureCols = new Set(FIGURE_COLUMNS[name] ?? []);
  const head = cols.map((c) =>
    sortTh(
      c.name,
      c.type === "integer" || c.type === "number" ? "number" : c.type === "boolean" ? "boolean" : "string",
      `${c.description}${c.unit ? ` (${c.unit})` : ""}`,
    ),
  );
  const body = rows.map((r) => {
    const facts = rowFacts(r);
    return html`<tr>${cols.map((c) => cell(c, r[c.name], figureCols.has(c.name) ? facts : undefined))}</tr>`;
  });
  const shown = body.slice(0, PREVIEW_ROWS);
  const rest = body.slice(PREVIEW_ROWS);
  const dictionary = cols.map(
    (c) => html`<dt><code>${c.name}</code></dt><dd>${c.description}${c.unit && html` <span class="unit">(${c.unit})</span>`}</dd>`,
  );
  return html`<details class="table-block" id="table-${name}"${open && html` open`}>
<summary><h3><code>${name}</code> — ${def.title} <span class="count">(${plural(rows.length, "row")})</span></h3></summary>
<p>${def.description} <span class="downloads">Download: <a href="tables/${name}.csv" download>${name}.csv</a> · <a href="tables/${name}.parquet" download>${name}.parquet</a></span></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Table ${name}"><table class="sortable data" id="data-${name}"><caption class="visually-hidden">${def.title}: ${def.description} Sort by clicking a column header.</caption><thead><tr>${head}</tr></thead><tbody>
${join(shown, "\n")}
</tbody></table></div>
${rest.length > 0 && preview(name, rows.length, rest)}
<details class="dictionary"><summary>Columns of ${name}</summary><dl>${dictionary}</dl></details>
</details>`;
}

/**
 * The rows after the first PREVIEW_ROWS, inert in a <template>, and a line under the table: how many
 * rows show, the CSV with all of them, and a button (for scripts only; the CSS hides it without) that
 * moves the rest into the table. The script rewrites the status, which is announced when it changes.
 */
function preview(name: string, total: number, rest: readonly Html[]): Html {
  return html`<template class="more-rows">
${join(rest, "\n")}
</template>
<p class="preview"><span class="preview-status" aria-live="polite">Showing the first ${PREVIEW_ROWS} of ${total} rows.</span> All rows: <a href="tables/${name}.csv" download>${name}.csv</a> <button type="button" class="show-all">Show all ${total} rows</button></p>`;
}

export function tablesSection(blocks: readonly TableBlock[]): Html {
  const index = blocks.map(
    ({ name: n }) =>
      html`<li><a href="#table-${n}"><code>${n}</code></a> (<a href="tables/${n}.csv" download>CSV</a>, <a href="tables/${n}.parquet" download>Parquet</a>)</li>`,
  );
  return html`<p>Every table of the dataset, as in <code>tables/</code> beside this file (<a href="datapackage.json">datapackage.json</a> describes each column). Numbers are shown to at most four decimals; the files hold them in full. Shares are fractions (0.377 = 37.7%). Click a column header to sort. A table of more than ${PREVIEW_ROWS} rows shows its first ${PREVIEW_ROWS} until you ask for all of them or sort it; its CSV holds them all.</p>
<ul class="table-index">${index}</ul>
${join(blocks.map(dataTable), "\n")}`;
}
