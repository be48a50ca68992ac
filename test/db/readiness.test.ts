// /readyz has a deadline of its own: when the database cannot answer (here: every
// pooled connection is held, as when all are stuck on a stalled server) it
// answers 503 with Retry-After after READY_TIMEOUT_MS instead of hanging.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`readiness (${backend})`, () => {
    let t: TestService;
    before(async () => {
      t = await startTestService(backend, { role: 'api', readyTimeoutMs: 300 });
    });
    after(async () => t?.stop());

    test('ready while the database answers; 503 with Retry-After past the deadline when it cannot; ready again after', async () => {
      const ready = await t.get('/readyz', null as never);
      assert.equal(ready.status, 200);
      assert.equal(ready.body.status, 'ready');

      const pool = t.service.ctx.database.pool;
      const held: pg.PoolClient[] = [];
      for (let i = 0; i < (pool.options.max ?? 10); i++) held.push(await pool.connect());
      try {
        const stalled = await t.get('/readyz', null as never);
        assert.equal(stalled.status, 503);
        assert.equal(stalled.body.errorCode, 'ServiceUnavailable');
        assert.match(stalled.body.detail, /did not answer within 300 ms/);
        assert.equal(stalled.headers['retry-after'], '5');
      } finally {
        for (const client of held) client.release();
      }
      assert.equal((await t.get('/readyz', null as never)).status, 200);
    });
  });
}
