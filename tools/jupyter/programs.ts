/**
 * Finding Jupyter's programs without starting Python: an executable file, and jupyter's subcommands
 * (jupyter runs the executable `jupyter-<sub>` found beside itself or on PATH).
 */
import { accessSync, constants } from "node:fs";
import { delimiter, dirname, join } from "node:path";

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `jupyter <sub>` has a program to run: jupyter runs the executable `jupyter-<sub>` found on PATH
 * or beside itself (jupyter_core's subcommand lookup). Looking for the file starts no Python;
 * `jupyter <sub> --version` would start Python and load the whole application for a yes or no.
 */
export function hasJupyterCommand(jupyter: string, sub: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = [dirname(jupyter), ...(env["PATH"] ?? "").split(delimiter).filter((d) => d !== "")];
  return dirs.some((d) => isExecutable(join(d, `jupyter-${sub}`)));
}
