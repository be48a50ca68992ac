// The database connection layer under faults, on PostgreSQL: a session killed
// mid-transaction fails that transaction (never the process), the LISTEN
// connection comes back by itself, and start-up waits for an unreachable server.
// Sessions are terminated only in this file's own database.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { LISTENER_APPLICATION_NAME, openDatabase } from '../../src/db/database.js';
import type { DbLog } from '../../src/db/log.js';
import { freshPostgresDatabase } from '../helpers/backends.js';
import { terminateSessions, waitUntil } from '../helpers/faults.js';

const skip = process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: set TEST_DATABASE_URL';

function capturingLog(): DbLog & { lines: { level: string; msg: string; obj: object }[] } {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, msg, obj });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe('PostgreSQL connection faults', { skip }, () => {
  let url: string;
  let name: string;
  let drop: () => Promise<void>;
  let admin: pg.Client;

  before(async () => {
    ({ url, drop } = await freshPostgresDatabase());
    name = new URL(url).pathname.slice(1);
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await drop?.();
  });

  /** Terminates sessions of this test's database only; returns how many. */
  const terminate = (where: 'all' | 'listener' | number) =>
    terminateSessions(admin, name, where === 'all' ? {} : where === 'listener' ? { applicationName: LISTENER_APPLICATION_NAME } : { pid: where });

  test('a session terminated between two statements of a transaction fails the transaction, not the process', async () => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    try {
      const attempt = database.db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(tx);
        assert.equal(await terminate(rows[0]!.pid), 1);
        // The FATAL reaches the client while it runs no query: without a listener of its own this 'error' kills the process.
        await waitUntil(() => database.health.clientErrors > 0, 'the client to see its session end');
        await sql`SELECT 1`.execute(tx);
      });
      await assert.rejects(attempt);
      // The dead client was dropped; the pool serves the next query from a new one.
      const { rows } = await sql<{ n: number }>`SELECT 1 AS n`.execute(database.db);
      assert.equal(rows[0]!.n, 1);
    } finally {
      await database.close();
    }
  });

  test('terminating every session mid-query: queries fail, the pool recovers', async () => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    try {
      const slow = Array.from({ length: 4 }, () =>
        sql`SELECT pg_sleep(30)`.execute(database.db).then(
          () => 'done',
          () => 'failed',
        ),
      );
      await waitUntil(
        async () =>
          (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%' AND state = 'active'`, [name]))
            .rows[0].n === 4,
        'the 4 sleeps to run',
      );
      assert.equal(await terminate('all'), 4);
      assert.deepEqual(await Promise.all(slow), ['failed', 'failed', 'failed', 'failed']);
      // The dead clients were dropped on release, even before their sockets closed: the next queries get new ones.
      const next = await Promise.all(Array.from({ length: 4 }, (_, i) => sql<{ n: number }>`SELECT ${i}::int AS n`.execute(database.db)));
      assert.deepEqual(
        next.map(({ rows }) => rows[0]!.n),
        [0, 1, 2, 3],
      );
    } finally {
      await database.close();
    }
  });

  test('the LISTEN connection comes back after its session is killed: it re-LISTENs and wakes every channel once', async () => {
    const log = capturingLog();
    const database = await openDatabase({ databaseUrl: url, log });
    let woken = 0;
    database.onNotify('eo_test_channel', () => woken++);
    try {
      const listening = async () =>
        (
          await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND query LIKE 'LISTEN%'`, [
            name,
            LISTENER_APPLICATION_NAME,
          ])
        ).rows[0].n === 1;
      await waitUntil(listening, 'the listener to LISTEN');
      assert.equal(await terminate('listener'), 1);
      await waitUntil(() => database.health.listenerReconnects === 1, 'the listener to reconnect');
      assert.equal(database.health.listenerConnected, true);
      assert.ok(woken >= 1, 'listeners are woken once after the reconnect, for work notified during the gap');
      assert.ok(
        log.lines.some((line) => line.level === 'warn' && /notification connection lost/.test(line.msg)),
        'the drop is logged',
      );
      assert.ok(
        log.lines.some((line) => line.level === 'info' && /re-established/.test(line.msg)),
        'the reconnect is logged',
      );

      // A notification from another session reaches us: the channel is LISTENed to again.
      const before = woken;
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query(`NOTIFY eo_test_channel`);
      await other.end();
      await waitUntil(() => woken > before, 'the notification after the reconnect');
    } finally {
      await database.close();
    }
  });

  test('start-up waits for an unreachable database, logging why, and gives up after DATABASE_STARTUP_TIMEOUT_MS', async () => {
    // A port nobody listens on: connections are refused, as while PostgreSQL restarts.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const log = capturingLog();
    await assert.rejects(
      openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/x`, startupTimeoutMs: 1_500, log }),
      /not reachable after .*DATABASE_STARTUP_TIMEOUT_MS=1500.*ECONNREFUSED/,
    );
    const waits = log.lines.filter((line) => /waiting for the database/.test(line.msg));
    assert.ok(waits.length >= 2, `retried with backoff: ${JSON.stringify(log.lines)}`);
  });

  test('a server that accepts connections but never answers: each connection attempt ends at DATABASE_CONNECT_TIMEOUT_MS, and start-up gives up', async () => {
    // A frozen server looks like this: the TCP connection opens, the start-up message is never answered.
    const accepted = new Set<net.Socket>();
    const silent = net.createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const log = capturingLog();
    try {
      await assert.rejects(
        openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/x`, connectTimeoutMs: 300, startupTimeoutMs: 1_000, log }),
        /not reachable after .*DATABASE_STARTUP_TIMEOUT_MS=1000/, // without the connect timeout the first attempt would wait for ever
      );
      assert.ok(
        log.lines.some((line) => /waiting for the database/.test(line.msg)),
        `a connection attempt ended and was retried: ${JSON.stringify(log.lines)}`,
      );
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('DATABASE_STATEMENT_TIMEOUT_MS stops a long statement on the server (57014), before the client-side deadline', async () => {
    const database = await openDatabase({ databaseUrl: url, migrate: false, statementTimeoutMs: 200, queryTimeoutMs: 60_000 });
    try {
      await assert.rejects(sql`SELECT pg_sleep(30)`.execute(database.db), (error: { code?: string }) => error.code === '57014');
      const { rows } = await sql<{ ok: number }>`SELECT 1 AS ok`.execute(database.db);
      assert.equal(rows[0]!.ok, 1, 'the session serves the next query');
    } finally {
      await database.close();
    }
  });

  test('start-up does not wait on an error that waiting cannot fix (no such database)', async () => {
    const log = capturingLog();
    const missing = new URL(url);
    missing.pathname = `/${name}_missing`;
    await assert.rejects(openDatabase({ databaseUrl: missing.toString(), startupTimeoutMs: 60_000, log }), /does not exist/);
    assert.equal(log.lines.length, 0);
  });
});
