/**
 * HTML built with a tagged template that escapes by default, in the manner of htl's html`…`:
 *
 *   html`<td title="${note}">${value}</td>`
 *
 * Every interpolated string or number is escaped for text and for a quoted attribute value alike, so
 * text from the data cannot become markup. Markup passes through only as an `Html` value: one made
 * by `html` itself, or by `raw()`, which says in the code that its text is trusted (the charts
 * stage's SVG, the inlined bundles, a constant). Arrays are joined with nothing between their items;
 * `join()` puts a separator between fragments. `null`, `undefined` and `false` render as nothing, so
 * `${cond && html`…`}` works.
 */

/** Makes an `Html`; module-private, so that no other code can mint markup from a string. */
let markup: (text: string) => Html;

/** A fragment of trusted markup. Only `html`, `raw`, `join` and the script helpers below make one. */
export class Html {
  readonly #text: string;
  private constructor(text: string) {
    this.#text = text;
  }
  static {
    markup = (text) => new Html(text);
  }
  toString(): string {
    return this.#text;
  }
}

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ESC: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text or attribute value from data → HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.toString();
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return (value as readonly Interpolation[]).map(render).join("");
  return esc(String(value));
}

/** The tagged template: literal parts as written, interpolations escaped unless they are `Html`. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return markup(out);
}

/** Markup that is trusted as it is: say why at the call. */
export function raw(text: string): Html {
  return markup(text);
}

/** Fragments with a separator between them (the separator is literal markup, e.g. "\n" or "<br>"). */
export function join(items: readonly Interpolation[], separator: string): Html {
  return markup(items.map(render).join(separator));
}

/** JSON for a <script type="application/json"> element: `<` (so `</script>`, `<!--`) and the JS line separators escaped. */
export function scriptJson(value: unknown): Html {
  return markup(
    JSON.stringify(value)
      .replace(/</g, "\\u003c")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}

/** A bundle's text inside <script>: no source-map comment (no request for the map), no `</script`. */
export function scriptText(js: string): Html {
  return markup(js.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, "\n").replace(/<\/(script)/gi, "<\\/$1"));
}
