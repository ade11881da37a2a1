/**
 * A sentence splitter for news text, for the test that walks an article sentence by sentence
 * (test/article-sentences.test.ts). Offsets are 0-based Unicode code points, end exclusive, like the
 * fixtures' char_start/char_end.
 *
 * It starts from `Intl.Segmenter` (ICU's sentence rules), which already keeps "U.S. attention" and
 * a closing quotation mark with its sentence (“… quarters.”), and corrects the three things ICU gets
 * wrong on the article:
 *
 * - Every line is split on its own: a heading ("AI growth catalyst") has no final full stop, and ICU
 *   would otherwise run it into the next sentence.
 * - ICU breaks after an abbreviation that never ends a sentence ("U.S.-led vs. China-led") and after
 *   "U.S." when the next character cannot start one ("U.S./Western Europe players"): such pieces are
 *   joined again.
 * - Run-together lines, where a scrape dropped the line breaks between items
 *   ("…is emergingAlibaba and Huawei…", data/sources/*.meta.yaml `known_defects`): a break is added
 *   where a word of at least four lower-case letters runs into a capitalised word. Brand names that
 *   start with a capital ("AvidThink") or a short lower-case prefix ("eBay", "macOS") are left whole.
 */

export interface Sentence {
  /** Code-point offset of the first character. */
  start: number;
  /** Code-point offset after the last non-space character. */
  end: number;
  text: string;
}

/** Abbreviations that never end a sentence: a break ICU puts right after one is undone. */
const NEVER_FINAL = ["vs.", "e.g.", "i.e.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Inc.", "Corp."];

/** A piece that starts like this continues the sentence before it (a lower-case word, "/", ",", ")"). */
const CONTINUES = /^[\p{Ll}/,;:)\]]/u;

/** A lower-case word of four or more letters running straight into a capitalised word. */
const RUN_TOGETHER = /(?<=(?:^|[\s(“"‘'])\p{Ll}{4,})(?=\p{Lu}\p{Ll})/gu;

/** UTF-16 index → code-point index, for every index of `text` (and its length). */
function codePointIndex(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = cp;
    const c = text.charCodeAt(i);
    // A high surrogate and its low surrogate are one code point.
    if (c < 0xd800 || c > 0xdbff || i + 1 === text.length) cp++;
  }
  out[text.length] = cp;
  return out;
}

/** UTF-16 [start, end) ranges of the sentences of one line, before trimming. */
function splitLine(line: string, offset: number, segmenter: Intl.Segmenter): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  for (const { index, segment } of segmenter.segment(line)) {
    const start = offset + index;
    const end = start + segment.length;
    const prev = pieces.at(-1);
    const before = prev && line.slice(prev[0] - offset, prev[1] - offset).trimEnd();
    if (prev && before !== undefined && (NEVER_FINAL.some((a) => before.endsWith(` ${a}`)) || CONTINUES.test(segment))) prev[1] = end;
    else pieces.push([start, end]);
  }
  // Run-together items: a break inside a piece, wherever the pattern matches.
  return pieces.flatMap(([start, end]) => {
    const cuts = [...line.slice(start - offset, end - offset).matchAll(RUN_TOGETHER)].map((m) => start + (m.index ?? 0));
    const bounds = [start, ...cuts, end];
    return bounds.slice(1).map((b, i): [number, number] => [bounds[i]!, b]);
  });
}

/** The sentences of `text`, in order; empty lines and surrounding spaces are dropped. */
export function splitSentences(text: string, locale = "en"): Sentence[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: "sentence" });
  const cp = codePointIndex(text);
  const out: Sentence[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    for (const [a, b] of splitLine(line, offset, segmenter)) {
      const raw = text.slice(a, b);
      const lead = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (body === "") continue;
      out.push({ start: cp[a + lead]!, end: cp[a + lead + body.length]!, text: body });
    }
    offset += line.length + 1;
  }
  return out;
}
