/**
 * The notebooks' prose (pipeline/findings/*.ts): each sentence a notebook states, checked word for
 * word against the real tables, with every number in it re-derived here straight from the tables
 * (not from the model), and the definition it counts named in its words. Then the executed notebooks
 * (output/notebooks/) are scanned: every number in a markdown output must be one the model wrote,
 * and no cell builds a sentence itself (a future cell that types a number fails here).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartTheme } from "../pipeline/charts/theme.ts";
import * as model from "../pipeline/findings.ts";
import { DEFINITION_WORDS } from "../pipeline/findings/words.ts";
import { sortRows } from "../pipeline/schema/order.ts";
import { TABLES, type TableDef } from "../pipeline/schema/tables.ts";
import { SCOPES } from "../pipeline/stages/claims-check.ts";
import { OUTPUT, ROOT, realTables } from "./helpers.ts";

/** The tables as the notebooks read them: each in its published row order (ascending by its primary key). */
const t = Object.fromEntries(
  Object.entries(realTables()).map(([name, rows]) => {
    const def = (TABLES as Record<string, TableDef>)[name];
    return [name, def === undefined || !Array.isArray(rows) ? rows : sortRows(def, rows as Array<Record<string, unknown>>)];
  }),
) as ReturnType<typeof realTables>;
const l = chartTheme(t);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const share = (source: string, provider: string) =>
  t.market_share.find((r) => r.source_id === source && r.provider_id === provider)?.share ?? Number.NaN;
const blocOf = new Map(t.providers.map((p) => [p.provider_id, p.bloc]));

/** The CSV/Parquet comparisons the notebooks make, as they come out when both files hold the table (which the notebooks check). */
const pkg = JSON.parse(readFileSync(path.join(OUTPUT, "datapackage.json"), "utf8")) as {
  resources: Array<{ name: string; path: string; schema: { fields: unknown[] } }>;
};
const csvTables = pkg.resources.filter((r) => r.path.endsWith(".csv"));
const rowsOfTable = (name: string) => ((t as unknown as Record<string, unknown[]>)[name] ?? []).length;
const identical = (name: string) => ({
  table: name,
  rows: rowsOfTable(name),
  columns: csvTables.find((r) => r.name === name)?.schema.fields.length ?? 0,
  differences: 0,
  same: true,
});

const documents = new Map(t.documents.map((d) => [d.document_id, readFileSync(path.join(ROOT, "data", "sources", d.file), "utf8")]));
const synergy = { firm: "synergy", market: "cloud_infrastructure_services", geography: "world" };

/** Every markdown block each notebook shows, called as its cells call the model. */
const MODEL: Record<string, () => string[]> = {
  "01-market-share.ipynb": () => [
    model.formatsSentence(identical("market_share")),
    model.leadersSentence(t.market_share, l),
    model.namedTotalsLines(t.market_share, l).join("\n"),
    model.firmsGapSentence(t.share_comparison, l),
    model.namedGapSentence(t.market_share, t.share_comparison, "aws", l),
    model.blocLines(t.concentration, l).join("\n"),
    model.marketShareSummaryLines(t.market_share, t.concentration, l).join("\n"),
  ],
  "02-regional-footprint.ipynb": () => {
    const names = new Map(t.geographies.map((g) => [g.geo_id, g.name]));
    return [
      model.footprintSentence(t.footprint, l),
      model.regionsPerShareSentence(t.footprint_vs_share, t.footprint, "gartner", l),
      model.homeMarketParagraphs(t, ["alibaba", "huawei"], "china_mainland", l).join("\n\n"),
      model.battlegroundParagraph(t.bloc_presence, l.geoLabel),
      model.relationLines(t.battlegrounds, l.geoLabel, (id) => names.get(id) ?? id).join("\n"),
    ];
  },
  "03-provenance-and-quality.ipynb": () => [
    model.quotesSentence(t.facts, documents),
    model.claimsCheckSentence(t.claims_check),
    model.limitsLines(t, l).join("\n"),
    model.formatsSummary(csvTables.map((r) => identical(r.name))),
  ],
  "04-trends.ipynb": () => [
    model.seriesCoverageSentence(t.share_series, t.cited_facts, l),
    model.shareChangeSentence(t.share_series, synergy, "aws", "azure", l),
    model.bigThreeSentence(t.concentration_series, synergy, l),
    model.latestSharesSentence(t.share_series, ["synergy", "gartner", "canalys"], ["alibaba", "huawei"], l),
    model.marketSizeSentence(t.market_size_series, synergy, l),
    model.seriesCheckSentence(t.series_check, l),
  ],
};

describe("notebook 01: market share, each firm's market and period named", () => {
  it("the leaders: AWS first under both firms, Gartner's 37.7% the largest share", () => {
    const leaders = t.market_share.filter((r) => r.rank === 1).map((r) => [r.source_id, r.provider_id, r.share]);
    expect(leaders).toEqual([
      ["gartner", "aws", 0.377],
      ["synergy", "aws", 0.3],
    ]);
    expect(Math.max(...t.market_share.map((r) => r.share))).toBe(0.377);
    expect(model.leadersSentence(t.market_share, l)).toBe(
      "Gartner puts AWS first with 37.7% of IaaS (2024) and Synergy Research Group puts AWS first with 30.0% of cloud infrastructure services (2025-Q2). The largest share the article quotes is Gartner's 37.7% for AWS (IaaS, 2024).",
    );
  });

  it("what the named providers add up to: 81.9% (Gartner) and 69.0% (Synergy), the rest unnamed", () => {
    const named = (s: string) => sum(t.market_share.filter((r) => r.source_id === s).map((r) => r.share));
    expect(pct(named("gartner"))).toBe("81.9%");
    expect(pct(1 - named("synergy"))).toBe("31.0%");
    expect(model.namedTotalsLines(t.market_share, l)).toEqual([
      "- The 5 providers Gartner names add up to 81.9% of its market (IaaS, 2024), leaving 18.1% to everyone else.",
      "- The 5 providers Synergy Research Group names add up to 69.0% of its market (cloud infrastructure services, 2025-Q2), leaving 31.0% to everyone else.",
    ]);
  });

  it("the widest gap between the firms is AWS's 7.7 points; only Google Cloud gets more from Synergy; mixed markets said so", () => {
    const providers = ["aws", "azure", "gcp", "alibaba", "huawei"];
    const gaps = providers.map((p) => [p, (share("gartner", p) - share("synergy", p)) * 100] as const);
    const widest = [...gaps].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0];
    expect(widest?.[0]).toBe("aws");
    expect(widest?.[1].toFixed(1)).toBe("7.7");
    expect(gaps.filter(([, g]) => g < 0).map(([p]) => p)).toEqual(["gcp"]);
    expect(model.firmsGapSentence(t.share_comparison, l)).toBe(
      "The widest gap is AWS's: 30.0% per Synergy Research Group against 37.7% per Gartner (+7.7 pp). Only Google Cloud gets a higher share from Synergy Research Group. The firms measure different markets and periods, so these gaps mix definitions with change over time.",
    );
  });

  it("AWS among the named providers: 0.377/0.819 and 0.3/0.69, a 2.6-point gap against 7.7", () => {
    const g = 0.377 / 0.819;
    const s = 0.3 / 0.69;
    expect([pct(g), pct(s), ((g - s) * 100).toFixed(1)]).toEqual(["46.0%", "43.5%", "2.6"]);
    expect(model.namedGapSentence(t.market_share, t.share_comparison, "aws", l)).toBe(
      "Among the named providers AWS holds 46.0% (Gartner) and 43.5% (Synergy Research Group), a gap of +2.6 pp against +7.7 pp in market share: the gap is narrower among the named providers (each firm's own market and period).",
    );
  });

  it("the bloc split per firm, from market_share and the providers' blocs: 10.5 to 1 under Synergy", () => {
    const bloc = (s: string, b: string) =>
      sum(t.market_share.filter((r) => r.source_id === s && blocOf.get(r.provider_id) === b).map((r) => r.share));
    expect((bloc("synergy", "us_led") / bloc("synergy", "china_led")).toFixed(1)).toBe("10.5");
    expect((bloc("gartner", "us_led") / bloc("gartner", "china_led")).toFixed(1)).toBe("6.2");
    expect(pct(bloc("gartner", "china_led") / (bloc("gartner", "us_led") + bloc("gartner", "china_led")))).toBe("13.8%");
    expect(model.blocLines(t.concentration, l)).toEqual([
      "- **Gartner** (IaaS, 2024): US-led 70.6%, China-led 11.3% — 6.2 to 1; among the named providers the China-led ones hold 13.8%.",
      "- **Synergy Research Group** (cloud infrastructure services, 2025-Q2): US-led 63.0%, China-led 6.0% — 10.5 to 1; among the named providers the China-led ones hold 8.7%.",
    ]);
    expect(model.marketShareSummaryLines(t.market_share, t.concentration, l)[2]).toBe(
      "- The firms measure different markets over different periods (Gartner (IaaS, 2024) and Synergy Research Group (cloud infrastructure services, 2025-Q2)), so each gap between them mixes the two.",
    );
  });

  it("the CSV/Parquet sentence states the table's rows and columns", () => {
    expect(model.formatsSentence(identical("market_share"))).toBe(
      "`market_share.parquet` and `market_share.csv` both hold 10 rows × 10 columns; 0 cells differ.",
    );
  });
});

describe("notebook 02: the footprint, each count with its definition", () => {
  const fact = (id: string) => t.facts.find((f) => f.fact_id === id);

  it("the article's counts (Azure's lower bound, the exact ends) and Oracle's from the catalog, status general", () => {
    expect([fact("azure-regions")?.value, fact("azure-regions")?.qualifier, fact("azure-regions-listed")?.value]).toEqual([70, "over", 55]);
    expect([fact("gcp-regions")?.value, fact("alibaba-regions")?.value]).toEqual([42, 29]);
    expect(t.regions.filter((r) => r.provider_id === "oracle" && r.status === "general").length).toBe(40);
    expect(model.footprintSentence(t.footprint, l)).toBe(
      "Microsoft's claim of **over 70** regions is a lower bound, and only 55 are listed on the page the article links to. Of the article's exact counts, Google Cloud has the most (42) and Alibaba Cloud the fewest (29). The article gives no count for Oracle (40 regions in the catalog as of 2025-09, status general only).",
    );
  });

  it("regions per Gartner share point: AWS 38/37.7, Huawei 34/4.1, 8.2 times; the periods differ and it says so", () => {
    const aws = 38 / (share("gartner", "aws") * 100);
    const huawei = 34 / (share("gartner", "huawei") * 100);
    expect([aws.toFixed(2), huawei.toFixed(2), (huawei / aws).toFixed(1)]).toEqual(["1.01", "8.29", "8.2"]);
    expect(model.regionsPerShareSentence(t.footprint_vs_share, t.footprint, "gartner", l)).toBe(
      "Per percentage point of Gartner share (2024), AWS runs 1.01 regions and Huawei Cloud 8.29: 8.2 times as many. The region counts are the article's, as of 2025-H2, so the ratio sets figures from different periods side by side.",
    );
  });

  it("mainland China under both definitions, the article's own words, and the US-led regions there with their status", () => {
    const count = (p: string, test: (s: string) => boolean) => {
      const mine = t.regions.filter((r) => r.provider_id === p && test(r.status));
      return [mine.filter((r) => r.macro_geo === "china_mainland").length, mine.length];
    };
    const open = (s: string) => s === "general" || s === "sovereign";
    expect([count("alibaba", open), count("alibaba", () => true), count("huawei", open)]).toEqual([
      [14, 29],
      [19, 34],
      [10, 24],
    ]);
    const us = t.regions.filter((r) => r.macro_geo === "china_mainland" && blocOf.get(r.provider_id) === "us_led");
    expect([us.filter((r) => r.provider_id === "aws").length, us.filter((r) => r.provider_id === "azure").length]).toEqual([2, 6]);
    expect(new Set(us.map((r) => r.status))).toEqual(new Set(["sovereign"]));
    expect(model.homeMarketParagraphs(t, ["alibaba", "huawei"], "china_mainland", l)).toEqual([
      'In the catalog, 14 of 29 (48.3%) of Alibaba Cloud\'s regions open to any customer (status general or sovereign) are in China (mainland); 19 of 34 (55.9%) counting every status, government and restricted included. The article says: "Around half of its regions are in its home country of China".',
      "In the catalog, 10 of 24 (41.7%) of Huawei Cloud's regions open to any customer (status general or sovereign) are in China (mainland); 15 of 34 (44.1%) counting every status, government and restricted included.",
      "Of the US-led providers only AWS (2) and Microsoft Azure (6) have regions there (every status, government and restricted included), with catalog status *sovereign* (sovereign or partner-operated).",
    ]);
  });

  it("the battlegrounds: 73 US-led and 24 China-led regions there (every status), counted from the catalog", () => {
    const battle = new Set(t.battlegrounds.filter((b) => b.is_battleground).map((b) => b.macro_geo));
    const there = (bloc: string) => t.regions.filter((r) => battle.has(r.macro_geo) && blocOf.get(r.provider_id) === bloc).length;
    expect([there("us_led"), there("china_led")]).toEqual([73, 24]);
    const geos = [...new Set(t.regions.map((r) => r.macro_geo))];
    const ahead = geos.filter((g) => {
      const n = (b: string) => t.regions.filter((r) => r.macro_geo === g && blocOf.get(r.provider_id) === b).length;
      return n("china_led") > n("us_led");
    });
    expect(ahead).toEqual(["china_mainland"]);
    const p = model.battlegroundParagraph(t.bloc_presence, l.geoLabel);
    expect(p).toContain(
      "Counting every status, government and restricted included, the US-led providers run 73 regions there and the China-led ones 24.",
    );
    expect(p).toContain("the China-led bloc has more regions than the US-led one only in China (mainland).");
  });
});

describe("notebook 03: provenance and quality", () => {
  it("every quote is its source text at its code-point offsets", () => {
    const ok = t.facts.filter(
      (f) =>
        Array.from(documents.get(f.document_id) ?? "")
          .slice(f.char_start, f.char_end)
          .join("") === f.quote,
    ).length;
    expect([ok, t.facts.length]).toEqual([113, 113]);
    expect(model.quotesSentence(t.facts, documents)).toMatch(/^\*\*113 of 113\*\* quotes are exactly the source text/);
  });

  it("the claims check: claims, definitions, rows and verdicts counted from claims_check", () => {
    const verdicts = new Map(t.claims_check.map((c) => [c.fact_id, c.verdict]));
    const n = (v: string) => [...verdicts.values()].filter((x) => x === v).length;
    expect([verdicts.size, new Set(t.claims_check.map((c) => c.definition)).size, t.claims_check.length]).toEqual([22, 20, 126]);
    expect([n("consistent"), n("depends_on_definition"), n("inconsistent"), n("not_verifiable")]).toEqual([13, 5, 3, 1]);
    expect(model.claimsCheckSentence(t.claims_check)).toBe(
      "22 claims were checked under 20 definitions (126 rows): 13 hold under every definition, 5 depend on the definition, 3 hold under none, and 1 cannot be checked with the catalog.",
    );
  });

  it("what limits the data: the comparisons name their markets and periods; qualifiers and notes counted from facts", () => {
    const lines = model.limitsLines(t, l);
    expect(lines[0]).toBe(
      "- **The two research firms' figures differ.** 5 of 5 provider comparisons set different markets and periods side by side (cloud infrastructure services (2025-Q2) against IaaS (2024)); the widest gap is AWS's +7.7 pp (30.0% per Synergy Research Group, 37.7% per Gartner).",
    );
    expect(t.facts.filter((f) => f.qualifier !== null && f.qualifier !== "exact").length).toBe(5);
    expect(t.facts.filter((f) => f.note !== null).length).toBe(46);
    expect(lines[3]).toBe("- **Editor's notes.** 46 facts carry a note explaining how they were read.");
  });

  it("the formats: every published table, every row", () => {
    const rows = sum(csvTables.map((r) => rowsOfTable(r.name)));
    expect(model.formatsSummary(csvTables.map((r) => identical(r.name)))).toBe(
      `${csvTables.length} of ${csvTables.length} tables are identical in both formats (${rows} rows in all).`,
    );
  });

  it("names the claims check's definitions as claims_check does", () => {
    expect(DEFINITION_WORDS).toEqual(Object.fromEntries(Object.entries(SCOPES).map(([k, v]) => [k, v.label])));
  });
});

describe("notebook 04: the cited series, each sentence naming firm, market and geography", () => {
  const ss = (p: string, period: string) =>
    t.share_series.find((r) => r.firm === "synergy" && r.geography === "world" && r.provider_id === p && r.period === period)?.share;

  it("coverage: 197 cited figures from 53 pages", () => {
    expect([t.cited_facts.length, new Set(t.cited_facts.map((c) => c.citation_id)).size]).toEqual([197, 53]);
    const periods = (firm: string) => [...new Set(t.share_series.filter((r) => r.firm === firm).map((r) => r.period))].sort();
    expect(periods("canalys")).toEqual([
      "2019",
      "2019-Q3",
      "2019-Q4",
      "2020-Q1",
      "2020-Q3",
      "2020-Q4",
      "2021",
      "2021-Q1",
      "2021-Q2",
      "2021-Q3",
      "2022-Q1",
      "2022-Q2",
      "2025-Q1",
    ]);
    expect(periods("gartner")).toEqual(["2015", "2016", "2019", "2020", "2021", "2022", "2023", "2024"]);
    expect(periods("synergy").length).toBe(25);
    expect(model.seriesCoverageSentence(t.share_series, t.cited_facts, l)).toBe(
      "197 cited figures from 53 pages. **Canalys**, cloud infrastructure services, mainland China (CN): 13 periods (years and quarters), 2019 to 2025-Q1; **Gartner**, IaaS (worldwide): 8 periods (years), 2015 to 2024; **Synergy Research Group**, cloud infrastructure services (worldwide): 25 periods (quarters), 2017-Q2 to 2025-Q4.",
    );
  });

  it("AWS 34% → 28% and Azure 11% → 21% per Synergy, the gap 23 → 7 points", () => {
    expect([ss("aws", "2017-Q2"), ss("aws", "2025-Q4"), ss("azure", "2017-Q2"), ss("azure", "2025-Q4")]).toEqual([0.34, 0.28, 0.11, 0.21]);
    expect(model.shareChangeSentence(t.share_series, synergy, "aws", "azure", l)).toBe(
      "Per Synergy Research Group (cloud infrastructure services, worldwide), AWS went from 34.0% in 2017-Q2 to 28.0% in 2025-Q4 (-6.0 pp); Microsoft Azure from 11.0% to 21.0% (+10.0 pp). The gap between them narrowed from +23.0 pp to +7.0 pp (the first and last periods with both shares).",
    );
  });

  it("the big three: AWS + Azure + Google Cloud summed from share_series, 50% in 2017-Q2 and 63% in 2025-Q4 over 13 periods", () => {
    const periods = [...new Set(t.share_series.filter((r) => r.firm === "synergy").map((r) => r.period))];
    const big = periods.flatMap((p) => {
      const s = ["aws", "azure", "gcp"].map((id) => ss(id, p));
      return s.every((x) => x !== undefined) ? [[p, Math.round(sum(s as number[]) * 1000) / 1000] as const] : [];
    });
    expect(big.length).toBe(13);
    expect([big[0], big[big.length - 1]]).toEqual([
      ["2017-Q2", 0.5],
      ["2025-Q4", 0.63],
    ]);
    expect(model.bigThreeSentence(t.concentration_series, synergy, l)).toBe(
      "Per Synergy Research Group (cloud infrastructure services, worldwide), the big three (AWS, Microsoft Azure and Google Cloud) held 50.0% in 2017-Q2 and 63.0% in 2025-Q4 (the first and last of the 13 periods that name all three).",
    );
  });

  it("the latest China-led figures say they are of different markets and periods", () => {
    const s = model.latestSharesSentence(t.share_series, ["synergy", "gartner", "canalys"], ["alibaba", "huawei"], l);
    expect(s).toMatch(/^Latest figures, each in its firm's own market and period \(so they are not one market's split\): /);
    expect(s).toContain("Alibaba Cloud 33.0% per Canalys (cloud infrastructure services, mainland China, CN, 2025-Q1)");
    expect(s).toContain("Huawei Cloud 4.1% per Gartner (IaaS, worldwide, 2024)");
  });

  it("the quarterly market size: about 11.0 to 119.1 billion dollars", () => {
    const q = t.market_size_series.filter((r) => r.firm === "synergy" && /-Q\d$/.test(r.period));
    expect([
      q.find((r) => r.period === "2017-Q2")?.size,
      q.find((r) => r.period === "2017-Q2")?.qualifier,
      q.find((r) => r.period === "2025-Q4")?.size,
      q.length,
    ]).toEqual([11_000_000_000, "approximately", 119_100_000_000, 23]);
    expect(model.marketSizeSentence(t.market_size_series, synergy, l)).toBe(
      "Per Synergy Research Group (cloud infrastructure services, worldwide), the quarterly market grew from about US 11.0 billion dollars in 2017-Q2 to US 119.1 billion dollars in 2025-Q4 (23 quarters in the series).",
    );
  });

  it("the article against the series: 3 of 10 agree, 7 not in a series, each firm's period named", () => {
    const n = (v: string) => t.series_check.filter((r) => r.verdict === v).length;
    expect([t.series_check.length, n("agrees"), n("differs"), n("not_in_series")]).toEqual([10, 3, 0, 7]);
    expect(model.seriesCheckSentence(t.series_check, l)).toBe(
      "Of the article's 10 share figures (Gartner 2024 and Synergy Research Group 2025-Q2), 3 agree with a cited report for the same firm, market, period and provider, 0 differ and 7 have none.",
    );
  });
});

// --- The executed notebooks ------------------------------------------------------------------------------

type Cell = { cell_type: string; id: string; source: string[] | string; outputs?: Array<{ data?: Record<string, string | string[]> }> };
const cellsOf = (file: string): Cell[] => (JSON.parse(readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
const text = (s: string[] | string | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));
const numbers = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

describe("the executed notebooks state only what the model wrote", () => {
  it.each(Object.keys(MODEL))("%s: every model block is shown, and every number in its prose is one the model wrote", (name) => {
    const shown = cellsOf(path.join(OUTPUT, "notebooks", name)).flatMap((c) =>
      (c.outputs ?? []).flatMap((o) => (o.data?.["text/markdown"] === undefined ? [] : [text(o.data["text/markdown"])])),
    );
    const model = (MODEL[name] as () => string[])();
    expect(shown).toEqual(model);
    const allowed = new Set(model.flatMap(numbers));
    expect(shown.flatMap(numbers).filter((n) => !allowed.has(n))).toEqual([]);
  });

  it.each(Object.keys(MODEL))("%s: no cell writes its own sentence, and its static text states no figure", (name) => {
    for (const c of cellsOf(path.join(ROOT, "notebooks", name))) {
      const src = text(c.source);
      if (c.cell_type === "markdown") {
        // a rescaling to 100% is a definition, not a figure of the data
        expect(numbers(src.replace(/\b100%/g, "")), `${name} ${c.id}`).toEqual([]);
        continue;
      }
      // showMarkdown takes what a model function returns, called with rows, ids and labels: no
      // template literal, no string but an id or a line break, no sentence built in the cell
      const calls = [...src.matchAll(/showMarkdown\(/g)].length;
      const fromModel = [
        ...src.matchAll(/showMarkdown\(([A-Za-z]+)\((?:[^`"';]|"[a-z_]+"|"\\n(?:\\n)?")*\)(?:\.join\("\\n(?:\\n)?"\))?\);/g),
      ];
      expect(fromModel.length, `${name} ${c.id}: showMarkdown with anything but a model function's result`).toBe(calls);
      for (const m of fromModel) expect(typeof (model as Record<string, unknown>)[m[1] ?? ""], `${name} ${c.id}: ${m[1]}`).toBe("function");
    }
  });
});
