/** The report's input from the bundled data, shared by the report's tests. */
import { chartsFromFiles, loadReportAssets, reportContext, type ReportChart, type ReportInput } from "../../pipeline/report/index.ts";
import { renderCharts } from "../../pipeline/charts/index.ts";
import { silentContext } from "../../pipeline/stages/context.ts";
import type { EnrichedTables } from "../../pipeline/stages/enrich.ts";
import { extract } from "../../pipeline/stages/extract.ts";
import { realInputs, realTables } from "../helpers.ts";

export const assets = loadReportAssets();
export const context = reportContext(realInputs(), extract(realInputs(), silentContext));

export const INJECTION = `</script><script>alert(1)</script><img src=x onerror="alert(2)"> & “quoted”`;

/**
 * The real tables with hostile text in a quote, two notes and a provider's name. synergy-share-aws is
 * the 100th fact, so its row is one the report holds back in the facts table's <template>.
 */
export function hostileTables(): EnrichedTables {
  const t = realTables();
  return {
    ...t,
    facts: t.facts.map((f) =>
      f.fact_id === "gartner-share-aws"
        ? { ...f, quote: INJECTION, note: INJECTION }
        : f.fact_id === "synergy-share-aws"
          ? { ...f, note: INJECTION }
          : f,
    ),
    providers: t.providers.map((p) => (p.provider_id === "oracle" ? { ...p, provider_id: "oracle", provider_name: INJECTION } : p)),
  };
}

/** The charts of the real tables and of the hostile ones, rendered once for every test. */
export const REAL_CHARTS = chartsFromFiles(await renderCharts(realTables()));
export const HOSTILE_CHARTS = chartsFromFiles(await renderCharts(hostileTables()));

/** The report's input for some tables, with the charts of the real tables unless others are given. */
export function reportInput(tables: EnrichedTables = realTables(), charts: ReportChart[] = REAL_CHARTS): ReportInput {
  return { tables, charts, version: "0.0.0-test", assets, ...context };
}
