/**
 * Bad input through the real CLI, on a copy of data/ and a copy of a previous output: the exit code,
 * the report on stderr (no stack trace), and the output folder byte-identical after. The in-process
 * cases are in agreement.test.ts; the shared helpers in support.ts.
 */
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../pipeline/errors.ts";
import { msg } from "../../pipeline/messages.ts";
import { copyData, OUTPUT, ROOT, runCli, snapshot, tempDir } from "../helpers.ts";
import { at, AWS, awsLine, edit, FIX, GARTNER_OVER_100, issue, lineOf, original, REGIONS } from "./support.ts";

describe("bad input through the CLI: exit code, report, no stack trace, outputs untouched", () => {
  // A previous output to protect: a copy of the published one.
  const previous = path.join(tempDir("prev"), "output");
  cpSync(OUTPUT, previous, { recursive: true });
  const before = snapshot(previous);

  /** Runs the CLI on a copy of data/ with `changes` (paths relative to data/). */
  async function runOnCopy(changes: Record<string, string>, args: string[] = []) {
    const { data } = copyData();
    for (const [rel, text] of Object.entries(changes)) writeFileSync(path.join(data, rel), text);
    return {
      data,
      rel: (f: string) => path.relative(ROOT, path.join(data, f)),
      result: await runCli(["--data", data, "--out", previous, ...args]),
    };
  }

  const expectNoStack = (stderr: string) => {
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/node_modules|\.ts:\d+:\d+/);
  };

  it('"38%" as a value: exit 1, one line naming file, line, record, field and rule', async () => {
    const { rel, result } = await runOnCopy({
      "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), AWS, edit(AWS, "value: 38,", 'value: "38%",')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("data", "extract", 1),
      formatIssue(
        issue(rel("fixtures/dual-ai-stack-article.yaml"), awsLine, at("aws-regions", "value"), "schema", msg.expected("a number", "38%")),
      ),
      msg.nothingWritten(),
    ]);
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("malformed YAML and malformed CSV in one run: both reported, exit 1", async () => {
    const yaml = edit(original(FIX), `    quote: "Amazon at 37.7%"\n`, `    quote: "Amazon at 37.7%\n`);
    const csv = `${original(REGIONS)}gcp,"europe-west99\n`;
    const { rel, result } = await runOnCopy({ "fixtures/dual-ai-stack-article.yaml": yaml, "reference/regions.csv": csv });
    expect(result.status).toBe(1);
    const line = lineOf(original(FIX), `    quote: "Amazon at 37.7%"\n`);
    const csvLine = original(REGIONS).split("\n").length;
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      msg.problems("data", "extract", 2),
      formatIssue(
        issue(
          rel("reference/regions.csv"),
          csvLine,
          "(file)",
          "csv-syntax",
          msg.csvSyntax(`Quote Not Closed: the parsing is finished with an opening quote at line ${csvLine}`, csvLine, "region_code"),
        ),
      ),
      formatIssue(
        issue(
          rel("fixtures/dual-ai-stack-article.yaml"),
          line,
          "(file)",
          "yaml-syntax",
          msg.yamlSyntax('Missing closing "quote', line, `    quote: "Amazon at 37.7%`.length + 1),
        ),
      ),
      msg.nothingWritten(),
    ]);
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("--check reports the same problems, exit 1, and writes nothing", async () => {
    const { result } = await runOnCopy(
      { "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), "subject: Google, value: 9,", "subject: Google, value: 40,") },
      ["--check"],
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(GARTNER_OVER_100);
    expectNoStack(result.stderr);
    expect(snapshot(previous)).toEqual(before);
  });

  it("an unknown flag is a usage error: exit 2, the usage line, no stack trace", async () => {
    const result = await runCli(["--ouput", previous]);
    expect(result.status).toBe(2);
    const [first, ...rest] = result.stderr.trimEnd().split("\n");
    expect(first?.startsWith(`usage error: ${msg.badArguments("Unknown option '--ouput'")}`), first).toBe(true);
    expect(rest).toEqual([msg.usage()]);
    expect(snapshot(previous)).toEqual(before);
  });

  it("a data folder that does not exist is a usage error: exit 2", async () => {
    const missing = path.join(tempDir("nodata"), "data");
    const result = await runCli(["--data", missing, "--out", previous]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toEqual([`usage error: ${msg.dataDirMissing(missing)}`, msg.usage()]);
    expect(snapshot(previous)).toEqual(before);
  });

  it("odd Unicode in a bad value comes back quoted and intact", async () => {
    const { result } = await runOnCopy({
      "fixtures/dual-ai-stack-article.yaml": edit(original(FIX), AWS, edit(AWS, "subject: AWS,", 'subject: "AWS\u200b☁",')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(msg.unknownSubject("AWS\u200b☁"));
    expect(snapshot(previous)).toEqual(before);
  });
});
