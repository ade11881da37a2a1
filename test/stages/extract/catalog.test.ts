import { describe, expect, it } from "vitest";
import { CATALOG_COLUMNS } from "../../../pipeline/schema/catalog.ts";
import { parseCatalog, type CatalogReference } from "../../../pipeline/stages/extract/catalog.ts";
import { COUNTRY_BY_CODE } from "../../../pipeline/countries.ts";
import { PipelineError } from "../../../pipeline/errors.ts";
import { msg } from "../../../pipeline/messages.ts";
import { silentContext } from "../../../pipeline/stages/context.ts";
import { extract } from "../../../pipeline/stages/extract.ts";
import { realInputs, withFiles } from "../../helpers.ts";

const FILE = "data/reference/regions.csv";
const HEADER = CATALOG_COLUMNS.join(",");
const inputs = realInputs();
const real = extract(inputs, silentContext);
const ref: CatalogReference = {
  providers: new Set(real.providers.map((p) => p.provider_id)),
  countries: new Set(COUNTRY_BY_CODE.keys()),
  countryMacro: real.countryMacro,
};

/** A regions.csv record; fields not given take valid defaults. */
function row(fields: Partial<Record<(typeof CATALOG_COLUMNS)[number], string>>): string {
  const base = {
    provider_id: "gcp",
    region_code: "europe-west1",
    region_name: "Belgium",
    city: "St. Ghislain",
    country: "BE",
    availability_zones: "3",
    status: "general",
    general_availability_date: "",
    in_provider_list: "",
    source: "test",
    source_as_of: "2025-09",
    note: "",
  };
  const all: Record<string, string> = { ...base, ...fields };
  return CATALOG_COLUMNS.map((c) => all[c]).join(",");
}
const csv = (...rows: string[]) => `${[HEADER, ...rows].join("\n")}\n`;

describe("region catalog: the bundled file", () => {
  it("reads all 266 rows without a problem, each with its line and macro-region", () => {
    const { regions, issues } = parseCatalog(FILE, inputs.files.get(FILE)!, ref);
    expect(issues).toEqual([]);
    expect(regions).toHaveLength(266);
    const dublin = regions.find((r) => r.provider_id === "huawei" && r.region_code === "eu-west-101")!;
    expect(dublin).toMatchObject({
      country: "IE",
      macro_geo: "europe",
      status: "general",
      availability_zones: null,
      in_provider_list: true,
      source_as_of: "2025-08-14",
    });
    // Announced at the as-of date, generally available later (Microsoft Belux, 2025-11-18).
    expect(regions.find((r) => r.region_code === "belgiumcentral")).toMatchObject({
      status: "announced",
      general_availability_date: "2025-11-18",
    });
    expect(regions.find((r) => r.provider_id === "alibaba" && r.region_code === "cn-shanghai")).toMatchObject({
      availability_zones: 11,
      macro_geo: "china_mainland",
      line: 22,
    });
  });

  it("is part of what extract returns", () => {
    expect(real.catalog).toHaveLength(266);
    expect(real.catalog.filter((r) => r.provider_id === "gcp")).toHaveLength(42);
  });

  it("holds no Google Bangkok region: asia-southeast3 opened in January 2026, after the catalog's as-of date", () => {
    expect(real.catalog.some((r) => r.region_code === "asia-southeast3")).toBe(false);
    expect(real.catalog.filter((r) => r.provider_id === "gcp" && r.country === "TH")).toEqual([]);
  });
});

describe("region catalog: validation names the row and the rule", () => {
  it("rejects an unknown provider", () => {
    const { issues, regions } = parseCatalog(FILE, csv(row({ provider_id: "ibm", region_code: "eu-de" })), ref);
    expect(regions).toEqual([]);
    expect(issues).toEqual([
      {
        file: FILE,
        line: 2,
        path: "regions[0] (ibm/eu-de).provider_id",
        rule: "unknown-provider",
        message: msg.unknownProvider("ibm", [...ref.providers]),
      },
    ]);
  });

  it("rejects an unknown country code", () => {
    const { issues } = parseCatalog(FILE, csv(row({}), row({ region_code: "xx-1", country: "XX" })), ref);
    expect(issues).toEqual([
      { file: FILE, line: 3, path: "regions[1] (gcp/xx-1).country", rule: "unknown-country", message: msg.unknownCountry("XX") },
    ]);
  });

  it("rejects a duplicate region code of one provider, naming the first line", () => {
    const { issues, regions } = parseCatalog(FILE, csv(row({}), row({ region_code: "us-east1", country: "US" }), row({})), ref);
    expect(regions.map((r) => r.region_code)).toEqual(["europe-west1", "us-east1"]);
    expect(issues).toEqual([
      {
        file: FILE,
        line: 4,
        path: "regions[2] (gcp/europe-west1).region_code",
        rule: "duplicate-region",
        message: msg.duplicateRegion("gcp", "europe-west1", 2),
      },
    ]);
  });

  it("accepts the same region code at two providers (AWS and Alibaba both have ap-southeast-7)", () => {
    const { issues } = parseCatalog(
      FILE,
      csv(
        row({ provider_id: "aws", region_code: "ap-southeast-7", country: "TH" }),
        row({ provider_id: "alibaba", region_code: "ap-southeast-7", country: "TH" }),
      ),
      ref,
    );
    expect(issues).toEqual([]);
  });

  it("rejects a country that has no macro-region in geography.yaml (Antarctica has no UN subregion)", () => {
    const { issues } = parseCatalog(FILE, csv(row({ region_code: "aq-1", country: "AQ" })), ref);
    expect(issues).toEqual([
      { file: FILE, line: 2, path: "regions[0] (gcp/aq-1).country", rule: "unmapped-country", message: msg.unmappedCountry("AQ") },
    ]);
  });

  it("checks each field's form: status, zones, dates, country case", () => {
    const { issues } = parseCatalog(
      FILE,
      csv(
        row({
          status: "preview",
          availability_zones: "three",
          source_as_of: "Sept 2025",
          country: "be",
          general_availability_date: "18 Nov 2025",
        }),
      ),
      ref,
    );
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ["regions[0] (gcp/europe-west1).country", "schema"],
      ["regions[0] (gcp/europe-west1).availability_zones", "schema"],
      ["regions[0] (gcp/europe-west1).status", "schema"],
      ["regions[0] (gcp/europe-west1).general_availability_date", "schema"],
      ["regions[0] (gcp/europe-west1).source_as_of", "schema"],
    ]);
  });

  it("reports a wrong header once instead of a problem per row", () => {
    const { issues } = parseCatalog(FILE, csv(row({})).replace("in_provider_list,", "listed,"), ref);
    expect(issues).toEqual([
      {
        file: FILE,
        line: 1,
        path: "(header)",
        rule: "csv-columns",
        message: msg.csvColumns(["in_provider_list"], ["listed"], CATALOG_COLUMNS),
      },
    ]);
  });

  it("reports malformed CSV with its line", () => {
    const { issues } = parseCatalog(FILE, csv(row({}), 'gcp,"unterminated'), ref);
    expect(issues).toEqual([
      {
        file: FILE,
        line: 3,
        path: "(file)",
        rule: "csv-syntax",
        message: msg.csvSyntax("Quote Not Closed: the parsing is finished with an opening quote at line 3", 3, "region_code"),
      },
    ]);
  });

  it("reports every row with a missing or extra field, and still checks the rows between them", () => {
    const short = row({ region_code: "r2" }).replace(",test,", ",");
    const long = `${row({ region_code: "r4" })},extra`;
    const { issues, regions } = parseCatalog(
      FILE,
      csv(row({}), short, row({ region_code: "r3", country: "XX" }), long, row({ region_code: "r5" })),
      ref,
    );
    expect(issues).toEqual([
      {
        file: FILE,
        line: 3,
        path: "(file)",
        rule: "csv-syntax",
        message: msg.csvSyntax("Invalid Record Length: columns length is 12, got 11 on line 3", 3, "note"),
      },
      {
        file: FILE,
        line: 5,
        path: "(file)",
        rule: "csv-syntax",
        message: msg.csvSyntax("Invalid Record Length: columns length is 12, got 13 on line 5", 5),
      },
      { file: FILE, line: 4, path: "regions[1] (gcp/r3).country", rule: "unknown-country", message: msg.unknownCountry("XX") },
    ]);
    expect(regions.map((r) => [r.region_code, r.line])).toEqual([
      ["europe-west1", 2],
      ["r5", 6],
    ]);
  });

  it("stops trusting the rows after a quote that loses the parser's place, and says how many errors follow", () => {
    const { issues, regions } = parseCatalog(
      FILE,
      csv(
        row({}),
        row({ region_code: "r2", city: '"Ghent"x' }),
        row({ region_code: "r3" }),
        "gcp,short",
        row({ region_code: "r5", city: '"open' }),
      ),
      ref,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: FILE, line: 3, path: "(file)", rule: "csv-syntax" });
    expect(issues[0]!.message).toMatch(
      /^malformed CSV at line 3, column "city": Invalid Closing Quote: got "x" at line 3 .*; and \d+ more CSV errors? after it, which may follow from it: fix it and run again$/,
    );
    expect(regions.map((r) => r.region_code)).toEqual(["europe-west1"]);
  });

  it("collects every problem of the file into extract's one error, nothing else wrong", () => {
    const bad = csv(
      row({ provider_id: "ibm" }),
      row({ region_code: "r2", country: "XX" }),
      row({ region_code: "r3", country: "AQ" }),
      row({ region_code: "r4" }),
      row({ region_code: "r4" }),
    );
    let error: unknown;
    try {
      extract(withFiles(inputs, { [FILE]: bad }), silentContext);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineError);
    const issues = (error as PipelineError).issues;
    expect(issues.map((i) => `${i.line} ${i.rule} ${i.path}`)).toEqual([
      "2 unknown-provider regions[0] (ibm/europe-west1).provider_id",
      "3 unknown-country regions[1] (gcp/r2).country",
      "4 unmapped-country regions[2] (gcp/r3).country",
      "6 duplicate-region regions[4] (gcp/r4).region_code",
    ]);
    expect((error as PipelineError).message).toContain(
      `${FILE}:6: regions[4] (gcp/r4).region_code: duplicate region "r4" for gcp, first listed on line 5 [duplicate-region]`,
    );
  });

  it("takes the catalog's as-of date from regions.meta.yaml, and checks it", () => {
    expect(real.catalogMeta.as_of).toBe("2025-09");
    expect(real.catalogMeta.source).toContain("regions.sources.md");
    const META = "data/reference/regions.meta.yaml";
    expect(() => extract(withFiles(inputs, { [META]: null }), silentContext)).toThrow(
      /data\/reference\/regions\.meta\.yaml: \(file\): missing reference file \[missing-file\]/,
    );
    const bad = inputs.files.get(META)!.replace('as_of: "2025-09"', 'as_of: "Sept 2025"');
    expect(() => extract(withFiles(inputs, { [META]: bad }), silentContext)).toThrow(
      /regions\.meta\.yaml:\d+: as_of: expected YYYY-MM or YYYY-MM-DD, got "Sept 2025" \[schema\]/,
    );
  });

  it("requires the catalog file", () => {
    expect(() => extract(withFiles(inputs, { [FILE]: null }), silentContext)).toThrow(
      /data\/reference\/regions\.csv: \(file\): missing region catalog \[missing-file\]/,
    );
  });
});
