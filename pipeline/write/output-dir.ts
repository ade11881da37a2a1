/**
 * The output folder: which folders a run may replace (`checkOutputDir`), the repair of what a killed
 * run left beside it (`recoverOutputDir`), and the temp-then-rename swap (`replaceOutputDir`) that
 * carries over every file the previous manifest does not claim (a user's own notes, the notebooks'
 * executed copies, charts written by other commands).
 *
 * A run builds `<out>.tmp-<pid>`, then renames `<out>` to `<out>.old-<pid>` and the temporary folder
 * to `<out>`, then deletes the old folder: a failed or killed run leaves the previous output as it was.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from "node:fs";
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
  const out = realPath(outDir);
  const root = realPath(projectRoot);
  const refuse = (message: string) => {
    throw new PipelineError("write", [{ file: out, path: "--out", rule: "output-path", message }], "usage");
  };
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
}

/** The temporary folder a run of this process builds beside `outDir`. */
export function tempDirOf(outDir: string): string {
  const out = path.resolve(outDir);
  return path.join(path.dirname(out), `${path.basename(out)}.tmp-${process.pid}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Repairs what a killed run left beside the output folder. Killed before the swap, it leaves a
 * temporary folder (deleted here); killed between the two renames, it leaves no `<out>` but
 * `<out>.old-<pid>`: the previous output, restored here. Folders of a run still alive are left alone.
 */
export function recoverOutputDir(outDir: string, log: (line: string) => void = () => {}): void {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  let stale = names.flatMap((name) => {
    const m = name.startsWith(`${base}.`) ? /^\.(tmp|old)-(\d+)$/.exec(name.slice(base.length)) : null;
    if (!m) return [];
    const pid = Number(m[2]);
    if (pid !== process.pid && isAlive(pid)) return [];
    const full = path.join(parent, name);
    return [{ full, kind: m[1], mtime: lstatSync(full).mtimeMs }];
  });
  if (!existsSync(out)) {
    const newest = stale.filter((x) => x.kind === "old").sort((a, b) => b.mtime - a.mtime)[0];
    if (newest) {
      renameSync(newest.full, out);
      log(msg.outputRestored(newest.full, out));
      stale = stale.filter((x) => x !== newest);
    }
  }
  for (const x of stale) {
    rmSync(x.full, { recursive: true, force: true });
    log(msg.staleRemoved(x.full));
  }
}

/** Every entry under `dir` (folders, files, symlinks), relative, with `/` separators; symlinks are not followed. */
function listEntries(dir: string, prefix = ""): Array<{ rel: string; kind: "dir" | "file" | "link" | "other" }> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    const st = lstatSync(full);
    if (st.isDirectory()) return [{ rel, kind: "dir" as const }, ...listEntries(full, rel)];
    return [{ rel, kind: st.isSymbolicLink() ? ("link" as const) : st.isFile() ? ("file" as const) : ("other" as const) }];
  });
}

/** The files the old output's manifest claims (an unreadable manifest claims nothing: every file is kept). */
function ownedBy(out: string): Set<string> {
  const owned = new Set<string>();
  try {
    const files = (JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")) as { files?: unknown }).files;
    if (Array.isArray(files)) for (const f of files) if (typeof f === "string") owned.add(f);
  } catch {
    /* no manifest, or not JSON */
  }
  return owned;
}

/**
 * Copies into `tmp` every entry of the old output that its manifest does not claim and the new
 * output does not write (`written`), with its mode, timestamps and symlinks.
 */
export function carryOver(outDir: string, tmp: string, written: ReadonlySet<string>): void {
  const out = path.resolve(outDir);
  const owned = ownedBy(out);
  for (const { rel, kind } of listEntries(out)) {
    if (owned.has(rel) || written.has(rel)) continue;
    const source = path.join(out, rel);
    const target = path.join(tmp, rel);
    if (kind === "dir") mkdirSync(target, { recursive: true });
    else if (kind === "link") {
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(readlinkSync(source), target);
    } else if (kind === "file") {
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(source, target, { preserveTimestamps: true });
    }
  }
}

/** The swap: `<out>` → `<out>.old-<pid>`, `tmp` → `<out>`, then the old folder is deleted. */
export function replaceOutputDir(outDir: string, tmp: string): void {
  const out = path.resolve(outDir);
  const old = path.join(path.dirname(out), `${path.basename(out)}.old-${process.pid}`);
  const hadOld = existsSync(out);
  if (hadOld) renameSync(out, old);
  try {
    renameSync(tmp, out);
  } catch (error) {
    if (hadOld) renameSync(old, out);
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
