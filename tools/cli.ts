/**
 * The tools' and the bench's command lines: node:util's parseArgs over one table of options, and
 * `--help` printed from that same table (one line per option), so the help cannot drift from what
 * is parsed.
 */
import { parseArgs } from "node:util";

export interface CliOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in the help, e.g. "DIR". */
  value?: string;
  description: string;
}

export const HELP = { help: { type: "boolean", short: "h", description: "print this help and exit" } } as const satisfies Record<
  string,
  CliOption
>;

export interface CliSpec<O extends Record<string, CliOption>> {
  /** The command as a user types it, e.g. "npm run bench --". */
  command: string;
  /** What the positional arguments are, e.g. "[NOTEBOOK.ipynb | DIR]...", or "" for none. */
  positionals?: string;
  /** One or two sentences on what the command does. */
  about: string;
  options: O;
  /** Lines after the options (e.g. examples). */
  notes?: readonly string[];
}

export function helpText(spec: CliSpec<Record<string, CliOption>>): string {
  const flags = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    return [flag, `${o.description}${o.multiple ? " (repeatable)" : ""}`] as const;
  });
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    `usage: ${spec.command} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`,
    "",
    spec.about,
    "",
    "options:",
    ...flags.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    ...(spec.notes && spec.notes.length > 0 ? ["", ...spec.notes] : []),
  ].join("\n");
}

/** A command line that does not parse: the message names the problem and points at --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** parseArgs (strict) over the spec's options; throws a UsageError on an unknown or malformed option. */
export function parseCli<const O extends Record<string, CliOption>>(spec: CliSpec<O>, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: spec.options,
      allowPositionals: spec.positionals !== undefined && spec.positionals !== "",
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)} (--help lists the options)`);
  }
}

/**
 * A tool's entry point: parses the command line, prints the help for --help, else runs `run` and
 * takes its exit code; a usage error or a failure is printed as `name: message` (exit 2 or 1).
 */
export function runTool<const O extends Record<string, CliOption>>(
  name: string,
  spec: CliSpec<O>,
  run: (parsed: ReturnType<typeof parseCli<O>>) => number,
  argv: string[] = process.argv.slice(2),
): void {
  try {
    const parsed = parseCli(spec, argv);
    if ((parsed.values as { help?: boolean }).help) {
      console.log(helpText(spec));
      process.exitCode = 0;
      return;
    }
    process.exitCode = run(parsed);
  } catch (e) {
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
