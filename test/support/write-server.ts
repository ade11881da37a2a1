/**
 * Test-only entry point: the write edge with the small plan (test/support/write-edge.ts `writeEdge`)
 * in a process of its own, for the tests that need another user (setpriv … nobody) or a run to
 * kill. One process answers many requests, so that a test file pays for its start once.
 *
 *   node --import tsx test/support/write-server.ts
 *
 * Reads one request a line on stdin, `{"out": DIR}` or `{"out": DIR, "pause": "before-swap"}`, and
 * answers each with one line of JSON on stdout: what `writeEdge` returned; with a pause,
 * `{"paused": TMP}` once the temporary folder is complete, and then nothing (it waits to be killed);
 * `{"error": MESSAGE}` for any other failure. Exits when stdin closes.
 */
import { createInterface } from "node:readline";
import { writeEdge } from "./write-edge.ts";

const answer = (reply: unknown) => process.stdout.write(`${JSON.stringify(reply)}\n`);

async function serve(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const { out, pause } = JSON.parse(line) as { out: string; pause?: "before-swap" };
    try {
      answer(
        await writeEdge(
          out,
          pause === "before-swap"
            ? {
                beforeSwap: (tmp) => {
                  answer({ paused: tmp });
                  return new Promise<void>(() => {});
                },
              }
            : {},
        ),
      );
    } catch (error) {
      answer({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}

void serve();
