/**
 * The temp-then-rename swap of the output folder, and the repair of what a killed run left.
 *
 * A run has a run id (its pid and random bytes). Before it makes anything beside `<out>` it writes
 * a journal, `<out>.run-<id>`: a marker file naming the run, its pid and the two folders it may leave,
 * `<out>.tmp-<id>` (built first) and `<out>.old-<id>` (the previous output, during the swap). Then it
 * renames `<out>` to the old folder and the temporary folder to `<out>`, deletes the old folder and
 * last the journal. A later run repairs only what a journal proves is this pipeline's (a folder that
 * merely looks like a leftover is left alone and named), and only when the journal's run is over.
 * A failure to delete a leftover is reported, never fatal: a run never wedges the next ones.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { msg } from "../messages.ts";

const TOOL = "cloud-market-atlas";

/** One run's names beside the output folder. */
export interface RunFolders {
  id: string;
  out: string;
  tmp: string;
  old: string;
  journal: string;
}

/** The names a run with id `id` uses beside `out` (a new id, unless given). */
export function runFolders(out: string, id = `${process.pid}-${randomBytes(6).toString("hex")}`): RunFolders {
  const at = (kind: string) => path.join(path.dirname(out), `${path.basename(out)}.${kind}-${id}`);
  return { id, out, tmp: at("tmp"), old: at("old"), journal: at("run") };
}

/** Writes the run's journal (exclusively: an id is never reused). */
export function startJournal(run: RunFolders): void {
  const body = { tool: TOOL, run: run.id, pid: process.pid, tmp: path.basename(run.tmp), old: path.basename(run.old) };
  writeFileSync(run.journal, `${JSON.stringify(body)}\n`, { flag: "wx" });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes `target`; a failure is logged, not thrown. */
function remove(target: string, log: (line: string) => void): boolean {
  try {
    rmSync(target, { recursive: true, force: true });
    return true;
  } catch (error) {
    log(msg.outputCleanupFailed(target, (error as NodeJS.ErrnoException).code ?? String(error)));
    return false;
  }
}

/** The journal of run `id` beside `out`, if it is one of ours and names that run. */
function readJournal(file: string, id: string): { pid: number } | undefined {
  try {
    const j = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return j["tool"] === TOOL && j["run"] === id && typeof j["pid"] === "number" ? { pid: j["pid"] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Repairs what killed runs left beside `outDir`: for each journal whose run is over, the previous
 * output is restored if `<out>` is missing, and its temporary and old folders are deleted. Folders
 * named like leftovers without a journal are left alone (and named in the log).
 */
export function recoverOutputDir(outDir: string, log: (line: string) => void = () => {}, self?: string): void {
  const out = path.resolve(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return;
  }
  const proven = new Set<string>();
  for (const name of names) {
    const m = name.startsWith(`${base}.run-`) ? /^[0-9]+-[0-9a-f]+$/.exec(name.slice(base.length + 5)) : null;
    if (!m || m[0] === self) continue;
    const run = runFolders(out, m[0]);
    const journal = readJournal(run.journal, run.id);
    if (!journal) continue;
    proven.add(path.basename(run.tmp)).add(path.basename(run.old));
    if (journal.pid !== process.pid && isAlive(journal.pid)) continue;
    if (!existsSync(out) && existsSync(run.old)) {
      try {
        renameSync(run.old, out);
        log(msg.outputRestored(run.old, out));
      } catch (error) {
        log(msg.outputCleanupFailed(run.old, (error as NodeJS.ErrnoException).code ?? String(error)));
        continue;
      }
    }
    let clean = true;
    for (const dir of [run.tmp, run.old])
      if (existsSync(dir)) {
        clean = remove(dir, log) && clean;
        if (!existsSync(dir)) log(msg.staleRemoved(dir));
      }
    if (clean) remove(run.journal, log);
  }
  for (const name of names)
    if (/\.(tmp|old)-[0-9][0-9a-f-]*$/.test(name) && name.startsWith(`${base}.`) && !proven.has(name))
      log(msg.outputLeftAlone(path.join(parent, name)));
}

/**
 * The swap: `<out>` → the old folder, the temporary folder → `<out>`, then the old folder and the
 * journal are deleted (a failure there is logged: the new output is in place).
 */
export function replaceOutputDir(run: RunFolders, log: (line: string) => void): void {
  const hadOld = existsSync(run.out);
  if (hadOld) renameSync(run.out, run.old);
  try {
    renameSync(run.tmp, run.out);
  } catch (error) {
    if (hadOld) renameSync(run.old, run.out);
    rmSync(run.tmp, { recursive: true, force: true });
    rmSync(run.journal, { force: true });
    throw error;
  }
  if (remove(run.old, log)) remove(run.journal, log);
}
