/**
 * npm run lab [-- extra jupyter args]
 *
 * Registers the project's tslab kernel (see kernel-install.ts), then starts `jupyter lab` if
 * available, else the classic `jupyter notebook`, on notebooks/ with JUPYTER_PATH set so the
 * "cloud-market-atlas-ts" kernel is found. Without Jupyter it prints how to get it and exits 2.
 * Looks for /usr/bin/jupyter first, then PATH; JUPYTER=/path/to/jupyter overrides. Extra arguments
 * go to jupyter (e.g. `npm run lab -- --no-browser --port=8890`); --allow-root is added for root.
 */
import { spawn } from "node:child_process";
import { delimiter, join } from "node:path";
import { parseArgs } from "node:util";
import { HELP, helpText } from "./cli.ts";
import { installClassicVega } from "./jupyter/classic-vega.ts";
import { hasJupyterCommand, isExecutable } from "./jupyter/programs.ts";
import { REPO_ROOT, installKernel, jupyterPathEnv } from "./kernel-install.ts";

const CLI = {
  command: "npm run lab --",
  positionals: "[JUPYTER_ARGS...]",
  about:
    "Registers the project's tslab kernel, then starts `jupyter lab` (else `jupyter notebook`) on notebooks/\nwith JUPYTER_PATH set. JUPYTER=/path/to/jupyter overrides the lookup (/usr/bin/jupyter, then PATH).",
  options: { ...HELP },
  notes: ["Every other argument goes to jupyter, e.g. npm run lab -- --no-browser --port=8890"],
} as const;

/** /usr/bin first (the default python3 may be a pyenv one without Jupyter), then PATH. */
function findExecutable(name: string): string | null {
  const dirs = ["/usr/bin", ...(process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== "")];
  for (const d of dirs) {
    const p = join(d, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

const HOW_TO = `Jupyter was not found (looked for $JUPYTER, /usr/bin/jupyter and jupyter on PATH).
Get it:
  Debian/Ubuntu:  apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert \\
                    jupyter-client python3-nbclient python3-ipykernel
  elsewhere:      pip install jupyterlab      (or: pipx install jupyterlab)
Then run: npm run lab
Without Jupyter you can still execute the notebooks headlessly: npm run notebooks`;

function main(argv: string[]): number | Promise<number> {
  // Not strict: the options this script does not know are jupyter's, passed on as they are.
  const { values } = parseArgs({ args: argv, options: CLI.options, strict: false, allowPositionals: true });
  if (values.help === true) {
    console.log(helpText(CLI));
    return 0;
  }
  // JUPYTER=/path/to/jupyter overrides the lookup (as in .ci/nbconvert.sh)
  const override = process.env["JUPYTER"];
  const jupyter = override !== undefined && override !== "" ? (isExecutable(override) ? override : null) : findExecutable("jupyter");
  if (jupyter === null) {
    console.error(HOW_TO);
    return 2;
  }
  const k = installKernel();
  console.log(`kernel "${k.kernelName}" registered at ${k.kernelJson}`);
  // interactive charts in the classic Notebook (JupyterLab renders them itself)
  const classic = installClassicVega(REPO_ROOT);
  const configPath = [
    classic.configPath,
    ...(process.env["JUPYTER_CONFIG_PATH"] ?? "").split(delimiter).filter((p) => p !== "" && p !== classic.configPath),
  ];
  const env = { ...process.env, JUPYTER_PATH: jupyterPathEnv(), JUPYTER_CONFIG_PATH: configPath.join(delimiter) };
  const sub = hasJupyterCommand(jupyter, "lab") ? "lab" : hasJupyterCommand(jupyter, "notebook") ? "notebook" : null;
  if (sub === null) {
    console.error(`${jupyter} has neither "lab" nor "notebook".\n${HOW_TO}`);
    return 2;
  }
  // notebooks/ unless the caller names another folder (jupyter takes one --notebook-dir only)
  const args = [sub, ...(argv.some((a) => a.startsWith("--notebook-dir")) ? [] : [`--notebook-dir=${join(REPO_ROOT, "notebooks")}`])];
  if (typeof process.getuid === "function" && process.getuid() === 0) args.push("--allow-root");
  args.push(...argv);
  console.log(`JUPYTER_PATH=${env.JUPYTER_PATH} JUPYTER_CONFIG_PATH=${env.JUPYTER_CONFIG_PATH} ${jupyter} ${args.join(" ")}`);
  const child = spawn(jupyter, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
  const forward = (sig: NodeJS.Signals): void => {
    child.kill(sig);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise<number>((res) => {
    child.on("error", (e) => {
      console.error(`could not start ${jupyter}: ${e.message}`);
      res(1);
    });
    child.on("exit", (code, signal) => res(code ?? (signal ? 1 : 0)));
  });
}

Promise.resolve(main(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`lab: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
