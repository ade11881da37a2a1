/**
 * A tslab kernel process driven over ZeroMQ: a Dealer on the shell port and a Subscriber on iopub.
 * iopub drops messages published before the subscription is live, so kernel_info_request is sent
 * repeatedly until iopub delivers a status message. Per cell: execute_request, then iopub outputs
 * are collected until `status: idle` whose parent is that request, plus the execute_reply.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Dealer, Subscriber } from "zeromq";
import { KERNEL_NAME, REPO_ROOT } from "../kernel-install.ts";
import { Connection, type Msg } from "./connection.ts";

const TSLAB_BIN = join(REPO_ROOT, "node_modules", "tslab", "bin", "tslab");

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class KernelClient {
  private readonly conn = new Connection();
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
    this.tmp = mkdtempSync(join(tmpdir(), "nbrun-"));
    const connPath = join(this.tmp, "kernel.json");
    const ports = await this.conn.writeFile(connPath, KERNEL_NAME);
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

    this.shell.connect(`tcp://127.0.0.1:${ports.shell}`);
    this.iopub.connect(`tcp://127.0.0.1:${ports.iopub}`);
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
          throw new Error(
            `tslab kernel exited during start (code ${this.exited.code}, signal ${this.exited.signal})\n${this.processOutput}`,
          );
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
        const msg = this.conn.decode(frames);
        if (msg) for (const l of [...listeners]) l(msg);
      }
    } catch {
      // socket closed
    }
  }

  async send(msgType: string, content: Record<string, unknown>): Promise<string> {
    const { msgId, frames } = this.conn.encode(msgType, content);
    await this.shell.send(frames);
    return msgId;
  }

  /** Execute one cell; resolves with the iopub messages of that request and the reply content. */
  async execute(code: string, timeoutMs: number): Promise<{ messages: Msg[]; reply: Record<string, unknown> }> {
    const messages: Msg[] = [];
    let reply: Record<string, unknown> | null = null;
    let idle = false;
    let msgId = "";
    let wake: () => void = () => {};
    const changed = new Promise<void>((r) => {
      wake = r;
    });
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
    const timedOut = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), timeoutMs);
    });
    try {
      msgId = await this.send("execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: true,
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
