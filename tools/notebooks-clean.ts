/**
 * `npm run notebooks:clean [-- --check] [NOTEBOOK.ipynb | DIR]...`: strips what running a notebook
 * in Jupyter leaves in the file, so that notebooks/ stays without outputs (test/e2e/notebooks.test.ts
 * requires it; the executed copies live in output/notebooks/, written by `npm run notebooks`).
 *
 * Per code cell: outputs emptied, execution_count null, the timing metadata some front ends add
 * (`execution`) dropped. Everything else (cell ids, sources, the kernelspec, key order) is kept,
 * and the file is written back in its own layout (Jupyter's one-space indent, detected), so a clean
 * of an unexecuted notebook changes no byte.
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, helpText, parseCli, UsageError } from "./cli.ts";
import { listNotebooks, writeAtomic } from "./jupyter/nbformat.ts";
import { REPO_ROOT } from "./kernel-install.ts";

const CLI = {
  command: "npm run notebooks:clean --",
  positionals: "[NOTEBOOK.ipynb | DIR]...",
  about:
    "Strips outputs, execution counts and execution timings from notebooks (default: notebooks/*.ipynb),\nkeeping everything else byte for byte.",
  options: {
    ...HELP,
    check: { type: "boolean", description: "change nothing; list the notebooks that carry outputs and exit 1 if any does" },
  },
} as const;

interface Cell {
  cell_type: string;
  outputs?: unknown[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}

/** The notebook's text without outputs, in the layout it came in; `dirty` says whether anything was removed. */
export function cleanNotebookText(text: string): { text: string; dirty: boolean } {
  const nb = JSON.parse(text) as { cells?: Cell[] };
  if (!Array.isArray(nb.cells)) throw new Error("not an nbformat 4 notebook (no cells)");
  let dirty = false;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    if ((cell.outputs ?? []).length > 0) dirty = true;
    if (cell.execution_count !== null && cell.execution_count !== undefined) dirty = true;
    cell.outputs = [];
    cell.execution_count = null;
    if (cell.metadata && "execution" in cell.metadata) {
      delete cell.metadata["execution"];
      dirty = true;
    }
  }
  const indent = /^\{\r?\n( +)"/.exec(text)?.[1]?.length ?? 1;
  return { text: `${JSON.stringify(nb, null, indent)}\n`, dirty };
}

function main(argv: string[]): number {
  const { values, positionals } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  const targets = positionals.length > 0 ? positionals : [resolve(REPO_ROOT, "notebooks")];
  const files = targets.flatMap((t) => (t.endsWith(".ipynb") ? [resolve(t)] : listNotebooks(resolve(t))));
  const dirty: string[] = [];
  for (const f of files) {
    const before = readFileSync(f, "utf8");
    let cleaned: { text: string; dirty: boolean };
    try {
      cleaned = cleanNotebookText(before);
    } catch (e) {
      throw new Error(`${f}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (cleaned.dirty) dirty.push(relative(process.cwd(), f));
    if (!values.check && cleaned.text !== before) writeAtomic(f, cleaned.text);
  }
  if (values.check) {
    if (dirty.length === 0) return 0;
    console.error(`notebooks with outputs: ${dirty.join(", ")}\nrun: npm run notebooks:clean`);
    return 1;
  }
  console.log(dirty.length === 0 ? `${files.length} notebooks, none with outputs` : `cleaned ${dirty.join(", ")}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (e) {
    console.error(`notebooks:clean: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
}
