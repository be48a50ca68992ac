// Automation runs list at scale: loads N runs (default 300,000, under a minute;
// BENCH_AUTOMATION_RUNS=1000000 took ~3 minutes on the shared machine), one delivery
// each (0.1 % failed, 0.01 % still pending), into a fresh database, then times
// pages of GET /api/v3/automations/runs through the real query (listRuns) against
// the query it replaced (aggregate every run, then offset), measured in the same run.
//   npx tsx bench/automation-runs.ts                      (PostgreSQL from BENCH_DATABASE_URL)
//   BENCH_AUTOMATION_RUNS=100000 BENCH_BACKEND=embedded npx tsx bench/automation-runs.ts
// The machine is shared: compare the ratios, not the absolute numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { listRuns } from '../src/automations/runs-query.js';
import type { Database } from '../src/db/database.js';
import { type BackendName, createBenchDatabase } from './lib/databases.js';
import { median } from './lib/stats.js';

const size = Number(process.env.BENCH_AUTOMATION_RUNS ?? 300_000);
const backend = (process.env.BENCH_BACKEND ?? 'postgres') as BackendName;
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const base = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function load(database: Database): Promise<void> {
  const started = performance.now();
  const automation = '00000000-0000-4000-8000-000000000001';
  // In chunks, so the embedded database (one connection, one transaction at a time) never holds everything in one statement.
  const chunk = backend === 'embedded' ? 100_000 : size;
  // Secondary indexes are built after the load (faster than maintaining them row by row), from their own definitions.
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
    WHERE i.schemaname = 'public' AND i.tablename IN ('automation_runs', 'automation_deliveries') AND NOT x.indisprimary`.execute(database.db);
  for (const index of indexes) await sql`DROP INDEX ${sql.ref(index.indexname)}`.execute(database.db);
  for (let from = 1; from <= size; from += chunk) {
    const to = Math.min(size, from + chunk - 1);
    await sql`
      INSERT INTO automation_runs (id, automation_id, automation_name, action_event_id, action, order_id, version_tag, contact_id, language, data, occurred_at, created_at)
      SELECT md5('run' || i)::uuid, ${automation}::uuid, 'Confirmation', md5('event' || i)::uuid,
        CASE WHEN i % 10 = 0 THEN 'Thanks' ELSE 'ConfirmOrder' END, 'order-' || (i / 3), 'v' || i, md5('contact' || (i % 50000))::uuid, 'sv-SE', NULL,
        now() - (${size} - i) * interval '1 second', now() - (${size} - i) * interval '1 second'
      FROM generate_series(${from}::int, ${to}::int) i`.execute(database.db);
    await sql`
      INSERT INTO automation_deliveries (id, run_id, step_index, step, status, attempts, target, created_at, updated_at, finished_at)
      SELECT md5('delivery' || i)::uuid, md5('run' || i)::uuid, 0, '{"type":"email","subject":"s","text":"t"}'::jsonb,
        CASE WHEN i % 10000 = 7 THEN 'Pending' WHEN i % 1000 = 3 THEN 'Failed' ELSE 'Delivered' END, 1, 'anna@example.com via smtp',
        now(), now(), now()
      FROM generate_series(${from}::int, ${to}::int) i`.execute(database.db);
  }
  for (const index of indexes) await sql.raw(index.indexdef).execute(database.db);
  // What autovacuum does to an insert-mostly table on PostgreSQL (it sets the visibility map index-only scans rely on).
  await sql`VACUUM ANALYZE automation_runs`.execute(database.db);
  await sql`VACUUM ANALYZE automation_deliveries`.execute(database.db);
  console.log(`Loaded ${size.toLocaleString('en')} runs and deliveries in ${((performance.now() - started) / 1000).toFixed(1)} s (${backend}).`);
}

/** The query before migration 0310: every run aggregated with its deliveries on each request. */
async function oldPage(database: Database, offset: number, count: number, status?: string): Promise<number> {
  const { rows } = await sql<any>`
    SELECT *, count(*) OVER () AS total FROM (
      SELECT r.*, CASE WHEN bool_or(d.status IN ('Pending', 'Delivering')) THEN 'Pending'
        WHEN bool_or(d.status = 'Failed') THEN 'Failed' ELSE 'Succeeded' END AS status
      FROM automation_runs r LEFT JOIN automation_deliveries d ON d.run_id = r.id GROUP BY r.id) runs
    ${status ? sql`WHERE status = ${status}` : sql``}
    ORDER BY created_at DESC, id OFFSET ${offset} LIMIT ${count}`.execute(database.db);
  return rows.length;
}

async function time(what: () => Promise<unknown>, n = repeats): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await what();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-bench-runs-'));
  const target = await createBenchDatabase(backend, base, workDir);
  const database = await target.open();
  try {
    await load(database);
    // A cursor half-way down: what a client holds after following next links that far.
    const middle = Math.floor(size / 2);
    const { rows } = await sql<{
      id: string;
      created_at: Date;
    }>`SELECT id, created_at FROM automation_runs ORDER BY created_at DESC, id OFFSET ${middle} LIMIT 1`.execute(database.db);
    const cursor = Buffer.from(`${rows[0]!.created_at.toISOString()}|${rows[0]!.id}`).toString('base64url');
    if (process.env.BENCH_KEEP) return;
    const cases: [string, () => Promise<unknown>][] = [
      ['first page (10)', () => listRuns(database.db, {}, 0, 10)],
      ['first page (100)', () => listRuns(database.db, {}, 0, 100)],
      [`next link at run ${middle.toLocaleString('en')} (cursor)`, () => listRuns(database.db, {}, middle, 10, cursor)],
      [`offset ${middle.toLocaleString('en')} (no cursor)`, () => listRuns(database.db, {}, middle, 10)],
      ['status=Failed', () => listRuns(database.db, { status: 'Failed' }, 0, 10)],
      ['status=Pending', () => listRuns(database.db, { status: 'Pending' }, 0, 10)],
      ['status=Succeeded', () => listRuns(database.db, { status: 'Succeeded' }, 0, 10)],
      ['action=Thanks', () => listRuns(database.db, { action: 'thanks' }, 0, 10)],
      ['orderId', () => listRuns(database.db, { orderId: `order-${Math.floor(size / 6)}` }, 0, 10)],
    ];
    console.log('');
    console.log(`| page (${size.toLocaleString('en')} runs, ${backend}) | median of ${repeats} |`);
    console.log('| --- | ---: |');
    for (const [name, run] of cases) console.log(`| ${name} | ${ms(await time(run))} |`);
    const before = await time(() => oldPage(database, 0, 10), 1);
    const after = await time(() => listRuns(database.db, {}, 0, 10));
    console.log(`| baseline: the replaced query, first page (one run) | ${ms(before)} |`);
    console.log('');
    console.log(`First page: ${(before / after).toFixed(0)}× faster than the replaced query in the same run.`);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) console.log(`kept: ${target.databaseUrl ?? target.dataDir}`);
    else await target.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
