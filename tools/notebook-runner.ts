/**
 * Headless notebook runner: executes `notebooks/*.ipynb` top to bottom with the REAL tslab kernel,
 * driven directly over ZeroMQ from Node (no Python, no Jupyter needed).
 *
 *   npm run notebooks                      # every notebooks/*.ipynb, sorted, -> output/notebooks/
 *   npm run notebooks -- --only 01-market  # one notebook (name with or without .ipynb)
 *   npm run notebooks -- --out-dir /tmp/x  # write the executed notebooks elsewhere
 *   npm run notebooks -- --cwd notebooks test/fixtures/notebooks/ok.ipynb
 *
 * Protocol (Jupyter messaging 5.3): a connection file with five free loopback ports and an
 * hmac-sha256 key; a Dealer on the shell port and a Subscriber on iopub. iopub drops messages
 * published before the subscription is live, so kernel_info_request is sent repeatedly until iopub
 * delivers a status message. Per cell: execute_request, then iopub outputs are collected until
 * `status: idle` whose parent is that request, plus the execute_reply.
 *
 * tslab specifics: no execute_result, no execution counts (we number code cells 1..n ourselves);
 * on failure the reply has status "error" without ename/evalue, and the real message is on the
 * cell's stderr stream, which is what the thrown error quotes.
 *
 * Output is deterministic: keys sorted recursively (as nbformat does), multi-line strings split
 * into line arrays, consecutive stream chunks merged, no timings, no transient display ids.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Dealer, Subscriber } from "zeromq";

import { KERNEL_DISPLAY_NAME, KERNEL_NAME, REPO_ROOT } from "./kernel-install.ts";

export { KERNEL_DISPLAY_NAME, KERNEL_NAME, REPO_ROOT };
const TSLAB_BIN = join(REPO_ROOT, "node_modules", "tslab", "bin", "tslab");
const DELIM = "<IDS|MSG>";

// ---------------------------------------------------------------------------------------------
// nbformat types (the subset we read and write)

export type MultilineString = string | string[];
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };
export type MimeBundle = Record<string, JsonValue>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata: Record<string, JsonValue>;
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type NbOutput = StreamOutput | DisplayDataOutput | ErrorOutput;

export interface NbCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, JsonValue>;
  outputs?: NbOutput[];
  execution_count?: number | null;
  attachments?: Record<string, JsonValue>;
}
export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, JsonValue>;
  nbformat: number;
  nbformat_minor: number;
}

export interface CellResult {
  /** 1-based position of the cell in the notebook (all cell types counted). */
  index: number;
  /** 1..n over code cells, as written to execution_count. */
  executionCount: number;
  source: string;
  outputs: NbOutput[];
  /** Wall time from sending the cell to the kernel's reply, ms (not written to the notebook). */
  ms: number;
}

export interface RunResult {
  path: string;
  /** Where the executed notebook was written, or null when `outDir: null`. */
  outPath: string | null;
  cells: CellResult[];
  /** outputs of every code cell, in order (same as cells.map(c => c.outputs)). */
  outputs: NbOutput[][];
  notebook: Notebook;
  /** The exact text written (deterministic JSON). */
  json: string;
  /** Wall time to start the kernel (until it answers kernel_info), ms; the cells' own are in `cells`. */
  startMs: number;
}

export interface RunOptions {
  /** Working directory of the kernel; default: the notebook's folder. Relative helper imports
   * (`./lib/display`) resolve from here and must stay under it. */
  cwd?: string;
  /** Output folder; default `<repo>/output/notebooks`; null: do not write. */
  outDir?: string | null;
  /** Per-cell timeout, default 120 s. */
  cellTimeoutMs?: number;
  /** Kernel start timeout, default 60 s. */
  startTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export class NotebookError extends Error {
  constructor(
    message: string,
    readonly notebook: string,
    readonly cellIndex: number | null,
    readonly kernelError: string,
  ) {
    super(message);
    this.name = "NotebookError";
  }
}

// ---------------------------------------------------------------------------------------------
// deterministic JSON

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

/** 2-space indent, keys sorted recursively, trailing newline. */
export function stableJson(v: unknown): string {
  return JSON.stringify(sortKeys(v), null, 2) + "\n";
}

/** nbformat's split_lines: "a\nb" -> ["a\n", "b"]; single-line strings stay strings. */
export function splitLines(s: string): MultilineString {
  if (!s.includes("\n")) return s;
  const parts = s.split(/(?<=\n)/);
  return parts;
}

export function joinLines(s: MultilineString | undefined): string {
  if (s === undefined) return "";
  return Array.isArray(s) ? s.join("") : s;
}

function isJsonMime(mime: string): boolean {
  return mime === "application/json" || /^application\/(.+\+)?json$/.test(mime);
}

function normalizeBundle(data: Record<string, unknown>): MimeBundle {
  const out: MimeBundle = {};
  for (const [mime, value] of Object.entries(data)) {
    if (typeof value === "string" && !isJsonMime(mime)) out[mime] = splitLines(value);
    else out[mime] = value as JsonValue;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// kernel connection

interface Msg {
  header: { msg_id: string; msg_type: string; [k: string]: unknown };
  parent_header: { msg_id?: string; msg_type?: string; [k: string]: unknown };
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((res, rej) => {
      const s = createServer();
      s.once("error", rej);
      s.listen(0, "127.0.0.1", () => res(s));
    })),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (a === null || typeof a === "string") throw new Error("could not allocate a port");
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

class KernelClient {
  private readonly key = randomBytes(32).toString("hex");
  private readonly session = randomUUID();
  private readonly shell = new Dealer({ linger: 0 });
  private readonly iopub = new Subscriber({ linger: 0 });
  private proc: ChildProcess | null = null;
  private tmp: string | null = null;
  private exited: { code: number | null; signal: string | null } | null = null;
  private procOutput = "";
  private closed = false;
  private readonly iopubListeners = new Set<(m: Msg) => void>();
  private readonly shellListeners = new Set<(m: Msg) => void>();
  private readonly exitListeners = new Set<() => void>();
  private readonly onProcessExit = (): void => {
    this.proc?.kill("SIGKILL");
  };

  constructor(private readonly cwd: string) {}

  /** Kernel process output outside cells (startup errors etc.), last 4000 chars. */
  get processOutput(): string {
    return this.procOutput.slice(-4000);
  }

  async start(timeoutMs: number): Promise<Record<string, unknown>> {
    const [shell, iopub, stdin, control, hb] = await freePorts(5);
    this.tmp = mkdtempSync(join(tmpdir(), "nbrun-"));
    const connPath = join(this.tmp, "kernel.json");
    writeFileSync(connPath, JSON.stringify({
      shell_port: shell, iopub_port: iopub, stdin_port: stdin, control_port: control, hb_port: hb,
      ip: "127.0.0.1", key: this.key, transport: "tcp", signature_scheme: "hmac-sha256",
      kernel_name: KERNEL_NAME,
    }));
    if (!existsSync(TSLAB_BIN)) throw new Error(`tslab not found at ${TSLAB_BIN} (run npm install)`);
    const proc = spawn(process.execPath, [TSLAB_BIN, "kernel", "--config-path", connPath], {
      cwd: this.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env },
    });
    this.proc = proc;
    process.once("exit", this.onProcessExit);
    const keep = (b: Buffer): void => {
      this.procOutput = (this.procOutput + b.toString("utf8")).slice(-20000);
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    proc.on("exit", (code, signal) => {
      this.exited = { code, signal };
      for (const l of this.exitListeners) l();
    });
    proc.on("error", (e) => {
      this.procOutput += `\nspawn error: ${e.message}`;
      this.exited = { code: null, signal: null };
      for (const l of this.exitListeners) l();
    });

    this.shell.connect(`tcp://127.0.0.1:${shell}`);
    this.iopub.connect(`tcp://127.0.0.1:${iopub}`);
    this.iopub.subscribe();
    void this.pump(this.shell, this.shellListeners);
    void this.pump(this.iopub, this.iopubListeners);

    // Wait until iopub is live: resend kernel_info_request until a status message arrives.
    let info: Record<string, unknown> | null = null;
    let iopubLive = false;
    const offIo = this.on(this.iopubListeners, (m) => {
      if (m.header.msg_type === "status") iopubLive = true;
    });
    const offSh = this.on(this.shellListeners, (m) => {
      if (m.header.msg_type === "kernel_info_reply") info = m.content;
    });
    const deadline = Date.now() + timeoutMs;
    try {
      while (!(iopubLive && info)) {
        if (this.exited) {
          throw new Error(`tslab kernel exited during start (code ${this.exited.code}, signal ${this.exited.signal})\n${this.processOutput}`);
        }
        if (Date.now() > deadline) {
          throw new Error(`tslab kernel did not become ready within ${timeoutMs / 1000} s\n${this.processOutput}`);
        }
        if (!iopubLive || !info) await this.send("kernel_info_request", {});
        await sleep(150);
      }
    } finally {
      offIo();
      offSh();
    }
    // Let the status/idle messages of the extra kernel_info_requests drain before executing.
    await sleep(100);
    return info;
  }

  private on(set: Set<(m: Msg) => void>, fn: (m: Msg) => void): () => void {
    set.add(fn);
    return () => set.delete(fn);
  }

  private async pump(sock: Dealer | Subscriber, listeners: Set<(m: Msg) => void>): Promise<void> {
    try {
      for await (const frames of sock) {
        const msg = this.decode(frames);
        if (msg) for (const l of [...listeners]) l(msg);
      }
    } catch {
      // socket closed
    }
  }

  private sign(parts: string[]): string {
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  private decode(frames: Buffer[]): Msg | null {
    const i = frames.findIndex((f) => f.toString("utf8") === DELIM);
    if (i < 0) return null;
    const parts = frames.slice(i + 2, i + 6).map((f) => f.toString("utf8"));
    if (parts.length < 4) return null;
    if (this.sign(parts) !== frames[i + 1]?.toString("utf8")) return null; // bad signature: ignore
    const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p) as Record<string, unknown>);
    return {
      header: header as Msg["header"],
      parent_header: (parent ?? {}) as Msg["parent_header"],
      metadata: metadata ?? {},
      content: content ?? {},
    };
  }

  async send(msgType: string, content: Record<string, unknown>): Promise<string> {
    const msgId = randomUUID();
    const header = {
      msg_id: msgId, msg_type: msgType, session: this.session, username: "notebook-runner",
      date: new Date().toISOString(), version: "5.3",
    };
    const parts = [JSON.stringify(header), "{}", "{}", JSON.stringify(content)];
    await this.shell.send([DELIM, this.sign(parts), ...parts]);
    return msgId;
  }

  /** Execute one cell; resolves with the iopub messages of that request and the reply content. */
  async execute(code: string, timeoutMs: number): Promise<{ messages: Msg[]; reply: Record<string, unknown> }> {
    const messages: Msg[] = [];
    let reply: Record<string, unknown> | null = null;
    let idle = false;
    let msgId = "";
    let wake: () => void = () => {};
    const changed = new Promise<void>((r) => { wake = r; });
    const offIo = this.on(this.iopubListeners, (m) => {
      if (m.parent_header.msg_id !== msgId) return;
      if (m.header.msg_type === "status") {
        if (m.content["execution_state"] === "idle") idle = true;
      } else {
        messages.push(m);
      }
      if (idle && reply) wake();
    });
    const offSh = this.on(this.shellListeners, (m) => {
      if (m.parent_header.msg_id !== msgId || m.header.msg_type !== "execute_reply") return;
      reply = m.content;
      if (idle && reply) wake();
    });
    const onExit = (): void => wake();
    this.exitListeners.add(onExit);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((r) => { timer = setTimeout(() => r("timeout"), timeoutMs); });
    try {
      msgId = await this.send("execute_request", {
        code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
      });
      const r = await Promise.race([changed, timedOut]);
      if (r === "timeout") {
        throw new Error(`timed out after ${timeoutMs / 1000} s waiting for the cell to finish`);
      }
      if (this.exited && !(idle && reply)) {
        throw new Error(`tslab kernel died (code ${this.exited.code}, signal ${this.exited.signal})\n${this.processOutput}`);
      }
      return { messages, reply: reply ?? {} };
    } finally {
      clearTimeout(timer);
      offIo();
      offSh();
      this.exitListeners.delete(onExit);
    }
  }

  /** shutdown_request, then kill; safe to call more than once. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const proc = this.proc;
    if (proc && !this.exited) {
      const gone = new Promise<void>((r) => {
        if (this.exited) r();
        else this.exitListeners.add(() => r());
      });
      try {
        await Promise.race([this.send("shutdown_request", { restart: false }), sleep(500)]);
      } catch {
        // ignore: we kill below anyway
      }
      await Promise.race([gone, sleep(1000)]);
      if (!this.exited) {
        proc.kill("SIGTERM");
        await Promise.race([gone, sleep(2000)]);
      }
      if (!this.exited) {
        proc.kill("SIGKILL");
        await Promise.race([gone, sleep(2000)]);
      }
    }
    process.removeListener("exit", this.onProcessExit);
    this.shell.close();
    this.iopub.close();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// running a notebook

function toOutputs(messages: Msg[]): NbOutput[] {
  const outs: NbOutput[] = [];
  for (const m of messages) {
    const c = m.content;
    switch (m.header.msg_type) {
      case "stream": {
        const name = c["name"] === "stderr" ? "stderr" : "stdout";
        const text = String(c["text"] ?? "");
        const prev = outs[outs.length - 1];
        if (prev && prev.output_type === "stream" && prev.name === name) {
          prev.text = joinLines(prev.text) + text;
        } else {
          outs.push({ output_type: "stream", name, text });
        }
        break;
      }
      case "display_data":
      case "execute_result":
        // tslab sends no execute_result; if one ever comes it is stored as display_data (no counts).
        outs.push({
          output_type: "display_data",
          data: normalizeBundle((c["data"] ?? {}) as Record<string, unknown>),
          metadata: (c["metadata"] ?? {}) as Record<string, JsonValue>,
        });
        break;
      case "update_display_data":
        // Display updates target an earlier display id; we keep the outputs as first shown.
        break;
      case "error":
        outs.push({
          output_type: "error",
          ename: String(c["ename"] ?? ""),
          evalue: String(c["evalue"] ?? ""),
          traceback: Array.isArray(c["traceback"]) ? (c["traceback"] as unknown[]).map(String) : [],
        });
        break;
      default:
        break; // execute_input, clear_output, etc.
    }
  }
  for (const o of outs) if (o.output_type === "stream") o.text = splitLines(joinLines(o.text));
  return outs;
}

function stderrOf(outs: NbOutput[]): string {
  return outs
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === "stderr")
    .map((o) => joinLines(o.text))
    .join("");
}

/** The kernel's error text without tslab/vm internals (frames under node:vm and tslab/dist). */
function trimKernelStack(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s+at .*(node:vm|node:internal|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap)/.test(l))
    .join("\n");
}

function firstLine(src: string): string {
  const line = src.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 100 ? line.slice(0, 97) + "..." : line;
}

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function readNotebook(path: string): Notebook {
  const nb = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  if (!Array.isArray(nb.cells) || nb.nbformat !== 4) {
    throw new Error(`${path}: not an nbformat 4 notebook`);
  }
  return nb;
}

/** Execute one notebook top to bottom with the tslab kernel. Rejects with a NotebookError on the
 * first failing cell; the kernel is shut down in every case. */
export async function runNotebook(path: string, opts: RunOptions = {}): Promise<RunResult> {
  const nbPath = resolve(path);
  const name = basename(nbPath);
  const cwd = resolve(opts.cwd ?? dirname(nbPath));
  const outDir = opts.outDir === undefined ? join(REPO_ROOT, "output", "notebooks") : opts.outDir;
  const cellTimeoutMs = opts.cellTimeoutMs ?? 120_000;
  const log = opts.log ?? (() => {});
  const input = readNotebook(nbPath);

  const kernel = new KernelClient(cwd);
  const cells: CellResult[] = [];
  const outCells: NbCell[] = [];
  let languageInfo: Record<string, unknown> = {};
  let startMs = 0;
  try {
    try {
      const t0 = performance.now();
      const info = await kernel.start(opts.startTimeoutMs ?? 60_000);
      startMs = performance.now() - t0;
      languageInfo = (info["language_info"] ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new NotebookError(`${name}: ${(e as Error).message}`, name, null, kernel.processOutput);
    }
    let count = 0;
    for (const [i, cell] of input.cells.entries()) {
      const index = i + 1;
      const id = typeof cell.id === "string" && cell.id !== "" ? cell.id : `cell-${index}`;
      const source = joinLines(cell.source);
      if (cell.cell_type !== "code") {
        const { outputs: _o, execution_count: _e, ...rest } = cell;
        outCells.push({ ...rest, id, source: splitLines(source) });
        continue;
      }
      count += 1;
      const started = performance.now();
      let outputs: NbOutput[];
      let status: string;
      if (source.trim() === "") {
        outputs = [];
        status = "ok";
      } else {
        let res: Awaited<ReturnType<KernelClient["execute"]>>;
        try {
          res = await kernel.execute(source, cellTimeoutMs);
        } catch (e) {
          throw new NotebookError(
            `${name}: cell ${index} (${JSON.stringify(firstLine(source))}) failed: ${(e as Error).message}`,
            name, index, (e as Error).message,
          );
        }
        outputs = toOutputs(res.messages);
        status = String(res.reply["status"] ?? "ok");
      }
      const errOut = outputs.find((o): o is ErrorOutput => o.output_type === "error");
      if (status !== "ok" || errOut) {
        let kernelError = stderrOf(outputs).trim();
        if (kernelError === "" && errOut) kernelError = `${errOut.ename}: ${errOut.evalue}`;
        if (kernelError === "") kernelError = `execute_reply status ${status} (no error text from the kernel)`;
        if (kernelError.length > 4000) kernelError = kernelError.slice(0, 4000) + "\n...";
        throw new NotebookError(
          `${name}: cell ${index} (${JSON.stringify(firstLine(source))}) failed:\n${trimKernelStack(kernelError)}`,
          name, index, kernelError,
        );
      }
      const ms = performance.now() - started;
      log(`  ${name} cell ${index} ok (${Math.round(ms)} ms)`);
      cells.push({ index, executionCount: count, source, outputs, ms });
      outCells.push({
        cell_type: "code",
        id,
        metadata: cell.metadata ?? {},
        source: splitLines(source),
        execution_count: count,
        outputs,
      });
    }
  } finally {
    await kernel.shutdown();
  }

  const notebook: Notebook = {
    cells: outCells,
    metadata: {
      ...(input.metadata ?? {}),
      kernelspec: { display_name: KERNEL_DISPLAY_NAME, language: "typescript", name: KERNEL_NAME },
      language_info: languageInfo as Record<string, JsonValue>,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const json = stableJson(notebook);
  let outPath: string | null = null;
  if (outDir !== null) {
    outPath = join(resolve(outDir), name);
    writeAtomic(outPath, json);
  }
  return { path: nbPath, outPath, cells, outputs: cells.map((c) => c.outputs), notebook, json, startMs };
}

/** `notebooks/*.ipynb` (or another folder), sorted by name. */
export function listNotebooks(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: tsx tools/notebook-runner.ts [--only NAME]... [--out-dir DIR] [--cwd DIR]
       [--timeout SECONDS] [NOTEBOOK.ipynb | DIR]...
Executes notebooks (default: notebooks/*.ipynb, sorted) with the tslab kernel and writes the
executed copies to output/notebooks/ (or --out-dir).`;

async function main(argv: string[]): Promise<number> {
  const only: string[] = [];
  const targets: string[] = [];
  let outDir: string | undefined;
  let cwd: string | undefined;
  let timeoutS: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--only") only.push(next());
    else if (a.startsWith("--only=")) only.push(a.slice(7));
    else if (a === "--out-dir") outDir = next();
    else if (a.startsWith("--out-dir=")) outDir = a.slice(10);
    else if (a === "--cwd") cwd = next();
    else if (a.startsWith("--cwd=")) cwd = a.slice(6);
    else if (a === "--timeout") timeoutS = Number(next());
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("-")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else targets.push(a);
  }
  if (targets.length === 0) targets.push(join(REPO_ROOT, "notebooks"));
  let files: string[] = [];
  for (const t of targets) {
    if (t.endsWith(".ipynb")) files.push(resolve(t));
    else files.push(...listNotebooks(resolve(t)));
  }
  if (only.length > 0) {
    const wanted = new Set(only.map((o) => o.replace(/\.ipynb$/, "")));
    files = files.filter((f) => wanted.has(basename(f, ".ipynb")));
    const found = new Set(files.map((f) => basename(f, ".ipynb")));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length > 0) {
      console.error(`notebook-runner: no notebook named ${missing.join(", ")}`);
      return 1;
    }
  }
  if (files.length === 0) {
    console.log("notebook-runner: no notebooks to run");
    return 0;
  }
  for (const f of files) {
    const t0 = Date.now();
    console.log(`running ${f}`);
    const opts: RunOptions = { log: (l) => console.log(l) };
    if (outDir !== undefined) opts.outDir = resolve(outDir);
    if (cwd !== undefined) opts.cwd = resolve(cwd);
    if (timeoutS !== undefined && Number.isFinite(timeoutS)) opts.cellTimeoutMs = timeoutS * 1000;
    const r = await runNotebook(f, opts);
    console.log(`wrote ${r.outPath ?? "(nothing)"} (${r.cells.length} code cells, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`notebook-runner: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
