// The benchmark's databases: a fresh PostgreSQL database per run (dropped
// after) or an embedded data directory in a temp dir; the registers the
// orders refer to; the bare-INSERT baseline; and the jobs' timings afterwards.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.js';
import { freshPostgresDatabase } from '../../test/helpers/backends.js';
import { BENCH_CONTACT_EMAIL, BENCH_SKUS, BENCH_STORE, orderBody } from './order-body.js';

export type BackendName = 'postgres' | 'embedded';

export interface BenchDatabase {
  kind: BackendName;
  databaseUrl?: string;
  dataDir?: string;
  /** Opens it from this process (migrating it); on embedded only while the server is stopped. */
  open(poolSize?: number): Promise<Database>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(kind: BackendName, baseUrl: string, workDir: string): Promise<BenchDatabase> {
  if (kind === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(workDir, 'embedded-'));
    return { kind, dataDir, open: () => openDatabase({ dataDir }), drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { url: databaseUrl, drop } = await freshPostgresDatabase(baseUrl, 'eo_bench');
  return { kind, databaseUrl, open: (poolSize = 10) => openDatabase({ databaseUrl, poolSize }), drop };
}

/** The contact, store and articles the benchmark orders name, so they resolve as production orders do. */
export async function seedRegisters(database: Database): Promise<void> {
  await sql`INSERT INTO contacts (email, first_name, last_name) VALUES (${BENCH_CONTACT_EMAIL}, 'Anna', 'Andersson')`.execute(database.db);
  await sql`INSERT INTO stores (external_id, name, time_zone, type) VALUES (${BENCH_STORE}, 'Benchmark web shop', 'Europe/Stockholm', 'Ecom')`.execute(
    database.db,
  );
  for (const sku of BENCH_SKUS) {
    await sql`INSERT INTO articles (sku, number, name, main_category, document) VALUES (${sku}, ${sku}, ${`Article ${sku}`}, 'Apparel', ${JSON.stringify({ sku })}::jsonb)`.execute(
      database.db,
    );
  }
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, order_id text NOT NULL, payload jsonb NOT NULL, accepted_at timestamptz NOT NULL DEFAULT now())`.execute(
    database.db,
  );
}

/**
 * The floor: bare single-row INSERTs (one statement, one commit each) of the
 * same ~2 KB payload into a scratch table, from `concurrency` clients.
 */
export async function baselineInserts(
  database: Database,
  seconds: number,
  concurrency: number,
): Promise<{ rows: number; seconds: number; rowsPerSecond: number }> {
  const body = orderBody('baseline', randomUUID());
  const started = performance.now();
  const until = started + seconds * 1000;
  let rows = 0;
  const client = async () => {
    while (performance.now() < until) {
      await database.pool.query('INSERT INTO bench_baseline (order_id, payload) VALUES ($1, $2)', [randomUUID(), body]);
      rows++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  return { rows, seconds: elapsed, rowsPerSecond: rows / elapsed };
}

export interface JobStats {
  jobs: number;
  succeeded: number;
  failed: number;
  open: number;
  e2eP50Ms: number;
  e2eP99Ms: number;
  e2eMaxMs: number;
  /** Jobs of the run already finished when the load stopped. */
  finishedDuringLoad: number;
  /** From the end of the load to the run's last finished job (0 when none was left). */
  drainSeconds: number;
}

/** The jobs of one run (their orderIds carry the run tag): end-to-end times from accepted_at to finished_at. */
export async function jobStats(database: Database, runTag: string, loadEnd: Date): Promise<JobStats> {
  const { rows } = await sql<{ [k: string]: string | number | null }>`
    SELECT count(*)::int AS jobs,
      count(*) FILTER (WHERE status = 'Succeeded')::int AS succeeded,
      count(*) FILTER (WHERE status = 'Failed')::int AS failed,
      count(*) FILTER (WHERE status IN ('Pending', 'Processing'))::int AS open,
      1000 * percentile_disc(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - accepted_at)) AS p50,
      1000 * percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - accepted_at)) AS p99,
      1000 * max(extract(epoch FROM finished_at - accepted_at)) AS max,
      count(*) FILTER (WHERE finished_at <= ${loadEnd})::int AS during,
      greatest(0, extract(epoch FROM max(finished_at) - ${loadEnd}::timestamptz)) AS drain
    FROM jobs WHERE order_id LIKE ${`bench-${runTag}-%`}`.execute(database.db);
  const row = rows[0]!;
  return {
    jobs: Number(row.jobs),
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
    open: Number(row.open),
    e2eP50Ms: row.p50 === null ? Number.NaN : Number(row.p50),
    e2eP99Ms: row.p99 === null ? Number.NaN : Number(row.p99),
    e2eMaxMs: row.max === null ? Number.NaN : Number(row.max),
    finishedDuringLoad: Number(row.during),
    drainSeconds: Number(row.drain ?? 0),
  };
}

/** Open jobs (Pending + Processing) as the server's /metrics reports them: works on both backends while it runs. */
export async function backlog(serverUrl: string): Promise<number> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  let open = 0;
  for (const match of text.matchAll(/^orders_jobs_queue_depth\{status="(?:Pending|Processing)"\} (\d+)/gm)) open += Number(match[1]);
  return open;
}

export interface TableStats {
  table: string;
  inserted: number;
  updated: number;
  hotUpdated: number;
  deleted: number;
  indexes: number;
  heapBytes: number;
  indexBytes: number;
}

/**
 * Where PostgreSQL is writing its WAL, in bytes. The difference over a phase is
 * the write work it did, a figure that, unlike CPU time on a shared machine,
 * does not vary from run to run (the cluster's other activity included: keep it quiet).
 */
export async function walPosition(database: Database): Promise<number> {
  const { rows } = await sql<{ at: string }>`SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0') AS at`.execute(database.db);
  return Number(rows[0]!.at);
}

/** Row churn and size of the write path's tables (PostgreSQL's counters, read once the service has stopped). */
export async function tableStats(database: Database): Promise<TableStats[]> {
  const { rows } = await sql<{ [k: string]: string }>`
    SELECT s.relname AS table, s.n_tup_ins AS inserted, s.n_tup_upd AS updated, s.n_tup_hot_upd AS hot, s.n_tup_del AS deleted,
      (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid) AS indexes,
      pg_table_size(s.relid) AS heap, pg_indexes_size(s.relid) AS index
    FROM pg_stat_user_tables s
    WHERE s.n_tup_ins + s.n_tup_upd + s.n_tup_del > 0 AND s.relname <> 'bench_baseline'
    ORDER BY s.n_tup_ins + s.n_tup_upd + s.n_tup_del DESC`.execute(database.db);
  return rows.map((r) => ({
    table: r.table!,
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    hotUpdated: Number(r.hot),
    deleted: Number(r.deleted),
    indexes: Number(r.indexes),
    heapBytes: Number(r.heap),
    indexBytes: Number(r.index),
  }));
}
