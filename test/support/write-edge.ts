/**
 * Test-only: the write edge of a run as pipeline/run.ts drives it around the stages (check the
 * output folder, repair what killed runs left beside it, write the plan into a temporary folder and
 * swap it in), with a plan of a few small files instead of the bundled data's hundred: for the tests
 * whose subject is the output folder, which need neither the stages nor the charts
 * (test/e2e/output-folder.test.ts, failure.test.ts; their CLI runs are there too). `writeServer`
 * runs the same in a process of its own (test/support/write-server.ts): as another user, or to be
 * killed.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { type DataIssue, PipelineError } from "../../pipeline/errors.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { checkOutputDir, outputTarget } from "../../pipeline/write/output-dir.ts";
import { type WriteHooks, writeOutputs } from "../../pipeline/write/outputs.ts";
import { planOutputs } from "../../pipeline/write/plan.ts";
import { recoverOutputDir } from "../../pipeline/write/swap.ts";
import { ROOT } from "./basics.ts";

/** The small plan's table, as its CSV file holds it. */
export const SMALL_CSV = "market_id,market_name,definition\niaas,IaaS,x\n";

/** What the small plan writes, sorted: a table (CSV and Parquet), the descriptors, a report, the manifest. */
export const SMALL_FILES = [
  "atlas.sql",
  "datapackage.json",
  "manifest.json",
  "report.html",
  "tables/markets.csv",
  "tables/markets.parquet",
] as const;

/** A plan of a few small files (SMALL_FILES): one table of one row, and a report. */
export function smallPlan() {
  return planOutputs(
    { markets: [{ market_id: "iaas", market_name: "IaaS", definition: "x" }] },
    { version: "0.0.0-test", extraFiles: new Map([["report.html", "<p>report</p>\n"]]) },
  );
}

/** A write: done (with what it logged: the repairs of killed runs' leftovers), or refused before the swap with the issues (exit 2 in the CLI). */
export type EdgeRun = { status: "written"; log: string[] } | { status: "refused"; issues: DataIssue[]; log: string[] };

/**
 * Writes the small plan to `outDir` as a run of the pipeline does (run.ts: checkOutputDir, then
 * recoverOutputDir on the output's real place, then writeOutputs with a silent context).
 */
export async function writeEdge(outDir: string, hooks: WriteHooks = {}): Promise<EdgeRun> {
  const log: string[] = [];
  try {
    checkOutputDir(outDir, ROOT);
    recoverOutputDir(outputTarget(outDir), (line) => log.push(line));
    await writeOutputs(outDir, smallPlan(), silentContext, hooks);
    return { status: "written", log };
  } catch (error) {
    if (error instanceof PipelineError && error.kind === "usage") return { status: "refused", issues: [...error.issues], log };
    throw error;
  }
}

/** One answer of the write server: a write, or where it waits before the swap. */
export type ServerReply = EdgeRun | { paused: string };

const SERVER = path.join(ROOT, "test", "support", "write-server.ts");
const NOBODY = 65534;

/**
 * Starts test/support/write-server.ts, as this user or as `nobody` (setpriv: its uid and gid, no
 * other groups). `write(out)` sends one request and resolves with its reply.
 */
export function writeServer(user: "self" | "nobody" = "self") {
  const node = [process.execPath, "--import", "tsx", SERVER];
  const [command, ...args] =
    user === "nobody" ? ["setpriv", "--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", "--", ...node] : node;
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(command!, args, {
    cwd: ROOT,
    env: { ...process.env, HOME: "/tmp" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const waiting: Array<{ resolve: (reply: ServerReply) => void; reject: (error: Error) => void }> = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const reply = JSON.parse(line) as ServerReply | { error: string };
    const next = waiting.shift();
    if ("error" in reply) next?.reject(new Error(reply.error));
    else next?.resolve(reply);
  });
  void exited.then(() => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the write server exited:\n${stderr}`));
  });
  return {
    child,
    exited,
    write(out: string, pause?: "before-swap"): Promise<ServerReply> {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify({ out, pause })}\n`);
      });
    },
    /** Ends the server (its input closes) and resolves once it has exited. */
    close() {
      child.stdin.end();
      return exited;
    },
  };
}
