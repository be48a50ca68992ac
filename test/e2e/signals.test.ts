// Stopping the service the way docker, systemd or pm2 do: SIGTERM to the process
// they started, which is `npm start`. npm must pass the signal on, the service must
// finish what it holds and exit 0, and nothing may be left behind: no process on
// the port, no lock file, no job stuck Processing. After a restart every accepted
// write is applied.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../src/db/database.js';
import { backendNames, freshPostgresDatabase } from '../helpers/backends.js';
import { eventually } from '../helpers/eventually.js';
import { orderBody } from '../helpers/fixtures.js';
import { callProgram, refusesConnections } from '../helpers/process.js';

const root = path.resolve(import.meta.dirname, '../..');
const KEY = 'signals-admin-key-0123456789abcdef';

interface Started {
  npm: ChildProcess;
  output: () => string;
  base: string;
  servicePid: number;
  exited: Promise<number | null>;
}

/**
 * `npm start` exactly as an operator types it. Its prestart builds dist/ when stale;
 * `npm test` has built it before the test files run (scripts/test.mjs), so here it is a no-op.
 */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: '0', ADMIN_API_KEY: KEY, LOG_LEVEL: 'info', LOG_FORMAT: 'json', WORKER_POLL_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 280_000;
  for (;;) {
    const line = output.split('\n').find((text) => text.includes('"engage-orders started"'));
    if (line) {
      const entry = JSON.parse(line);
      running.add(entry.pid);
      return { npm, output: () => output, base: entry.address, servicePid: entry.pid, exited };
    }
    if (npm.exitCode !== null || Date.now() > deadline) {
      npm.kill('SIGKILL');
      throw new Error(`npm start did not start the service; output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const call = (base: string, method: string, url: string, body?: unknown) => callProgram(base, KEY, method, url, body);

// Should this file be cancelled (a timeout), the finally blocks do not run: stop what is still up.
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/**
 * Runs `test` with a fresh data directory (and, on PostgreSQL, a fresh database)
 * for the services it starts; afterwards every service it started is gone and
 * both are removed.
 */
async function onFreshData(
  backend: string,
  body: (place: { start: () => Promise<Started>; dataDir: string; postgres?: { url: string } }) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'engage-orders-signals-'));
  const postgres = backend === 'postgres' ? await freshPostgresDatabase() : undefined;
  const env: Record<string, string> = postgres ? { DATABASE_URL: postgres.url, DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  const started: Started[] = [];
  const start = async () => {
    const service = await npmStart(env);
    started.push(service);
    return service;
  };
  try {
    await body({ start, dataDir, postgres });
  } finally {
    for (const service of started) if (alive(service.servicePid)) process.kill(service.servicePid, 'SIGKILL');
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The backends run side by side: each start of the service takes a while on a busy machine.
describe('SIGTERM to npm start', { concurrency: true }, () => {
  for (const backend of backendNames()) {
    test(`${backend}: stops gracefully: exit 0, no orphan, no lock, nothing Processing; after a restart every accepted write is applied`, async () => {
      await onFreshData(backend, async ({ start, dataDir, postgres }) => {
        const first = await start();
        assert.notEqual(first.servicePid, first.npm.pid, 'the service runs in its own process, under npm');

        // Queue work: new orders, and a chain of writes to one order (applied one after another).
        // The chain's writes are sent one after the other, each once the previous was accepted:
        // sent together, they could be accepted in another order (a change-status before its create).
        const chain = orderBody();
        const others = Array.from({ length: 30 }, () => call(first.base, 'POST', '/api/v3/orders', orderBody()));
        const chained = [await call(first.base, 'POST', '/api/v3/orders', chain)];
        for (const status of ['InProgress', 'Completed']) {
          chained.push(await call(first.base, 'POST', `/api/v3/orders/${chain.orderId}/change-status`, { status }));
        }
        const accepted = [...(await Promise.all(others)), ...chained];
        for (const answer of accepted) assert.equal(answer.status, 202);
        const jobs = accepted.map((answer) => answer.location!);
        // One write that is bound to fail (the order exists with other content): it must be logged.
        const clash = await call(first.base, 'POST', '/api/v3/orders', { ...chain, currencyCode: 'EUR' });
        assert.equal(clash.status, 202);

        // What docker stop, systemd or pm2 do: SIGTERM to the process they started.
        first.npm.kill('SIGTERM');
        assert.equal(await first.exited, 0, first.output());
        assert.match(first.output(), /"signal":"SIGTERM"/);
        assert.match(first.output(), /stopped cleanly/);
        assert.equal(alive(first.servicePid), false, 'the service process is gone');
        assert.ok(await refusesConnections(first.base), 'nothing listens on the port any more');
        assert.equal(existsSync(path.join(dataDir, 'engage-orders.lock')), false, 'the lock file was removed');

        const database = await openDatabase(postgres ? { databaseUrl: postgres.url } : { dataDir });
        try {
          const rows = await database.db.selectFrom('jobs').select(['status']).execute();
          assert.equal(rows.length, jobs.length + 1, 'every accepted write is stored');
          assert.deepEqual(
            rows.filter((row) => row.status === 'Processing'),
            [],
            'no job left Processing',
          );
        } finally {
          await database.close();
        }

        const second = await start();
        assert.doesNotMatch(second.output(), /took over the data-directory lock/, 'the clean stop left no stale lock');
        const deadline = Date.now() + 120_000;
        for (const job of jobs) {
          for (;;) {
            const answer = await call(second.base, 'GET', job);
            if (answer.status === 302) break;
            assert.equal(answer.status, 200, JSON.stringify(answer.body));
            if (Date.now() > deadline) throw new Error(`job ${job} still ${answer.body.status}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        const order = await call(second.base, 'GET', `/api/v3/orders/${chain.orderId}`);
        assert.equal(order.body.status, 'Completed', 'the chain of writes was applied in order');
        for (;;) {
          const answer = await call(second.base, 'GET', clash.location!);
          if (answer.status === 422) break;
          if (Date.now() > deadline) throw new Error(`the clashing job is still ${answer.body.status}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }

        // Logs: one line per request (route template, status, key name), none of Fastify's own pair;
        // the failed job with its id, order id and error code.
        const lines = (first.output() + second.output())
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line));
        const posts = lines.filter((entry) => entry.msg === 'request' && entry.method === 'POST' && entry.route === '/api/v3/orders');
        assert.equal(posts.length, 32);
        for (const entry of posts) {
          assert.equal(entry.status, 202);
          assert.equal(entry.key, 'ADMIN_API_KEY');
          assert.equal(typeof entry.reqId, 'string');
          assert.equal(typeof entry.durationMs, 'number');
          assert.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        }
        assert.equal(lines.filter((entry) => entry.msg === 'incoming request' || entry.msg === 'request completed').length, 0);
        const failed = lines.find((entry) => entry.msg === 'job failed');
        assert.ok(failed, 'the failed job is logged');
        assert.equal(failed.orderId, chain.orderId);
        assert.equal(failed.errorCode, 'OrderAlreadyExists');
        assert.equal(`/api/v3/orders/jobs/${failed.jobId}`, clash.location);

        second.npm.kill('SIGINT'); // Ctrl-C stops it just as cleanly
        assert.equal(await second.exited, 0, second.output());
        assert.equal(alive(second.servicePid), false);
      });
    });

    test(`${backend}: SIGTERM while writes are in flight: every write answered 202 is kept and applied after a restart`, async () => {
      await onFreshData(backend, async ({ start }) => {
        const first = await start();
        const base = first.base;
        const accepted: string[] = [];
        const refused: { status: number; retryAfter: string | null }[] = [];
        let stopping = false;
        // Writers that keep posting until the service stops answering (refused or reset connections).
        const writers = Array.from({ length: 8 }, async () => {
          while (!stopping) {
            let answer;
            try {
              answer = await call(base, 'POST', '/api/v3/orders', orderBody());
            } catch {
              return; // the service has stopped taking connections
            }
            if (answer.status === 202) accepted.push(answer.location!);
            else refused.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') });
          }
        });
        await eventually('50 accepted writes before the signal', () => accepted.length >= 50, 120_000);
        first.npm.kill('SIGTERM');
        assert.equal(await first.exited, 0, first.output());
        stopping = true;
        await Promise.all(writers); // they only record: the checks follow
        for (const refusal of refused) {
          assert.equal(refusal.status, 503, 'a write that starts during the stop is refused with 503, or not answered at all');
          assert.ok(refusal.retryAfter, 'with Retry-After');
        }

        const second = await start();
        for (const job of accepted) {
          await eventually(`job ${job} to succeed after the restart`, async () => (await call(second.base, 'GET', job)).status === 302, 120_000);
        }
        second.npm.kill('SIGTERM');
        assert.equal(await second.exited, 0, second.output());
      });
    });
  }
});

/** `node dist/main.js` (built by `npm test`) with these settings; its output and how it exited. */
function startBuilt(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, 'dist/main.js')], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
  return { child, output: () => output, exited };
}

describe('SIGTERM while the service is still starting', () => {
  test('PostgreSQL: while waiting for a database that does not come, it ends at once: exit 0', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const { child, output, exited } = startBuilt({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/none` });
    try {
      await eventually('the start to wait for the database', () => output().includes('waiting for the database'), 120_000);
      child.kill('SIGTERM');
      assert.deepEqual(await exited, [0, null], output());
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  test('embedded: the start finishes, then the service stops cleanly: exit 0, lock removed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'engage-orders-signals-'));
    const lock = path.join(dataDir, 'engage-orders.lock');
    const { child, output, exited } = startBuilt({ DATA_DIR: dataDir, ADMIN_API_KEY: KEY });
    try {
      // The lock is the first thing the embedded database's start creates; opening and migrating take seconds after it.
      await eventually('the start to take the data-directory lock', () => existsSync(lock), 120_000, 5);
      assert.doesNotMatch(output(), /engage-orders started/, 'the signal must arrive while the service starts');
      child.kill('SIGTERM');
      assert.deepEqual(await exited, [0, null], output()); // it used to die of the signal (143 under npm), leaving the lock
      assert.match(output(), /stopped cleanly/);
      assert.equal(existsSync(lock), false, 'the lock is removed');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
