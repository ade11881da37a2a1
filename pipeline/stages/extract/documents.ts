/**
 * The source documents (data/sources/): each metadata file (`.meta.yaml` as people write it,
 * `.meta.json` for machine-written bulk sources) validated, its text found and its SHA-256 checked.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { msg } from "../../messages.ts";
import type { Inputs } from "../../read/inputs.ts";
import { parseJson } from "../../read/json.ts";
import { parseYaml } from "../../read/yaml.ts";
import { DocumentMeta } from "../../schema/inputs.ts";
import { validate, type Issues } from "./issues.ts";

export interface SourceDocument {
  meta: DocumentMeta;
  /** Path of the text file relative to the project root. */
  path: string;
  text: string;
  sha256: string;
  /** The metadata file that describes it. */
  metaFile?: string;
}

/**
 * The line of a metadata file's document_id, for a message about the document. Found when a message
 * needs it, not for every document: a `.meta.json` file's lines come from parsing it again as YAML.
 */
export function documentIdLine(file: string, text: string): number | undefined {
  const { parsed } = file.endsWith(".json") ? parseJson(file, text) : parseYaml(file, text);
  return parsed?.lineAt(["document_id"]);
}

export interface CheckedDocuments {
  documents: SourceDocument[];
  /** A metadata file failed to validate: the document a fixture names may be the one it describes. */
  metaFailed: boolean;
}

export function checkDocuments(inputs: Inputs, out: Issues): CheckedDocuments {
  const sources = path.join(inputs.dataDir, "sources");
  const documents: SourceDocument[] = [];
  let metaFailed = false;
  const describedBy = new Map<string, string>();
  for (const [file, text] of inputs.files) {
    if (!file.startsWith(sources + path.sep) || !(file.endsWith(".meta.yaml") || file.endsWith(".meta.json"))) continue;
    const { parsed, issues } = file.endsWith(".json") ? parseJson(file, text) : parseYaml(file, text);
    out.addAll(issues);
    const meta = parsed && validate(parsed, DocumentMeta, parsed.value, [], "", out);
    if (!parsed || !meta) {
      metaFailed = true;
      continue;
    }
    const other = describedBy.get(meta.document_id);
    if (other !== undefined) {
      out.add(file, parsed.lineAt(["document_id"]), "document_id", "duplicate-document", msg.duplicateDocument(meta.document_id, other));
      continue;
    }
    describedBy.set(meta.document_id, file);
    const docPath = path.join(sources, meta.file);
    const docText = inputs.files.get(docPath);
    if (docText === undefined) {
      out.add(file, parsed.lineAt(["file"]), "file", "missing-file", msg.missingFile(`source document ${docPath}`));
      continue;
    }
    // The hash of the file's bytes as read (`sha256sum`'s); a text a test passes in is hashed as UTF-8.
    const actual = inputs.facts?.get(docPath)?.sha256 ?? createHash("sha256").update(docText, "utf8").digest("hex");
    if (actual !== meta.sha256) out.add(docPath, undefined, "(file)", "sha256", msg.sha256Mismatch(docPath, meta.sha256, actual));
    documents.push({ meta, path: docPath, text: docText, sha256: actual, metaFile: file });
  }
  return { documents, metaFailed };
}
