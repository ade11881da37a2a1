/**
 * The output folder's edge cases, as root (this machine's user) and, where permissions matter, as
 * a user without privileges (`nobody`, through setpriv): a symlinked output folder is written
 * through to its target; an output the swap could not finish is refused before anything moves, with
 * an issue naming the place, and the next run after the fix succeeds; whatever a user keeps in the
 * folder survives (any file type), owned files are replaced and retired ones deleted, and an entry
 * that cannot be kept stops the run with the output untouched; a leftover that cannot be deleted
 * never wedges later runs.
 *
 * The subject is the write edge, so the runs write a plan of a few small files through it as a run
 * of the pipeline does (test/support/write-edge.ts): in this process as root, in one process of its
 * own as nobody. How the command line reports a refused output (exit 2, one line per issue), before
 * the stages (a dangling link among others) and after them: test/e2e/failure.test.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { msg } from "../../pipeline/messages.ts";
import { runFolders } from "../../pipeline/write/swap.ts";
import { snapshot, tempDir } from "../support/basics.ts";
import { SMALL_CSV, SMALL_FILES, writeEdge, writeServer } from "../support/write-edge.ts";

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Whether this machine can run a process as `nobody` (root, and setpriv present). */
const canDropPrivileges =
  isRoot && spawnSync("setpriv", ["--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", "--", "true"]).status === 0;

/** A previous output (with a user's note), owned by `user`, in a folder only they can write. */
async function setup(user: "root" | "nobody") {
  const dir = tempDir("folder");
  const parent = path.join(dir, "site");
  const out = path.join(parent, "output");
  mkdirSync(parent);
  expect(await writeEdge(out)).toEqual({ status: "written", log: [] });
  writeFileSync(path.join(out, "my-notes.md"), "# mine\n");
  if (user === "nobody") execFileSync("chown", ["-R", `${NOBODY}:${NOBODY}`, dir]);
  chmodSync(dir, 0o755);
  return { dir, parent, out };
}

const leftovers = (parent: string) => readdirSync(parent).filter((n) => n !== "output" && n !== "link");
const owned = (out: string) => (JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] }).files;

describe("a symlinked output folder", () => {
  it("is written through to its target: the link stays a link, the target gets the new output, nothing is left beside either", async () => {
    const { parent, out } = await setup("root");
    writeFileSync(path.join(out, "tables", "markets.csv"), "stale\n");
    const link = path.join(parent, "link");
    symlinkSync(out, link);
    expect(await writeEdge(link)).toEqual({ status: "written", log: [] });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(out);
    expect(readFileSync(path.join(out, "tables", "markets.csv"), "utf8")).toBe(SMALL_CSV);
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
    expect(leftovers(parent)).toEqual([]);
  });
});

describe("what a user keeps in the output folder survives, whatever it is", () => {
  it("keeps a user's files anywhere in the folder, replaces owned files and drops only files it used to own", async () => {
    const { out } = await setup("root");
    writeFileSync(path.join(out, "my-notes.md"), "# notes\n=not a formula for us\n");
    writeFileSync(path.join(out, "tables", "my-analysis.csv"), "x\n1\n");
    mkdirSync(path.join(out, "scratch", "deep"), { recursive: true });
    writeFileSync(path.join(out, "scratch", "deep", "keep.bin"), Buffer.from([0, 255, 1, 254]));
    mkdirSync(path.join(out, "empty-folder"));
    symlinkSync("tables/markets.csv", path.join(out, "markets-link.csv"));
    // An owned file edited by hand is replaced; a file the manifest lists but the run no longer makes is deleted.
    writeFileSync(path.join(out, "tables", "markets.csv"), "edited by hand\n");
    writeFileSync(path.join(out, "tables", "retired.csv"), "old table\n");
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] };
    writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({ ...manifest, files: [...manifest.files, "tables/retired.csv"].sort() }),
    );

    expect(await writeEdge(out)).toEqual({ status: "written", log: [] });
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# notes\n=not a formula for us\n");
    expect(readFileSync(path.join(out, "tables", "my-analysis.csv"), "utf8")).toBe("x\n1\n");
    expect([...readFileSync(path.join(out, "scratch", "deep", "keep.bin"))]).toEqual([0, 255, 1, 254]);
    expect(lstatSync(path.join(out, "empty-folder")).isDirectory()).toBe(true);
    expect(readlinkSync(path.join(out, "markets-link.csv"))).toBe("tables/markets.csv");
    expect(readFileSync(path.join(out, "tables", "markets.csv"), "utf8")).toBe(SMALL_CSV);
    expect(existsSync(path.join(out, "tables", "retired.csv"))).toBe(false);
    // The manifest lists what the run wrote, and none of the user's files.
    expect(owned(out)).toEqual([...SMALL_FILES]);
  });

  it("a named pipe, a hard-linked file, a read-only file, a private folder and a dangling link: kept, the files as the same inodes", async () => {
    const { out, dir } = await setup("root");
    execFileSync("mkfifo", [path.join(out, "feed.pipe")]);
    writeFileSync(path.join(dir, "elsewhere.txt"), "shared\n");
    linkSync(path.join(dir, "elsewhere.txt"), path.join(out, "tables", "shared.txt"));
    writeFileSync(path.join(out, "locked.txt"), "read-only\n");
    chmodSync(path.join(out, "locked.txt"), 0o444);
    mkdirSync(path.join(out, "private"), { mode: 0o700 });
    writeFileSync(path.join(out, "private", "diary.md"), "x\n");
    symlinkSync("nowhere", path.join(out, "dangling"));
    const inode = statSync(path.join(dir, "elsewhere.txt")).ino;
    expect(await writeEdge(out)).toEqual({ status: "written", log: [] });
    expect(lstatSync(path.join(out, "feed.pipe")).isFIFO()).toBe(true);
    expect(statSync(path.join(out, "tables", "shared.txt")).ino).toBe(inode);
    expect(statSync(path.join(out, "locked.txt")).mode & 0o777).toBe(0o444);
    expect(statSync(path.join(out, "private")).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(out, "private", "diary.md"), "utf8")).toBe("x\n");
    expect(readlinkSync(path.join(out, "dangling"))).toBe("nowhere");
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
  });

  it("a user's file where the new output writes is refused before the swap and the output is untouched", async () => {
    const { out, parent } = await setup("root");
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] };
    writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f !== "report.html") }),
    );
    const before = snapshot(out);
    expect(await writeEdge(out)).toEqual({
      status: "refused",
      issues: [{ file: "--out", path: "--out", rule: "output-keep", message: msg.userEntryCollides("report.html") }],
      log: [],
    });
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });
});

describe.skipIf(!canDropPrivileges)("permissions, as root and as a user without privileges (nobody)", () => {
  let nobody: ReturnType<typeof writeServer>;
  beforeAll(() => {
    nobody = writeServer("nobody");
  });
  afterAll(async () => {
    expect(await nobody.close()).toEqual({ code: 0, signal: null });
  });
  const writeAs = (user: "root" | "nobody", out: string) => (user === "root" ? writeEdge(out) : nobody.write(out));

  it("a folder of the output that the user cannot write: refused as nobody before anything moves (named); as root, written", async () => {
    for (const user of ["nobody", "root"] as const) {
      const { out, parent } = await setup(user);
      const tables = path.join(out, "tables");
      chownSync(tables, 0, 0);
      chmodSync(tables, 0o755);
      const before = snapshot(out);
      const r = await writeAs(user, out);
      if (user === "root") {
        expect(r).toEqual({ status: "written", log: [] });
        expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
        continue;
      }
      expect(r).toEqual({
        status: "refused",
        issues: [{ file: tables, path: "--out", rule: "output-permission", message: msg.outputNotWritable(tables, "EACCES") }],
        log: [],
      });
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(parent)).toEqual([]);
      // Fixed, the next run succeeds: nothing was wedged.
      chownSync(tables, NOBODY, NOBODY);
      expect(await nobody.write(out)).toEqual({ status: "written", log: [] });
      expect(leftovers(parent)).toEqual([]);
    }
  });

  it("an output folder whose parent the user cannot write: refused as nobody (the parent named), nothing made", async () => {
    const { out, parent } = await setup("nobody");
    chownSync(parent, 0, 0);
    expect(await nobody.write(out)).toEqual({
      status: "refused",
      issues: [{ file: parent, path: "--out", rule: "output-permission", message: msg.outputNotWritable(parent, "EACCES") }],
      log: [],
    });
    expect(readdirSync(parent)).toEqual(["output"]);
  });

  it("a file the user keeps but cannot read: refused as nobody before the swap, the output untouched; as root, kept", async () => {
    for (const user of ["nobody", "root"] as const) {
      const { out, parent } = await setup(user);
      writeFileSync(path.join(out, "secret.key"), "k\n");
      chownSync(path.join(out, "secret.key"), 0, 0);
      chmodSync(path.join(out, "secret.key"), 0o600);
      const before = snapshot(out);
      const r = await writeAs(user, out);
      if (user === "root") {
        expect(r).toEqual({ status: "written", log: [] });
        expect(readFileSync(path.join(out, "secret.key"), "utf8")).toBe("k\n");
        continue;
      }
      expect(r).toEqual({
        status: "refused",
        issues: [{ file: "--out", path: "--out", rule: "output-keep", message: msg.cannotKeep("secret.key", "EACCES") }],
        log: [],
      });
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(parent)).toEqual([]);
    }
  });

  it("a leftover of a killed run that cannot be deleted is reported, and never fails this run or the next", async () => {
    const { out } = await setup("nobody");
    const run = runFolders(out, "1-0123456789ab");
    writeFileSync(run.journal, JSON.stringify({ tool: "cloud-market-atlas", run: run.id, pid: 999_999_999 }));
    mkdirSync(path.join(run.tmp, "stuck"), { recursive: true });
    writeFileSync(path.join(run.tmp, "stuck", "x"), "x");
    execFileSync("chown", ["-R", `${NOBODY}:${NOBODY}`, run.journal, run.tmp]);
    chownSync(path.join(run.tmp, "stuck"), 0, 0);
    for (let i = 0; i < 2; i++) {
      expect(await nobody.write(out)).toEqual({ status: "written", log: [msg.outputCleanupFailed(run.tmp, "EACCES")] });
      expect(owned(out)).toEqual([...SMALL_FILES]);
    }
    expect(realpathSync(out)).toBe(out);
  });
});

it.runIf(!canDropPrivileges)("permission cases need root and setpriv to run as nobody: skipped here", () => {
  expect(isRoot).toBe(false);
});
