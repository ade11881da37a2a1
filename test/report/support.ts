/** The report's input from the bundled data, shared by the report's tests. */
import { chartsFromFiles, loadReportAssets, reportContext, type ReportInput } from "../../pipeline/report/index.ts";
import { renderCharts } from "../../pipeline/stages/charts.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import type { EnrichedTables } from "../../pipeline/stages/enrich.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { realInputs, realTables } from "../helpers.ts";

export const assets = loadReportAssets();
export const context = reportContext(realInputs(), extract(realInputs(), silentContext));

/** The report's input for some tables (charts rendered from the same tables). */
export function reportInput(tables: EnrichedTables = realTables()): ReportInput {
  return { tables, charts: chartsFromFiles(renderCharts(tables)), version: "0.0.0-test", assets, ...context };
}

export const INJECTION = `</script><script>alert(1)</script><img src=x onerror="alert(2)"> & “quoted”`;

/** The real tables with hostile text in a quote, a note and a provider's name. */
export function hostileTables(): EnrichedTables {
  const t = realTables();
  return {
    ...t,
    facts: t.facts.map((f) => (f.fact_id === "gartner-share-aws" ? { ...f, quote: INJECTION, note: INJECTION } : f)),
    providers: t.providers.map((p) => (p.provider_id === "oracle" ? { ...p, provider_id: "oracle", provider_name: INJECTION } : p)),
  };
}
