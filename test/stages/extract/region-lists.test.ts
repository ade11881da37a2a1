import { describe, expect, it } from "vitest";
import type { PipelineError } from "../../../pipeline/errors.ts";
import { msg } from "../../../pipeline/messages.ts";
import { silentContext } from "../../../pipeline/stages/context.ts";
import { extract } from "../../../pipeline/stages/extract.ts";
import { realInputs, withFiles } from "../../helpers.ts";

const FILE = "data/reference/region-lists.yaml";
const inputs = realInputs();
const real = extract(inputs, silentContext);

/** extract's issues for a region-lists.yaml text, as `line rule path`. */
function problems(text: string): { lines: string[]; messages: string[] } {
  try {
    extract(withFiles(inputs, { [FILE]: text }), silentContext);
  } catch (e) {
    const issues = (e as PipelineError).issues;
    return { lines: issues.map((i) => `${i.line} ${i.rule} ${i.path}`), messages: issues.map((i) => i.message) };
  }
  return { lines: [], messages: [] };
}

const list = (id: string, provider: string, codes: string) =>
  `  - list_id: ${id}\n    provider_id: ${provider}\n    label: a list\n    source: test\n    release: null\n    source_as_of: null\n    region_codes: [${codes}]\n`;

describe("region lists: the bundled file", () => {
  it("has Huawei's 15 SDK lists read, 5 of them at release 0.1.163 (2025-08-14); the VPC v2 list has 34 ids", () => {
    expect(real.regionLists).toHaveLength(15);
    expect(real.regionLists.filter((l) => l.release === "0.1.163").map((l) => [l.list_id, new Set(l.region_codes).size])).toEqual([
      ["huawei-go-ecs-v2@07369e20", 33],
      ["huawei-go-vpc-v2@07369e20", 34],
      ["huawei-go-ims-v2@07369e20", 33],
      ["huawei-go-as-v1@07369e20", 33],
      ["huawei-go-nat-v2@07369e20", 33],
    ]);
    expect(real.regionLists.every((l) => l.source.startsWith("github:huaweicloud/huaweicloud-sdk-go-v3/services/"))).toBe(true);
  });

  it("names only ids that are Huawei rows of the catalog: the union of the lists is the catalog's 34", () => {
    const union = new Set(real.regionLists.flatMap((l) => l.region_codes));
    const catalog = new Set(real.catalog.filter((r) => r.provider_id === "huawei").map((r) => r.region_code));
    expect(union.size).toBe(34);
    expect([...union].filter((c) => !catalog.has(c))).toEqual([]);
    expect(catalog.size).toBe(34);
  });
});

describe("region lists: bad input", () => {
  it("names the ids the catalog lacks (once per list), a repeated id, an unknown provider and a repeated list id", () => {
    const text = `lists:\n${list("a", "huawei", "af-south-1, xx-nowhere-1, yy-nowhere-2")}${list("a", "ibm", "af-south-1")}${list("b", "huawei", "af-south-1, af-south-1")}`;
    const { lines, messages } = problems(text);
    expect(lines).toEqual([
      "8 list-region-not-in-catalog lists[0] (a).region_codes",
      "9 duplicate-list lists[1] (a).list_id",
      "10 unknown-provider lists[1] (a).provider_id",
      "15 list-region-not-in-catalog lists[1] (a).region_codes",
      "22 duplicate-list-region lists[2] (b).region_codes[1]",
    ]);
    expect(messages[0]).toBe(msg.listRegionsNotInCatalog("a", "huawei", ["xx-nowhere-1", "yy-nowhere-2"]));
    expect(messages[4]).toBe(msg.duplicateListRegion("b", "af-south-1"));
  });

  it("checks each list's form, and runs without the file (no list definitions)", () => {
    const { lines } = problems(
      `lists:\n  - list_id: Bad Id\n    provider_id: huawei\n    label: x\n    source: s\n    release: null\n    source_as_of: 2025\n    region_codes: []\n`,
    );
    expect(lines.map((l) => l.split(" ").slice(1).join(" "))).toEqual([
      "schema lists[0].list_id",
      "schema lists[0].source_as_of",
      "schema lists[0].region_codes",
    ]);
    expect(extract(withFiles(inputs, { [FILE]: null }), silentContext).regionLists).toEqual([]);
  });
});
