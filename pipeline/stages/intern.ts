/**
 * One string per distinct value, for the fields of the facts that repeat across rows (a measure, a
 * research firm, a market, a period, a unit and a qualifier as stated). The parsers give every claim
 * its own copy of each text, and the facts live until the export writes them: without this the
 * copies take the benchmark's upper bound (10⁶ facts) to its 2 GiB peak. It changes no value, only
 * how many copies of it are kept (test/stages/intern.test.ts).
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
