/**
 * The read edge: a data folder → the text of every input file. The only module of the stages that
 * touches the disk; everything after it is a pure function of these texts, so tests and the property
 * test can feed extract any bytes.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The input files, keyed by their path relative to the project root (e.g. `data/fixtures/x.yaml`). */
export interface Inputs {
  dataDir: string;
  files: ReadonlyMap<string, string>;
}

/** A data folder's folders, in the order `readInputs` reads them (each one's files sorted by name). */
export const DATA_FOLDERS = ["fixtures", "reference", "sources", "citations"] as const;

/** Which files of each folder are inputs (the rest are notes for people: README.md and the like). */
const KEEP: Record<(typeof DATA_FOLDERS)[number], (name: string) => boolean> = {
  fixtures: (f) => !f.endsWith(".md") && !f.startsWith("."),
  reference: (f) => f.endsWith(".yaml") || f.endsWith(".csv"),
  sources: (f) => !f.endsWith(".md") && !f.startsWith("."),
  citations: (f) => !f.endsWith(".md") && !f.startsWith("."),
};

/** Every input file under `dataDir`, as text; a missing folder reads as empty (extract names what is missing). */
export function readInputs(dataDir: string, root = process.cwd()): Inputs {
  const files = new Map<string, string>();
  const rel = (p: string) => path.relative(root, p) || p;
  for (const folder of DATA_FOLDERS) {
    const dir = path.join(dataDir, folder);
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (KEEP[folder](name) && statSync(full).isFile()) files.set(rel(full), readFileSync(full, "utf8"));
    }
  }
  return { dataDir: rel(dataDir), files };
}
