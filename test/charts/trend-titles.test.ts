/**
 * The trend charts' titles (pipeline/charts/titles.ts): each states a finding of the series tables.
 * On the bundled data every number and period in a title or subtitle is derived again here, from the
 * tables, without the title code's helpers; on small made-up series each wording is checked whole.
 */
import { describe, expect, it } from "vitest";
import {
  chinaLedTrendsTitle,
  concentrationTrendsTitle,
  marketSizeTitle,
  shareTrendsTitle,
  type ChartTitle,
} from "../../pipeline/charts/titles.ts";
import type { Row } from "../../pipeline/schema/tables.ts";
import { specOf, tables, theme, viewOf } from "../support/charts.ts";

const shares = tables.share_series ?? [];
const conc = tables.concentration_series ?? [];
const sizes = tables.market_size_series ?? [];

/** The numbers and periods a title states, in order: "32.0%", "2020-Q1", "4.1", "3". */
const numbersIn = (title: ChartTitle): string[] => [title.text, ...title.subtitle].join(" | ").match(/\d{4}-Q\d|\d+(?:\.\d+)?%?/g) ?? [];

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
type Dated = { period: string; period_start: string; period_end: string };
/** In time order: end, then start, then the period's name. */
const chrono = <R extends Dated>(rows: readonly R[]): R[] =>
  [...rows].sort((a, b) => `${a.period_end}|${a.period_start}|${a.period}`.localeCompare(`${b.period_end}|${b.period_start}|${b.period}`));
const firstLast = <R extends Dated>(rows: readonly R[]): [R, R] => {
  const s = chrono(rows);
  return [s[0] as R, s[s.length - 1] as R];
};
/** The series keys (firm|market|geography) of some rows, ordered by the firm's label. */
const seriesOf = (rows: ReadonlyArray<{ firm: string; market: string; geography: string }>): string[] =>
  [...new Set(rows.map((r) => `${r.firm}|${r.market}|${r.geography}`))].sort((a, b) =>
    theme.sourceLabel(a.split("|")[0] ?? "").localeCompare(theme.sourceLabel(b.split("|")[0] ?? "")),
  );
const inSeries = <R extends { firm: string; market: string; geography: string }>(rows: readonly R[], key: string): R[] =>
  rows.filter((r) => `${r.firm}|${r.market}|${r.geography}` === key);

describe("the trend charts' titles state what the series tables show", () => {
  it("worldwide shares: the leader of each firm's latest period, its first and its latest share", () => {
    const world = shares.filter((r) => r.geography === "world");
    const expected: string[] = [];
    const falls: boolean[] = [];
    for (const key of seriesOf(world)) {
      const rows = inSeries(world, key);
      const [, latest] = firstLast(rows);
      const atLatest = rows.filter((r) => r.period === latest.period).sort((a, b) => b.share - a.share);
      const leader = atLatest[0] as Row<"share_series">;
      expect(leader.provider_id).toBe("aws");
      const [a, b] = firstLast(rows.filter((r) => r.provider_id === leader.provider_id));
      expected.push(pct(a.share), a.period, pct(b.share), b.period);
      falls.push(b.share < a.share);
    }
    const title = shareTrendsTitle(shares, theme);
    expect(numbersIn(title)).toEqual(expected);
    expect(falls).toEqual([true, true]);
    expect(title.text).toBe("AWS leads in each firm's latest period, with a lower share than in its first");
    expect(title.subtitle.at(-1)).toBe(
      "The firms measure different markets (IaaS and cloud infrastructure services): compare shapes, not levels",
    );
  });

  it("the big three: their combined share in the first and the latest period that names all three, per firm", () => {
    const world = conc.filter((r) => r.geography === "world" && r.big_three_share !== null);
    const expected: string[] = [];
    const rises: boolean[] = [];
    for (const key of seriesOf(world)) {
      const [a, b] = firstLast(inSeries(world, key));
      expected.push(pct(a.big_three_share ?? Number.NaN), a.period, pct(b.big_three_share ?? Number.NaN), b.period);
      rises.push((b.big_three_share ?? 0) > (a.big_three_share ?? 0));
    }
    const title = concentrationTrendsTitle(conc, theme);
    expect(numbersIn(title)).toEqual(expected);
    expect(rises).toEqual([true, true]);
    expect(title.text).toBe("AWS, Azure and Google Cloud together hold more of each firm's market in its latest period than in its first");
    expect(title.subtitle.at(-1)).toBe("The firms measure different markets (IaaS and cloud infrastructure services)");
  });

  it("Alibaba and Huawei: in how many of their series the latest share is higher, lower or the same as the first", () => {
    const counts = (provider: string) => {
      const own = shares.filter((r) => r.provider_id === provider);
      const dirs = seriesOf(own).map((key) => {
        const [a, b] = firstLast(inSeries(own, key));
        return b.share > a.share ? "higher" : b.share < a.share ? "lower" : "same";
      });
      const n = (d: string) => dirs.filter((x) => x === d).length;
      return { higher: n("higher"), lower: n("lower"), same: n("same"), all: dirs.length };
    };
    const alibaba = counts("alibaba");
    const huawei = counts("huawei");
    expect(alibaba).toEqual({ higher: 1, lower: 1, same: 1, all: 3 });
    expect(huawei).toEqual({ higher: 1, lower: 1, same: 1, all: 3 });
    const title = chinaLedTrendsTitle(shares, theme);
    expect(numbersIn(title)).toEqual([alibaba.higher, alibaba.lower, alibaba.same, huawei.higher, huawei.lower, huawei.same].map(String));
    expect(title.text).toBe(
      "Alibaba Cloud's share is higher in 1, lower in 1 and the same in 1; Huawei Cloud's higher in 1, lower in 1 and the same in 1",
    );
    expect(title.subtitle).toEqual([
      "Each series' latest period against its first",
      "Each line is one firm's market, a different whole: Canalys, cloud infrastructure services, mainland China; Gartner, IaaS worldwide; Synergy Research Group, cloud infrastructure services worldwide",
    ]);
  });

  it("market size: the latest quarter as a multiple of the first, per series, and both sizes", () => {
    const quarters = sizes.filter((r) => /-Q\d$/.test(r.period));
    const ratios: string[] = [];
    const figures: string[] = [];
    const qualifiers: string[] = [];
    for (const key of seriesOf(quarters)) {
      const [a, b] = firstLast(inSeries(quarters, key));
      qualifiers.push(`${a.qualifier}/${b.qualifier}`);
      // A multiple only where both ends are printed as exact figures.
      if (a.qualifier === "exact" && b.qualifier === "exact") ratios.push((Math.round((b.size / a.size) * 10) / 10).toFixed(1));
      figures.push((a.size / 1e9).toFixed(1), a.period, (b.size / 1e9).toFixed(1), b.period);
    }
    // Canalys's ends are exact; Synergy's first quarter (2017-Q2) is printed as about $11 billion.
    expect(qualifiers).toEqual(["exact/exact", "approximately/exact"]);
    const title = marketSizeTitle(sizes, theme);
    expect(numbersIn(title)).toEqual([...ratios, ...figures]);
    expect(title.text).toBe(`The latest quarter's market is ${ratios[0]} times the first's (Canalys)`);
    expect(title.subtitle[1]).toBe(
      "Synergy Research Group, cloud infrastructure services worldwide: about US$11.0 billion in 2017-Q2, US$119.1 billion in 2025-Q4",
    );
    expect(title.subtitle.at(-1)).toBe("The firms measure different markets; US$ as each firm reports it");
  });

  it("are the published charts' titles, wrapped to fit a phone", () => {
    const published = (name: string) => (specOf(name) as { title: { text: string[]; subtitle: string[] } }).title;
    expect(published("share_trends").text.join(" ")).toBe(shareTrendsTitle(shares, theme).text);
    expect(published("concentration_trends").subtitle.join(" ")).toBe(concentrationTrendsTitle(conc, theme).subtitle.join(" "));
    expect(published("china_led_trends").text.join(" ")).toBe(chinaLedTrendsTitle(shares, theme).text);
    expect(published("market_size_trend").text.join(" ")).toBe(marketSizeTitle(sizes, theme).text);
    expect(viewOf(specOf("market_size_trend"))["mark"]).toEqual({ type: "line", point: true, tooltip: true });
  });
});

/** A share_series row with what the titles read. */
function share(firm: string, market: string, period: string, end: string, provider_id: string, value: number): Row<"share_series"> {
  return {
    firm,
    market,
    geography: "world",
    period,
    period_start: `${end.slice(0, 4)}-01-01`,
    period_end: end,
    provider_id,
    share: value,
  } as Row<"share_series">;
}

describe("the titles follow the data", () => {
  it("another leader per firm, or the same leader moving both ways", () => {
    const rows = [
      share("gartner", "iaas", "2023", "2023-12-31", "aws", 0.39),
      share("gartner", "iaas", "2024", "2024-12-31", "aws", 0.4),
      share("synergy", "cloud_infrastructure_services", "2025-Q1", "2025-03-31", "aws", 0.3),
      share("synergy", "cloud_infrastructure_services", "2025-Q2", "2025-06-30", "aws", 0.29),
    ];
    expect(shareTrendsTitle(rows, theme).text).toBe(
      "AWS leads in each firm's latest period; against its first, its share is higher under Gartner and lower under Synergy Research Group",
    );
    const flipped = [...rows, share("synergy", "cloud_infrastructure_services", "2025-Q2", "2025-06-30", "azure", 0.31)];
    expect(shareTrendsTitle(flipped, theme).text).toBe(
      "Largest share in each firm's latest period: AWS (Gartner) and Microsoft Azure (Synergy Research Group)",
    );
    expect(shareTrendsTitle(rows.slice(0, 2), theme)).toEqual({
      text: "AWS leads in the firm's latest period, with a higher share than in its first",
      subtitle: ["Gartner, IaaS worldwide, yearly: AWS 39.0% in 2023, 40.0% in 2024", "Solid lines quarterly, dashed yearly"],
    });
  });

  it("the big three moving apart under the two firms; one China-led provider in one series", () => {
    const row = (firm: string, market: string, period: string, end: string, big: number) =>
      ({
        firm,
        market,
        geography: "world",
        period,
        period_start: `${end.slice(0, 4)}-01-01`,
        period_end: end,
        big_three_share: big,
        china_led_share: 0,
      }) as Row<"concentration_series">;
    const title = concentrationTrendsTitle(
      [
        row("gartner", "iaas", "2023", "2023-12-31", 0.7),
        row("gartner", "iaas", "2024", "2024-12-31", 0.69),
        row("synergy", "cloud_infrastructure_services", "2025-Q1", "2025-03-31", 0.6),
        row("synergy", "cloud_infrastructure_services", "2025-Q2", "2025-06-30", 0.6),
      ],
      theme,
    );
    expect(title.text).toBe(
      "AWS, Azure and Google Cloud together hold, in each firm's latest period against its first, less of Gartner's market and as much of Synergy Research Group's market",
    );
    expect(title.subtitle.slice(0, 2)).toEqual([
      "Gartner, IaaS worldwide, yearly: 70.0% in 2023, 69.0% in 2024",
      "Synergy Research Group, cloud infrastructure services worldwide, quarterly: 60.0% in 2025-Q1, 60.0% in 2025-Q2",
    ]);
    const one = [
      share("gartner", "iaas", "2023", "2023-12-31", "huawei", 0.043),
      share("gartner", "iaas", "2024", "2024-12-31", "huawei", 0.041),
    ];
    expect(chinaLedTrendsTitle(one, theme).text).toBe("Huawei Cloud's share is lower in its one series");
  });

  it("a market size printed as a bound gives no multiple, only the sizes as printed", () => {
    const size = (period: string, end: string, value: number, qualifier: string) =>
      ({
        firm: "synergy",
        market: "cloud_infrastructure_services",
        geography: "world",
        period,
        period_start: `${end.slice(0, 8)}01`,
        period_end: end,
        size: value,
        qualifier,
      }) as Row<"market_size_series">;
    expect(marketSizeTitle([size("2021-Q1", "2021-03-31", 39e9, "over"), size("2021-Q2", "2021-06-30", 42e9, "exact")], theme)).toEqual({
      text: "Cloud infrastructure market size per quarter",
      subtitle: [
        "Synergy Research Group, cloud infrastructure services worldwide: over US$39.0 billion in 2021-Q1, US$42.0 billion in 2021-Q2",
      ],
    });
  });
});
