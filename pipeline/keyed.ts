/**
 * Values keyed by three strings (a research firm, a market, a period), in the order their keys were
 * first seen. Nested Maps rather than one concatenated key: extract and normalize look 10⁶ claims up
 * by interned strings, whose hashes are cached, so no key string is built per lookup.
 */
export class ByThreeKeys<V> {
  private readonly byFirst = new Map<string, Map<string, Map<string, V>>>();
  /** Every value, in the order its key was first seen. */
  readonly values: V[] = [];

  /** The value under (a, b, c); `make(a, b, c)` makes it the first time. */
  get(a: string, b: string, c: string, make: (a: string, b: string, c: string) => V): V {
    let bySecond = this.byFirst.get(a);
    if (!bySecond) this.byFirst.set(a, (bySecond = new Map()));
    let byThird = bySecond.get(b);
    if (!byThird) bySecond.set(b, (byThird = new Map()));
    let value = byThird.get(c);
    if (value === undefined) {
      byThird.set(c, (value = make(a, b, c)));
      this.values.push(value);
    }
    return value;
  }
}
