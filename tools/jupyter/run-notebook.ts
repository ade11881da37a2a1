/**
 * Executes one notebook top to bottom with the REAL tslab kernel (no Python, no Jupyter needed).
 *
 * tslab specifics: no execute_result, no execution counts (code cells are numbered 1..n here); on
 * failure the reply has status "error" without ename/evalue, and the real message is on the cell's
 * stderr stream, which is what the thrown error quotes.
 *
 * Output is deterministic: keys sorted recursively (as nbformat does), multi-line strings split
 * into line arrays, consecutive stream chunks merged, no timings, no transient display ids.
 */
import { basename, dirname, join, resolve } from "node:path";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, REPO_ROOT } from "../kernel-install.ts";
import type { Msg } from "./connection.ts";
import { KernelClient } from "./kernel-client.ts";
import {
  joinLines,
  normalizeBundle,
  readNotebook,
  splitLines,
  stableJson,
  writeAtomic,
  type ErrorOutput,
  type JsonValue,
  type NbCell,
  type NbOutput,
  type Notebook,
  type StreamOutput,
} from "./nbformat.ts";

export interface CellResult {
  /** 1-based position of the cell in the notebook (all cell types counted). */
  index: number;
  /** 1..n over code cells, as written to execution_count. */
  executionCount: number;
  source: string;
  outputs: NbOutput[];
  /** Wall time from sending the cell to the kernel's reply, ms (not written to the notebook). */
  ms: number;
}

export interface RunResult {
  path: string;
  /** Where the executed notebook was written, or null when `outDir: null`. */
  outPath: string | null;
  cells: CellResult[];
  /** outputs of every code cell, in order (same as cells.map(c => c.outputs)). */
  outputs: NbOutput[][];
  notebook: Notebook;
  /** The exact text written (deterministic JSON). */
  json: string;
  /** Wall time to start the kernel (until it answers kernel_info), ms; the cells' own are in `cells`. */
  startMs: number;
}

export interface RunOptions {
  /** Working directory of the kernel; default: the notebook's folder. Relative helper imports
   * (`./lib/display`) resolve from here and must stay under it. */
  cwd?: string;
  /** Output folder; default `<repo>/output/notebooks`; null: do not write. */
  outDir?: string | null;
  /** Per-cell timeout, default 120 s. */
  cellTimeoutMs?: number;
  /** Kernel start timeout, default 60 s. */
  startTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export class NotebookError extends Error {
  constructor(
    message: string,
    readonly notebook: string,
    readonly cellIndex: number | null,
    readonly kernelError: string,
    /** The code cells that ran before the failing one, with their outputs (as Jupyter keeps the
     * outputs above a failing cell); none when the kernel did not start. */
    readonly cells: readonly CellResult[] = [],
  ) {
    super(message);
    this.name = "NotebookError";
  }
}

/** The iopub messages of one cell as nbformat outputs. */
export function toOutputs(messages: readonly Msg[]): NbOutput[] {
  const outs: NbOutput[] = [];
  for (const m of messages) {
    const c = m.content;
    switch (m.header.msg_type) {
      case "stream": {
        const name = c["name"] === "stderr" ? "stderr" : "stdout";
        const text = String(c["text"] ?? "");
        const prev = outs[outs.length - 1];
        if (prev && prev.output_type === "stream" && prev.name === name) {
          prev.text = joinLines(prev.text) + text;
        } else {
          outs.push({ output_type: "stream", name, text });
        }
        break;
      }
      case "display_data":
      case "execute_result":
        // tslab sends no execute_result; if one ever comes it is stored as display_data (no counts).
        outs.push({
          output_type: "display_data",
          data: normalizeBundle((c["data"] ?? {}) as Record<string, unknown>),
          metadata: (c["metadata"] ?? {}) as Record<string, JsonValue>,
        });
        break;
      case "update_display_data":
        // Display updates target an earlier display id; we keep the outputs as first shown.
        break;
      case "error":
        outs.push({
          output_type: "error",
          ename: String(c["ename"] ?? ""),
          evalue: String(c["evalue"] ?? ""),
          traceback: Array.isArray(c["traceback"]) ? (c["traceback"] as unknown[]).map(String) : [],
        });
        break;
      default:
        break; // execute_input, clear_output, etc.
    }
  }
  for (const o of outs) if (o.output_type === "stream") o.text = splitLines(joinLines(o.text));
  return outs;
}

function stderrOf(outs: NbOutput[]): string {
  return outs
    .filter((o): o is StreamOutput => o.output_type === "stream" && o.name === "stderr")
    .map((o) => joinLines(o.text))
    .join("");
}

/** The kernel's error text without tslab/vm internals (frames under node:vm and tslab/dist). */
function trimKernelStack(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s+at .*(node:vm|node:internal|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap)/.test(l))
    .join("\n");
}

function firstLine(src: string): string {
  const line = src.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

/** Execute one notebook top to bottom with the tslab kernel. Rejects with a NotebookError on the
 * first failing cell (carrying the cells that ran before it) and writes nothing then; the kernel is
 * shut down in every case. */
export async function runNotebook(path: string, opts: RunOptions = {}): Promise<RunResult> {
  const nbPath = resolve(path);
  const name = basename(nbPath);
  const cwd = resolve(opts.cwd ?? dirname(nbPath));
  const outDir = opts.outDir === undefined ? join(REPO_ROOT, "output", "notebooks") : opts.outDir;
  const cellTimeoutMs = opts.cellTimeoutMs ?? 120_000;
  const log = opts.log ?? (() => {});
  const input = readNotebook(nbPath);

  const kernel = new KernelClient(cwd);
  const cells: CellResult[] = [];
  const outCells: NbCell[] = [];
  let languageInfo: Record<string, unknown> = {};
  let startMs = 0;
  try {
    try {
      const t0 = performance.now();
      const info = await kernel.start(opts.startTimeoutMs ?? 60_000);
      startMs = performance.now() - t0;
      languageInfo = (info["language_info"] ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new NotebookError(`${name}: ${(e as Error).message}`, name, null, kernel.processOutput);
    }
    let count = 0;
    for (const [i, cell] of input.cells.entries()) {
      const index = i + 1;
      const id = typeof cell.id === "string" && cell.id !== "" ? cell.id : `cell-${index}`;
      const source = joinLines(cell.source);
      if (cell.cell_type !== "code") {
        const { outputs: _o, execution_count: _e, ...rest } = cell;
        outCells.push({ ...rest, id, source: splitLines(source) });
        continue;
      }
      count += 1;
      const started = performance.now();
      let outputs: NbOutput[];
      let status: string;
      if (source.trim() === "") {
        outputs = [];
        status = "ok";
      } else {
        let res: Awaited<ReturnType<KernelClient["execute"]>>;
        try {
          res = await kernel.execute(source, cellTimeoutMs);
        } catch (e) {
          throw new NotebookError(
            `${name}: cell ${index} (${JSON.stringify(firstLine(source))}) failed: ${(e as Error).message}`,
            name,
            index,
            (e as Error).message,
            cells,
          );
        }
        outputs = toOutputs(res.messages);
        status = String(res.reply["status"] ?? "ok");
      }
      const errOut = outputs.find((o): o is ErrorOutput => o.output_type === "error");
      if (status !== "ok" || errOut) {
        let kernelError = stderrOf(outputs).trim();
        if (kernelError === "" && errOut) kernelError = `${errOut.ename}: ${errOut.evalue}`;
        if (kernelError === "") kernelError = `execute_reply status ${status} (no error text from the kernel)`;
        if (kernelError.length > 4000) kernelError = `${kernelError.slice(0, 4000)}\n...`;
        throw new NotebookError(
          `${name}: cell ${index} (${JSON.stringify(firstLine(source))}) failed:\n${trimKernelStack(kernelError)}`,
          name,
          index,
          kernelError,
          cells,
        );
      }
      const ms = performance.now() - started;
      log(`  ${name} cell ${index} ok (${Math.round(ms)} ms)`);
      cells.push({ index, executionCount: count, source, outputs, ms });
      outCells.push({
        cell_type: "code",
        id,
        metadata: cell.metadata ?? {},
        source: splitLines(source),
        execution_count: count,
        outputs,
      });
    }
  } finally {
    await kernel.shutdown();
  }

  const notebook: Notebook = {
    cells: outCells,
    metadata: {
      ...(input.metadata ?? {}),
      kernelspec: { display_name: KERNEL_DISPLAY_NAME, language: "typescript", name: KERNEL_NAME },
      language_info: languageInfo as Record<string, JsonValue>,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const json = stableJson(notebook);
  let outPath: string | null = null;
  if (outDir !== null) {
    outPath = join(resolve(outDir), name);
    writeAtomic(outPath, json);
  }
  return { path: nbPath, outPath, cells, outputs: cells.map((c) => c.outputs), notebook, json, startMs };
}
