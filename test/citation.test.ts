/** The project's licence and citation files: in step with package.json and with what the data package says. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "./helpers.ts";

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { name: string; version: string; license: string };
const cff = parse(read("CITATION.cff")) as Record<string, unknown> & {
  authors: Array<{ name: string }>;
  references: Array<{ type: string; title: string; authors: Array<{ name: string }>; year: number; notes: string }>;
};

describe("licence and citation", () => {
  it("licenses the code under MIT, as package.json says", () => {
    expect(pkg.license).toBe("MIT");
    expect(read("LICENSE").split("\n")[0]).toBe("MIT License");
  });

  it("has a CITATION.cff in CFF 1.2.0 with the package's version and licence", () => {
    expect(cff["cff-version"]).toBe("1.2.0");
    expect(cff["type"]).toBe("software");
    expect([cff["version"], cff["license"]]).toEqual([pkg.version, pkg.license]);
    // CFF 1.2.0 allows these top-level keys only, and requires the first four.
    const allowed = ["authors", "cff-version", "message", "title", "abstract", "keywords", "license", "references", "type", "version"];
    expect(Object.keys(cff).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(cff.authors).toEqual([{ name: "the cloud-market-atlas contributors" }]);
  });

  it("cites the article with what is known of it, and says what is not", () => {
    expect(cff.references).toHaveLength(1);
    const [article] = cff.references;
    expect([article!.type, article!.authors, article!.year]).toEqual(["article", [{ name: "Fierce Network" }], 2025]);
    expect(article!.title.startsWith("[Title unknown]")).toBe(true);
    const meta = parse(read("data/sources/dual-ai-stack-article.meta.yaml")) as {
      title: null;
      url: null;
      author: null;
      date_approx: string;
    };
    expect([meta.title, meta.url, meta.author, meta.date_approx]).toEqual([null, null, null, "2025-H2"]);
  });
});
