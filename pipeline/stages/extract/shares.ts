/** Shares of one whole (market_share): per source, market and period they must not exceed 100%. */
import { msg } from "../../messages.ts";
import { clean } from "../../numbers.ts";
import type { Claim } from "./claims.ts";
import type { Issues } from "./issues.ts";
import { MEASURE_NEEDS } from "./measure-rules.ts";

interface Sum {
  source: string;
  market: string;
  period: string;
  total: number;
  /** Kept only to name them in the message. */
  claims: Claim[];
}

export function checkShareSums(claims: readonly Claim[], out: Issues): void {
  const sums = new Map<string, Sum>();
  for (const c of claims) {
    const r = c.record;
    if (!MEASURE_NEEDS.get(r.measure)?.sharesOfWhole || r.value === null || r.market === undefined || c.period === null) continue;
    const key = `${r.attributed_to}\u0000${r.market}\u0000${c.period}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { source: r.attributed_to, market: r.market, period: c.period, total: 0, claims: [] }));
    s.total += r.unit === "fraction" ? r.value * 100 : r.value;
    s.claims.push(c);
  }
  for (const s of sums.values()) {
    if (s.total > 100 + 1e-9) {
      const first = s.claims[0]!;
      out.add(
        first.file,
        first.line,
        `claims (${first.record.measure})`,
        "share-sum",
        msg.sharesAbove100(
          s.source,
          s.market,
          s.period,
          clean(s.total),
          s.claims.map((c) => c.record.id),
        ),
      );
    }
  }
}
