/**
 * output/ is the published dataset and is committed: it must be what the pipeline makes from the
 * bundled data today, byte for byte, and two runs must give the same bytes. The run goes through the
 * real entry point in a process of its own, as `npm run pipeline` does. When output/ is fresh, it is
 * the other run (an earlier `npm run pipeline`); when it is not, a second run is made to tell a stale
 * output/ from a run that does not repeat itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OUTPUT, spawnCli, tempDir } from "../support/basics.ts";

const owned = (dir: string) => (JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { files: string[] }).files;

/** The owned files whose bytes differ between two output folders (a file missing from `b` differs). */
const differing = (a: string, b: string) =>
  owned(a).filter((f) => {
    try {
      return !readFileSync(path.join(b, f)).equals(readFileSync(path.join(a, f)));
    } catch {
      return true;
    }
  });

describe("the committed output", () => {
  const a = path.join(tempDir("fresh-a"), "output");
  const ra = spawnCli(["--out", a]);
  const fresh = ra.status === 0 && owned(OUTPUT).join("\n") === owned(a).join("\n") && differing(a, OUTPUT).length === 0;

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

  it("gives byte-identical files on two runs (the other run: output/ when it is fresh, else a second run now)", () => {
    let b = OUTPUT;
    if (!fresh) {
      b = path.join(tempDir("fresh-b"), "output");
      expect(spawnCli(["--out", b]).status).toBe(0);
    }
    expect(owned(b)).toEqual(owned(a));
    expect(differing(a, b)).toEqual([]);
  });

  it("matches output/ (rerun `npm run pipeline` and commit output/ when this fails)", () => {
    expect(owned(OUTPUT)).toEqual(owned(a));
    expect(differing(a, OUTPUT)).toEqual([]);
  });
});
