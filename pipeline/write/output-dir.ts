/**
 * The output folder: which folders a run may replace (`checkOutputDir`), where it really is
 * (`outputTarget`: a symlinked output folder is written through to its target), and whether every
 * step of the swap can be done before anything moves (`checkWritable`). The swap itself and the repair
 * of what a killed run left are in swap.ts; what a user keeps in the folder is carried over by
 * carry-over.ts.
 */
import { accessSync, constants, existsSync, lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
import { MANIFEST } from "./plan.ts";

const SYSTEM_FOLDERS = [
  "/bin",
  "/boot",
  "/dev",
  "/etc",
  "/home",
  "/lib",
  "/lib64",
  "/opt",
  "/proc",
  "/root",
  "/run",
  "/sbin",
  "/srv",
  "/sys",
  "/tmp",
  "/usr",
  "/var",
  "/work",
];

/** The real path of `p` (symlinks resolved), for a path that may not exist yet. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/**
 * Refuse output folders whose replacement would destroy something that is not ours: the project
 * root or a parent of it, the data folder (or a folder holding it, or inside it), a home or system
 * folder, a file, and a folder that holds files but no manifest (not written by this pipeline).
 */
export function checkOutputDir(outDir: string, projectRoot: string, opts: { dataDir?: string } = {}): void {
  const refuse = (message: string, file = out) => {
    throw new PipelineError("write", [{ file, path: "--out", rule: "output-path", message }], "usage");
  };
  const given = path.resolve(outDir);
  const link = lstatOrUndefined(given);
  if (link?.isSymbolicLink() && !existsSync(given)) refuse(msg.outputDanglingLink(given), given);
  const out = realPath(outDir);
  const root = realPath(projectRoot);
  const home = homedir() ? realPath(homedir()) : undefined;
  if (
    out === path.parse(out).root ||
    SYSTEM_FOLDERS.includes(out) ||
    SYSTEM_FOLDERS.map(realPath).includes(out) ||
    within(root, out) ||
    out === home
  )
    refuse(msg.refuseOutput(out));
  if (opts.dataDir !== undefined) {
    const data = realPath(opts.dataDir);
    if (within(out, data) || within(data, out)) refuse(msg.refuseOutputInData(out, data));
  }
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(out);
  } catch {
    return; // a new folder
  }
  if (!stat.isDirectory()) refuse(msg.outputNotAFolder(out));
  if (!existsSync(path.join(out, MANIFEST)) && readdirSync(out).length > 0) refuse(msg.outputNotOurs(out, MANIFEST));
  checkWritable(out);
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** Where the output folder really is: a symlink's target (written through, the link kept), else the path. */
export function outputTarget(outDir: string): string {
  const abs = path.resolve(outDir);
  return lstatOrUndefined(abs)?.isSymbolicLink() ? realpathSync(abs) : abs;
}

/**
 * Refuses, before anything moves, an output folder the swap could not finish: its parent must take
 * new entries (the temporary folder, the renames), and every folder of the old output must be
 * readable and writable (its entries are carried over or deleted). As root this is what the kernel
 * allows (a read-only file system still fails); as another user, the permissions.
 */
export function checkWritable(outDir: string): void {
  const out = path.resolve(outDir);
  const fail = (where: string, error: unknown) => {
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    throw new PipelineError(
      "write",
      [{ file: where, path: "--out", rule: "output-permission", message: msg.outputNotWritable(where, code) }],
      "usage",
    );
  };
  const parent = path.dirname(out);
  try {
    accessSync(parent, constants.W_OK | constants.X_OK);
  } catch (error) {
    fail(parent, error);
  }
  const walk = (dir: string) => {
    try {
      accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch (error) {
      fail(dir, error);
    }
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) walk(path.join(dir, entry.name));
  };
  if (lstatOrUndefined(out)?.isDirectory()) walk(out);
}
