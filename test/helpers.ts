/** Shared test helpers: the real inputs, the computed tables, and temp-folder runs of the CLI. */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { silentContext } from "../pipeline/stages/context.ts";
import { readInputs, type Inputs } from "../pipeline/read/inputs.ts";
import { main } from "../pipeline/cli.ts";
import { type ChartRenderer, computeTables } from "../pipeline/run.ts";
import { type CliResult, copyData, DATA, OUTPUT, ROOT, snapshot, spawnCli, TSX, tempDir } from "./support/basics.ts";

export { type CliResult, copyData, DATA, OUTPUT, ROOT, snapshot, spawnCli, TSX, tempDir };

export function realInputs(): Inputs {
  return readInputs(DATA, ROOT);
}

let cached: ReturnType<typeof computeTables> | undefined;
/** The tables computed from the bundled data (no disk writes). */
export function realTables(): ReturnType<typeof computeTables> {
  cached ??= computeTables(realInputs(), silentContext);
  return cached;
}

/** Inputs with some files replaced or added (keys relative to the project root, like data/fixtures/x.yaml). */
export function withFiles(inputs: Inputs, changes: Record<string, string | null>): Inputs {
  const files = new Map(inputs.files);
  // A changed file's hash is no longer the read edge's: extract hashes its new text (as UTF-8).
  const facts = new Map(inputs.facts);
  for (const [k, v] of Object.entries(changes)) {
    facts.delete(k);
    if (v === null) files.delete(k);
    else files.set(k, v);
  }
  return { ...inputs, files, facts };
}

/**
 * Runs the command line in this process (pipeline/cli.ts `main`, from the project root) and collects
 * the lines it prints: the same code as the real entry point without a new process per run.
 * `renderCharts`: the pipeline's chart renderer (test/support/render-once.ts draws once per process).
 */
export async function runCli(args: string[], options: { debug?: boolean; renderCharts?: ChartRenderer } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, {
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    cwd: ROOT,
    debug: options.debug ?? false,
    ...(options.renderCharts && { renderCharts: options.renderCharts }),
  });
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join("");
  return { status, stdout: text(out), stderr: text(err) };
}

export function readCsv(file: string): Array<Record<string, string>> {
  return parse(readFileSync(file, "utf8"), { columns: true }) as Array<Record<string, string>>;
}
