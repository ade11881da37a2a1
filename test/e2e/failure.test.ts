/**
 * Failed and killed runs lose nothing: a run killed (SIGKILL) half-way through writing its
 * temporary folder, or just before the swap, leaves the previous output byte for byte; the next run
 * cleans up after it (and restores the previous output if the kill came between the two renames of
 * the swap). A user's own files in the output folder survive a run. Refused output paths exit 2;
 * --check writes nothing; an internal error prints a short message and no stack trace.
 */
import { spawn, spawnSync } from "node:child_process";
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
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import { MANIFEST } from "../../pipeline/write/plan.ts";
import { runFolders } from "../../pipeline/write/swap.ts";
import { copyData, OUTPUT, ROOT, runCli, snapshot, tempDir } from "../helpers.ts";

const CLI = path.join(ROOT, "pipeline", "cli.ts");
const PAUSED_CLI = path.join(ROOT, "test", "support", "paused-cli.ts");

/** Runs the CLI in a Node process of its own (`node --import tsx`): for what needs another pid or the real environment. */
function spawned(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder holding `output/`: a copy of the published output, as a previous run left it. */
function previousOutput(): { parent: string; out: string } {
  const parent = tempDir("prev");
  const out = path.join(parent, "output");
  cpSync(OUTPUT, out, { recursive: true });
  return { parent, out };
}

/** Starts a run that pauses at `where` (test/support/paused-cli.ts); resolves once it is paused, with its pid and temporary folder. */
function startPaused(args: string[], where: "mid-write" | "before-swap") {
  const child = spawn(process.execPath, ["--import", "tsx", PAUSED_CLI, where, "120000", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const paused = new Promise<{ tmp: string }>((resolve, reject) => {
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
      const m = /^test-pause: \S+ (.+)$/m.exec(err);
      if (m) resolve({ tmp: m[1]! });
    });
    child.on("exit", () => reject(new Error(`the run ended before pausing:\n${err}`)));
  });
  return { child, paused, exited };
}

function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid;
}

describe("a killed run leaves the previous outputs intact", () => {
  it.each([
    ["half-way through writing the temporary folder", "mid-write"],
    ["with the temporary folder complete, just before the swap", "before-swap"],
  ] as const)(
    "SIGKILL %s",
    async (_, where) => {
      const { data } = copyData();
      const { parent, out } = previousOutput();
      writeFileSync(path.join(out, "my-notes.md"), "# my notes\n");
      const before = snapshot(out);

      const run = startPaused(["--data", data, "--out", out], where);
      const { tmp } = await run.paused;
      const id = new RegExp(`^output\\.tmp-(${run.child.pid}-[0-9a-f]{12})$`).exec(path.basename(tmp))?.[1];
      expect(path.dirname(tmp)).toBe(parent);
      expect(id).toBeDefined();
      expect(existsSync(tmp)).toBe(true);
      // Mid-write: some tables are there, the manifest (written last) is not. Before the swap: all of it.
      expect(existsSync(path.join(tmp, "tables", "facts.csv"))).toBe(true);
      expect(existsSync(path.join(tmp, "manifest.json"))).toBe(where === "before-swap");
      run.child.kill("SIGKILL");
      expect(await run.exited).toEqual({ code: null, signal: "SIGKILL" });

      expect(snapshot(out)).toEqual(before);
      // The run's journal proves the temporary folder is this pipeline's.
      expect(readdirSync(parent).sort()).toEqual(["output", `output.run-${id}`, path.basename(tmp)]);

      // The next run removes what the killed one left, and its own output keeps the user's file.
      const next = await runCli(["--data", data, "--out", out]);
      expect(next.stderr).toBe("");
      expect(next.status).toBe(0);
      expect(next.stdout).toContain(msg.staleRemoved(tmp));
      expect(readdirSync(parent)).toEqual(["output"]);
      expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# my notes\n");
    },
    120_000,
  );

  it("a run killed between the two renames of the swap: the next run restores the previous output first", async () => {
    const { data } = copyData();
    const { parent, out } = previousOutput();
    writeFileSync(path.join(out, "my-notes.md"), "# kept\n");
    const before = snapshot(out);
    // What a kill between `output → output.old-<id>` and `output.tmp-<id> → output` leaves behind.
    const run = runFolders(out, `${deadPid()}-0123456789ab`);
    writeFileSync(run.journal, JSON.stringify({ tool: "cloud-market-atlas", run: run.id, pid: Number(run.id.split("-")[0]) }));
    renameSync(out, run.old);
    cpSync(run.old, run.tmp, { recursive: true });
    const left = readdirSync(parent).sort();

    // --check neither repairs nor writes.
    expect((await runCli(["--data", data, "--out", out, "--check"])).status).toBe(0);
    expect(readdirSync(parent).sort()).toEqual(left);

    const next = await runCli(["--data", data, "--out", out]);
    expect(next.status).toBe(0);
    expect(next.stdout).toContain(msg.outputRestored(run.old, out));
    expect(next.stdout).toContain(msg.staleRemoved(run.tmp));
    expect(readdirSync(parent)).toEqual(["output"]);
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# kept\n");
    expect(Object.keys(snapshot(out)).sort()).toEqual(Object.keys(before).sort());
  }, 60_000);

  it("leaves alone the temporary folder of a run that is still alive, and folders no journal proves are ours", () => {
    const { data } = copyData();
    const { parent, out } = previousOutput();
    const live = runFolders(out, `${process.pid}-00000000abcd`);
    writeFileSync(live.journal, JSON.stringify({ tool: "cloud-market-atlas", run: live.id, pid: process.pid }));
    mkdirSync(live.tmp);
    writeFileSync(path.join(live.tmp, "half.csv"), "a\n");
    // Named like a leftover of a dead run, but without a journal: a user's folder, maybe.
    const lookalike = path.join(parent, `output.old-${deadPid()}`);
    mkdirSync(lookalike);
    writeFileSync(path.join(lookalike, "thesis.md"), "mine\n");
    rmSync(out, { recursive: true });
    // In a process of its own: this test process is the live run whose folder must be left alone.
    const r = spawned(["--data", data, "--out", out]);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(live.tmp, "half.csv"), "utf8")).toBe("a\n");
    expect(readFileSync(path.join(lookalike, "thesis.md"), "utf8")).toBe("mine\n");
    expect(r.stdout).toContain(msg.outputLeftAlone(lookalike));
    expect(existsSync(path.join(out, "thesis.md"))).toBe(false);
    rmSync(live.tmp, { recursive: true });
  }, 60_000);
});

describe("files the pipeline does not own survive a run", () => {
  it("keeps a user's files anywhere in output/, replaces owned files and drops only files it used to own", async () => {
    const { data } = copyData();
    const { out } = previousOutput();
    writeFileSync(path.join(out, "my-notes.md"), "# notes\n=not a formula for us\n");
    writeFileSync(path.join(out, "tables", "my-analysis.csv"), "x\n1\n");
    mkdirSync(path.join(out, "scratch", "deep"), { recursive: true });
    writeFileSync(path.join(out, "scratch", "deep", "keep.bin"), Buffer.from([0, 255, 1, 254]));
    mkdirSync(path.join(out, "empty-folder"));
    symlinkSync("tables/facts.csv", path.join(out, "facts-link.csv"));
    // An owned file edited by hand is replaced; a file the manifest lists but the run no longer makes is deleted.
    writeFileSync(path.join(out, "tables", "facts.csv"), "edited by hand\n");
    writeFileSync(path.join(out, "tables", "retired.csv"), "old table\n");
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] };
    writeFileSync(
      path.join(out, "manifest.json"),
      JSON.stringify({ ...manifest, files: [...manifest.files, "tables/retired.csv"].sort() }),
    );

    const r = await runCli(["--data", data, "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# notes\n=not a formula for us\n");
    expect(readFileSync(path.join(out, "tables", "my-analysis.csv"), "utf8")).toBe("x\n1\n");
    expect([...readFileSync(path.join(out, "scratch", "deep", "keep.bin"))]).toEqual([0, 255, 1, 254]);
    expect(lstatSync(path.join(out, "empty-folder")).isDirectory()).toBe(true);
    expect(readlinkSync(path.join(out, "facts-link.csv"))).toBe("tables/facts.csv");
    expect(readFileSync(path.join(out, "tables", "facts.csv"), "utf8")).not.toBe("edited by hand\n");
    expect(readFileSync(path.join(out, "tables", "facts.csv"), "utf8")).toMatch(/^fact_id,/);
    expect(existsSync(path.join(out, "tables", "retired.csv"))).toBe(false);
    const owned = (JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { files: string[] }).files;
    expect(owned).not.toContain("my-notes.md");
    expect(owned).not.toContain("tables/my-analysis.csv");
  }, 60_000);
});

describe("refused output paths are usage errors (exit 2) and nothing is written", () => {
  const notOurs = tempDir("notours");
  writeFileSync(path.join(notOurs, "thesis.docx"), "years of work");
  const aFile = path.join(tempDir("afile"), "output");
  writeFileSync(aFile, "not a folder");

  it.each([
    ["the project root", ".", () => msg.refuseOutput(ROOT)],
    ["a parent of the project root", "..", () => msg.refuseOutput(path.dirname(ROOT))],
    ["the file-system root", "/", () => msg.refuseOutput("/")],
    ["a system folder", "/usr", () => msg.refuseOutput("/usr")],
    ["the data folder", "data", () => msg.refuseOutputInData(path.join(ROOT, "data"), path.join(ROOT, "data"))],
    [
      "a folder inside the data folder",
      "data/fixtures",
      () => msg.refuseOutputInData(path.join(ROOT, "data", "fixtures"), path.join(ROOT, "data")),
    ],
    ["a folder with files but no manifest", notOurs, () => msg.outputNotOurs(notOurs, MANIFEST)],
    ["a file", aFile, () => msg.outputNotAFolder(aFile)],
  ])("%s", async (_, out, message) => {
    const target = realpathSync(path.resolve(ROOT, out));
    const siblings = () => readdirSync(path.dirname(target)).filter((n) => /\.(tmp|old|run)-\d+-[0-9a-f]+$/.test(n));
    const r = await runCli(["--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("usage", "write", 1),
      formatIssue({ file: target, path: "--out", rule: "output-path", message: message() }),
    ]);
    expect(r.stdout).toBe("");
    expect(siblings()).toEqual([]);
    if (out === notOurs) expect(readdirSync(notOurs)).toEqual(["thesis.docx"]);
  });
});

describe("--check", () => {
  it("validates everything and writes nothing: no output folder, no temporary folder", async () => {
    const parent = tempDir("check");
    const r = await runCli(["--check", "--out", path.join(parent, "output")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(msg.checkOk());
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe("an internal error", () => {
  // An output folder under a file cannot be created: not a data problem, not a usage problem we check.
  const under = path.join(tempDir("internal"), "file");
  writeFileSync(under, "x");
  const out = path.join(under, "output");

  it("prints a short message and where to look, no stack trace, and exits 3", async () => {
    const r = await runCli(["--out", out]);
    expect(r.status).toBe(3);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^internal error \(after the plan stage\): ENOTDIR: not a directory/);
    expect(lines[1]).toBe(msg.internalErrorHint(false));
    expect(r.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  it("prints the stack trace with DEBUG=1 (the real entry point reads the environment)", () => {
    const r = spawned(["--out", out], { DEBUG: "1" });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(msg.internalErrorHint(true));
    expect(r.stderr).toMatch(/^\s+at /m);
  }, 60_000);
});
