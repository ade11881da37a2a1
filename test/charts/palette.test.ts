/**
 * The palette: every two colours a chart shows together stay apart for readers with normal vision
 * and for readers with deuteranopia or protanopia (and tritanopia), simulated after Machado et al.
 * (2009) and measured in CIEDE2000 (test/support/colour-vision.ts).
 */
import { describe, expect, it } from "vitest";
import { ciede2000, difference, simulate, hexToRgb, type Deficiency } from "../support/colour-vision.ts";
import { specs, tables } from "../support/charts.ts";

/** The least CIEDE2000 two categories shown together may differ by. ~2 is a just-noticeable difference; 10 tells small marks apart at a glance. */
const MIN_DISTANCE = 10;
const VISIONS: ReadonlyArray<Deficiency | undefined> = [undefined, "deuteranopia", "protanopia", "tritanopia"];

interface Palette {
  chart: string;
  domain: string[];
  range: string[];
}

/** Every categorical colour scale with explicit colours in a spec (encoding.color.scale {domain, range}). */
function palettes(chart: string, node: unknown, out: Palette[] = []): Palette[] {
  if (Array.isArray(node)) for (const x of node) palettes(chart, x, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    const color = o["color"] as { scale?: { domain?: unknown; range?: unknown } } | undefined;
    const { domain, range } = color?.scale ?? {};
    if (Array.isArray(domain) && Array.isArray(range) && range.every((c) => typeof c === "string" && c.startsWith("#"))) {
      out.push({ chart, domain: domain.map(String), range: range as string[] });
    }
    for (const v of Object.values(o)) palettes(chart, v, out);
  }
  return out;
}

/** Each pair of a palette closer than MIN_DISTANCE under some vision, as "chart: a / b (vision) 4.2". */
function tooClose(p: Palette): string[] {
  const out: string[] = [];
  for (let i = 0; i < p.range.length; i++) {
    for (let j = i + 1; j < p.range.length; j++) {
      for (const vision of VISIONS) {
        const d = difference(p.range[i] ?? "", p.range[j] ?? "", vision);
        if (d < MIN_DISTANCE) out.push(`${p.chart}: ${p.domain[i]} / ${p.domain[j]} (${vision ?? "normal"}) ${d.toFixed(1)}`);
      }
    }
  }
  return out;
}

describe("colour science", () => {
  it("CIEDE2000 matches Sharma, Wu and Dalal's (2005) test data", () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(ciede2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
    expect(ciede2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it("simulates dichromacy: pure red turns olive, grey stays grey, and the old green/red pair merges", () => {
    const red = simulate(hexToRgb("#ff0000"), "deuteranopia");
    expect(red.map((c) => Math.round(c * 255))).toEqual([163, 144, 0]);
    for (const c of simulate(hexToRgb("#808080"), "protanopia")) expect(c).toBeCloseTo(128 / 255, 2);
    // The palette this test replaced: Google's green and Alibaba's red under deuteranopia.
    expect(difference("#3a9e5c", "#d1495b", "deuteranopia")).toBeLessThan(3);
    expect(difference("#3a9e5c", "#d1495b")).toBeGreaterThan(40);
  });
});

describe("the provider palette", () => {
  it("comes from the reference data, one colour per provider", () => {
    expect(Object.fromEntries(tables.providers.map((p) => [p.provider_id, p.color]))).toEqual({
      aws: "#e69f00",
      azure: "#0072b2",
      gcp: "#009e73",
      alibaba: "#d55e00",
      huawei: "#cc79a7",
      oracle: "#56b4e9",
    });
  });

  it(`keeps every two providers at least ${MIN_DISTANCE} apart (CIEDE2000) under deuteranopia, protanopia and tritanopia`, () => {
    const all = {
      chart: "providers.yaml",
      domain: tables.providers.map((p) => p.provider_id),
      range: tables.providers.map((p) => p.color ?? ""),
    };
    expect(tooClose(all)).toEqual([]);
  });

  it("every chart's colours shown together stay apart the same way", () => {
    const found = specs.flatMap((s) => palettes(s.name, s.spec));
    expect(new Set(found.map((p) => p.chart))).toEqual(
      new Set([
        "market_share_by_source",
        "share_dumbbell",
        "share_of_named",
        "bloc_share",
        "footprint",
        "regions_vs_share",
        "geo_claims",
        "battlegrounds",
        "fact_positions",
        "bloc_presence",
        "share_trends",
      ]),
    );
    expect(found.flatMap(tooClose)).toEqual([]);
  });
});
