/**
 * notebooks/lib/format.ts: what the notebooks' tables and texts look like in every front end.
 * (test/e2e/notebooks.test.ts checks the same properties on the real notebooks' outputs.)
 */
import { describe, expect, it } from "vitest";
import {
  chartPlain,
  escapeHtml,
  formatNumber,
  markdownBundle,
  plainNumber,
  tableBundle,
  tableData,
  tableHtml,
  tablePlain,
  unitOf,
} from "../../notebooks/lib/format.ts";

const UNITS = {
  share: "fraction",
  delta_pp: "percentage points",
  regions: "count",
  rank: "rank",
  char_start: "code points",
  value: "see unit",
};

describe("numbers for reading", () => {
  it("formats by the Table Schema unit and drops float noise", () => {
    expect(formatNumber(0.377, "fraction")).toBe("37.7%");
    expect(formatNumber(0.3, "fraction")).toBe("30.0%");
    expect(formatNumber(0.11299999999999999, "fraction")).toBe("11.3%");
    expect(formatNumber(7.700000000000003, "percentage points")).toBe("+7.7 pp");
    expect(formatNumber(-1.25, "percentage points")).toBe("-1.3 pp");
    expect(formatNumber(380000000000, "count")).toBe("380,000,000,000");
    expect(formatNumber(1655, "code points")).toBe("1655");
    expect(formatNumber(4, "rank")).toBe("4");
    expect(plainNumber(0.6900000000000001)).toBe("0.69");
    expect(plainNumber(8.294117647)).toBe("8.29");
    expect(plainNumber(53000000000)).toBe("53,000,000,000");
    expect(formatNumber(Number.NaN, "fraction")).toBe("");
  });

  it("finds the unit of a column and of danfojs aggregates of it", () => {
    expect(unitOf("share", UNITS)).toBe("fraction");
    expect(unitOf("share_sum", UNITS)).toBe("fraction");
    expect(unitOf("regions_mean", UNITS)).toBe("count");
    expect(unitOf("provider_id_count", UNITS)).toBe("count");
    expect(unitOf("share_of_named", UNITS)).toBeUndefined();
    expect(unitOf("provider_id", UNITS)).toBeUndefined();
  });
});

describe("tables", () => {
  const facts = [
    { fact_id: "alibaba-cloud-revenue", value: 4600000000, unit: "usd", quote: "Cloud revenue up 26% to $4.6 billion" },
    { fact_id: "alibaba-cloud-revenue-growth", value: 0.26, unit: "fraction", quote: '<up 26%> & "more"' },
    { fact_id: "none", value: null, unit: null, quote: "" },
  ];

  it("HTML: escaped, no raw $, inside the class MathJax skips, formatted values with the raw one in title", () => {
    const html = tableHtml(tableData(facts), { units: UNITS });
    expect(html).not.toContain("$");
    expect(html.startsWith('<div class="cma-table tex2jax_ignore">\n<table>')).toBe(true);
    expect(html).toContain("<thead><tr><th>fact_id</th><th>value</th><th>unit</th><th>quote</th></tr></thead>");
    expect(html).toContain(
      '<tr><td>alibaba-cloud-revenue</td><td style="text-align: right" title="4600000000">4,600,000,000</td><td>usd</td><td>Cloud revenue up 26% to &#36;4.6 billion</td></tr>',
    );
    // "see unit": the row's unit decides; HTML specials escaped
    expect(html).toContain(
      '<td style="text-align: right" title="0.26">26.0%</td><td>fraction</td><td>&#60;up 26%&#62; &#38; &#34;more&#34;</td>',
    );
    expect(html).toContain("<tr><td>none</td><td></td><td></td><td></td></tr>");
    expect(escapeHtml("$5 & <b>'x'</b>")).toBe("&#36;5 &#38; &#60;b&#62;&#39;x&#39;&#60;/b&#62;");
  });

  it("plain text: full headers, aligned, numbers right-aligned, long texts cut, the rest counted", () => {
    const rows = [
      { provider_id_count: 5, source_id: "gartner", share_sum: 0.8190000000000001 },
      { provider_id_count: 5, source_id: "synergy", share_sum: 0.69 },
      { provider_id_count: 12345, source_id: "x".repeat(70), share_sum: 1 },
    ];
    expect(tablePlain(tableData(rows), { units: UNITS, maxRows: 2 })).toBe(
      [
        "provider_id_count  source_id  share_sum",
        "-----------------  ---------  ---------",
        "                5  gartner        81.9%",
        "                5  synergy        69.0%",
        "1 more rows (3 in total)",
      ].join("\n"),
    );
    const long = tablePlain(tableData(rows.slice(2)), { units: UNITS }).split("\n")[2] ?? "";
    expect(long).toBe(`           12,345  ${"x".repeat(59)}…     100.0%`);
  });

  it("reads a danfojs-shaped frame; labelled rows (describe) are shown as a first column", () => {
    const frame = {
      columns: ["share", "rank"],
      index: ["count", "mean"],
      values: [
        [10, 10],
        [0.15090000000000003, 3],
      ],
    };
    const t = tableData(frame);
    expect(t.index).toEqual(["count", "mean"]);
    expect(tablePlain(t)).toBe(["        share  rank", "-----  ------  ----", "count      10    10", "mean   0.1509     3"].join("\n"));
    // row numbers (here after a sort) are not labels
    expect(tableData({ columns: ["a"], index: [2, 0, 1], values: [[1], [2], [3]] }).index).toBeNull();
    expect(() => tableData("nope")).toThrow("showTable: expected an array of row objects or a danfojs DataFrame");
  });

  it("a table's bundle is HTML + plain text, never markdown", () => {
    expect(Object.keys(tableBundle(facts, { units: UNITS }))).toEqual(["text/html", "text/plain"]);
    expect(markdownBundle("**68 of 68** quotes")).toEqual({ "text/markdown": "**68 of 68** quotes", "text/plain": "**68 of 68** quotes" });
  });
});

describe("a chart's plain text", () => {
  it("names the title, subtitle and data points", () => {
    expect(chartPlain({ title: { text: "Regions vs market share", subtitle: ["a", "b"] }, data: { values: [1, 2, 3] } })).toBe(
      "Chart: Regions vs market share — a b (3 data points)",
    );
    expect(chartPlain({ title: "Plain", layer: [] })).toBe("Chart: Plain");
  });
});
