/** What every parser of the read edge gives extract: the value, and the line of any part of it. */
import type { DataIssue } from "../errors.ts";

export interface Parsed {
  file: string;
  value: unknown;
  /** 1-based line of the node at `keys` (e.g. `["claims", 3, "value"]`), or of its nearest ancestor. */
  lineAt: (keys: ReadonlyArray<string | number>) => number | undefined;
}

/** A parse: the value, or the syntax problems that stopped it. */
export type ParseResult = { parsed: Parsed; issues: [] } | { parsed: undefined; issues: DataIssue[] };

export const failed = (issues: DataIssue[]): ParseResult => ({ parsed: undefined, issues });
export const parsedOk = (parsed: Parsed): ParseResult => ({ parsed, issues: [] });
