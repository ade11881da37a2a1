/**
 * Test-only memos for the unit project's setup (test/support/unit-setup.ts): the real parses and
 * the real drawing, done once per worker for each distinct input. The unit project shares one module
 * graph per worker (vitest.config.ts: isolate: false), so the maps below outlive a test file, and
 * the in-process pipeline runs of the many files that start from the bundled data meet the same
 * texts and the same chart specs again. (vitest evaluates a mock's factory again for a test file
 * that imports the mocked module itself: the maps are this module's, not the factory's.)
 */
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import type { TopLevelSpec } from "vega-lite";
import type { renderSvg } from "../../pipeline/charts/render.ts";
import type { parseCatalogCsv } from "../../pipeline/read/catalog-csv.ts";
import type { parseYaml } from "../../pipeline/read/yaml.ts";

/** A text longer than this is parsed each time (the hostile-size tests): it would hold a large document. */
const MAX_TEXT = 1 << 20;
/**
 * The texts kept, in characters (a parsed YAML document holds some 25 bytes of heap per character):
 * the bundled YAML and CSV files are 235 000, and the texts met once (the property test's
 * mutations) push out the least recently used.
 */
const MAX_KEPT = 2 << 20;

/** Whether a value is plain data all the way down: primitives, arrays and plain objects. */
function plainData(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every(plainData);
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** Key (the parser, the file, the text) → the parser's result; the order of insertion is the order of last use. */
const kept = new Map<string, unknown>();
let keptChars = 0;

/**
 * The result of `parse` for this key: the first call's, frozen all the way down, so that a caller
 * that changed it would throw instead of changing what a later test reads (the pipeline copies
 * what it keeps: zod's results, the claims' `{ ...raw }`). A syntax error is a returned result and
 * is kept like any other; a call that throws is not kept, nor a result holding anything but plain
 * data (parseYaml's `lineAt` reads the document it closes over, and reading does not change it).
 */
function remembered<T>(text: string, key: string, parse: () => T, data: (result: T) => unknown[]): T {
  if (text.length > MAX_TEXT) return parse();
  const hit = kept.get(key) as T | undefined;
  if (hit !== undefined) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const result = parse();
  if (!data(result).every(plainData)) return result;
  deepFreeze(result);
  kept.set(key, result);
  keptChars += key.length;
  for (const k of kept.keys()) {
    if (keptChars <= MAX_KEPT) break;
    kept.delete(k);
    keptChars -= k.length;
  }
  return result;
}

/** parseYaml, by file and text. */
export function memoParseYaml(real: typeof parseYaml): typeof parseYaml {
  return (file, text) =>
    remembered(
      text,
      `yaml\0${file}\0${text}`,
      () => real(file, text),
      (r) => [r.parsed?.value, r.issues],
    );
}

/** parseCatalogCsv (the region catalog: 94 kB of CSV in each run), by file, columns and text. */
export function memoParseCatalogCsv(real: typeof parseCatalogCsv): typeof parseCatalogCsv {
  return (file, text, columns) =>
    remembered(
      text,
      `csv\0${file}\0${JSON.stringify(columns)}\0${text}`,
      () => real(file, text, columns),
      (r) => [r],
    );
}

/** SHA-256 of the spec's bytes → renderSvg's SVG. */
const drawn = new Map<string, string>();

/**
 * renderSvg, by the SHA-256 of the spec's structured-clone bytes (node:v8 serialize: every value,
 * its type and the keys' order). Only drawings that succeeded are kept; a call with a logger draws
 * (the logger is to hear vega's messages).
 */
export function memoRenderSvg(real: typeof renderSvg): typeof renderSvg {
  return async (spec: TopLevelSpec, logger) => {
    if (logger) return real(spec, logger);
    let bytes: Buffer;
    try {
      bytes = serialize(spec);
    } catch {
      return real(spec); // a value structured clone cannot copy (a function): drawn each time
    }
    const key = createHash("sha256").update(bytes).digest("hex");
    const hit = drawn.get(key);
    if (hit !== undefined) return hit;
    const svg = await real(spec);
    drawn.set(key, svg);
    return svg;
  };
}
