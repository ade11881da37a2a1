/**
 * What an editor needs to publish a chart: a footer with source, as-of date and licence from the
 * data; a title that states the finding, computed from the rows; no label cut short; an SVG and a
 * 2× PNG of every chart.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { creditLines, DEFAULT_FONT_FILES, factIdsOf, renderCharts, renderPng, wrapText } from "../../pipeline/charts/index.ts";
import {
  battlegroundsTitle,
  blocPresenceTitle,
  blocShareTitle,
  factPositionsTitle,
  footprintTitle,
  geoClaimsTitle,
  marketShareTitle,
  regionalHeatmapTitle,
  regionsVsShareTitle,
  shareGapTitle,
  shareOfNamedTitle,
} from "../../pipeline/charts/titles.ts";
import { DATA_LICENSE } from "../../pipeline/licence.ts";
import { OUTPUT } from "../helpers.ts";
import { specs, svgOf, tables, theme } from "../support/charts.ts";

/** The texts of an SVG's <text> elements (each line of a multi-line label is a <tspan>), unescaped. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]*)(?=<)/g)].map((m) =>
    (m[1] ?? "").replace(/&amp;/g, "&").replace(/&#x27;|&apos;/g, "'"),
  );
}

describe("titles state the finding, computed from the rows", () => {
  it("on the article's data", () => {
    expect(marketShareTitle(tables.market_share, theme)).toBe(
      "AWS leads in every firm's figures: 37.7% (Gartner) and 30.0% (Synergy Research Group)",
    );
    expect(shareGapTitle(tables.share_comparison, theme)).toBe(
      "The firms differ most on AWS: Gartner 7.7 points above Synergy Research Group",
    );
    expect(shareOfNamedTitle(tables.market_share, theme)).toBe("AWS holds 43.5% to 46.0% of the named providers' total under each firm");
    expect(blocShareTitle(tables.concentration, theme)).toBe(
      "US-led providers hold 63.0% to 70.6% of each firm's market, China-led 6.0% to 11.3%",
    );
    expect(footprintTitle(tables.footprint, theme)).toBe(
      "Azure gives the most regions (over 70); Huawei the most availability zones (101)",
    );
    expect(regionsVsShareTitle(tables.footprint_vs_share, theme)).toBe(
      "The largest share is not the largest footprint: AWS leads on share, Azure on regions",
    );
    expect(factPositionsTitle(tables.facts, theme)).toBe("69 of the 113 facts are said by the article itself");
    expect(battlegroundsTitle(tables.battlegrounds, theme)).toBe(
      "The article names 3 battlegrounds: Latin America, Middle East and Asia-Pacific",
    );
    expect(regionalHeatmapTitle(tables.regional_breakdown ?? [], theme)).toBe(
      "Most regions in one macro-region: Microsoft Azure in Europe and Alibaba Cloud in China (mainland) (19 each)",
    );
    expect(blocPresenceTitle(tables.bloc_presence ?? [], theme)).toBe(
      "US-led providers have more regions in 7 of 8 macro-regions; China-led in China (mainland)",
    );
    expect(geoClaimsTitle(tables.geo_claims, theme)).toMatch(/^The article's \d+ geography claims touch 8 macro-regions, /);
  });

  it("follow the data: another leader, another title", () => {
    const flipped = tables.market_share.map((r) => (r.provider_id === "azure" && r.source_id === "synergy" ? { ...r, share: 0.31 } : r));
    expect(marketShareTitle(flipped, theme)).toBe(
      "Leaders per firm: AWS (Gartner, 37.7%) and Microsoft Azure (Synergy Research Group, 31.0%)",
    );
    const one = tables.concentration.filter((r) => r.source_id === "gartner");
    expect(blocShareTitle(one, theme)).toBe("US-led providers hold 70.6% of the firm's market, China-led 11.3%");
  });
});

describe("footers: source, as-of date and licence from the data", () => {
  it("names the article, its date, the firms the figures are attributed to, and the licence", () => {
    expect(creditLines(theme, tables, { factIds: factIdsOf(tables.market_share) })).toEqual([
      "Source: Fierce Network article (2025-H2); figures attributed to Gartner and Synergy Research Group.",
      `Data: cloud-market-atlas, ${DATA_LICENSE.name}; quotes remain the publisher's.`,
    ]);
    const catalog = creditLines(theme, tables, { factIds: factIdsOf(tables.bloc_presence ?? []), catalog: true });
    const dated = (tables.regions ?? []).flatMap((r) => (r.source_as_of === null ? [] : [r.source_as_of])).sort();
    expect([dated[0], dated.at(-1), (tables.regions ?? []).length - dated.length]).toEqual(["2023-12", "2026-01", 6]);
    expect(catalog[0]).toBe(
      `Source: the project's region catalog of ${tables.regions?.length} provider regions from provider SDKs and documentation, its sources dated 2023-12 to 2026-01.`,
    );
    // the battleground facts are the article's own (attributed to no firm)
    expect(catalog[1]).toBe("Battlegrounds: Fierce Network article (2025-H2).");
  });

  it("every chart's SVG carries its footer, wrapped to fit a phone", async () => {
    for (const { name } of specs) {
      const texts = svgTexts(await svgOf(name));
      expect(
        texts.some((t) => t.startsWith("Source: ")),
        name,
      ).toBe(true);
      expect(texts.join(" "), name).toContain(`Data: cloud-market-atlas, ${DATA_LICENSE.name};`);
    }
    expect(wrapText("a bb ccc dddd", 6)).toEqual(["a bb", "ccc", "dddd"]);
  });
});

describe("labels", () => {
  it("no chart cuts a label short (vega's … ellipsis); the firms' captions wrap onto lines instead", async () => {
    for (const { name } of specs)
      expect(
        svgTexts(await svgOf(name)).filter((t) => t.includes("…")),
        name,
      ).toEqual([]);
    const named = svgTexts(await svgOf("share_of_named"));
    expect(named).toEqual(expect.arrayContaining(["Synergy Research Group", "cloud infrastructure services", "2025-Q2"]));
  });
});

describe("files", () => {
  // output/charts is what a run draws, byte for byte (test/e2e/output-fresh.test.ts compares every
  // file of a real run with it); here, each chart's SVG as drawn now against its committed PNG, and
  // one chart rasterized again, which is the renderer's whole path.
  it("every chart has an SVG and a 2× PNG, as in output/charts", async () => {
    const fonts = DEFAULT_FONT_FILES.filter((f) => existsSync(f));
    expect(fonts.length).toBeGreaterThan(0);
    const files = await renderCharts(tables);
    for (const { name } of specs) {
      const svg = files.get(`charts/${name}.svg`) as string;
      expect(svg, name).toBe(readFileSync(path.join(OUTPUT, "charts", `${name}.svg`), "utf8"));
      const png = readFileSync(path.join(OUTPUT, "charts", `${name}.png`));
      expect(png.subarray(1, 4).toString("latin1"), name).toBe("PNG");
      expect(png.readUInt32BE(16), name).toBe(2 * Math.round(Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1])));
    }
    const name = specs[0]!.name;
    expect(
      Buffer.from(renderPng(files.get(`charts/${name}.svg`) as string, fonts)).equals(
        readFileSync(path.join(OUTPUT, "charts", `${name}.png`)),
      ),
    ).toBe(true);
  });
});

describe("marks carry their facts (the report opens their quotes on a click)", () => {
  const idsOf = (d: Record<string, unknown>): string[] =>
    String(d["fact_ids"] ?? d["fact_id"] ?? d["facts"] ?? "")
      .split(/[;\s]+/)
      .filter((s) => s.length > 0);

  it("every mark drawn from the article names facts that exist; the catalog's marks only where a battleground is", () => {
    // the article's facts, and the cited figures of the series (cited_facts)
    const known = new Set([...tables.facts.map((f) => f.fact_id), ...(tables.cited_facts ?? []).map((f) => f.fact_id)]);
    const counts: Record<string, string> = {};
    for (const { name, spec } of specs) {
      const values = ((spec as { vconcat: Array<{ data: { values: Array<Record<string, unknown>> } }> }).vconcat[0]?.data.values ??
        []) as Array<Record<string, unknown>>;
      const withFacts = values.filter((d) => idsOf(d).length > 0);
      for (const d of withFacts) for (const id of idsOf(d)) expect(known.has(id), `${name}: ${id}`).toBe(true);
      counts[name] = `${withFacts.length}/${values.length}`;
    }
    expect(counts).toEqual({
      market_share_by_source: "10/10",
      share_dumbbell: "10/10",
      share_of_named: "10/10",
      bloc_share: "6/6",
      // Oracle's region count comes from the catalog, not the article: no fact behind that bar
      footprint: "7/8",
      regions_vs_share: "10/10",
      geo_claims: "33/33",
      battlegrounds: "18/18",
      fact_positions: "113/113",
      // catalog counts: only the battleground macro-regions' cells have facts (the article's)
      regional_heatmap: "18/48",
      bloc_presence: "6/16",
      // the cited series: every point names its cited figures (cited_facts)
      share_trends: "102/102",
      china_led_trends: "42/42",
      concentration_trends: "31/31",
      market_size_trend: "32/32",
    });
  });
});
