// The real program against a PostgreSQL server this test starts itself (never
// the shared one): start-up waits for a server that is not up yet, a real
// stop/start mid-load loses nothing and kills nothing, and a frozen server
// turns /readyz red within its deadline and fails requests instead of hanging them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Deployment, assertAlive, assertAllAppliedOnce, deploy, load } from '../helpers/deployment.js';
import { waitUntil } from '../helpers/faults.js';
import { orderBody } from '../helpers/fixtures.js';
import { type OwnPostgres, createOwnPostgres, ownPostgresUnavailable } from '../helpers/own-postgres.js';
import type { Child } from '../helpers/process.js';

const skip = ownPostgresUnavailable() ?? false;

describe('a PostgreSQL server of our own: stopped at start, restarted mid-load, frozen', { skip }, () => {
  let server: OwnPostgres;
  let d: Deployment;
  let all: Child;

  before(async () => {
    server = await createOwnPostgres({ started: false });
    d = await deploy({ url: server.url, drop: async () => {} });
  });
  after(async () => {
    await d?.close();
    server?.destroy();
  });

  test('start-up waits for the database, saying so, and starts once it is up', async () => {
    // Statement limits of 2 s put the client-side query deadline at 7 s (the frozen-server test below).
    const starting = d.start('all', {
      DATABASE_STARTUP_TIMEOUT_MS: '300000',
      READY_TIMEOUT_MS: '1000',
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      SEGMENT_STATEMENT_TIMEOUT_MS: '2000',
    });
    const child = d.children[0]!;
    await child.waitFor(/waiting for the database/, 120_000);
    assert.equal(child.process.exitCode, null, 'still running, not exited');
    server.start();
    ({ child: all, base: d.base } = await starting);
    await child.waitFor(/database reachable; starting/);
    assert.equal((await d.call('GET', '/readyz')).status, 200);
  });

  test('a stop and start of the server mid-load: the process stays up, answers 503 with Retry-After meanwhile, keeps answering /metrics, and applies every accepted write once', async () => {
    const writes = load(d, 4);
    try {
      await waitUntil(() => writes.accepted.length >= 25, '25 accepted writes before the stop', 120_000);
      server.stop(); // fast shutdown: every session gets 57P01, as in a real restart
      const down = await d.call('GET', '/readyz');
      assert.equal(down.status, 503);
      assert.ok(down.headers.get('retry-after'));
      // Enough refused writes that logging each would show: identical errors are logged once per interval with a count.
      await waitUntil(() => writes.refusals.length >= 60, 'writes to be refused while the server is down', 60_000);
      const failureLines = all
        .output()
        .split('\n')
        .filter((line) => /request failed/.test(line));
      assert.ok(
        failureLines.length <= 10,
        `${failureLines.length} error lines for ${writes.refusals.length} refusals:\n${failureLines.join('\n').slice(0, 3000)}`,
      );
      // The scrape still answers while the database is away, and shows the notification connection down
      // (in both processes of the all role: the gauge keeps the lowest).
      const metrics = await d.call('GET', '/metrics');
      assert.equal(metrics.status, 200, String(metrics.body).slice(0, 500));
      assert.match(metrics.body, /^db_listener_connected 0$/m);
      assert.doesNotMatch(metrics.body, /^orders_jobs_queue_depth/m, 'a depth that cannot be read is not shown');
      server.start();
      const target = writes.accepted.length + 25;
      await waitUntil(() => writes.accepted.length >= target, '25 more accepted writes after the start', 120_000);
    } finally {
      await writes.stop();
    }
    await assertAllAppliedOnce(d, writes.accepted);
    assertAlive([all]);
    await waitUntil(() => /notification connection re-established/.test(all.output()), 'the listener reconnect to be logged');
  });

  test('a frozen server: /readyz answers 503 within READY_TIMEOUT_MS, reads and writes 503 past the query deadline, with Retry-After; thawed, it is ready again', async () => {
    server.freeze();
    try {
      // Without a deadline of its own this request hangs for as long as the server is frozen (here: until it is thawed).
      const frozen = await d.call('GET', '/readyz');
      assert.equal(frozen.status, 503);
      assert.match(frozen.body.detail, /did not answer within 1000 ms/);
      assert.equal(frozen.headers.get('retry-after'), '5');
      // A read and a write answer 503 once their query's deadline passes, instead of hanging while the server is frozen.
      const [read, write] = await Promise.all([d.call('GET', '/api/v3/orders/frozen-order'), d.call('POST', '/api/v3/orders', orderBody())]);
      for (const answer of [read, write]) {
        assert.equal(answer.status, 503, JSON.stringify(answer.body));
        assert.ok(answer.headers.get('retry-after'));
      }
    } finally {
      server.thaw();
    }
    await waitUntil(async () => (await d.call('GET', '/readyz')).status === 200, 'readiness after the thaw', 60_000);
    assertAlive([all]);
  });
});
