import { describe, expect, it } from "vitest";
import { HELP, UsageError, helpText, parseCli } from "../../tools/cli.ts";

const SPEC = {
  command: "npm run x --",
  positionals: "FILE...",
  about: "Does x.",
  options: {
    ...HELP,
    out: { type: "string", value: "DIR", description: "where to write" },
    tag: { type: "string", multiple: true, description: "a tag" },
  },
  notes: ["example: npm run x -- a.txt"],
} as const;

describe("tools' command lines", () => {
  it("prints every option on one line, from the table that is parsed", () => {
    expect(helpText(SPEC)).toBe(
      [
        "usage: npm run x -- [options] FILE...",
        "",
        "Does x.",
        "",
        "options:",
        "  -h, --help   print this help and exit",
        "  --out DIR    where to write",
        "  --tag VALUE  a tag (repeatable)",
        "",
        "example: npm run x -- a.txt",
      ].join("\n"),
    );
  });

  it("parses the options and positionals, and turns a bad option into a UsageError", () => {
    const { values, positionals } = parseCli(SPEC, ["a.txt", "--out", "o", "--tag", "p", "--tag=q", "b.txt"]);
    expect({ ...values }).toEqual({ out: "o", tag: ["p", "q"] });
    expect(positionals).toEqual(["a.txt", "b.txt"]);
    expect(() => parseCli(SPEC, ["--nope"])).toThrow(UsageError);
    expect(() => parseCli(SPEC, ["--nope"])).toThrow(/Unknown option '--nope'.*\(--help lists the options\)$/);
    expect(() => parseCli({ command: "y", about: "", options: HELP }, ["stray"])).toThrow(UsageError);
  });
});
