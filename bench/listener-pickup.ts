// `npx tsx bench/listener-pickup.ts [--writes N]`
// How fast a lone write is picked up by notification, before and after the
// worker's LISTEN session is killed (it must reconnect, re-LISTEN and claim at
// once): PostgreSQL, separate api and worker processes, WORKER_POLL_MS at 60 s so
// that only a notification can explain a quick pickup. Each write is sent alone
// and waited for; its pickup is the server's own accepted_at → finished_at.
// PostgreSQL comes from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LISTENER_APPLICATION_NAME } from '../src/db/database.js';
import { createBenchDatabase, seedRegisters } from './lib/databases.js';
import { orderBody } from './lib/order-body.js';
import { ADMIN_KEY, startServer } from './lib/server.js';
import { percentile, sleep } from './lib/stats.js';

const writesAt = process.argv.indexOf('--writes');
const WRITES = writesAt >= 0 ? Number(process.argv[writesAt + 1]) : 30;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** Sends `count` lone writes, each waited for; returns their accepted → finished times in ms. */
async function loneWrites(url: string, admin: pg.Pool, tag: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/api/v3/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apikey: ADMIN_KEY },
      body: orderBody(tag, `${tag}-${i}`),
    });
    if (response.status !== 202) throw new Error(`write answered ${response.status}`);
    const { jobId } = (await response.json()) as { jobId: string };
    let ms: number | undefined;
    await until(
      'the job to finish',
      async () => {
        const { rows } = await admin.query(
          `SELECT extract(epoch FROM finished_at - accepted_at) * 1000 AS ms FROM jobs WHERE id = $1 AND status = 'Succeeded'`,
          [jobId],
        );
        ms = rows[0] ? Number(rows[0].ms) : undefined;
        return ms !== undefined;
      },
      30_000,
    );
    times.push(ms!);
    await sleep(20); // lone: the worker is idle again before the next write
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-listener-'));
  const bench = await createBenchDatabase('postgres', baseUrl, workDir);
  const seeding = await bench.open(2);
  await seedRegisters(seeding);
  await seeding.close();
  const admin = new pg.Pool({ connectionString: bench.databaseUrl, max: 2 });
  const server = await startServer({
    root: process.cwd(),
    workDir,
    databaseUrl: bench.databaseUrl,
    roles: ['api', 'worker'],
    env: { WORKER_POLL_MS: '60000' },
  });
  try {
    const listening = async () =>
      Number(
        (
          await admin.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND query LIKE 'LISTEN%'`,
            [LISTENER_APPLICATION_NAME],
          )
        ).rows[0].n,
      ) > 0;
    await until('the worker to LISTEN', listening);
    await loneWrites(server.url, admin, 'warm', 5);
    const before = await loneWrites(server.url, admin, 'before', WRITES);
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [
      LISTENER_APPLICATION_NAME,
    ]);
    const killedAt = Date.now();
    // The first write after the kill: the worker must notice, reconnect and re-LISTEN (it also claims once on its own).
    await sleep(50);
    await until('the LISTEN session to come back', listening, 60_000);
    const back = Date.now() - killedAt;
    const after = await loneWrites(server.url, admin, 'after', WRITES);
    const row = (label: string, t: number[]) =>
      `| ${label} | ${t.length} | ${percentile(t, 50).toFixed(1)} | ${percentile(t, 99).toFixed(1)} | ${t.at(-1)!.toFixed(1)} |`;
    console.log(`listener pickup, ${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
    console.log(`LISTEN sessions terminated: ${killed.rowCount}; back LISTENing after ${back} ms\n`);
    console.log('| lone writes, accepted → succeeded | writes | p50 ms | p99 ms | max ms |');
    console.log('| --- | --: | --: | --: | --: |');
    console.log(row('before the LISTEN session is killed', before));
    console.log(row('after it reconnected', after));
  } finally {
    await server.stop();
    await admin.end();
    await bench.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
