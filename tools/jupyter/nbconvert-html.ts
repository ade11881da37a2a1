/**
 * An executed notebook through `jupyter nbconvert --to html`, and what a reader of that page sees:
 * every chart drawn (its PNG, the one nbconvert 6.5 keeps: it strips inline SVG to bare text), every
 * table as the escaped HTML the notebook sent, and no raw `$` where MathJax would typeset it.
 *
 * Used by test/e2e/notebooks.test.ts (when Jupyter is installed) and by tools/notebook-html.ts,
 * which .ci/nbconvert.sh runs on the notebooks Jupyter itself executed.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, delimiter, join } from "node:path";
import { promisify } from "node:util";
import { type DisplayDataOutput, joinLines, type Notebook } from "./nbformat.ts";
import { hasJupyterCommand, isExecutable } from "./programs.ts";

const VEGA_LITE = "application/vnd.vegalite.v5+json";

/** `jupyter` with nbconvert: $JUPYTER, else /usr/bin/jupyter (the default python3 may lack it), else PATH; null if none. */
export function findJupyter(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = env["JUPYTER"]
    ? [env["JUPYTER"]]
    : ["/usr/bin", ...(env["PATH"] ?? "").split(delimiter)].map((d) => join(d, "jupyter"));
  return candidates.find((c) => isExecutable(c) && hasJupyterCommand(c, "nbconvert", env)) ?? null;
}

const execFileAsync = promisify(execFile);

/**
 * `jupyter nbconvert --to html --output-dir DIR NOTEBOOK...` (no other option), one Jupyter process for
 * all the notebooks (each start of Jupyter costs about a second); resolves to their pages, in order.
 * The pages are DIR/<name>.html, so the notebooks' names must differ.
 */
export async function nbconvertHtml(jupyter: string, notebooks: readonly string[], outDir: string): Promise<string[]> {
  const names = notebooks.map((n) => basename(n, ".ipynb"));
  if (new Set(names).size !== names.length)
    throw new Error(`nbconvert writes one page per name, and two notebooks share one: ${notebooks.join(" ")}`);
  try {
    await execFileAsync(jupyter, ["nbconvert", "--to", "html", "--output-dir", outDir, ...notebooks], {
      timeout: 120_000,
      maxBuffer: 16 << 20,
    });
  } catch (e) {
    const { code, stderr } = e as { code?: unknown; stderr?: string };
    throw new Error(`jupyter nbconvert --to html ${notebooks.join(" ")} failed (${String(code)}): ${stderr ?? ""}`);
  }
  return names.map((n) => readFileSync(join(outDir, `${n}.html`), "utf8"));
}

export interface HtmlCheck {
  /** Chart outputs in the notebook (display_data with a Vega-Lite spec). */
  charts: number;
  /** Of those, drawn in the page: their PNG is an <img> there. */
  drawn: number;
  /** Table outputs in the notebook (text/html) and table blocks in the page. */
  tables: number;
  tablesInPage: number;
  /** Everything a reader would see wrong, one line each (empty: the page is right). */
  problems: string[];
}

function displays(nb: Notebook): DisplayDataOutput[] {
  return nb.cells.flatMap((c) => c.outputs ?? []).filter((o): o is DisplayDataOutput => o.output_type === "display_data");
}

const title = (d: DisplayDataOutput): string => {
  const t = (d.data[VEGA_LITE] as { title?: unknown } | undefined)?.title;
  return typeof t === "string" ? t : String((t as { text?: unknown } | undefined)?.text ?? "(untitled)");
};

/** The blocks of one output type in the page (nbconvert's lab template marks each with data-mime-type). */
function blocks(html: string, mime: string): string[] {
  const open = `data-mime-type="${mime}">`;
  return (
    html
      .split(open)
      .slice(1)
      // An output's div closes with its wrapper's: "</div>" then "</div>", with or without blank lines
      // between them (nbconvert's template puts one after a markdown output).
      .map((rest) => {
        const end = /<\/div>\s*<\/div>/.exec(rest);
        return end ? rest.slice(0, end.index) : rest;
      })
  );
}

/** What the page shows of the executed notebook. */
export function checkHtml(nb: Notebook, html: string): HtmlCheck {
  const problems: string[] = [];
  const images = [...html.matchAll(/<img src="data:image\/png;base64,([^"]+)"/g)].map((m) => m[1]);
  const charts = displays(nb).filter((d) => VEGA_LITE in d.data);
  let drawn = 0;
  for (const c of charts) {
    const png = joinLines(c.data["image/png"] as string | string[] | undefined).replace(/\n/g, "");
    if (png !== "" && images.includes(png)) drawn++;
    else problems.push(`chart "${title(c)}" is not drawn: ${png === "" ? "its output has no image/png" : "its PNG is not in the page"}`);
  }
  const svgBlocks = blocks(html, "image/svg+xml").length;
  if (svgBlocks > 0) problems.push(`${svgBlocks} outputs shown as inline SVG, which nbconvert 6.5 strips to bare text`);
  const tables = displays(nb).filter((d) => "text/html" in d.data).length;
  const htmlBlocks = blocks(html, "text/html");
  const tableBlocks = htmlBlocks.filter((b) => b.includes('<div class="cma-table tex2jax_ignore">'));
  for (const [i, b] of htmlBlocks.entries()) {
    if (b.includes("$")) problems.push(`HTML output ${i + 1} has a raw $ (MathJax typesets $…$ as mathematics)`);
    if (!b.includes("tex2jax_ignore")) problems.push(`HTML output ${i + 1} is not inside class="tex2jax_ignore"`);
  }
  for (const [i, b] of blocks(html, "text/markdown").entries()) {
    if (b.includes("$")) problems.push(`markdown block ${i + 1} has a raw $ (MathJax typesets $…$ as mathematics)`);
    if (/<table\b/.test(b)) problems.push(`markdown block ${i + 1} is a table: tables go out as escaped text/html`);
  }
  if (tableBlocks.length !== tables) problems.push(`${tables} table outputs in the notebook, ${tableBlocks.length} in the page`);
  return { charts: charts.length, drawn, tables, tablesInPage: tableBlocks.length, problems };
}
