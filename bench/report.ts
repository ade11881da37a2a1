/**
 * The bench's figures as Markdown tables, each bound next to the figure it is read from. The bounds
 * are reported, never asserted: a bench on a shared machine is a measurement, not a test.
 */
import type { ColdResult } from "./cold.ts";
import type { ScalePoint } from "./series.ts";

export interface BenchResult {
  started: string;
  quick: boolean;
  machine: Record<string, string | number>;
  cold: ColdResult;
  scales: ScalePoint[];
}

export interface BoundCheck {
  bound: string;
  figure: string;
  /** null: the scale was not run (--quick, --max). */
  met: boolean | null;
}

/** The issue's bounds: 10⁵ facts within 2× DuckDB on the same work; 10⁶ under 2 GiB and 30 s. */
export function checkBounds(scales: readonly ScalePoint[]): BoundCheck[] {
  const at = (n: number) => scales.find((p) => p.facts === n);
  const e5 = at(1e5);
  const e6 = at(1e6);
  const notRun = (bound: string): BoundCheck => ({ bound, figure: "not run", met: null });
  const slowest = e6 ? Math.max(...e6.runs.map((r) => r.ms.total)) : 0;
  return [
    e5
      ? { bound: "10⁵ facts: ours within 2× DuckDB on the same work", figure: `×${e5.duckdbRatio.toFixed(2)}`, met: e5.duckdbRatio <= 2 }
      : notRun("10⁵ facts: ours within 2× DuckDB on the same work"),
    e6
      ? {
          bound: "10⁶ facts: peak RSS under 2 GiB",
          figure: `${e6.peakRssMiB} MiB (highest of ${e6.runs.length} runs)`,
          met: e6.peakRssMiB < 2048,
        }
      : notRun("10⁶ facts: peak RSS under 2 GiB"),
    e6
      ? {
          bound: "10⁶ facts: end to end under 30 s",
          figure: `${sec(slowest)} s (slowest of ${e6.runs.length} runs)`,
          met: slowest < 30_000,
        }
      : notRun("10⁶ facts: end to end under 30 s"),
  ];
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const sec = (ms: number) => (ms / 1000).toFixed(2);

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(" | ")} |`;
  return [
    line(head),
    `|${w.map((n, i) => (i === 0 ? ` ${"-".repeat(n)} ` : ` ${"-".repeat(n - 1)}: `)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

export function report(r: BenchResult): string {
  const m = r.machine;
  const c = r.cold;
  return [
    `Machine: ${m["cpu"]}, ${m["cores"]} cores, ${m["memoryGiB"]} GiB, ${m["os"]}, Node ${m["node"]}, commit ${m["commit"]}, load ${m["loadAverage1m"]} at the start${r.quick ? " (--quick)" : ""}`,
    "",
    `## \`npm run pipeline\` on the bundled data (${c.runs} run${c.runs === 1 ? "" : "s"})`,
    "",
    `Wall ${f0(c.wallMs.median)} ms (${f0(c.wallMs.min)}–${f0(c.wallMs.max)}), peak RSS ${c.peakRssMiB === null ? "–" : `${c.peakRssMiB} MiB`}.`,
    "",
    "## Synthetic facts through extract → normalize → series → enrich → export (medians, seconds)",
    "",
    table(
      [
        "facts",
        "runs",
        "extract",
        "normalize",
        "series",
        "enrich",
        "export",
        "end to end",
        "CPU s",
        "peak RSS MiB",
        "peak in",
        "DuckDB load + SQL",
        "ours ÷ DuckDB",
        "DuckDB agrees",
      ],
      r.scales.map((p) => [
        String(p.facts),
        String(p.runs.length),
        sec(p.ms.extract.median),
        sec(p.ms.normalize.median),
        sec(p.ms.series.median),
        sec(p.ms.enrich.median),
        sec(p.ms.export.median),
        `${sec(p.ms.total.median)} (${sec(p.ms.total.min)}–${sec(p.ms.total.max)})`,
        sec(p.cpuMs.total.median),
        String(p.peakRssMiB),
        p.peakIn,
        `${sec(p.duckdbMs.median)} (${sec(p.duckdbMs.min)}–${sec(p.duckdbMs.max)})`,
        `×${p.duckdbRatio.toFixed(2)}`,
        p.duckdbAgrees ? "yes" : "NO",
      ]),
    ),
    "",
    "normalize: the article's tables (facts, market_share, share_comparison, concentration); series: the cited",
    "series and the tables derived from them (share_series, share_change, concentration_series, series_gaps,",
    "series_check, series_lineage), which take in every market share. End to end counts both. CPU s: the end to",
    "end's CPU time, every thread (the collector's, DuckDB's), a steadier figure than wall time on a busy machine.",
    "ours ÷ DuckDB: our normalize (the article's tables, the series aside) ÷ DuckDB's load of the same facts and",
    "providers (from the run's Parquet files) plus its SQL for the same three tables, after each run: the two medians.",
    "",
    "## Bounds",
    "",
    table(
      ["bound", "figure", "met"],
      checkBounds(r.scales).map((b) => [b.bound, b.figure, b.met === null ? "–" : b.met ? "met" : "NOT MET"]),
    ),
  ].join("\n");
}
