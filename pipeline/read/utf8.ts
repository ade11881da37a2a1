/**
 * Bytes → text, strictly: UTF-8 or a refusal naming the first byte that is not (Unicode's definition
 * of well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF). A leading
 * byte-order mark (EF BB BF) is not part of the text, in every format.
 */

export type Decoded = { ok: true; text: string } | { ok: false; offset: number; line: number; byte: number };

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The 0-based offset of the first byte that does not belong to well-formed UTF-8, or -1. */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    // A sequence cut short or broken by a wrong continuation byte is reported at its first byte (as Python does).
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The bytes as text (without a leading BOM), or where they stop being UTF-8: byte offset, 1-based line, the byte. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    // fatal: any ill-formed sequence throws; ignoreBOM false: a leading BOM is dropped.
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const offset = Math.max(0, firstInvalidByte(bytes));
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, offset, line, byte: bytes[offset] ?? 0 };
  }
}
