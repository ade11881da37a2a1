/**
 * The same market-share work done by DuckDB in-process (@duckdb/node-api), on the same synthetic
 * facts, and a check that it agrees with ours.
 *
 *   load     facts + providers from the pipeline's own Parquet output (tables/facts.parquet, providers.parquet)
 *   sql      market_share (share_of_named by a window sum, rank by RANK()), share_comparison (each
 *            firm's latest period × every other firm's, and consecutive periods of one firm), and
 *            concentration (sums, squares, bloc split by a join to providers), each materialized
 *   compare  full outer joins of DuckDB's tables against ours (tables/*.parquet) on the primary key:
 *            rows missing on either side, and values that differ by more than 1e-9
 *
 * Series order: ours orders a firm's series by the firm's position in sources.yaml; the synthetic
 * firms are listed in source_id order, so SQL orders pairs by source_id.
 *
 *   node --import tsx bench/duckdb.ts --dir OUTPUT_DIR   (prints one JSON line)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { HELP, UsageError, helpText, parseCli } from "../tools/cli.ts";

export interface DuckResult {
  threads: number;
  ms: { load: number; market_share: number; share_comparison: number; concentration: number; sql: number };
  rows: { market_share: number; share_comparison: number; concentration: number };
  /** Per table: rows only ours has, rows only DuckDB has, rows whose values differ. */
  agreement: Record<
    "market_share" | "share_comparison" | "concentration",
    { ours: number; duckdb: number; onlyOurs: number; onlyDuckdb: number; differ: number }
  >;
  agrees: boolean;
  peakRssMiB: number;
}

const PKEY = `CREATE MACRO pkey(p) AS CASE
  WHEN p LIKE '____-Q_' THEN substr(p, 1, 5) || lpad(CAST(CAST(substr(p, 7, 1) AS INTEGER) * 3 AS VARCHAR), 2, '0')
  WHEN p LIKE '____-H_' THEN substr(p, 1, 5) || CASE substr(p, 7, 1) WHEN '1' THEN '06' ELSE '12' END
  ELSE p END`;

const MARKET_SHARE = `CREATE TABLE d_market_share AS
  WITH f AS (
    SELECT attributed_to AS source_id, market, period, subject_id AS provider_id, value AS share, fact_id
    FROM facts WHERE measure = 'market_share'
  )
  SELECT source_id, market, period, provider_id, share,
         CASE WHEN sum(share) OVER s > 0 THEN share / sum(share) OVER s ELSE 0 END AS share_of_named,
         rank() OVER (PARTITION BY source_id, market, period ORDER BY share DESC) AS rank,
         fact_id
  FROM f WINDOW s AS (PARTITION BY source_id, market, period)`;

const SHARE_COMPARISON = `CREATE TABLE d_share_comparison AS
  WITH series AS (SELECT DISTINCT source_id, market, period FROM d_market_share),
  latest AS (SELECT source_id, market, arg_max(period, pkey(period)) AS period FROM series GROUP BY source_id, market),
  pairs AS (
    SELECT a.source_id AS sa, a.market AS ma, a.period AS pa, b.source_id AS sb, b.market AS mb, b.period AS pb, 'cross_source' AS comparison
    FROM latest a JOIN latest b ON a.source_id < b.source_id
    UNION ALL
    SELECT source_id, market, prev, source_id, market, period, 'period_over_period'
    FROM (SELECT *, lag(period) OVER (PARTITION BY source_id, market ORDER BY pkey(period)) AS prev FROM series)
    WHERE prev IS NOT NULL
  ),
  pp AS (
    SELECT p.*, m.provider_id FROM pairs p JOIN d_market_share m ON m.source_id = p.sa AND m.market = p.ma AND m.period = p.pa
    UNION
    SELECT p.*, m.provider_id FROM pairs p JOIN d_market_share m ON m.source_id = p.sb AND m.market = p.mb AND m.period = p.pb
  )
  SELECT pp.provider_id, sa AS source_a, sb AS source_b, x.share AS share_a, y.share AS share_b,
         (y.share - x.share) * 100 AS delta_pp, x.rank AS rank_a, y.rank AS rank_b, comparison,
         ma AS market_a, mb AS market_b, pa AS period_a, pb AS period_b,
         x.share_of_named AS share_of_named_a, y.share_of_named AS share_of_named_b,
         (y.share_of_named - x.share_of_named) * 100 AS delta_named_pp, ma = mb AS same_market
  FROM pp
  LEFT JOIN d_market_share x ON x.source_id = sa AND x.market = ma AND x.period = pa AND x.provider_id = pp.provider_id
  LEFT JOIN d_market_share y ON y.source_id = sb AND y.market = mb AND y.period = pb AND y.provider_id = pp.provider_id`;

const CONCENTRATION = `CREATE TABLE d_concentration AS
  SELECT source_id, market, period, sum(share) AS named_total, 1 - sum(share) AS others,
         sum((share * 100) * (share * 100)) AS hhi_named,
         coalesce(sum(share) FILTER (WHERE bloc = 'us_led'), 0) AS us_led_share,
         coalesce(sum(share) FILTER (WHERE bloc = 'china_led'), 0) AS china_led_share,
         count(*) AS providers_named
  FROM d_market_share JOIN providers USING (provider_id)
  GROUP BY source_id, market, period`;

/** Keys and compared values of each table. */
const CHECKS = {
  market_share: { keys: ["source_id", "market", "period", "provider_id"], values: ["share", "share_of_named", "rank"] },
  share_comparison: {
    keys: ["provider_id", "source_a", "source_b", "market_a", "market_b", "period_a", "period_b"],
    values: ["share_a", "share_b", "delta_pp", "rank_a", "rank_b", "share_of_named_a", "delta_named_pp", "comparison"],
  },
  concentration: {
    keys: ["source_id", "market", "period"],
    values: ["named_total", "others", "hhi_named", "us_led_share", "china_led_share", "providers_named"],
  },
} as const;

async function count(con: DuckDBConnection, sql: string): Promise<number> {
  const r = await con.runAndReadAll(sql);
  return Number(r.getRows()[0]?.[0] ?? 0);
}

export async function runDuckdb(outDir: string): Promise<DuckResult> {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  const parquet = (table: string) => `'${path.join(outDir, "tables", `${table}.parquet`).replaceAll("'", "''")}'`;
  const threads = await count(con, "SELECT current_setting('threads')");
  const time = async (sql: string) => {
    const t0 = performance.now();
    await con.run(sql);
    return performance.now() - t0;
  };
  await con.run(PKEY);
  const load =
    (await time(`CREATE TABLE facts AS SELECT * FROM read_parquet(${parquet("facts")})`)) +
    (await time(`CREATE TABLE providers AS SELECT provider_id, bloc FROM read_parquet(${parquet("providers")})`));
  const ms = {
    load,
    market_share: await time(MARKET_SHARE),
    share_comparison: await time(SHARE_COMPARISON),
    concentration: await time(CONCENTRATION),
    sql: 0,
  };
  ms.sql = ms.market_share + ms.share_comparison + ms.concentration;

  const agreement = {} as DuckResult["agreement"];
  for (const [table, { keys, values }] of Object.entries(CHECKS) as Array<[keyof typeof CHECKS, (typeof CHECKS)[keyof typeof CHECKS]]>) {
    await con.run(`CREATE TABLE o_${table} AS SELECT * FROM read_parquet(${parquet(table)})`);
    const on = keys.map((k) => `o.${k} = d.${k}`).join(" AND ");
    const differ = values
      .map((v) =>
        v === "comparison" || v === "rank" || v.startsWith("rank_") || v === "providers_named"
          ? `o.${v} IS DISTINCT FROM d.${v}`
          : `(o.${v} IS NULL) <> (d.${v} IS NULL) OR abs(o.${v} - d.${v}) > 1e-9`,
      )
      .join(" OR ");
    agreement[table] = {
      ours: await count(con, `SELECT count(*) FROM o_${table}`),
      duckdb: await count(con, `SELECT count(*) FROM d_${table}`),
      onlyOurs: await count(con, `SELECT count(*) FROM o_${table} o ANTI JOIN d_${table} d ON ${on}`),
      onlyDuckdb: await count(con, `SELECT count(*) FROM d_${table} d ANTI JOIN o_${table} o ON ${on}`),
      differ: await count(con, `SELECT count(*) FROM o_${table} o JOIN d_${table} d ON ${on} WHERE ${differ}`),
    };
  }
  const rows = {
    market_share: agreement.market_share.duckdb,
    share_comparison: agreement.share_comparison.duckdb,
    concentration: agreement.concentration.duckdb,
  };
  const agrees = Object.values(agreement).every((a) => a.ours === a.duckdb && a.onlyOurs === 0 && a.onlyDuckdb === 0 && a.differ === 0);
  con.closeSync();
  instance.closeSync();
  return { threads, ms, rows, agreement, agrees, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

const CLI = {
  command: "node --import tsx bench/duckdb.ts",
  about:
    "Computes market_share, share_comparison and concentration in DuckDB from an output folder's facts and\nproviders, compares them with the folder's own tables and prints times and agreement as one JSON line.",
  options: { ...HELP, dir: { type: "string", value: "OUTPUT_DIR", description: "the pipeline's output folder (required)" } },
} as const;

async function main(argv: string[]): Promise<void> {
  const { values } = parseCli(CLI, argv);
  if (values.help) {
    console.log(helpText(CLI));
    return;
  }
  if (!values.dir) throw new UsageError("--dir is required (--help lists the options)");
  process.stdout.write(`${JSON.stringify(await runDuckdb(path.resolve(values.dir)))}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`duckdb: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  });
}
