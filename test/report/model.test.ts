/** pipeline/report/model.ts: the figures the report states, computed from the bundled data. */
import { describe, expect, it } from "vitest";
import { reportModel } from "../../pipeline/report/model.ts";
import { TABLES } from "../../pipeline/schema/tables.ts";
import { realTables } from "../helpers.ts";
import { reportInput } from "./support.ts";

const m = reportModel(reportInput());

describe("the report's key numbers", () => {
  it("sets Synergy against Gartner per provider, widest gap AWS (30% vs 37.7%), narrowest Huawei", () => {
    expect(m.headline.pairs.length).toBe(1);
    const pair = m.headline.pairs[0]!;
    expect(pair.rows.map((g) => [g.row.provider_id, g.row.share_a, g.row.share_b, g.row.delta_pp])).toEqual([
      ["aws", 0.3, 0.377, 7.7],
      ["azure", 0.2, 0.239, 3.9],
      ["gcp", 0.13, 0.09, -4],
      ["alibaba", 0.04, 0.072, 3.2],
      ["huawei", 0.02, 0.041, 2.1],
    ]);
    expect(pair.both).toBe(5);
    expect(pair.widest?.row.provider_id).toBe("aws");
    expect(pair.widest?.factsA).toEqual(["synergy-share-aws"]);
    expect(pair.widest?.factsB).toEqual(["gartner-share-aws"]);
    expect(pair.narrowest?.row.provider_id).toBe("huawei");
  });

  it("has the US-led providers lead under both sources (Gartner 70.6% vs 11.3%, Synergy 63% vs 6%)", () => {
    expect(m.headline.blocs.map(({ row }) => [row.source_id, row.us_led_share, row.china_led_share, row.others])).toEqual([
      ["gartner", 0.706, 0.113, 0.181],
      ["synergy", 0.63, 0.06, 0.31],
    ]);
    expect(m.headline.leader).toBe("us_led");
    expect(m.headline.blocs[0]?.facts).toEqual([
      "gartner-share-aws",
      "gartner-share-azure",
      "gartner-share-gcp",
      "gartner-share-alibaba",
      "gartner-share-huawei",
    ]);
  });

  it("finds both blocs in the article's three battlegrounds; the China-led share per definition, each with its macro-region", () => {
    const b = m.headline.battlegrounds;
    expect(b.map((x) => x.row.macro_geo)).toEqual(["asia_pacific", "latin_america", "middle_east"]);
    expect(m.headline.battleFigures).toEqual({
      geos: ["asia_pacific", "latin_america", "middle_east"],
      bothBlocs: 3,
      // public regions: 5 of 20 in Latin America, 4 of 18 in the Middle East (13 of 53 in Asia-Pacific, with Oracle's Batam)
      publicRange: { min: 0.222222222222, max: 0.25, minGeos: ["middle_east"], maxGeos: ["latin_america"] },
      // every status: 5 of 21 in Latin America; 14 of 56 in Asia-Pacific and 5 of 20 in the Middle East
      allRange: { min: 0.238095238095, max: 0.25, minGeos: ["latin_america"], maxGeos: ["asia_pacific", "middle_east"] },
    });
    const latam = b[1];
    expect(latam?.chinaLed.map((r) => `${r.provider_id}:${r.regions}`)).toEqual(["alibaba:1", "huawei:4"]);
    expect(latam?.facts).toEqual(["battleground-latin-america"]);
  });

  it("counts one verdict per claim: 13 consistent, 5 depend on the definition, 3 inconsistent, 1 not verifiable", () => {
    const counts: Record<string, number> = {};
    for (const v of m.headline.verdicts.values()) counts[v] = (counts[v] ?? 0) + 1;
    expect(counts).toEqual({ consistent: 13, depends_on_definition: 5, inconsistent: 3, not_verifiable: 1 });
    expect(m.headline.catalogAsOf).toBe("2025-09");
  });
});

describe("the claims check and the data-quality findings", () => {
  it("lists the claims by verdict, inconsistent first, with one cell per definition", () => {
    expect(m.claims.scopes).toEqual(["general", "public", "non_government", "all", "provider_list"]);
    expect(m.claims.claims.slice(0, 3).map((c) => [c.factId, c.first.verdict])).toEqual([
      ["alibaba-availability-zones", "inconsistent"],
      ["alibaba-regions-in-australia", "inconsistent"],
      ["azure-regions", "inconsistent"],
    ]);
    // Alibaba's zones are compared only where its 29 regions are reproduced (public).
    expect(m.claims.claims[0]?.byScope.map((c) => c?.holds)).toEqual([null, false, null, null, undefined]);
    expect(m.claims.claims[1]?.byScope.map((c) => c?.holds)).toEqual([false, false, false, false, undefined]);
    expect(m.claims.claims[3]?.shown.definition).toBe("public");
  });

  it("states what a reader should know before quoting a figure", () => {
    const q = m.quality;
    expect([q.exactQuotes, q.factCount, q.inexactQuotes]).toEqual([113, 113, []]);
    expect([q.differentMarkets, q.crossComparisons]).toEqual([5, 5]);
    expect(q.marketNames).toEqual([
      "Cloud infrastructure services, mainland China",
      "Cloud infrastructure services",
      "Infrastructure as a service (IaaS)",
      "Provider-reported cloud revenue",
    ]);
    expect(q.notExact.map((f) => `${f.fact_id} ${f.qualifier}`)).toEqual([
      "alibaba-investment-usd approximately",
      "alibaba-regions-share-in-china approximately",
      "azure-regions over",
      "huawei-cloud-growth-outside-china over",
      "pangu-use-cases over",
    ]);
    expect(q.lowerBounds.map(({ row, facts }) => [row.provider_id, row.regions, row.regions_listed, facts])).toEqual([
      ["azure", 70, 55, ["azure-regions", "azure-regions-listed"]],
    ]);
    expect(q.countsFromCatalog).toEqual(["oracle"]);
    expect([q.notedFacts, q.regionCount]).toEqual([46, 266]);
    expect(q.inferredPeriods).toEqual({
      facts: 113,
      // the 45 claims without a number added for issue 15 mostly take the article's date
      inferred: 100,
      byPeriod: [
        ["2025-H2", 87],
        ["2025-Q2", 8],
        ["2025-02", 3],
        ["2025-07", 2],
      ],
    });
    expect(q.zones).toEqual({
      regions: 266,
      notSourced: [
        ["alibaba", 1],
        ["azure", 7],
        ["huawei", 34],
        ["oracle", 49],
      ],
      publishedNone: [["azure", 23]],
    });
  });

  it("counts a quote that does not match its offsets", () => {
    const t = realTables();
    const q = reportModel(
      reportInput({ ...t, facts: t.facts.map((f) => (f.fact_id === "gartner-share-aws" ? { ...f, quote: "Amazon at 37.8%" } : f)) }),
    ).quality;
    expect([q.exactQuotes, q.inexactQuotes]).toEqual([112, ["gartner-share-aws"]]);
  });
});

describe("charts, tables, facts and the run", () => {
  it("describes each chart and names the table with its figures", () => {
    const c = m.charts.charts[0]!;
    expect([c.name, c.title, c.width, c.table]).toEqual([
      "market_share_by_source",
      "AWS leads in every firm's figures: 37.7% (Gartner) and 30.0% (Synergy Research Group)",
      570,
      { name: "market_share", title: "market share" },
    ]);
    expect(c.alt).toBe(
      "Horizontal bar chart: each provider's market share, one panel per research firm. The figures are in the market share table.",
    );
    expect((m.charts.specs["market_share_by_source"] as { description: string }).description).toBe(`${c.title}. ${c.alt}`);
    expect(m.charts.charts.map((x) => x.name)).toHaveLength(11);
  });

  it("shows every table of the registry: the six it opens first, then the rest in the registry's order, closed", () => {
    expect(m.tables.slice(0, 7).map((b) => [b.name, b.rows.length, b.open])).toEqual([
      ["market_share", 10, true],
      ["share_comparison", 5, true],
      ["concentration", 2, true],
      ["footprint", 6, true],
      ["bloc_presence", 8, true],
      ["battlegrounds", 8, true],
      ["providers", 6, false],
    ]);
    const first = m.tables.slice(0, 6).map((b) => b.name);
    expect(m.tables.map((b) => b.name)).toEqual([...first, ...Object.keys(TABLES).filter((n) => !first.includes(n as never))]);
    expect(m.tables.filter((b) => b.open)).toHaveLength(6);
    expect(m.tables.find((b) => b.name === "share_series")?.rows.length).toBe(realTables().share_series.length);
    expect(m.tables.find((b) => b.name === "facts")?.rows.length).toBe(113);
  });

  it("puts each quote in its context, cut at word boundaries", () => {
    expect(m.facts.find((f) => f.fact.fact_id === "gartner-share-aws")?.context).toEqual({
      before: "…numbers for the 2024 infrastructure-as-a-service market were slightly different with ",
      quote: "Amazon at 37.7%",
      after: ", Microsoft at 23.9%, Google at 9%, Alibaba at 7.2% and Huawei at 4.1%. AI growth catalyst…",
    });
  });

  it("dates every input: the article, the two market-share series, the catalog, the reference files", () => {
    expect(m.run.asOf.map((a) => `${a.what} @ ${a.as_of}`)).toEqual([
      "Source document: fierce-dual-ai-stack (Fierce Network) @ 2025-H2 (approximate)",
      "Market shares: Gartner, Infrastructure as a service (IaaS) @ 2024",
      "Market shares: Synergy Research Group, Cloud infrastructure services @ 2025-Q2",
      "Region catalog (reference/regions.csv) @ 2025-09",
      "Providers (reference/providers.yaml) @ 2025-09",
      "Measures and markets (reference/measures.yaml) @ 2025-09",
    ]);
    expect(m.run.asOf[3]?.detail).toBe(
      "Regions live by then, 265 in all (and 1 announced, generally available only later); its sources are dated 2023-12 to 2026-01",
    );
  });
});
