/**
 * output/ is the published dataset and is committed: it must be what the pipeline makes from the
 * bundled data today, byte for byte, and two runs must give the same bytes. Both runs go through the
 * real entry point in a process of their own, as `npm run pipeline` does.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUT, spawnCli, tempDir } from "../helpers.ts";

const owned = (dir: string) => (JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { files: string[] }).files;

describe("the committed output", () => {
  const a = path.join(tempDir("fresh-a"), "output");
  const b = path.join(tempDir("fresh-b"), "output");
  const ra = spawnCli(["--out", a]);
  const rb = spawnCli(["--out", b]);

  it("runs the pipeline cleanly, printing each stage with its rows", () => {
    expect(ra.stderr).toBe("");
    expect(ra.status).toBe(0);
    expect(ra.stdout).toMatch(/^extract\s+\d+ ms\s+claims=113 documents=1 {2}\(peak RSS \d+ MiB\)$/m);
    expect(ra.stdout).toMatch(
      /^normalize .* market_share=10 share_comparison=5 concentration=2 cited_facts=197 share_series=126 .* {2}\(peak RSS \d+ MiB\)$/m,
    );
    expect(ra.stdout).toMatch(/^charts\s+\d+ ms\s+files=45 skipped=0 {2}\(peak RSS \d+ MiB\)$/m);
    expect(ra.stdout).not.toMatch(/not drawn|not written/);
  });

  it("gives byte-identical files on two runs", () => {
    expect(rb.status).toBe(0);
    expect(owned(b)).toEqual(owned(a));
    for (const f of owned(a)) expect(readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f))), f).toBe(true);
  });

  it("matches output/ (rerun `npm run pipeline` and commit output/ when this fails)", () => {
    expect(owned(OUTPUT)).toEqual(owned(a));
    const stale = owned(a).filter((f) => !readFileSync(path.join(OUTPUT, f)).equals(readFileSync(path.join(a, f))));
    expect(stale).toEqual([]);
  });
});
