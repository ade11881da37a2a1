/**
 * The read edge: a data folder → the text of every input file. The only module of the stages that
 * touches the disk; everything after it is a pure function of these texts, so tests and the property
 * test can feed extract any bytes.
 *
 * The data folder is not trusted (policy.ts): a file or folder that resolves, after its links, outside
 * the data folder is not read, and the link is named; a hidden entry or one that is not a regular
 * file is reported, not skipped; every file is read as bytes, hashed as bytes (the SHA-256 is
 * `sha256sum`'s), validated as UTF-8 (the first bad byte named by line and byte offset), and a
 * leading byte-order mark is dropped from the text of every format alike.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import path from "node:path";
import { dataIssue, type DataIssue } from "../errors.ts";
import { msg } from "../messages.ts";
import { decodeUtf8 } from "./utf8.ts";

/** What the read edge knows of a file's bytes. */
export interface FileFacts {
  /** SHA-256 of the file's bytes, hex (what `sha256sum` prints). */
  sha256: string;
  bytes: number;
}

/** The input files, keyed by their path relative to the project root (e.g. `data/fixtures/x.yaml`). */
export interface Inputs {
  dataDir: string;
  files: ReadonlyMap<string, string>;
  /** Per file: the SHA-256 and size of its bytes (a file missing here is hashed from its text, as UTF-8). */
  facts?: ReadonlyMap<string, FileFacts>;
  /** What the read edge refused: links out of the data folder, hidden or special files, bytes that are not UTF-8. */
  issues?: readonly DataIssue[];
}

/** A data folder's folders, in the order `readInputs` reads them (each one's files sorted by name). */
export const DATA_FOLDERS = ["fixtures", "reference", "sources", "citations"] as const;

/** Which files of each folder are inputs (the rest are notes for people: README.md and the like). */
const KEEP: Record<(typeof DATA_FOLDERS)[number], (name: string) => boolean> = {
  fixtures: (f) => !f.endsWith(".md"),
  reference: (f) => f.endsWith(".yaml") || f.endsWith(".csv"),
  sources: (f) => !f.endsWith(".md"),
  citations: (f) => !f.endsWith(".md"),
};

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer + path.sep);

/** The SHA-256 of bytes (or of a text as UTF-8), hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What a file of the data folder is, without following it out of the folder or opening anything but a regular file. */
type Entry = { kind: "file"; real: string } | { kind: "dir"; real: string } | { kind: "refused"; issue: DataIssue };

function classify(full: string, file: string, boundary: string): Entry {
  let link: string | undefined;
  try {
    if (lstatSync(full).isSymbolicLink()) link = full;
  } catch (error) {
    return { kind: "refused", issue: dataIssue(file, undefined, "(file)", "unreadable", msg.unreadableFile(errorCode(error))) };
  }
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return { kind: "refused", issue: dataIssue(file, undefined, "(file)", "broken-link", msg.brokenLink()) };
  }
  if (!within(real, boundary)) return { kind: "refused", issue: dataIssue(file, undefined, "(file)", "outside-data", msg.linkOutside()) };
  const st = statSync(real);
  if (st.isDirectory()) return { kind: "dir", real };
  if (!st.isFile())
    return {
      kind: "refused",
      issue: dataIssue(file, undefined, "(file)", "not-a-file", msg.notARegularFile(kindOf(st), link !== undefined)),
    };
  return { kind: "file", real };
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException)?.code ?? String((error as Error)?.message ?? error);

function kindOf(st: Stats): string {
  if (st.isFIFO()) return "a named pipe";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** The bytes of a regular file, opened without following a link and checked again once open (it may have changed since). */
function readBytes(real: string): Buffer | string {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return errorCode(error);
  }
  try {
    if (!fstatSync(fd).isFile()) return "not a regular file";
    return readFileSync(fd);
  } catch (error) {
    return errorCode(error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every input file under `dataDir`, as text; a missing folder reads as empty (extract names what is
 * missing). What the policy refuses is not read and is returned in `issues`, every problem at once.
 */
export function readInputs(dataDir: string, root = process.cwd()): Inputs {
  const files = new Map<string, string>();
  const facts = new Map<string, FileFacts>();
  const issues: DataIssue[] = [];
  const rel = (p: string) => path.relative(root, p) || p;
  let boundary: string;
  try {
    boundary = realpathSync(dataDir);
  } catch {
    return { dataDir: rel(dataDir), files, facts, issues };
  }
  for (const folder of DATA_FOLDERS) {
    const dir = path.join(dataDir, folder);
    try {
      lstatSync(dir);
    } catch {
      continue;
    }
    const entry = classify(dir, rel(dir), boundary);
    if (entry.kind !== "dir") {
      if (entry.kind === "refused") issues.push(entry.issue);
      else issues.push(dataIssue(rel(dir), undefined, "(file)", "not-a-folder", msg.notAFolder()));
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(entry.real).sort();
    } catch (error) {
      issues.push(dataIssue(rel(dir), undefined, "(file)", "unreadable", msg.unreadableFile(errorCode(error))));
      continue;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const file = rel(full);
      if (name.startsWith(".")) {
        issues.push(dataIssue(file, undefined, "(file)", "hidden-file", msg.hiddenFile()));
        continue;
      }
      const found = classify(full, file, boundary);
      if (found.kind === "refused") issues.push(found.issue);
      else if (found.kind === "dir")
        issues.push(dataIssue(file, undefined, "(file)", "not-a-file", msg.notARegularFile("a folder", false)));
      else if (KEEP[folder](name)) {
        const bytes = readBytes(found.real);
        if (typeof bytes === "string") {
          issues.push(dataIssue(file, undefined, "(file)", "unreadable", msg.unreadableFile(bytes)));
          continue;
        }
        facts.set(file, { sha256: sha256Hex(bytes), bytes: bytes.byteLength });
        const decoded = decodeUtf8(bytes);
        if (decoded.ok) files.set(file, decoded.text);
        else issues.push(dataIssue(file, decoded.line, "(file)", "utf-8", msg.notUtf8(decoded.offset, decoded.line, decoded.byte)));
      }
    }
  }
  return { dataDir: rel(dataDir), files, facts, issues };
}
