/**
 * Test-only memos for the unit project's setup (test/support/unit-setup.ts): the real parse and the
 * real drawing, done once per worker for each distinct input. The unit project shares one module
 * graph per worker (vitest.config.ts: isolate: false), so the maps below outlive a test file, and
 * the in-process pipeline runs of the many files that start from the bundled data meet the same
 * texts and the same chart specs again. (vitest evaluates a mock's factory again for a test file
 * that imports the mocked module itself: the maps are this module's, not the factory's.)
 */
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import type { TopLevelSpec } from "vega-lite";
import type { renderSvg } from "../../pipeline/charts/render.ts";
import type { ParseResult } from "../../pipeline/read/parsed.ts";
import type { parseYaml } from "../../pipeline/read/yaml.ts";

/** A text longer than this is parsed each time (the hostile-size tests): it would hold a large document. */
const MAX_TEXT = 1 << 20;
/**
 * The texts kept, in characters (a parsed document holds some 25 bytes of heap per character): the
 * bundled YAML files are 140 000, and the texts met once (the property test's mutations) push out
 * the least recently used.
 */
const MAX_KEPT = 2 << 20;

/** Objects and arrays made read-only all the way down; false (and nothing frozen) if it holds any other kind of object. */
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

/** `${file}\0${text}` → parseYaml's result; the order of insertion is the order of last use. */
const kept = new Map<string, ParseResult>();
let keptChars = 0;

/**
 * parseYaml, by file and text. The result is the first call's, frozen all the way down (value,
 * issues, the result itself), so that a caller that changed it would throw instead of changing what
 * a later test reads; the pipeline copies what it keeps (zod's results, the claims' `{ ...raw }`).
 * A syntax error is a result like any other (parseYaml returns it); a call that throws is not kept.
 */
export function memoParseYaml(real: typeof parseYaml): typeof parseYaml {
  return (file, text) => {
    if (text.length > MAX_TEXT) return real(file, text);
    const key = `${file}\0${text}`;
    const hit = kept.get(key);
    if (hit !== undefined) {
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const result = real(file, text);
    if (!plainData(result.parsed?.value) || !plainData(result.issues)) return result;
    deepFreeze(result.parsed?.value);
    deepFreeze(result.issues);
    if (result.parsed) Object.freeze(result.parsed);
    Object.freeze(result);
    kept.set(key, result);
    keptChars += key.length;
    for (const k of kept.keys()) {
      if (keptChars <= MAX_KEPT) break;
      kept.delete(k);
      keptChars -= k.length;
    }
    return result;
  };
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
