/**
 * Stage 1 — extract: the input files' texts (pipeline/read/inputs.ts reads them) → the validated
 * reference data, documents and claims, collecting every problem before failing.
 *
 * Pure: parsing is the read edge's parsers (pipeline/read/), each input kind is checked by its own
 * module (./extract/): the reference files and the region catalog, the source documents, the
 * fixtures' claims, and the shares that must sum to at most 100%.
 */
import path from "node:path";
import { PipelineError } from "../errors.ts";
import { msg } from "../messages.ts";
import type { Inputs } from "../read/inputs.ts";
import type { CatalogRegion } from "../schema/catalog.ts";
import type {
  CatalogMeta,
  EntitiesFile,
  GeographyFile,
  MacroGeo,
  MeasuresFile,
  ProviderRef,
  RegionList,
  SourceRef,
} from "../schema/inputs.ts";
import type { SeriesPreferences } from "../schema/citations.ts";
import { checkCitations, checkPreferences, type CitedFact } from "./extract/citations.ts";
import { checkClaims, type Claim } from "./extract/claims.ts";
import { checkDocuments, documentIdLine, type SourceDocument } from "./extract/documents.ts";
import { Issues } from "./extract/issues.ts";
import { checkReference } from "./extract/reference.ts";
import { checkShareSums } from "./extract/shares.ts";
import type { StageContext } from "./context.ts";

export interface Extracted {
  documents: SourceDocument[];
  claims: Claim[];
  providers: ProviderRef[];
  providersMeta: { as_of: string; source: string };
  sources: SourceRef[];
  measures: MeasuresFile;
  entities: EntitiesFile;
  geography: GeographyFile;
  /** Country code → macro-region, for every ISO 3166-1 alpha-2 code world-countries knows. */
  countryMacro: ReadonlyMap<string, MacroGeo>;
  /** The region catalog (data/reference/regions.csv), validated, each row with its macro-region. */
  catalog: CatalogRegion[];
  /** What the catalog describes, as of when (data/reference/regions.meta.yaml). */
  catalogMeta: CatalogMeta;
  /** The providers' published region lists (data/reference/region-lists.yaml; empty without it). */
  regionLists: RegionList[];
  /** The cited figures (data/citations/), each with its page and the figure as printed. */
  citations: CitedFact[];
  /** Which report of a figure the series keeps, per firm (data/reference/series-preferences.yaml). */
  seriesPreferences: SeriesPreferences;
}

/** Validate everything; throws one PipelineError listing every problem. */
export function extract(inputs: Inputs, ctx: StageContext): Extracted {
  const out = new Issues();
  // What the read edge refused (links out of the data folder, special files, bytes that are not UTF-8) comes first.
  out.addAll(inputs.issues ?? []);
  const ref = checkReference(inputs, out);
  const { documents, metaFailed } = checkDocuments(inputs, out);
  const quoted = { documents: new Set<string>(), unreadable: false };
  const claims = checkClaims(inputs, ref, documents, metaFailed, out, quoted);
  // A document with metadata must be quoted: a fixture that vanished must not publish an empty dataset.
  // Not said when a fixture could not be read (it may be the one that quotes it).
  const fixtures = path.join(inputs.dataDir, "fixtures") + path.sep;
  if (!quoted.unreadable && !out.list.some((i) => i.file.startsWith(fixtures)))
    for (const doc of documents)
      if (!quoted.documents.has(doc.meta.document_id))
        out.add(
          doc.metaFile ?? doc.path,
          doc.metaFile === undefined ? undefined : documentIdLine(doc.metaFile, inputs.files.get(doc.metaFile)!),
          "document_id",
          "document-without-claims",
          msg.documentWithoutClaims(doc.meta.document_id),
        );
  checkShareSums(claims, out);
  const citations = checkCitations(inputs, ref, out);
  const seriesPreferences = checkPreferences(inputs, ref, out);

  const { providers, sources, measures, entities, geography, catalogMeta } = ref;
  if (out.list.length > 0 || !providers || !sources || !measures || !entities || !geography || !catalogMeta || !seriesPreferences)
    throw new PipelineError("extract", out.list);
  ctx.log(`extract: ${claims.length} claims from ${documents.length} document(s), ${citations.length} cited figures`);
  return {
    documents,
    claims,
    providers: providers.providers,
    providersMeta: { as_of: providers.as_of, source: providers.source },
    sources: sources.sources,
    measures,
    entities,
    geography,
    countryMacro: ref.countryMacro,
    catalog: ref.catalog,
    catalogMeta,
    regionLists: ref.regionLists,
    citations,
    seriesPreferences,
  };
}
