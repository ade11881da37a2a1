/** Markup the sections share: a figure linked to its facts, a sortable column header. */
import { factAnchor } from "../format.ts";
import { html, type Html } from "../html.ts";

/** A figure linked to the facts it comes from: an anchor to the first; the page's script opens all of them. */
export function fig(text: string, factIds: readonly string[], label?: string): Html {
  const ids = factIds.filter((id, i) => factIds.indexOf(id) === i);
  if (ids.length === 0) return html`${text}`;
  const title = ids.length === 1 ? `Source: fact ${ids[0]}` : `Source: ${ids.length} facts`;
  return html`<a class="fig" href="#${factAnchor(ids[0] as string)}" data-facts="${ids.map(factAnchor).join(" ")}"${label ? html` data-label="${label}"` : ""} title="${title}">${text}</a>`;
}

/** A column header with a sort button (the script sorts by each cell's data-v). */
export function sortTh(
  label: string,
  type: "number" | "string" | "boolean",
  title?: string,
  align: "left" | "right" = type === "number" ? "right" : "left",
): Html {
  return html`<th scope="col" data-type="${type}"${align === "right" ? html` class="num"` : ""}><button type="button" class="sort"${title ? html` title="${title}"` : ""}>${label}</button></th>`;
}
