/** Market-share tables: shares, cross-source comparisons, concentration. Deno-compatible: imports nothing but zod and siblings. */
import { z } from "zod";
import { m, str, num, numOrNull, int, intOrNull, bool, ids, date } from "./columns.ts";
import { fk, table, toProvider } from "./registry.ts";

// --- Market share ------------------------------------------------------------------------------

export const MarketShare = z.object({
  source_id: str("Research firm the share is attributed to"),
  market: str("Market the firm measures (see the markets table)"),
  period: str("Period of the share, ISO-style (2025-Q2, 2024)"),
  period_start: date("First day of the period"),
  period_end: date("Last day of the period"),
  provider_id: str("Provider"),
  share: num("Share of the market", "fraction"),
  share_of_named: num("Share divided by the sum of the shares of the providers this source names for this period", "fraction"),
  rank: int("Rank among the providers the source names for this period (1 = largest; ties share the best rank)", "rank"),
  fact_id: str("The fact this row comes from"),
});

export const ShareComparison = z.object({
  provider_id: str("Provider"),
  source_a: str("First source (research firm)"),
  source_b: str("Second source"),
  share_a: numOrNull("Share per source_a (null when source_a does not name the provider)", "fraction"),
  share_b: numOrNull("Share per source_b (null when source_b does not name the provider)", "fraction"),
  delta_pp: numOrNull("share_b − share_a", "percentage points"),
  rank_a: intOrNull("Rank per source_a", "rank"),
  rank_b: intOrNull("Rank per source_b", "rank"),
  comparison: z
    .enum(["cross_source", "period_over_period"])
    .meta(m("cross_source: each source's latest period against another source's; period_over_period: one source's consecutive periods")),
  market_a: str("Market measured by source_a"),
  market_b: str("Market measured by source_b"),
  period_a: str("Period of source_a's figures"),
  period_b: str("Period of source_b's figures"),
  period_a_start: date("First day of period_a"),
  period_a_end: date("Last day of period_a"),
  period_b_start: date("First day of period_b"),
  period_b_end: date("Last day of period_b"),
  share_of_named_a: numOrNull("share_of_named per source_a", "fraction"),
  share_of_named_b: numOrNull("share_of_named per source_b", "fraction"),
  delta_named_pp: numOrNull("share_of_named_b − share_of_named_a", "percentage points"),
  same_market: bool("Whether both sources measure the same market (when false, the delta compares different markets and periods)"),
  fact_ids: ids("Facts behind the two shares"),
});

export const Concentration = z.object({
  source_id: str("Research firm"),
  period: str("Period"),
  period_start: date("First day of the period"),
  period_end: date("Last day of the period"),
  named_total: num("Sum of the shares of the providers the source names", "fraction"),
  others: num("1 − named_total: everyone the source does not name", "fraction"),
  hhi_named: num(
    "Herfindahl–Hirschman index over the named providers: sum of squared percentage shares (0–10,000); a lower bound of the market's HHI",
    "HHI points",
  ),
  us_led_share: num("Sum of the shares of the named US-led providers", "fraction"),
  china_led_share: num("Sum of the shares of the named China-led providers", "fraction"),
  market: str("Market"),
  providers_named: int("How many providers the source names for the period", "count"),
  us_led_share_of_named: num("us_led_share / named_total", "fraction"),
  china_led_share_of_named: num("china_led_share / named_total", "fraction"),
  fact_ids: ids("Facts summed"),
});

// --- Registry entries: names, keys, descriptions (pipeline/schema/tables.ts joins the groups) ---

export const MARKET_TABLES = {
  market_share: table({
    name: "market_share",
    title: "Market share",
    description: "Provider market shares per research firm, market and period.",
    schema: MarketShare,
    primaryKey: ["source_id", "market", "period", "provider_id"],
    foreignKeys: [toProvider, fk(["source_id"], "sources"), fk(["market"], "markets", ["market_id"]), fk(["fact_id"], "facts")],
  }),
  share_comparison: table({
    name: "share_comparison",
    title: "Share comparison",
    description: "Each provider's share under two sources side by side, with the gap in percentage points.",
    schema: ShareComparison,
    primaryKey: ["provider_id", "source_a", "period_a", "source_b", "period_b"],
    foreignKeys: [toProvider],
  }),
  concentration: table({
    name: "concentration",
    title: "Concentration",
    description: "Per source and period: the named providers' total, the HHI over them and the US-led/China-led split.",
    schema: Concentration,
    primaryKey: ["source_id", "market", "period"],
    foreignKeys: [fk(["source_id"], "sources")],
  }),
} as const;
