/**
 * Registers the project's own tslab kernel for Jupyter (npm run kernel:install).
 *
 * Decision:
 *   - kernel name:   "cloud-market-atlas-ts"   (display name "TypeScript (cloud-market-atlas)")
 *   - location:      <repo>/.jupyter/kernels/cloud-market-atlas-ts/kernel.json   (git-ignored)
 *   - Jupyter finds it with   JUPYTER_PATH=<repo>/.jupyter   (npm run lab and .ci/nbconvert.sh set it)
 *   - notebooks' metadata names it:
 *       "kernelspec": { "name": "cloud-market-atlas-ts", "display_name": "TypeScript (cloud-market-atlas)",
 *                       "language": "typescript" }
 *
 * kernel.json is written directly, not via `tslab install`: that subcommand needs a Python with
 * jupyter_client, always names the kernels "tslab"/"jslab" and writes a bare `tslab` (PATH-dependent).
 * argv uses absolute paths only — the node binary running this script and the project's
 * node_modules/tslab/bin/tslab (whose `#!/usr/bin/env node` shebang would otherwise need node on
 * PATH) — so the kernel does not depend on PATH. Re-run after moving the repo or switching Node.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP, UsageError, helpText, parseCli } from "./cli.ts";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const KERNEL_NAME = "cloud-market-atlas-ts";
export const KERNEL_DISPLAY_NAME = "TypeScript (cloud-market-atlas)";

export interface KernelInstall {
  kernelName: string;
  kernelDir: string;
  kernelJson: string;
  /** The directory to put on JUPYTER_PATH. */
  jupyterPath: string;
  spec: KernelSpec;
  changed: boolean;
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal";
  metadata: Record<string, unknown>;
}

export function kernelSpec(repoRoot: string = REPO_ROOT, nodeBin: string = process.execPath): KernelSpec {
  const tslab = join(repoRoot, "node_modules", "tslab", "bin", "tslab");
  return {
    argv: [nodeBin, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/** JUPYTER_PATH with the project's data dir first (keeps any existing entries). */
export function jupyterPathEnv(repoRoot: string = REPO_ROOT, existing: string | undefined = process.env["JUPYTER_PATH"]): string {
  const own = join(repoRoot, ".jupyter");
  const rest = (existing ?? "").split(":").filter((p) => p !== "" && p !== own);
  return [own, ...rest].join(":");
}

export function installKernel(repoRoot: string = REPO_ROOT): KernelInstall {
  const tslab = join(repoRoot, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) {
    throw new Error(`tslab is not installed (${tslab} missing): run npm install first`);
  }
  const jupyterPath = join(repoRoot, ".jupyter");
  const kernelDir = join(jupyterPath, "kernels", KERNEL_NAME);
  const kernelJson = join(kernelDir, "kernel.json");
  const spec = kernelSpec(repoRoot);
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  const changed = !existsSync(kernelJson) || readFileSync(kernelJson, "utf8") !== text;
  if (changed) {
    mkdirSync(kernelDir, { recursive: true });
    const tmp = `${kernelJson}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, kernelJson);
  }
  return { kernelName: KERNEL_NAME, kernelDir, kernelJson, jupyterPath, spec, changed };
}

const CLI = {
  command: "npm run kernel:install --",
  about: `Registers the project's tslab kernel "${KERNEL_NAME}" under <repo>/.jupyter/kernels/ (git-ignored)\nand prints the JUPYTER_PATH that lets Jupyter find it.`,
  options: { ...HELP },
} as const;

function main(argv: string[]): number {
  const { values } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return 0;
  }
  const r = installKernel();
  console.log(`${r.changed ? "installed" : "up to date"}: kernel "${r.kernelName}" -> ${r.kernelJson}`);
  console.log(`  argv: ${r.spec.argv.join(" ")}`);
  console.log(`Jupyter finds it with:\n  export JUPYTER_PATH=${jupyterPathEnv()}`);
  console.log(
    `Notebook metadata: "kernelspec": {"name": "${r.kernelName}", "display_name": "${KERNEL_DISPLAY_NAME}", "language": "typescript"}`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`kernel-install: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
