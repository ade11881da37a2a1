import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/basics.ts";

describe("schema modules under Deno", () => {
  it("validate the bundled fixtures with deno from npm", () => {
    const r = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "deno"),
      ["run", "--allow-read", "--allow-env", "test/deno/validate-fixtures.ts"],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } },
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stdout).toMatch(/^deno 2\.\d+\.\d+: 113 claims valid, \d+ table schemas loaded, 0 problems$/m);
    expect(r.status).toBe(0);
  });
});
