/**
 * Test-only: temporary folders and snapshots of folders, without the pipeline's modules (test/helpers.ts
 * re-exports them; a test of the write edge alone imports them from here and loads no stage or chart).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `cma-${prefix}-`));
}

/** Every file and folder under `dir`, with a SHA-256 per file and the target per symlink: compare two to prove nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (entry.isSymbolicLink()) out[rel] = `-> ${readlinkSync(full)}`;
    else out[rel] = entry.isDirectory() ? "dir" : createHash("sha256").update(readFileSync(full)).digest("hex");
  }
  return out;
}
