/**
 * The unit project's setup file (vitest.config.ts). Many unit tests run the pipeline in process on
 * the bundled data, or on it with a file or two changed: each run parsed every YAML file and the
 * region catalog again and drew every chart again. Here the pipeline's YAML and catalog parsers
 * and its SVG renderer are the real ones behind a memo (test/support/memo.ts), so that a text or a
 * spec met before gives the first call's result. The modules' own tests (test/read/yaml.test.ts,
 * test/read/catalog-csv.test.ts, test/charts/render.test.ts) take the modules themselves
 * (vi.importActual).
 */
import { vi } from "vitest";

vi.mock("../../pipeline/read/yaml.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../pipeline/read/yaml.ts")>();
  const { memoParseYaml } = await import("./memo.ts");
  return { ...real, parseYaml: memoParseYaml(real.parseYaml) };
});

vi.mock("../../pipeline/read/catalog-csv.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../pipeline/read/catalog-csv.ts")>();
  const { memoParseCatalogCsv } = await import("./memo.ts");
  return { ...real, parseCatalogCsv: memoParseCatalogCsv(real.parseCatalogCsv) };
});

vi.mock("../../pipeline/charts/render.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../pipeline/charts/render.ts")>();
  const { memoRenderSvg } = await import("./memo.ts");
  return { ...real, renderSvg: memoRenderSvg(real.renderSvg) };
});
