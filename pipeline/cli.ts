/**
 * `npm run pipeline [-- --data DIR --out DIR]` and `npm run check` (`--check`: validate, write nothing).
 *
 * Exit codes: 0 success; 1 bad input data (every problem listed, one line each); 2 bad usage (an
 * unknown flag, a missing data folder, a refused output folder); 3 internal error (a bug: a short
 * message, and the stack trace only with DEBUG=1). Never a stack trace for bad input.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatIssue, PipelineError } from "./errors.ts";
import { msg } from "./messages.ts";
import { projectPackage } from "./package.ts";
import { terminalSafe } from "./text.ts";
import type { ChartRenderer } from "./run.ts";
import type { WriteHooks } from "./write/outputs.ts";

const debugFromEnv = () => process.env["DEBUG"] === "1" || process.env["DEBUG"] === "true";

/** Where the command's lines go: the terminal, or a test's buffers. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const terminal: Io = { out: (line) => console.log(line), err: (line) => console.error(line) };

export interface MainOptions {
  /** Calls at known points of the write: test/support/paused-cli.ts pauses there so that a test can kill the run. */
  writeHooks?: WriteHooks;
  /** Default: the terminal (stdout, stderr). Tests run the command in their own process and read its lines. */
  io?: Io;
  /** Print stack traces of internal errors. Default: the DEBUG environment variable is 1 or true. */
  debug?: boolean;
  /** The project root, against which --data and --out are resolved. Default: the working directory. */
  cwd?: string;
  /** Draws the charts (run.ts `RunOptions.renderCharts`); default charts/index.ts `renderCharts`. */
  renderCharts?: ChartRenderer;
}

const OPTIONS = {
  data: { type: "string", default: "data" },
  out: { type: "string", default: "output" },
  check: { type: "boolean", default: false },
  "allow-shrink": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
} as const;

/** One line per option for --help, in OPTIONS' order. */
const OPTION_HELP: Record<keyof typeof OPTIONS, [string, string]> = {
  data: ["--data DIR", "the data folder to read (default: data)"],
  out: ["--out DIR", "the output folder to replace, atomically (default: output)"],
  check: ["--check", "validate every input and print every problem; write nothing (npm run check)"],
  "allow-shrink": [
    "--allow-shrink",
    "publish even if a table loses every row or more than half of them (refused by default: exit 1, naming the tables)",
  ],
  help: ["-h, --help", "print this help and exit"],
  version: ["--version", "print the project's name and version and exit"],
};

/** The command line: runs the pipeline for `argv` (the arguments after the script) and returns the exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  // Every line printed is terminal-safe: a path, id or value with a newline or an escape sequence is
  // shown escaped, so one problem is always one line. Text of several lines is printed line by line.
  const raw = options.io ?? terminal;
  const lines = (text: string) => text.split("\n").map(terminalSafe);
  const io: Io = {
    out: (text) => {
      for (const l of lines(text)) raw.out(l);
    },
    err: (text) => {
      for (const l of lines(text)) raw.err(l);
    },
  };
  const debug = options.debug ?? debugFromEnv();
  const usageError = (message: string): number => {
    raw.err(terminalSafe(`usage error: ${message}`));
    io.err(msg.usage());
    return 2;
  };
  let args: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>;
  try {
    args = parseArgs({ args: argv, options: OPTIONS, strict: true });
  } catch (error) {
    return usageError(msg.badArguments((error as Error).message));
  }
  if (args.values.help) {
    io.out(msg.help(Object.values(OPTION_HELP)));
    return 0;
  }
  if (args.values.version) {
    const { name, version } = projectPackage();
    io.out(`${name} ${version}`);
    return 0;
  }
  const root = options.cwd ?? process.cwd();
  const dataDir = path.resolve(root, args.values.data);
  const outDir = path.resolve(root, args.values.out);
  const check = args.values.check;
  const t0 = performance.now();
  let lastStage: string | undefined;
  const log = (line: string) => {
    lastStage = /^(\w+)\s+\d+ ms/.exec(line)?.[1] ?? lastStage;
    raw.out(terminalSafe(line));
  };
  try {
    if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) return usageError(msg.dataDirMissing(dataDir));
    // Loaded here, not at the top, so that even a module that fails to load is reported as an
    // internal error without a stack trace.
    const { runPipeline } = await import("./run.ts");
    const { checkOutputDir } = await import("./write/output-dir.ts");
    if (!check) checkOutputDir(outDir, root, { dataDir });
    await runPipeline({
      root,
      dataDir,
      outDir,
      check,
      allowShrink: args.values["allow-shrink"],
      log,
      ...(options.writeHooks && { writeHooks: options.writeHooks }),
      ...(options.renderCharts && { renderCharts: options.renderCharts }),
    });
  } catch (error) {
    if (error instanceof PipelineError) {
      io.err(msg.problems(error.kind, error.stage, error.issues.length));
      for (const issue of error.issues) raw.err(formatIssue(issue));
      if (error.kind === "data") io.err(msg.nothingWritten());
      return error.kind === "usage" ? 2 : 1;
    }
    const detail =
      error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message.split("\n")[0]}` : String(error);
    raw.err(terminalSafe(msg.internalError(detail, lastStage)));
    io.err(msg.internalErrorHint(debug));
    if (debug) io.err(error instanceof Error ? (error.stack ?? String(error)) : String(error));
    return 3;
  }
  io.out(check ? msg.checkOk() : `done in ${(performance.now() - t0).toFixed(0)} ms`);
  return 0;
}

/** Runs `main` and sets the process's exit code (the entry point, and test/support/paused-cli.ts). */
export function runMain(argv: string[], options: MainOptions = {}): void {
  main(argv, options).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(msg.internalError(String((error as Error)?.message ?? error), undefined));
      console.error(msg.internalErrorHint(debugFromEnv()));
      process.exitCode = 3;
    },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runMain(process.argv.slice(2));
