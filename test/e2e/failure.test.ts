/**
 * Failed and killed runs lose nothing: a run killed (SIGKILL) half-way through writing its
 * temporary folder, or just before the swap, leaves the previous output byte for byte; the next run
 * cleans up after it (and restores the previous output if the kill came between the two renames of
 * the swap). Refused output paths exit 2, before the stages or after them; --check writes nothing;
 * an internal error prints a short message and no stack trace.
 *
 * The command line's runs here are in this process (`runCli`) and draw no charts, which no test
 * here reads (a run's charts: output-fresh.test.ts); the killed command line is a process of its
 * own and draws none either (test/support/paused-cli.ts). Where the subject is the output folder's
 * repair, not the command line, the runs write a small plan through the write edge
 * (test/support/write-edge.ts). What a user keeps in the folder: output-folder.test.ts.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../../pipeline/cli.ts";
import { formatIssue } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import type { ChartRenderer } from "../../pipeline/run.ts";
import { MANIFEST } from "../../pipeline/write/plan.ts";
import { runFolders } from "../../pipeline/write/swap.ts";
import { copyData, OUTPUT, ROOT, runCli as runCliEach, snapshot, tempDir } from "../helpers.ts";
import { SMALL_FILES, writeEdge, writeServer } from "../support/write-edge.ts";

const PAUSED_CLI = path.join(ROOT, "test", "support", "paused-cli.ts");

/** A chart renderer that draws none: the runs here are about the output folder and the exit codes. */
const renderCharts: ChartRenderer = async () => new Map();

/** The command line in this process. */
const runCli = (args: string[]) => runCliEach(args, { renderCharts });

/** A folder holding `output/`: a copy of the published output, as a previous run left it. */
function previousOutput(): { parent: string; out: string } {
  const parent = tempDir("prev");
  const out = path.join(parent, "output");
  cpSync(OUTPUT, out, { recursive: true });
  return { parent, out };
}

/** A folder holding `output/`: the small plan's output (test/support/write-edge.ts), as a previous run left it. */
async function smallOutput(): Promise<{ parent: string; out: string }> {
  const parent = tempDir("prev");
  const out = path.join(parent, "output");
  expect(await writeEdge(out)).toEqual({ status: "written", log: [] });
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

/** What a kill between the swap's renames (`output → output.old-<id>`, `output.tmp-<id> → output`) leaves beside `out`. */
function killedMidSwap(out: string) {
  const run = runFolders(out, `${deadPid()}-0123456789ab`);
  writeFileSync(run.journal, JSON.stringify({ tool: "cloud-market-atlas", run: run.id, pid: Number(run.id.split("-")[0]) }));
  renameSync(out, run.old);
  cpSync(run.old, run.tmp, { recursive: true });
  return run;
}

describe("a killed run leaves the previous outputs intact", () => {
  it("SIGKILL of the command line half-way through writing the temporary folder; the next run cleans up", async () => {
    const { data } = copyData();
    const { parent, out } = previousOutput();
    writeFileSync(path.join(out, "my-notes.md"), "# my notes\n");
    const before = snapshot(out);

    const run = startPaused(["--data", data, "--out", out], "mid-write");
    const { tmp } = await run.paused;
    const id = new RegExp(`^output\\.tmp-(${run.child.pid}-[0-9a-f]{12})$`).exec(path.basename(tmp))?.[1];
    expect(path.dirname(tmp)).toBe(parent);
    expect(id).toBeDefined();
    // Mid-write: some tables are there, the manifest (written last) is not.
    expect(existsSync(path.join(tmp, "tables", "facts.csv"))).toBe(true);
    expect(existsSync(path.join(tmp, "manifest.json"))).toBe(false);
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
  }, 120_000);

  it("SIGKILL with the temporary folder complete, just before the swap; the next run cleans up", async () => {
    const { parent, out } = await smallOutput();
    writeFileSync(path.join(out, "my-notes.md"), "# my notes\n");
    const before = snapshot(out);

    const server = writeServer();
    const paused = await server.write(out, "before-swap");
    if (!("paused" in paused)) throw new Error(`the write did not pause: ${JSON.stringify(paused)}`);
    const tmp = paused.paused;
    const id = new RegExp(`^output\\.tmp-(${server.child.pid}-[0-9a-f]{12})$`).exec(path.basename(tmp))?.[1];
    expect(path.dirname(tmp)).toBe(parent);
    expect(id).toBeDefined();
    // Before the swap: every file of the plan, the manifest too, and the user's file carried over.
    expect(
      Object.keys(snapshot(tmp))
        .filter((f) => f !== "tables")
        .sort(),
    ).toEqual([...SMALL_FILES, "my-notes.md"].sort());
    server.child.kill("SIGKILL");
    expect(await server.exited).toEqual({ code: null, signal: "SIGKILL" });

    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(["output", `output.run-${id}`, path.basename(tmp)]);

    expect(await writeEdge(out)).toEqual({ status: "written", log: [msg.staleRemoved(tmp)] });
    expect(readdirSync(parent)).toEqual(["output"]);
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# my notes\n");
  }, 60_000);

  it("a run killed between the two renames of the swap: the next run restores the previous output first", async () => {
    const { parent, out } = await smallOutput();
    writeFileSync(path.join(out, "my-notes.md"), "# kept\n");
    const before = snapshot(out);
    const run = killedMidSwap(out);
    expect(await writeEdge(out)).toEqual({ status: "written", log: [msg.outputRestored(run.old, out), msg.staleRemoved(run.tmp)] });
    expect(readdirSync(parent)).toEqual(["output"]);
    expect(readFileSync(path.join(out, "my-notes.md"), "utf8")).toBe("# kept\n");
    expect(Object.keys(snapshot(out)).sort()).toEqual(Object.keys(before).sort());
  });

  it("leaves alone the temporary folder of a run that is still alive, and folders no journal proves are ours", async () => {
    const { parent, out } = await smallOutput();
    // A live run: its journal names a process that is running (this test's parent, the test runner).
    const live = runFolders(out, `${process.ppid}-00000000abcd`);
    writeFileSync(live.journal, JSON.stringify({ tool: "cloud-market-atlas", run: live.id, pid: process.ppid }));
    mkdirSync(live.tmp);
    writeFileSync(path.join(live.tmp, "half.csv"), "a\n");
    // Named like a leftover of a dead run, but without a journal: a user's folder, maybe.
    const lookalike = path.join(parent, `output.old-${deadPid()}`);
    mkdirSync(lookalike);
    writeFileSync(path.join(lookalike, "thesis.md"), "mine\n");
    rmSync(out, { recursive: true });
    expect(await writeEdge(out)).toEqual({ status: "written", log: [msg.outputLeftAlone(lookalike)] });
    expect(readFileSync(path.join(live.tmp, "half.csv"), "utf8")).toBe("a\n");
    expect(readFileSync(path.join(lookalike, "thesis.md"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(out, "thesis.md"))).toBe(false);
    rmSync(live.tmp, { recursive: true });
  });
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

  it("a symlinked output folder whose link points to nothing, and nothing is created", async () => {
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

describe("--check", () => {
  it("validates everything and writes nothing: no output folder, no temporary folder, no repair of a killed run's leftovers", async () => {
    const { parent, out } = await smallOutput();
    const run = killedMidSwap(out);
    const left = readdirSync(parent).sort();
    expect(left).toEqual([path.basename(run.old), path.basename(run.journal), path.basename(run.tmp)].sort());
    const r = await runCli(["--check", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(msg.checkOk());
    expect(readdirSync(parent).sort()).toEqual(left);
  });
});

describe("a user's file where the new output writes", () => {
  it("is refused after the stages ran (exit 2, named), the output untouched and nothing left beside it", async () => {
    const { data } = copyData();
    const { out, parent } = previousOutput();
    const manifest = JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")) as { files: string[] };
    writeFileSync(path.join(out, MANIFEST), JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f !== "report.html") }));
    const before = snapshot(out);
    const r = await runCli(["--data", data, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("usage", "write", 1),
      formatIssue({ file: "--out", path: "--out", rule: "output-keep", message: msg.userEntryCollides("report.html") }),
    ]);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["output"]);
  }, 60_000);
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

  it("prints the stack trace with DEBUG=1 (the command line reads the environment when not told)", async () => {
    const err: string[] = [];
    vi.stubEnv("DEBUG", "1");
    try {
      const status = await main(["--out", out], {
        io: { out: () => {}, err: (line) => err.push(line) },
        cwd: ROOT,
        renderCharts,
      });
      expect(status).toBe(3);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(err[0]).toMatch(/^internal error \(after the plan stage\): ENOTDIR: not a directory/);
    expect(err[1]).toBe(msg.internalErrorHint(true));
    expect(err.join("\n")).toMatch(/^\s+at /m);
  }, 60_000);
});
