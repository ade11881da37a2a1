/**
 * The Jupyter wire protocol (messaging 5.3) as the runner speaks it: a connection file with five
 * free loopback ports and an hmac-sha256 key, and messages as signed multipart frames
 * `<IDS|MSG>, signature, header, parent_header, metadata, content`.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";

const DELIM = "<IDS|MSG>";

export interface Msg {
  header: { msg_id: string; msg_type: string; [k: string]: unknown };
  parent_header: { msg_id?: string; msg_type?: string; [k: string]: unknown };
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
}

export interface Ports {
  shell: number;
  iopub: number;
  stdin: number;
  control: number;
  hb: number;
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<ReturnType<typeof createServer>>((res, rej) => {
          const s = createServer();
          s.once("error", rej);
          s.listen(0, "127.0.0.1", () => res(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const a = s.address();
    if (a === null || typeof a === "string") throw new Error("could not allocate a port");
    return a.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

/** Signs and decodes the messages of one session: one key, one session id. */
export class Connection {
  readonly key = randomBytes(32).toString("hex");
  readonly session = randomUUID();

  /** Picks five free loopback ports and writes the connection file the kernel is started with. */
  async writeFile(path: string, kernelName: string): Promise<Ports> {
    const [shell, iopub, stdin, control, hb] = (await freePorts(5)) as [number, number, number, number, number];
    writeFileSync(
      path,
      JSON.stringify({
        shell_port: shell,
        iopub_port: iopub,
        stdin_port: stdin,
        control_port: control,
        hb_port: hb,
        ip: "127.0.0.1",
        key: this.key,
        transport: "tcp",
        signature_scheme: "hmac-sha256",
        kernel_name: kernelName,
      }),
    );
    return { shell, iopub, stdin, control, hb };
  }

  sign(parts: readonly string[]): string {
    const h = createHmac("sha256", this.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  /** The frames of a new request and its msg_id. */
  encode(msgType: string, content: Record<string, unknown>): { msgId: string; frames: string[] } {
    const msgId = randomUUID();
    const header = {
      msg_id: msgId,
      msg_type: msgType,
      session: this.session,
      username: "notebook-runner",
      date: new Date().toISOString(),
      version: "5.3",
    };
    const parts = [JSON.stringify(header), "{}", "{}", JSON.stringify(content)];
    return { msgId, frames: [DELIM, this.sign(parts), ...parts] };
  }

  /** A received message, or null when it is malformed or its signature is not ours. */
  decode(frames: readonly Buffer[]): Msg | null {
    const i = frames.findIndex((f) => f.toString("utf8") === DELIM);
    if (i < 0) return null;
    const parts = frames.slice(i + 2, i + 6).map((f) => f.toString("utf8"));
    if (parts.length < 4) return null;
    if (this.sign(parts) !== frames[i + 1]?.toString("utf8")) return null;
    const [header, parent, metadata, content] = parts.map((p) => JSON.parse(p) as Record<string, unknown>);
    return {
      header: header as Msg["header"],
      parent_header: (parent ?? {}) as Msg["parent_header"],
      metadata: metadata ?? {},
      content: content ?? {},
    };
  }
}
