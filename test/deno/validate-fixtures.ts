/**
 * Run by test/deno.test.ts with `deno run --allow-read`: proves the schema modules are
 * Deno-compatible by validating the bundled fixtures and reference data with them under Deno.
 */
import { parse } from "yaml";
import {
  ClaimRecord,
  EntitiesFile,
  FixtureFile,
  GeographyFile,
  MeasuresFile,
  ProvidersFile,
  SourcesFile,
} from "../../pipeline/schema/inputs.ts";
import { TABLES } from "../../pipeline/schema/tables.ts";

declare const Deno: {
  readTextFileSync(p: string): string;
  readDirSync(p: string): Iterable<{ name: string }>;
  exit(code: number): never;
  version: { deno: string };
};

const root = new URL("../../", import.meta.url).pathname;
const read = (p: string) => parse(Deno.readTextFileSync(root + p), { merge: true }) as unknown;
let problems = 0;
const check = (label: string, result: { success: boolean; error?: unknown }) => {
  if (!result.success) {
    problems++;
    console.log(`${label}: ${String(result.error)}`);
  }
};
check("providers", ProvidersFile.safeParse(read("data/reference/providers.yaml")));
check("sources", SourcesFile.safeParse(read("data/reference/sources.yaml")));
check("measures", MeasuresFile.safeParse(read("data/reference/measures.yaml")));
check("entities", EntitiesFile.safeParse(read("data/reference/entities.yaml")));
check("geography", GeographyFile.safeParse(read("data/reference/geography.yaml")));
let claims = 0;
for (const entry of [...Deno.readDirSync(`${root}data/fixtures`)].sort((a, b) => a.name.localeCompare(b.name))) {
  if (!entry.name.endsWith(".yaml")) continue;
  const fixture = FixtureFile.parse(read(`data/fixtures/${entry.name}`));
  for (const c of fixture.claims) {
    check(`${entry.name}: claim ${claims}`, ClaimRecord.safeParse(c));
    claims++;
  }
}
console.log(`deno ${Deno.version.deno}: ${claims} claims valid, ${Object.keys(TABLES).length} table schemas loaded, ${problems} problems`);
Deno.exit(problems === 0 ? 0 : 1);
