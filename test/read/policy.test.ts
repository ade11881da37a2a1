/**
 * The read edge's policy on an untrusted data folder: links out of it are not followed (a test
 * proves no command prints what they point to), special and hidden files are reported, bytes that
 * are not UTF-8 are refused with file, line and byte offset, the SHA-256 is of the bytes
 * (`sha256sum`'s), and a byte-order mark is dropped in every format alike.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { msg } from "../../pipeline/messages.ts";
import { readInputs } from "../../pipeline/read/inputs.ts";
import { decodeUtf8, firstInvalidByte } from "../../pipeline/read/utf8.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { copyData, runCli, tempDir } from "../helpers.ts";

const SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const FIX = "fixtures/dual-ai-stack-article.yaml";
const ARTICLE = "sources/dual-ai-stack-article.txt";

/** A secret outside the data folder: a file, and a folder holding a fixture-like file. */
function secrets(): { file: string; dir: string } {
  const dir = tempDir("secret");
  const file = path.join(dir, "secret.yaml");
  writeFileSync(file, `${SECRET}\nquote: "${SECRET}"\n`);
  mkdirSync(path.join(dir, "folder"));
  writeFileSync(path.join(dir, "folder", "x.yaml"), `document_id: ${SECRET}\n`);
  return { file, dir: path.join(dir, "folder") };
}

/** The issues the read edge returns for a data folder (relative to its parent, as the CLI names them). */
function readIssues(dir: string, data: string) {
  return (readInputs(data, dir).issues ?? []).map((i) => `${i.file}: ${i.rule}`);
}

/** Runs `--check` and the pipeline (into a new folder) on `data`; returns both results. */
async function bothCommands(dir: string, data: string) {
  const check = await runCli(["--data", data, "--check"]);
  const run = await runCli(["--data", data, "--out", path.join(dir, "out")]);
  return { check, run };
}

describe("links out of the data folder are not followed", () => {
  it("a fixture linked to a file outside: both commands exit 1, name the link, and print nothing of the file", async () => {
    const { dir, data } = copyData();
    const s = secrets();
    symlinkSync(s.file, path.join(data, "fixtures", "extra.yaml"));
    // and a quote-offset error pointing into a linked "article" (the leak the issue describes)
    rmSync(path.join(data, ARTICLE));
    symlinkSync(s.file, path.join(data, ARTICLE));
    expect(readIssues(dir, data)).toEqual([
      "data/fixtures/extra.yaml: outside-data",
      "data/sources/dual-ai-stack-article.txt: outside-data",
    ]);
    const { check, run } = await bothCommands(dir, data);
    for (const r of [check, run]) {
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).not.toContain("wJalrXUtnFEMI");
      expect(r.stderr).toContain(`data/fixtures/extra.yaml: (file): ${msg.linkOutside()} [outside-data]`);
      expect(r.stderr).toContain(`data/sources/dual-ai-stack-article.txt: (file): ${msg.linkOutside()} [outside-data]`);
    }
  });

  it("a folder linked outside (fixtures/ itself, or a folder inside it) is not read", async () => {
    const { dir, data } = copyData();
    const s = secrets();
    symlinkSync(s.dir, path.join(data, "fixtures", "more"));
    expect(readIssues(dir, data)).toEqual(["data/fixtures/more: outside-data"]);
    rmSync(path.join(data, "sources"), { recursive: true });
    symlinkSync(s.dir, path.join(data, "sources"));
    expect(readIssues(dir, data)).toEqual(["data/fixtures/more: outside-data", "data/sources: outside-data"]);
    const { check, run } = await bothCommands(dir, data);
    for (const r of [check, run]) {
      expect(r.status).toBe(1);
      expect(r.stdout + r.stderr).not.toContain("wJalrXUtnFEMI");
    }
  });

  it("a link to a process's environment (/proc/self/environ) is refused before it is opened", () => {
    const { dir, data } = copyData();
    symlinkSync("/proc/self/environ", path.join(data, "fixtures", "env.yaml"));
    expect(readIssues(dir, data)).toEqual(["data/fixtures/env.yaml: outside-data"]);
  });

  it("a link that stays inside the data folder is read like the file it points to; a broken one is reported", () => {
    const { dir, data } = copyData();
    symlinkSync(path.join("..", "reference", "regions.csv"), path.join(data, "sources", "copy.txt"));
    symlinkSync("nowhere.yaml", path.join(data, "fixtures", "gone.yaml"));
    const inputs = readInputs(data, dir);
    expect(inputs.files.get("data/sources/copy.txt")).toBe(readFileSync(path.join(data, "reference", "regions.csv"), "utf8"));
    expect(inputs.issues).toEqual([{ file: "data/fixtures/gone.yaml", path: "(file)", rule: "broken-link", message: msg.brokenLink() }]);
  });

  it("the data folder given as a link is read where it points (the boundary is its real path)", () => {
    const { dir, data } = copyData();
    symlinkSync(data, path.join(dir, "alias"));
    const inputs = readInputs(path.join(dir, "alias"), dir);
    expect(inputs.issues).toEqual([]);
    expect(inputs.files.size).toBe(readInputs(data, dir).files.size);
  });
});

describe("special and hidden entries are reported, not skipped", () => {
  it("a named pipe, a folder and hidden files in the data folder: one issue each, and nothing opened (a pipe would block)", () => {
    const { dir, data } = copyData();
    execFileSync("mkfifo", [path.join(data, "fixtures", "pipe.yaml")]);
    mkdirSync(path.join(data, "sources", "drafts"));
    writeFileSync(path.join(data, "fixtures", ".dual-ai-stack-article.yaml.swp"), "x");
    writeFileSync(path.join(data, "reference", ".hidden.yaml"), "x");
    symlinkSync("pipe.yaml", path.join(data, "fixtures", "to-pipe.yaml"));
    expect(readInputs(data, dir).issues).toEqual([
      { file: "data/fixtures/.dual-ai-stack-article.yaml.swp", path: "(file)", rule: "hidden-file", message: msg.hiddenFile() },
      { file: "data/fixtures/pipe.yaml", path: "(file)", rule: "not-a-file", message: msg.notARegularFile("a named pipe", false) },
      { file: "data/fixtures/to-pipe.yaml", path: "(file)", rule: "not-a-file", message: msg.notARegularFile("a named pipe", true) },
      { file: "data/reference/.hidden.yaml", path: "(file)", rule: "hidden-file", message: msg.hiddenFile() },
      { file: "data/sources/drafts", path: "(file)", rule: "not-a-file", message: msg.notARegularFile("a folder", false) },
    ]);
  });

  it("a fixture that became a folder fails the run (exit 1) instead of publishing no facts", async () => {
    const { dir, data } = copyData();
    rmSync(path.join(data, FIX));
    mkdirSync(path.join(data, FIX));
    const { check, run } = await bothCommands(dir, data);
    expect([check.status, run.status]).toEqual([1, 1]);
    expect(check.stderr).toContain(`dual-ai-stack-article.yaml: (file): ${msg.notARegularFile("a folder", false)} [not-a-file]`);
  });
});

describe("bytes: UTF-8 or a refusal naming the first bad byte; the hash is of the bytes", () => {
  it.each([
    ["a lone 0xFF", Buffer.from("ab\ncd\xff", "latin1"), 5, 2, 0xff],
    ["a sequence cut short at the end", Buffer.concat([Buffer.from("x\ny\nz"), Buffer.from([0xe2, 0x82])]), 5, 3, 0xe2],
    ["an overlong form of '/'", Buffer.from([0x61, 0xc0, 0xaf]), 1, 1, 0xc0],
    ["an encoded surrogate", Buffer.concat([Buffer.from("é\n"), Buffer.from([0xed, 0xa0, 0x80])]), 3, 2, 0xed],
    ["a code point above U+10FFFF", Buffer.from([0xf4, 0x90, 0x80, 0x80]), 0, 1, 0xf4],
  ])("%s: offset %i, line %i", (_name, bytes, offset, line, byte) => {
    expect(firstInvalidByte(bytes)).toBe(offset);
    expect(decodeUtf8(bytes)).toEqual({ ok: false, offset, line, byte });
  });

  it("valid UTF-8 of every length decodes, and a leading BOM is dropped", () => {
    expect(decodeUtf8(Buffer.from("\ufeffa é € 🙂"))).toEqual({ ok: true, text: "a é € 🙂" });
    expect(firstInvalidByte(Buffer.from("a é € 🙂 \u{10ffff}"))).toBe(-1);
  });

  it("invalid UTF-8 in a data file fails both commands with its file, line and byte offset", async () => {
    const { dir, data } = copyData();
    const file = path.join(data, "reference", "sources.yaml");
    const text = readFileSync(file);
    const at = text.indexOf("\n", 10) + 3;
    writeFileSync(file, Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at)]));
    const line = text.subarray(0, at).toString().split("\n").length;
    const { check, run } = await bothCommands(dir, data);
    const expected = `data/reference/sources.yaml:${line}: (file): ${msg.notUtf8(at, line, 0xc3)} [utf-8]`;
    for (const r of [check, run]) {
      expect(r.status).toBe(1);
      expect(r.stderr.split("\n").some((l) => l.endsWith(expected))).toBe(true);
    }
  });

  it("the SHA-256 in the sha256 message is sha256sum's, BOM included", async () => {
    const { dir, data } = copyData();
    const article = path.join(data, ARTICLE);
    writeFileSync(article, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(article), Buffer.from("\n")]));
    const sum = spawnSync("sha256sum", [article], { encoding: "utf8" }).stdout.split(" ")[0]!;
    expect(sum).toMatch(/^[0-9a-f]{64}$/);
    expect(readInputs(data, dir).facts?.get(`data/${ARTICLE}`)?.sha256).toBe(sum);
    const r = await runCli(["--data", data, "--check"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`has sha256 ${sum}, but`);
  });
});

describe("a byte-order mark is handled alike in every format", () => {
  it.each([
    ["a YAML fixture", FIX],
    ["a reference YAML file", "reference/providers.yaml"],
    ["the region catalog (CSV)", "reference/regions.csv"],
    ["a metadata file", "sources/dual-ai-stack-article.meta.yaml"],
  ])("%s with a BOM reads as without one", (_name, file) => {
    const { dir, data } = copyData();
    const full = path.join(data, file);
    const before = readFileSync(full, "utf8");
    writeFileSync(full, `\ufeff${before}`);
    const inputs = readInputs(data, dir);
    expect(inputs.files.get(`data/${file}`)).toBe(before);
    expect(extract(inputs, silentContext).claims.length).toBeGreaterThan(60);
  });

  it("a JSON Lines fixture and a JSON metadata file with a BOM are read like their YAML twins", () => {
    const { dir, data } = copyData();
    writeFileSync(path.join(data, "fixtures", "extra.jsonl"), '\ufeff{"document_id": "dual-ai-stack-article"}\n');
    const inputs = readInputs(data, dir);
    expect(inputs.files.get("data/fixtures/extra.jsonl")).toBe('{"document_id": "dual-ai-stack-article"}\n');
    expect(inputs.issues).toEqual([]);
  });
});

describe("messages are terminal-safe: one problem per line, control characters escaped", () => {
  it("file names and values with newlines and escape sequences are shown escaped, each problem on its own line", async () => {
    const { dir, data } = copyData();
    writeFileSync(path.join(data, "fixtures", "evil\nname\u001b[2J.txt"), "x");
    writeFileSync(path.join(data, "fixtures", ".\u001b]0;title\u0007"), "x");
    const fix = path.join(data, FIX);
    writeFileSync(fix, readFileSync(fix, "utf8").replace("subject: Amazon\n", 'subject: "Ama\u0085zon\u2028"\n'));
    const r = await runCli(["--data", data, "--check"]);
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    for (const c of ["\u001b", "\u0007", "\u0085", "\u2028"]) expect(r.stderr).not.toContain(c);
    expect(lines).toContain(
      `${path.relative(process.cwd(), path.join(data, "fixtures"))}/evil\\nname\\u001b[2J.txt: (file): ${msg.notAFixture()} [not-a-fixture]`,
    );
    expect(lines.some((l) => l.includes("fixtures/.\\u001b]0;title\\u0007: (file): "))).toBe(true);
    // the header, one line per problem, and the closing line
    expect(lines.length).toBe(Number(/(\d+) problems?/.exec(lines[0]!)?.[1]) + 2);
    expect(lines.some((l) => l.includes('unknown subject "Ama\\u0085zon\\u2028"'))).toBe(true);
    void dir;
  });
});

describe("a parser's message quotes at most a bounded excerpt of the input", () => {
  it("a JSON Lines line of 100 000 characters that is not JSON: the message stays under 300 characters", async () => {
    const { data } = copyData();
    writeFileSync(path.join(data, "fixtures", "bulk.jsonl"), `{"document_id": "fierce-dual-ai-stack"}\n{"id": "${"s".repeat(100_000)}\n`);
    const r = await runCli(["--data", data, "--check"]);
    expect(r.status).toBe(1);
    const line = r.stderr.split("\n").find((l) => l.includes("bulk.jsonl:2:"))!;
    expect(line).toContain("[jsonl-syntax]");
    expect(line.length).toBeLessThan(300 + path.relative(process.cwd(), data).length);
  });
});

const canDropPrivileges =
  process.getuid?.() === 0 && spawnSync("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", "--", "true"]).status === 0;

describe.skipIf(!canDropPrivileges)("unreadable inputs, as root and as a user without privileges (nobody)", () => {
  it("a folder and a file the user cannot read: reported as [unreadable] (exit 1, no stack trace) as nobody; read as root", async () => {
    const { dir, data } = copyData();
    execFileSync("chmod", ["-R", "a+rX", dir]);
    execFileSync("chmod", ["0700", path.join(data, "sources")]);
    execFileSync("chmod", ["0600", path.join(data, FIX)]);
    // As nobody: a new process (the user is a process's); as root: this process (it is root), the same `main`.
    const nobody = spawnSync(
      "setpriv",
      [
        ...["--reuid", "65534", "--regid", "65534", "--clear-groups", "--", process.execPath],
        ...["--import", "tsx", path.join(process.cwd(), "pipeline", "cli.ts"), "--data", data, "--check"],
      ],
      { cwd: process.cwd(), encoding: "utf8", env: { ...process.env, HOME: "/tmp" } },
    );
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain(`data/sources: (file): ${msg.unreadableFile("EACCES")} [unreadable]`);
    expect(nobody.stderr).toContain(`data/${FIX}: (file): ${msg.unreadableFile("EACCES")} [unreadable]`);
    expect(nobody.stderr).not.toMatch(/^\s+at /m);
    expect((await runCli(["--data", data, "--check"])).status).toBe(0);
  }, 120_000);
});
