/**
 * The unit project's setup file (vitest.config.ts). Many unit tests run the pipeline in process on
 * the bundled data, or on it with one file changed: each run parsed every YAML file again and drew
 * every chart again. Here the pipeline's YAML parser and SVG renderer are the real ones behind a
 * memo (test/support/memo.ts), so that a text or a spec met before gives the first call's result.
 * test/read/yaml.test.ts and test/charts/render.test.ts test the modules themselves (vi.importActual).
 */
import { vi } from "vitest";

vi.mock("../../pipeline/read/yaml.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../pipeline/read/yaml.ts")>();
  const { memoParseYaml } = await import("./memo.ts");
  return { ...real, parseYaml: memoParseYaml(real.parseYaml) };
});

vi.mock("../../pipeline/charts/render.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../pipeline/charts/render.ts")>();
  const { memoRenderSvg } = await import("./memo.ts");
  return { ...real, renderSvg: memoRenderSvg(real.renderSvg) };
});
