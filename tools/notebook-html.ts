/**
 * `tsx tools/notebook-html.ts EXECUTED.ipynb...`: converts executed notebooks with
 * `jupyter nbconvert --to html` and checks the pages (tools/jupyter/nbconvert-html.ts): every chart
 * drawn, every table the escaped HTML the notebook sent, no raw `$` for MathJax. .ci/nbconvert.sh
 * runs it on the notebooks Jupyter executed; test/e2e/notebooks.test.ts checks the runner's.
 * Exit 0 when every page is right, 1 when one is not, 2 without Jupyter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, helpText, parseCli, UsageError } from "./cli.ts";
import { checkHtml, findJupyter, nbconvertHtml } from "./jupyter/nbconvert-html.ts";
import { readNotebook } from "./jupyter/nbformat.ts";

const CLI = {
  command: "tsx tools/notebook-html.ts",
  positionals: "EXECUTED.ipynb...",
  about:
    "Converts executed notebooks with `jupyter nbconvert --to html` and checks that every chart is drawn\nand no table output carries a raw $ (JUPYTER=/path/to/jupyter overrides the lookup).",
  options: {
    ...HELP,
    "out-dir": { type: "string", value: "DIR", description: "keep the HTML pages in DIR (default: a temp folder, removed)" },
  },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("name at least one executed notebook (--help for usage)");
  const jupyter = findJupyter();
  if (jupyter === null) {
    console.error("notebook-html: jupyter nbconvert not found. Debian: apt-get install -y --no-install-recommends jupyter-nbconvert");
    return 2;
  }
  const keep = values["out-dir"];
  const outDir = keep === undefined ? mkdtempSync(join(tmpdir(), "notebook-html-")) : resolve(keep);
  let failed = 0;
  try {
    const files = positionals.map((f) => resolve(f));
    const pages = await nbconvertHtml(jupyter, files, outDir);
    for (const [i, file] of files.entries()) {
      const r = checkHtml(readNotebook(file), pages[i] ?? "");
      const line = `${basename(file)}: ${r.drawn} of ${r.charts} charts drawn, ${r.tablesInPage} of ${r.tables} tables`;
      if (r.problems.length === 0) console.log(`${line}, no raw $`);
      else {
        failed++;
        console.error([line, ...r.problems.map((p) => `  ${p}`)].join("\n"));
      }
    }
  } finally {
    if (keep === undefined) rmSync(outDir, { recursive: true, force: true });
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`notebook-html: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
