/**
 * Each group's item with the latest period: the footprint's latest region count per provider, the
 * latest market share per firm and provider.
 *
 * `latestBySorting` is the definition; `latestBy` gives the same Map in one pass, without sorting
 * every item (the market_share table is most of the facts). test/stages/latest.test.ts compares the
 * two on any items.
 */
import { periodSortKey } from "../periods.ts";

type Key<T> = (t: T) => string;

const comparator =
  <T>(period: Key<T>, tie?: Key<T>) =>
  (a: T, b: T): number =>
    periodSortKey(period(a)).localeCompare(periodSortKey(period(b))) || (tie ? tie(a).localeCompare(tie(b)) : 0);

/**
 * The item with the latest period per group, groups in the order of their earliest item. Items of
 * the same period keep their order, unless `tie` orders them (the last one wins).
 */
export function latestBySorting<T>(items: readonly T[], group: Key<T>, period: Key<T>, tie?: Key<T>): Map<string, T> {
  return new Map([...items].sort(comparator(period, tie)).map((t) => [group(t), t]));
}

/** What `latestBySorting` gives, in one pass. */
export function latestBy<T>(items: readonly T[], group: Key<T>, period: Key<T>, tie?: Key<T>): Map<string, T> {
  // Each group's value is its greatest item (the last one of equals), and the groups come in the
  // order of their least item (the first one of equals), as they would first appear in the sorted list.
  const cmp = comparator(period, tie);
  const seen = new Map<string, { least: T; at: number; greatest: T }>();
  items.forEach((t, at) => {
    const key = group(t);
    const g = seen.get(key);
    if (!g) seen.set(key, { least: t, at, greatest: t });
    else {
      if (cmp(t, g.greatest) >= 0) g.greatest = t;
      if (cmp(t, g.least) < 0) Object.assign(g, { least: t, at });
    }
  });
  const groups = [...seen].sort(([, x], [, y]) => cmp(x.least, y.least) || x.at - y.at);
  return new Map(groups.map(([key, g]) => [key, g.greatest]));
}
