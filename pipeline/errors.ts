/**
 * Errors are data. Validation collects every problem as a DataIssue and the run stops with one
 * PipelineError carrying all of them; this is the one place that throws for bad input.
 */

import { terminalSafe } from "./text.ts";

export interface DataIssue {
  /** File the problem is in, relative to the project root (or the data folder's parent). */
  file: string;
  /** 1-based line, where the format has lines. */
  line?: number;
  /** Record and field, e.g. `claims[12] (synergy-share-aws).value`. */
  path: string;
  /** Short name of the rule broken, e.g. `quote-offsets`. */
  rule: string;
  message: string;
}

/** A DataIssue; `line` is left out when the format has none to give. */
export function dataIssue(file: string, line: number | undefined, path: string, rule: string, message: string): DataIssue {
  return line === undefined ? { file, path, rule, message } : { file, line, path, rule, message };
}

export type Stage = "extract" | "normalize" | "enrich" | "write" | "cli";

export class PipelineError extends Error {
  readonly stage: Stage;
  readonly issues: readonly DataIssue[];
  /** `data` for bad input (exit 1), `usage` for bad arguments (exit 2). */
  readonly kind: "data" | "usage";

  constructor(stage: Stage, issues: readonly DataIssue[], kind: "data" | "usage" = "data", options?: { cause?: unknown }) {
    super(`${stage}: ${issues.length} problem${issues.length === 1 ? "" : "s"}\n${issues.map(formatIssue).join("\n")}`, options);
    this.name = "PipelineError";
    this.stage = stage;
    this.issues = issues;
    this.kind = kind;
  }
}

/** One problem, on one line: every part terminal-safe (a newline or an escape sequence in the data is shown escaped). */
export function formatIssue(issue: DataIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return terminalSafe(`${where}: ${issue.path}: ${issue.message} [${issue.rule}]`);
}

/** States an invariant of a stage; the message names the data that broke it. */
export function invariant(condition: unknown, stage: Stage, message: string): asserts condition {
  if (!condition) throw new PipelineError(stage, [{ file: "(pipeline)", path: stage, rule: "invariant", message }]);
}
