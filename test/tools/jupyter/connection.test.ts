import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Connection } from "../../../tools/jupyter/connection.ts";
import { tempDir } from "../../helpers.ts";

const buf = (frames: readonly string[]) => frames.map((f) => Buffer.from(f, "utf8"));

describe("Jupyter wire protocol", () => {
  it("signs header, parent, metadata and content with hmac-sha256 over the session's key", () => {
    const c = new Connection();
    const { msgId, frames } = c.encode("execute_request", { code: "1 + 1" });
    expect(frames[0]).toBe("<IDS|MSG>");
    const parts = frames.slice(2);
    expect(frames[1]).toBe(createHmac("sha256", c.key).update(parts.join("")).digest("hex"));
    const header = JSON.parse(parts[0]!) as Record<string, string>;
    expect(header).toMatchObject({ msg_id: msgId, msg_type: "execute_request", session: c.session, version: "5.3" });
    expect(parts.slice(1)).toEqual(["{}", "{}", '{"code":"1 + 1"}']);
  });

  it("decodes its own frames after routing ids, and ignores a bad signature or a missing delimiter", () => {
    const c = new Connection();
    const { msgId, frames } = c.encode("kernel_info_request", { a: 1 });
    const m = c.decode(buf(["routing-id", ...frames]));
    expect(m?.header.msg_id).toBe(msgId);
    expect(m?.parent_header).toEqual({});
    expect(m?.content).toEqual({ a: 1 });
    expect(c.decode(buf([frames[0]!, "0".repeat(64), ...frames.slice(2)]))).toBeNull();
    expect(new Connection().decode(buf(frames))).toBeNull();
    expect(c.decode(buf(frames.slice(1)))).toBeNull();
  });

  it("writes a connection file with five distinct loopback ports and its key", async () => {
    const c = new Connection();
    const file = join(tempDir("conn-"), "kernel.json");
    const ports = await c.writeFile(file, "k");
    const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(json).toMatchObject({
      ip: "127.0.0.1",
      key: c.key,
      transport: "tcp",
      signature_scheme: "hmac-sha256",
      kernel_name: "k",
      shell_port: ports.shell,
      iopub_port: ports.iopub,
      hb_port: ports.hb,
    });
    expect(new Set(Object.values(ports)).size).toBe(5);
  });
});
