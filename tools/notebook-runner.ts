/**
 * `npm run notebooks [-- options] [NOTEBOOK.ipynb | DIR]...`: executes notebooks headlessly with the
 * project's tslab kernel, driven over ZeroMQ from Node (no Python, no Jupyter needed), and writes
 * the executed copies. The work is in tools/jupyter/: the notebook file (nbformat.ts), the wire
 * protocol (connection.ts), the kernel process (kernel-client.ts) and one notebook's run
 * (run-notebook.ts).
 */
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, UsageError, helpText, parseCli } from "./cli.ts";
import { REPO_ROOT } from "./kernel-install.ts";
import { listNotebooks } from "./jupyter/nbformat.ts";
import { runNotebook, type RunOptions } from "./jupyter/run-notebook.ts";

const CLI = {
  command: "npm run notebooks --",
  positionals: "[NOTEBOOK.ipynb | DIR]...",
  about:
    "Executes notebooks (default: notebooks/*.ipynb, sorted) top to bottom with the project's tslab kernel\nand writes the executed copies to output/notebooks/ (or --out-dir).",
  options: {
    ...HELP,
    only: { type: "string", multiple: true, value: "NAME", description: "run only the notebook NAME (with or without .ipynb)" },
    "out-dir": { type: "string", value: "DIR", description: "write the executed notebooks to DIR instead of output/notebooks/" },
    cwd: { type: "string", value: "DIR", description: "the kernel's working directory (default: each notebook's folder)" },
    timeout: { type: "string", value: "SECONDS", description: "per-cell timeout (default: 120)" },
  },
  notes: ["example: npm run notebooks -- --cwd notebooks test/fixtures/notebooks/ok.ipynb"],
} as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  const timeoutS = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutS !== undefined && !(timeoutS > 0))
    throw new UsageError(`--timeout must be a number of seconds above 0, not ${JSON.stringify(values.timeout)}`);
  const targets = positionals.length > 0 ? positionals : [join(REPO_ROOT, "notebooks")];
  let files = targets.flatMap((t) => (t.endsWith(".ipynb") ? [resolve(t)] : listNotebooks(resolve(t))));
  const only = values.only ?? [];
  if (only.length > 0) {
    const wanted = new Set(only.map((o) => o.replace(/\.ipynb$/, "")));
    files = files.filter((f) => wanted.has(basename(f, ".ipynb")));
    const found = new Set(files.map((f) => basename(f, ".ipynb")));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length > 0) {
      console.error(`notebook-runner: no notebook named ${missing.join(", ")}`);
      return 1;
    }
  }
  if (files.length === 0) {
    console.log("notebook-runner: no notebooks to run");
    return 0;
  }
  for (const f of files) {
    const t0 = Date.now();
    console.log(`running ${f}`);
    const opts: RunOptions = { log: (l) => console.log(l) };
    if (values["out-dir"] !== undefined) opts.outDir = resolve(values["out-dir"]);
    if (values.cwd !== undefined) opts.cwd = resolve(values.cwd);
    if (timeoutS !== undefined) opts.cellTimeoutMs = timeoutS * 1000;
    const r = await runNotebook(f, opts);
    console.log(`wrote ${r.outPath ?? "(nothing)"} (${r.cells.length} code cells, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`notebook-runner: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
