// The real program deployed on PostgreSQL for fault tests: start processes by
// role, call them over HTTP, put write load on them and check afterwards that
// every accepted write was applied exactly once.
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshPostgresDatabase } from './backends.js';
import { terminateSessions, waitUntil } from './faults.js';
import { orderBody } from './fixtures.js';
import { type Child, startProgram } from './process.js';

const KEY = 'faults-admin-key-0123456789abcdef';
const ADDRESS = /"address":"(http:\/\/[^"]+)"/;

export interface Deployment {
  url: string;
  name: string;
  /** A query on the test database over a fresh connection (the sessions of this database get killed). */
  query(text: string, params: unknown[]): Promise<pg.QueryResult>;
  /** On the shared server (TEST_DATABASE_URL): a session outside the test database, to terminate its sessions. */
  admin: pg.Client | undefined;
  children: Child[];
  base: string;
  start(role: 'api' | 'worker' | 'all', env?: Record<string, string>): Promise<{ child: Child; base: string }>;
  call(method: string, path: string, body?: unknown, base?: string): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/** The real program on a PostgreSQL database: a fresh one on the shared server, or the one given. */
export async function deploy(database?: { url: string; drop: () => Promise<void> }): Promise<Deployment> {
  const { url, drop } = database ?? (await freshPostgresDatabase());
  const admin = database ? undefined : new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin?.connect();
  const deployment: Deployment = {
    url,
    name: new URL(url).pathname.slice(1),
    async query(text, params) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      try {
        return await client.query(text, params);
      } finally {
        await client.end().catch(() => {});
      }
    },
    admin,
    children: [],
    base: '',
    async start(role, env = {}) {
      const child = startProgram(['--role', role], { DATABASE_URL: url, PORT: '0', ADMIN_API_KEY: KEY, JOB_LEASE_MS: '2000', WORKER_POLL_MS: '200', ...env });
      deployment.children.push(child);
      const base = (await child.waitFor(ADDRESS, 120_000)).match(ADDRESS)![1]!;
      // The all role applies jobs in a child process (unless inline): faults must find it running.
      if (role === 'all' && env.WORKER_MODE !== 'inline') await child.waitFor(/job-processing process ready/, 120_000);
      return { child, base };
    },
    async call(method, path, body, base = deployment.base) {
      const response = await fetch(new URL(path, base), {
        method,
        redirect: 'manual',
        headers: { apikey: KEY, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // metrics are text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async close() {
      await Promise.all(deployment.children.map((child) => child.stop('SIGKILL')));
      await admin?.end();
      await drop();
    },
  };
  return deployment;
}

/** A write answered 202: its job, its order, and its place in that order's chain (0: the create). */
export interface AcceptedWrite {
  jobId: string;
  orderId: string;
  step: number;
}

/**
 * Writers that, until stopped, each create an order and replace it twice without
 * waiting for processing (a chain of three writes to one order: a refused create
 * ends the chain, a refused replace is skipped); they keep what was accepted (202)
 * and check every refusal is a 503 with Retry-After.
 */
export function load(d: Deployment, writers = 6) {
  const accepted: AcceptedWrite[] = [];
  const refusals: number[] = [];
  let running = true;
  const loops = Array.from({ length: writers }, async () => {
    while (running) {
      const order = orderBody();
      for (let step = 0; step < 3 && running; step++) {
        const body = { ...order, externalStatus: `step-${step}` };
        const answer = step === 0 ? await d.call('POST', '/api/v3/orders', body) : await d.call('PUT', `/api/v3/orders/${order.orderId}`, body);
        if (answer.status === 202) {
          accepted.push({ jobId: answer.body.jobId, orderId: order.orderId, step });
          continue;
        }
        assert.equal(answer.status, 503, `only 202 or 503 while the database flaps, got ${answer.status}: ${JSON.stringify(answer.body)}`);
        assert.ok(answer.headers.get('retry-after'), 'a 503 says when to retry');
        refusals.push(answer.status);
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (step === 0) break; // no create, no chain: start another order
      }
    }
  });
  return {
    accepted,
    refusals,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * Every accepted write succeeded and was applied once, and each order's writes
 * were applied in the order they were accepted. A refused write (503) may still
 * have been stored when only its answer was lost: it may add a version, but in
 * its place in the order's sequence too.
 */
export async function assertAllAppliedOnce(d: Deployment, accepted: AcceptedWrite[]): Promise<void> {
  const ids = accepted.map((a) => a.jobId);
  const orderIds = [...new Set(accepted.map((a) => a.orderId))];
  await waitUntil(
    async () => (await d.query(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1::uuid[]) AND status = 'Succeeded'`, [ids])).rows[0].n === ids.length,
    `all ${ids.length} accepted jobs to succeed`,
    180_000,
  );
  await waitUntil(
    async () => (await d.query(`SELECT count(*)::int AS n FROM jobs WHERE order_id = ANY($1) AND finished_at IS NULL`, [orderIds])).rows[0].n === 0,
    'every job of these orders (a refused write may have been stored too) to finish',
  );
  const { rows } = await d.query(
    `SELECT v.order_id, v.job_id::text, j.seq::bigint AS seq, v.document->>'externalStatus' AS step,
            o.document->>'externalStatus' AS current
       FROM order_versions v JOIN jobs j ON j.id = v.job_id JOIN orders o ON o.order_id = v.order_id
      WHERE v.order_id = ANY($1) ORDER BY v.order_id, v.id`,
    [orderIds],
  );
  const versions = new Map<string, { jobId: string; seq: number; step: string; current: string }[]>();
  for (const row of rows) {
    const list = versions.get(row.order_id) ?? [];
    list.push({ jobId: row.job_id, seq: Number(row.seq), step: row.step, current: row.current });
    versions.set(row.order_id, list);
  }
  for (const orderId of orderIds) {
    const applied = versions.get(orderId) ?? [];
    const jobIds = applied.map((version) => version.jobId);
    assert.equal(new Set(jobIds).size, jobIds.length, `${orderId}: a job applied twice: ${jobIds.join(', ')}`);
    const seqs = applied.map((version) => version.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      `${orderId}: versions applied out of acceptance order`,
    );
    const mine = accepted.filter((write) => write.orderId === orderId);
    for (const write of mine) assert.ok(jobIds.includes(write.jobId), `${orderId}: accepted step ${write.step} (job ${write.jobId}) was not applied`);
    const last = applied.at(-1)!;
    assert.equal(last.current, last.step, `${orderId}: the stored order is its last applied version`);
  }
}

export function assertAlive(children: Child[]): void {
  for (const child of children) {
    assert.equal(child.process.exitCode, null, `the process exited:\n${child.output().slice(-3000)}`);
    assert.doesNotMatch(child.output(), /Unhandled 'error' event|uncaughtException/);
    // In the all role the parent restarts a job-processing child that died: that is a crash too.
    assert.doesNotMatch(child.output(), /job-processing process stopped unexpectedly/);
  }
}

/** Writes under load while every session of the test database is terminated `rounds` times; returns the accepted writes. */
export async function killEverySessionMidLoad(d: Deployment, rounds = 3): Promise<AcceptedWrite[]> {
  const writes = load(d);
  try {
    for (let round = 1; round <= rounds; round++) {
      const target = writes.accepted.length + 25;
      await waitUntil(() => writes.accepted.length >= target, `25 more accepted writes before round ${round}`, 120_000);
      assert.ok((await terminateSessions(d.admin!, d.name)) > 0, 'sessions were terminated');
    }
    const target = writes.accepted.length + 25;
    await waitUntil(() => writes.accepted.length >= target, '25 more accepted writes after the last round', 120_000);
  } finally {
    await writes.stop();
  }
  return writes.accepted;
}
