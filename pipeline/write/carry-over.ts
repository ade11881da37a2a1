/**
 * What a user keeps in the output folder survives a run: every entry of the old output that its
 * manifest does not claim is carried into the new one, whatever its type. Files (and named pipes,
 * sockets, devices) are hard-linked (the same file: content, mode, owner, timestamps), or copied
 * when a link is not allowed; symbolic links are recreated; folders are made with their mode and
 * timestamps. An entry that cannot be kept, or that sits where the new output writes, stops the run
 * before the swap: the previous output is then untouched.
 */
import {
  chmodSync,
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import path from "node:path";
import { PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
import { MANIFEST } from "./plan.ts";

type Kind = "dir" | "file" | "link" | "other";

/** Every entry under `dir`, relative, with `/` separators; symlinks are not followed. */
function listEntries(dir: string, prefix = ""): Array<{ rel: string; kind: Kind }> {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
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

const refuse = (message: string) => new PipelineError("write", [{ file: "--out", path: "--out", rule: "output-keep", message }], "usage");

/** Carries into `tmp` every entry of the old output `outDir` that its manifest does not claim (`written`: the new output's files). */
export function carryOver(outDir: string, tmp: string, written: ReadonlySet<string>): void {
  const out = path.resolve(outDir);
  let entries: Array<{ rel: string; kind: Kind }>;
  try {
    entries = listEntries(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw refuse(msg.cannotKeep(".", (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  const owned = ownedBy(out);
  const writtenDirs = new Set(
    [...written].flatMap((rel) =>
      rel
        .split("/")
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
    ),
  );
  const dirs: string[] = [];
  for (const { rel, kind } of entries) {
    if (owned.has(rel)) continue;
    if (kind === "dir" ? written.has(rel) : written.has(rel) || writtenDirs.has(rel)) throw refuse(msg.userEntryCollides(rel));
    const source = path.join(out, rel);
    const target = path.join(tmp, rel);
    try {
      if (kind === "dir") {
        mkdirSync(target, { recursive: true });
        dirs.push(rel);
        continue;
      }
      mkdirSync(path.dirname(target), { recursive: true });
      if (kind === "link") symlinkSync(readlinkSync(source), target);
      else {
        try {
          linkSync(source, target);
        } catch (error) {
          if (kind !== "file") throw error;
          cpSync(source, target, { preserveTimestamps: true });
        }
      }
    } catch (error) {
      throw refuse(msg.cannotKeep(rel, (error as NodeJS.ErrnoException).code ?? String(error)));
    }
  }
  // Folders last, deepest first: their mode may forbid new entries, and adding entries changes their timestamps.
  for (const rel of dirs.reverse()) {
    const st = lstatSync(path.join(out, rel));
    chmodSync(path.join(tmp, rel), st.mode & 0o7777);
    utimesSync(path.join(tmp, rel), st.atime, st.mtime);
  }
}
