/**
 * One string per distinct value, for the claim fields that repeat across claims (a provider as
 * stated, a measure, a research firm, a market, a period, a unit, a qualifier). The parsers give every
 * claim its own copy of each text, and the claims, then the facts, keep them until the export: at the
 * benchmark's upper bound (10⁶ facts) those copies take the peak past its 2 GiB budget. Interning
 * changes no value, only how many copies are kept (test/stages/intern.test.ts).
 */
export class Interner {
  private readonly known = new Map<string, string>();

  /** The first string seen equal to `text`. */
  of(text: string): string {
    const first = this.known.get(text);
    if (first !== undefined) return first;
    this.known.set(text, text);
    return text;
  }

  /** `of`, passing null and undefined through. */
  maybe<T extends string | null | undefined>(text: T): T {
    return (typeof text === "string" ? this.of(text) : text) as T;
  }
}
