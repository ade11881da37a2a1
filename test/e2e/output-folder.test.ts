/**
 * The output folder's edge cases, as root (this machine's user) and, where permissions matter, as
 * a user without privileges (`nobody`, through setpriv): a symlinked output folder is written
 * through to its target; an output the swap could not finish is refused before anything moves, with
 * a message naming the place, and the next run after the fix succeeds; whatever a user keeps in the
 * folder survives (any file type), and an entry that cannot be kept stops the run with the output
 * untouched; a leftover that cannot be deleted never wedges later runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
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
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import { runFolders } from "../../pipeline/write/swap.ts";
import { copyData, OUTPUT, ROOT, runCli, snapshot, tempDir } from "../helpers.ts";

const CLI = path.join(ROOT, "pipeline", "cli.ts");
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Whether this machine can run a process as `nobody` (root, and setpriv present). */
const canDropPrivileges =
  isRoot && spawnSync("setpriv", ["--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", "--", "true"]).status === 0;

/** The CLI in a process of its own, as root or as `nobody`. */
function cliAs(user: "root" | "nobody", args: string[]) {
  const command = user === "nobody" ? "setpriv" : process.execPath;
  const prefix = user === "nobody" ? ["--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", "--", process.execPath] : [];
  const r = spawnSync(command, [...prefix, "--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, HOME: "/tmp" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A data folder and a previous output (with a user's note), owned by `user`, in a folder only they can write. */
function setup(user: "root" | "nobody") {
  const { dir, data } = copyData();
  const parent = path.join(dir, "site");
  const out = path.join(parent, "output");
  mkdirSync(parent);
  cpSync(OUTPUT, out, { recursive: true });
  writeFileSync(path.join(out, "my-notes.md"), "# mine\n");
  if (user === "nobody") execFileSync("chown", ["-R", `${NOBODY}:${NOBODY}`, dir]);
  chmodSync(dir, 0o755);
  return { dir, data, parent, out };
}

const leftovers = (parent: string) => readdirSync(parent).filter((n) => n !== "output" && n !== "link");

describe("a symlinked output folder", () => {
  it("is written through to its target: the link stays a link, the target gets the new output, nothing is left beside either", async () => {
    const { data, parent, out } = setup("root");
    writeFileSync(path.join(out, "tables", "facts.csv"), "stale\n");
    const link = path.join(parent, "link");
    symlinkSync(out, link);
    const r = await runCli(["--data", data, "--out", link]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(out);
    expect(readFileSync(path.join(out, "tables", "facts.csv"), "utf8")).toBe(
      readFileSync(path.join(OUTPUT, "tables", "facts.csv"), "utf8"),
    );
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
    expect(leftovers(parent)).toEqual([]);
  }, 120_000);

  it("a link to nothing is refused with exit 2, and nothing is created", async () => {
    const parent = tempDir("dangling");
    const link = path.join(parent, "output");
    symlinkSync(path.join(parent, "gone"), link);
    const r = await runCli(["--out", link]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("usage", "write", 1),
      formatIssue({ file: link, path: "--out", rule: "output-path", message: msg.outputDanglingLink(link) }),
    ]);
    expect(readdirSync(parent)).toEqual(["output"]);
  });
});

describe("what a user keeps in the output folder survives, whatever it is", () => {
  it("a named pipe, a hard-linked file, a read-only file, a private folder and a dangling link: kept, the files as the same inodes", async () => {
    const { data, out, dir } = setup("root");
    execFileSync("mkfifo", [path.join(out, "feed.pipe")]);
    writeFileSync(path.join(dir, "elsewhere.txt"), "shared\n");
    linkSync(path.join(dir, "elsewhere.txt"), path.join(out, "tables", "shared.txt"));
    writeFileSync(path.join(out, "locked.txt"), "read-only\n");
    chmodSync(path.join(out, "locked.txt"), 0o444);
    mkdirSync(path.join(out, "private"), { mode: 0o700 });
    writeFileSync(path.join(out, "private", "diary.md"), "x\n");
    symlinkSync("nowhere", path.join(out, "dangling"));
    const inode = statSync(path.join(dir, "elsewhere.txt")).ino;
    const r = await runCli(["--data", data, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(lstatSync(path.join(out, "feed.pipe")).isFIFO()).toBe(true);
    expect(statSync(path.join(out, "tables", "shared.txt")).ino).toBe(inode);
    expect(statSync(path.join(out, "locked.txt")).mode & 0o777).toBe(0o444);
    expect(statSync(path.join(out, "private")).mode & 0o777).toBe(0o700);
    expect(readFileSync(path.join(out, "private", "diary.md"), "utf8")).toBe("x\n");
    expect(readlinkSync(path.join(out, "dangling"))).toBe("nowhere");
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
  }, 120_000);

  it("a user's file where the new output writes is refused (exit 2) and the output is untouched", async () => {
    const { data, out, parent } = setup("root");
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] };
    writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f !== "report.html") }),
    );
    const before = snapshot(out);
    const r = await runCli(["--data", data, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(msg.userEntryCollides("report.html"));
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!canDropPrivileges)("permissions, as root and as a user without privileges (nobody)", () => {
  it("a folder of the output that the user cannot write: refused as nobody before anything moves (exit 2, named); as root, written", () => {
    for (const user of ["nobody", "root"] as const) {
      const { data, out, parent } = setup(user);
      chownSync(path.join(out, "tables"), 0, 0);
      chmodSync(path.join(out, "tables"), 0o755);
      const before = snapshot(out);
      const r = cliAs(user, ["--data", data, "--out", out]);
      if (user === "root") {
        expect(r.status).toBe(0);
        expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# mine\n");
        continue;
      }
      expect(r.status).toBe(2);
      expect(r.stderr.trimEnd().split("\n")).toEqual([
        msg.problems("usage", "write", 1),
        formatIssue({
          file: path.join(out, "tables"),
          path: "--out",
          rule: "output-permission",
          message: msg.outputNotWritable(path.join(out, "tables"), "EACCES"),
        }),
      ]);
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(parent)).toEqual([]);
      // Fixed, the next run succeeds: nothing was wedged.
      chownSync(path.join(out, "tables"), NOBODY, NOBODY);
      const next = cliAs(user, ["--data", data, "--out", out]);
      expect(next.stderr).toBe("");
      expect(next.status).toBe(0);
      expect(leftovers(parent)).toEqual([]);
    }
  }, 240_000);

  it("an output folder whose parent the user cannot write: refused as nobody (exit 2, the parent named), nothing made", () => {
    const { data, out, parent } = setup("nobody");
    chownSync(parent, 0, 0);
    const r = cliAs("nobody", ["--data", data, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(msg.outputNotWritable(parent, "EACCES"));
    expect(readdirSync(parent)).toEqual(["output"]);
  }, 120_000);

  it("a file the user keeps but cannot read: refused as nobody before the swap, the output untouched; as root, kept", () => {
    for (const user of ["nobody", "root"] as const) {
      const { data, out, parent } = setup(user);
      writeFileSync(path.join(out, "secret.key"), "k\n");
      chownSync(path.join(out, "secret.key"), 0, 0);
      chmodSync(path.join(out, "secret.key"), 0o600);
      const before = snapshot(out);
      const r = cliAs(user, ["--data", data, "--out", out]);
      if (user === "root") {
        expect(r.status).toBe(0);
        expect(readFileSync(path.join(out, "secret.key"), "utf8")).toBe("k\n");
        continue;
      }
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(msg.cannotKeep("secret.key", "EACCES"));
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(parent)).toEqual([]);
    }
  }, 240_000);

  it("a leftover of a killed run that cannot be deleted is reported, and never fails this run or the next", () => {
    const { data, out } = setup("nobody");
    const run = runFolders(out, "1-0123456789ab");
    writeFileSync(run.journal, JSON.stringify({ tool: "cloud-market-atlas", run: run.id, pid: 999_999_999 }));
    mkdirSync(path.join(run.tmp, "stuck"), { recursive: true });
    writeFileSync(path.join(run.tmp, "stuck", "x"), "x");
    execFileSync("chown", ["-R", `${NOBODY}:${NOBODY}`, run.journal, run.tmp]);
    chownSync(path.join(run.tmp, "stuck"), 0, 0);
    for (let i = 0; i < 2; i++) {
      const r = cliAs("nobody", ["--data", data, "--out", out]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(msg.outputCleanupFailed(run.tmp, "EACCES"));
      expect(existsSync(path.join(out, "manifest.json"))).toBe(true);
    }
    expect(realpathSync(out)).toBe(out);
  }, 240_000);
});

it.runIf(!canDropPrivileges)("permission cases need root and setpriv to run as nobody: skipped here", () => {
  expect(isRoot).toBe(false);
});
