/**
 * Ids from the data are looked up in maps, never in plain objects: a provider whose id is also a
 * member of every JavaScript object (`constructor`, `tostring` is not one: ids are lower case) gets
 * its own colour (from providers.yaml) and its own label, instead of crashing the chart labels.
 */
import { describe, expect, it } from "vitest";
import { chartSpecs, chartTheme } from "../../pipeline/charts/index.ts";
import { computeTables } from "../../pipeline/run.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { realInputs, withFiles } from "../helpers.ts";

const PROVIDERS = "data/reference/providers.yaml";
const REGIONS = "data/reference/regions.csv";

/** Every colour scale of a spec (Vega-Lite `scale: { domain, range }`), wherever it sits. */
function scales(node: unknown, found: Array<{ domain: unknown[]; range: unknown[] }> = []) {
  if (Array.isArray(node)) for (const x of node) scales(x, found);
  else if (node !== null && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o["domain"]) && Array.isArray(o["range"])) found.push({ domain: o["domain"], range: o["range"] });
    for (const v of Object.values(o)) scales(v, found);
  }
  return found;
}

describe.each(["constructor", "valueof"])("a provider with the id %s", (id) => {
  it("is labelled by its name and drawn in its own colour in every chart", () => {
    const inputs = realInputs();
    const changed = withFiles(inputs, {
      [PROVIDERS]: inputs.files.get(PROVIDERS)!.replace("provider_id: oracle", `provider_id: ${id}`),
      [REGIONS]: inputs.files.get(REGIONS)!.replaceAll("\noracle,", `\n${id},`),
    });
    const tables = computeTables(changed, silentContext);
    expect(tables.providers.map((p) => p.provider_id)).toContain(id);
    const theme = chartTheme(tables);
    const label = theme.providerLabel(id);
    const colour = tables.providers.find((p) => p.provider_id === id)?.color;
    expect(colour).toBe("#56b4e9"); // Oracle's, in providers.yaml
    expect(label).toBe("Oracle");
    const specs = chartSpecs(tables, theme);
    let seen = 0;
    for (const { spec } of specs)
      for (const s of scales(spec)) {
        for (const c of s.range) expect(typeof c, JSON.stringify(s)).not.toBe("function");
        const at = s.domain.indexOf(label);
        if (at >= 0) {
          expect(s.range[at]).toBe(colour);
          seen++;
        }
      }
    expect(seen).toBeGreaterThan(0);
  });
});
