// `npx tsx bench/worker-flow.ts [--only postgres|embedded] [--poll MS]`
// How fast the worker drains queued jobs, without HTTP (the jobs are queued
// while the worker is stopped, then it starts):
// - one order: 10 queued writes, drained with WORKER_POLL_MS at 60 s — only a
//   worker that claims again at once (never waits for its poll) finishes quickly;
// - 20 hot orders: a burst of queued writes spread over 20 orders, drained twice —
//   on an empty jobs table and again with the first burst's finished jobs as
//   history (the claim's cost must not grow with it);
// - new orders: one write to each of 3,000 orders (PostgreSQL; 600 on embedded),
//   drained: the common case, with the CPU it cost per job in this process (the
//   worker) and in the PostgreSQL backends serving the database.
// Each run uses a fresh database (PostgreSQL: BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/test; embedded: a temp data dir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import { createMetrics } from '../src/metrics.js';
import { JobQueue } from '../src/jobs/queue.js';
import { Worker } from '../src/jobs/worker.js';
import { capabilities } from '../src/app/capabilities.js';
import { compose } from '../src/app/compose.js';
import { processJobs } from '../src/orders/processing.js';
import { snapshotCpu } from './lib/cpu.js';
import { type BackendName, createBenchDatabase, seedRegisters } from './lib/databases.js';
import { orderBody } from './lib/order-body.js';
import { median } from './lib/stats.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => quiet } as unknown as FastifyBaseLogger;

// 60 s by default: a drain that waited for the poll timer would show at once.
const pollAt = process.argv.indexOf('--poll');
const POLL_MS = pollAt >= 0 ? Number(process.argv[pollAt + 1]) : 60_000;

function worker(database: Database, queue: JobQueue): Worker {
  const parts = compose(capabilities);
  const concurrency = database.kind === 'embedded' ? 1 : Number(process.env.WORKER_CONCURRENCY ?? 8); // as the service sets it
  return new Worker(
    database,
    queue,
    (jobs) => processJobs(database.db, jobs, parts),
    createMetrics(() => queue.depth()),
    quiet,
    { concurrency, leaseMs: 30_000, pollMs: POLL_MS, retentionDays: 7 },
  );
}

/** Whether any job is still open. Cheap (the partial index of open jobs), so polling it barely adds to the CPU measured. */
async function anyOpen(database: Database): Promise<boolean> {
  const { rows } = await sql<{ open: boolean }>`SELECT EXISTS (SELECT 1 FROM jobs WHERE finished_at IS NULL) AS open`.execute(database.db);
  return rows[0]!.open;
}

/** Queues `perOrder` writes to each of `orders` orders (interleaved, like concurrent clients), drains them, returns seconds. */
async function drain(
  database: Database,
  tag: string,
  orders: number,
  perOrder: number,
): Promise<{ seconds: number; workerMs: number; workerCpuMs: number; postgresCpuMs: number }> {
  const queue = new JobQueue(database);
  const ids = Array.from({ length: orders }, (_, i) => `${tag}-${i}`);
  const bodies = ids.map((id) => JSON.parse(orderBody(tag, id)));
  for (let step = 0; step < perOrder; step++) {
    await Promise.all(
      bodies.map((body) => queue.accept({ orderId: body.orderId, operation: 'Replace', payload: { ...body, externalStatus: `step-${step}` } })),
    );
  }
  const w = worker(database, queue);
  const cpuBefore = process.cpuUsage();
  const machineBefore = snapshotCpu([], databaseName(database));
  const started = performance.now();
  w.start();
  while (await anyOpen(database)) await new Promise((resolve) => setTimeout(resolve, 5)); // one drain at a time: its jobs are the open ones
  const seconds = (performance.now() - started) / 1000;
  const machineAfter = snapshotCpu([], databaseName(database));
  const cpu = process.cpuUsage(cpuBefore);
  await w.stop();
  // PostgreSQL's backends for this database, in CPU ms (ticks are 10 ms); the drain's own polling is included.
  const postgresCpuMs = ((machineAfter.byGroup.get('postgres') ?? 0) - (machineBefore.byGroup.get('postgres') ?? 0)) * 10;
  const { rows } = await sql<{ ms: number }>`
    SELECT extract(epoch FROM max(finished_at) - min(started_at)) * 1000 AS ms FROM jobs WHERE order_id LIKE ${`bench-${tag}-%`}`.execute(database.db);
  const failed = await sql<{ n: string }>`SELECT count(*) AS n FROM jobs WHERE order_id LIKE ${`bench-${tag}-%`} AND status <> 'Succeeded'`.execute(
    database.db,
  );
  if (Number(failed.rows[0]!.n) > 0) throw new Error(`${failed.rows[0]!.n} jobs of ${tag} did not succeed`);
  return { seconds, workerMs: Number(rows[0]!.ms), workerCpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs };
}

function databaseName(database: Database): string | undefined {
  return database.kind === 'postgres' ? (database.pool.options as { connectionString?: string }).connectionString?.split('/').pop() : undefined;
}

async function run(kind: BackendName, baseUrl: string, workDir: string) {
  const bench = await createBenchDatabase(kind, baseUrl, workDir);
  const database = await bench.open();
  try {
    await seedRegisters(database);
    const single = [];
    for (let i = 0; i < 3; i++) single.push(await drain(database, `one${i}`, 1, 10));
    const burstJobs = kind === 'postgres' ? 20 * 100 : 20 * 25;
    const first = await drain(database, 'hotA', 20, burstJobs / 20);
    const second = await drain(database, 'hotB', 20, burstJobs / 20);
    const newOrders = kind === 'postgres' ? 3000 : 600;
    const fresh = await drain(database, 'new', newOrders, 1);
    return {
      kind,
      singleWallMs: median(single.map((s) => s.seconds * 1000)),
      singleWorkerMs: median(single.map((s) => s.workerMs)),
      burstJobs,
      burstEmpty: burstJobs / first.seconds,
      burstHistory: burstJobs / second.seconds,
      newOrders,
      newRate: newOrders / fresh.seconds,
      newWorkerCpu: fresh.workerCpuMs / newOrders,
      newPostgresCpu: kind === 'postgres' ? fresh.postgresCpuMs / newOrders : undefined,
    };
  } finally {
    await database.close();
    await bench.drop();
  }
}

async function main(): Promise<void> {
  const onlyAt = process.argv.indexOf('--only');
  const backends: BackendName[] = onlyAt >= 0 ? [process.argv[onlyAt + 1] as BackendName] : ['postgres', 'embedded'];
  const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-worker-flow-'));
  const results: Awaited<ReturnType<typeof run>>[] = [];
  for (const kind of backends) {
    process.stderr.write(`${kind}…\n`);
    results.push(await run(kind, baseUrl, workDir));
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`worker flow, ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${load}, WORKER_POLL_MS ${POLL_MS}\n`);
  console.log('| | ' + results.map((r) => r.kind).join(' | ') + ' |');
  console.log('| --- |' + results.map(() => ' --: |').join(''));
  const row = (label: string, pick: (r: Awaited<ReturnType<typeof run>>) => string) => console.log(`| ${label} | ${results.map(pick).join(' | ')} |`);
  row('10 queued writes to one order: drained in (wall, median of 3)', (r) => `${r.singleWallMs.toFixed(0)} ms`);
  row('… of which worker time (first claim → last commit)', (r) => `${r.singleWorkerMs.toFixed(0)} ms`);
  row('20 hot orders: burst size', (r) => `${r.burstJobs.toLocaleString('en')} jobs`);
  row('… drain rate, empty jobs table', (r) => `${r.burstEmpty.toFixed(0)} jobs/s`);
  row('… drain rate, after the first burst (history)', (r) => `${r.burstHistory.toFixed(0)} jobs/s`);
  row('new orders, one write each: queued', (r) => `${r.newOrders.toLocaleString('en')} jobs`);
  row('… drain rate', (r) => `${r.newRate.toFixed(0)} jobs/s`);
  row('… CPU per job: worker (embedded: with the database)', (r) => `${r.newWorkerCpu.toFixed(2)} ms`);
  row('… CPU per job: PostgreSQL backends', (r) => (r.newPostgresCpu === undefined ? '–' : `${r.newPostgresCpu.toFixed(2)} ms`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
