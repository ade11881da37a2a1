/**
 * vitest's global setup: one temporary folder for the whole run, removed when the run ends.
 * `tempDir()` (test/support/basics.ts) makes its folders inside it, so the copies of data/, the
 * output folders and the CLI's scratch files of a run are removed with it even when a test fails or
 * a kernel is killed, instead of piling up in the system's temporary folder run after run.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RUN_TMP_ENV } from "./basics.ts";

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "cma-test-run-"));
  // Open to other users as the system's temporary folder is: the permission tests run the CLI as
  // 'nobody' on folders made inside it.
  chmodSync(dir, 0o755);
  // The workers are started after this, from this process's environment.
  process.env[RUN_TMP_ENV] = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
