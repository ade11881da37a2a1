/** The project's own package.json (beside pipeline/, whatever the working directory): name and version. */
import { readFileSync } from "node:fs";

export function projectPackage(): { name: string; version: string } {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };
}
