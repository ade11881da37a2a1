/**
 * Test-only basics that load none of the pipeline's modules: the project's folders, temporary
 * folders, snapshots of folders, and the CLI in a process of its own. test/helpers.ts re-exports
 * them; a test that needs no stage or chart in its own process (the write edge's, the freshness
 * test's) imports them from here.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATA = path.join(ROOT, "data");
export const OUTPUT = path.join(ROOT, "output");
export const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** The environment variable that names the test run's own temporary folder (test/support/global-setup.ts). */
export const RUN_TMP_ENV = "CMA_TEST_TMP";

/** A new temporary folder, inside the test run's own when there is one. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(process.env[RUN_TMP_ENV] ?? tmpdir(), `cma-${prefix}-`));
}

/** A copy of data/ in a temp folder, to edit freely: `data` is the copy, `dir` holds it. */
export function copyData(): { dir: string; data: string } {
  const dir = tempDir("data");
  cpSync(DATA, path.join(dir, "data"), { recursive: true });
  return { dir, data: path.join(dir, "data") };
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

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the pipeline's command line as a user would: `npm run pipeline -- ARGS` (the command of
 * package.json's script, with this process's node), a new process from the project root. Without
 * npm's process and tsx's command line (a second node), which add nothing to the run.
 */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliResult {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const [node, ...command] = (pkg.scripts["pipeline"] ?? "").split(" ");
  if (node !== "node") throw new Error(`spawnCli: package.json's pipeline script does not start with node: ${pkg.scripts["pipeline"]}`);
  const r = spawnSync(process.execPath, [...command, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
