import { describe, expect, it } from "vitest";
import {
  chartTheme,
  geoLabel,
  marketLabelOf,
  providerLabelOf,
  providerShortName,
  shareAxis,
  sourceLabelOf,
} from "../../pipeline/charts/theme.ts";
import { svgOf, tables, theme } from "../support/charts.ts";

describe("labels from the reference tables", () => {
  it("provider labels: the name, or the first alias when the name is long", () => {
    expect(tables.providers.map(providerLabelOf)).toEqual([
      "AWS",
      "Microsoft Azure",
      "Google Cloud",
      "Alibaba Cloud",
      "Huawei Cloud",
      "Oracle",
    ]);
    expect(tables.providers.map(providerShortName)).toEqual(["AWS", "Azure", "GCP", "Ali", "Huawei", "OCI"]);
  });

  it("source and market labels drop the reference's notes", () => {
    expect(tables.sources.map((s) => sourceLabelOf(s.source_name))).toEqual([
      "Synergy Research Group",
      "Gartner",
      "Canalys",
      "Fierce Network",
      "Microsoft",
      "Alibaba Group",
      "Eddie Wu, CEO of Alibaba Group",
      "Amazon",
      "Huawei",
      "AvidThink",
      "Moor Insights & Strategy",
    ]);
    expect(tables.markets.map((m) => marketLabelOf(m.market_name))).toEqual([
      "cloud infrastructure services",
      "IaaS",
      "cloud infrastructure services, mainland China",
      "provider-reported cloud revenue",
    ]);
    expect(theme.sourceCaption("gartner", "iaas", "2024")).toBe("Gartner · IaaS · 2024");
  });

  it("macro-regions in MACRO_GEOS order; unknown ids shown as they are", () => {
    expect(theme.geoOrder(["china_mainland", "europe", "atlantis", "asia_pacific"])).toEqual([
      "Europe",
      "Asia-Pacific",
      "China (mainland)",
      "atlantis",
    ]);
    expect(geoLabel("oceania")).toBe("Oceania");
  });

  it("providers ordered US-led then China-led, each by id, in their reference colours; unknown ones last, grey", () => {
    expect(theme.providerOrder(["huawei", "aws", "oracle", "newco"])).toEqual(["AWS", "Oracle", "Huawei Cloud", "newco"]);
    expect(theme.providerColorScale(["huawei", "aws", "oracle", "newco"])).toEqual({
      domain: ["AWS", "Oracle", "Huawei Cloud", "newco"],
      range: ["#e69f00", "#56b4e9", "#cc79a7", "#7f7f7f"],
    });
    const newco = {
      provider_id: "newco",
      provider_name: "NewCo Cloud",
      parent_company: "NewCo",
      hq_country: "DE",
      bloc: "us_led" as const,
      aliases: "NewCo",
      color: "#123456",
    };
    const wider = chartTheme({ ...tables, providers: [...tables.providers, newco] });
    expect(wider.providerColorScale(["alibaba", "newco", "oracle"])).toEqual({
      domain: ["NewCo Cloud", "Oracle", "Alibaba Cloud"],
      range: ["#123456", "#56b4e9", "#d55e00"],
    });
  });

  it("does not depend on the reference tables' row order (the published CSVs are sorted by id)", () => {
    const reversed = chartTheme({
      providers: [...tables.providers].reverse(),
      sources: [...tables.sources].reverse(),
      markets: [...tables.markets].reverse(),
    });
    const ids = tables.providers.map((p) => p.provider_id);
    expect(reversed.providerOrder(ids)).toEqual(["AWS", "Microsoft Azure", "Google Cloud", "Oracle", "Alibaba Cloud", "Huawei Cloud"]);
    expect(reversed.providerColorScale(ids)).toEqual(theme.providerColorScale(ids));
    expect(reversed.sourceColorScale(["synergy", "gartner"])).toEqual({
      domain: ["Synergy Research Group", "Gartner"],
      range: ["#4c4c4c", "#c08a00"],
    });
  });

  it("AWS has the same colour in every chart that shows providers", async () => {
    const awsFills = new Map<string, string[]>();
    for (const name of ["market_share_by_source", "share_of_named", "footprint", "regions_vs_share"]) {
      const svg = await svgOf(name);
      const fills = [...svg.matchAll(/<path [^>]*aria-label="[^"]*Provider: AWS;[^"]*"[^>]*>/g)].map(
        (m) => /\bfill="([^"]*)"/.exec(m[0])?.[1] ?? "",
      );
      awsFills.set(name, [...new Set(fills)]);
    }
    expect([...awsFills.values()]).toEqual([["#e69f00"], ["#e69f00"], ["#e69f00"], ["#e69f00"]]);
    // the legend of regions_vs_share uses the same colour for AWS
    expect(await svgOf("regions_vs_share")).toMatch(/fill="#e69f00"[^>]*>[\s\S]{0,400}?>AWS</);
  });
});

describe("the share axis (share.ts, footprint.ts, trends.ts)", () => {
  it("labels whole percent and ends at the largest share rounded up to ten points, at a fixed end, or where Vega-Lite puts it", () => {
    expect(shareAxis("Share (%)", [0.377, 0.3, 0.12])).toEqual({
      field: "share",
      type: "quantitative",
      title: "Share (%)",
      axis: { format: ".0%" },
      scale: { domain: [0, 0.4] },
    });
    // three and seven steps of 0.1: the decimal end, not 0.30000000000000004 or 0.7000000000000001
    expect([shareAxis("S", [0.25]).scale?.domain, shareAxis("S", [0.61, 0.2]).scale?.domain]).toEqual([
      [0, 0.3],
      [0, 0.7],
    ]);
    expect(shareAxis("Combined (%)", 1, { field: "share_of_named", stack: "zero" })).toEqual({
      field: "share_of_named",
      type: "quantitative",
      stack: "zero",
      title: "Combined (%)",
      axis: { format: ".0%" },
      scale: { domain: [0, 1] },
    });
    expect(shareAxis("Market share (%)")).toEqual({
      field: "share",
      type: "quantitative",
      title: "Market share (%)",
      axis: { format: ".0%" },
    });
  });
});
