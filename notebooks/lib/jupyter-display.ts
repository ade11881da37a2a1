/**
 * The one place that uses a tslab internal: sending ONE display_data output that carries several
 * MIME types (a chart's Vega-Lite spec, its PNG and a plain-text line, so that every front end finds one it renders).
 *
 * tslab has no public way to do that: `tslab.display.*` (html, markdown, svg, png, raw(mime, data))
 * sends one MIME type per call, i.e. one output per type. Its kernel keeps the writer of the cell
 * being run in `lastWriteDisplayData` of tslab/dist/jupyter.js; this calls it with the whole bundle.
 * Pinned by package-lock.json (tslab 1.0.22); test/notebooks.test.ts fails if it stops working.
 *
 * The module is loaded with a plain `require` (tslab runs this file as CommonJS), not an import:
 * an import would make tslab's compiler read jupyter.d.ts and, through it, the declarations of
 * zeromq and of TypeScript itself, in every kernel, for the one property used here.
 */

type WriteDisplayData = (
  data: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/** Send one display_data output carrying several MIME types. */
export function displayBundle(data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
  // `require` exists where tslab runs this file (CommonJS); elsewhere (an ES module) there is no kernel
  const jupyter =
    typeof require === "function" ? (require("tslab/dist/jupyter.js") as { lastWriteDisplayData?: WriteDisplayData | null }) : {};
  const write = jupyter.lastWriteDisplayData;
  if (typeof write !== "function") {
    throw new Error("displayBundle: not running inside a tslab kernel cell (lastWriteDisplayData is not set)");
  }
  write({ data, metadata, transient: {} }, false);
}
