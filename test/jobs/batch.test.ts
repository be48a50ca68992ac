// A batch of jobs shares one transaction; a job this worker no longer owns
// (its lease ran out and another worker claimed it) must not take effect, and
// must not stop the rest of the batch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { processJobs } from '../../src/orders/processing.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`batched processing (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
      await api.service.worker!.stop(); // this test claims and processes by hand
    });
    after(async () => api?.stop());

    test('a job reclaimed by another worker is Lost; the others in its batch still apply once', async () => {
      const bodies = [orderBody(), orderBody(), orderBody()];
      for (const body of bodies) assert.equal((await api.post('/api/v3/orders', body)).status, 202);
      const db = api.service.ctx.db;
      const claimed = await api.service.ctx.queue.claim(10, 60_000);
      assert.equal(claimed.length, 3);
      // Another worker takes over the middle job (as after an expired lease).
      await sql`UPDATE jobs SET attempts = attempts + 1 WHERE id = ${claimed[1]!.id}`.execute(db);

      const outcomes = await processJobs(db, claimed, api.service.ctx.parts);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['Succeeded', 'Lost', 'Succeeded'],
      );
      const stored = await sql<{ order_id: string }>`SELECT order_id FROM orders WHERE order_id = ANY(${bodies.map((b) => b.orderId)}::text[])`.execute(db);
      assert.deepEqual(stored.rows.map((r) => r.order_id).sort(), [claimed[0]!.order_id, claimed[2]!.order_id].sort());
      const versions = await sql<{ n: string }>`SELECT count(*) AS n FROM order_versions WHERE job_id = ANY(${claimed.map((j) => j.id)}::uuid[])`.execute(db);
      assert.equal(Number(versions.rows[0]!.n), 2);
      const lost = await api.service.ctx.queue.get(claimed[1]!.id);
      assert.equal(lost!.status, 'Processing', 'the lost job is left to its new owner');
    });

    test('failed and succeeded jobs of one batch are each recorded with their own outcome', async () => {
      const existing = orderBody();
      await api.post('/api/v3/orders', existing);
      await processJobs(api.service.ctx.db, await api.service.ctx.queue.claim(10, 60_000), api.service.ctx.parts);
      const fresh = orderBody();
      await api.post('/api/v3/orders', { ...existing, status: 'Completed' }); // conflicts: OrderAlreadyExists
      await api.post('/api/v3/orders', fresh);
      await api.post('/api/v3/orders/no-such/change-status', { status: 'Completed' });
      const outcomes = await processJobs(api.service.ctx.db, await api.service.ctx.queue.claim(10, 60_000), api.service.ctx.parts);
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'Failed' ? o.errorCode : o.status)),
        ['OrderAlreadyExists', 'Succeeded', 'OrderNotFound'],
      );
      assert.equal((await api.get(`/api/v3/orders/${fresh.orderId}`)).status, 200);
    });
  });
}

for (const backend of backendNames()) {
  describe(`a busy order's run of jobs (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
      await api.service.worker!.stop(); // this test claims and processes by hand
    });
    after(async () => api?.stop());

    const claimRun = () => api.service.ctx.queue.claim(10, 60_000, 16);
    const put = async (body: Record<string, unknown>) => assert.equal((await api.request('PUT', `/api/v3/orders/${body.orderId}`, body)).status, 202);

    test('queued writes of one order are claimed together; each gets its version, the order ends in the last state', async () => {
      const body = orderBody();
      for (let step = 0; step < 5; step++) await put({ ...body, externalStatus: `step-${step}` });
      const claimed = await claimRun();
      assert.equal(claimed.length, 5, 'one claim takes the whole run');
      const outcomes = await processJobs(api.service.ctx.db, claimed, api.service.ctx.parts);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        Array(5).fill('Succeeded'),
      );
      const tags = outcomes.map((o) => (o.status === 'Succeeded' ? o.versionTag : null));
      assert.equal(new Set(tags).size, 5, 'a version per write');
      const versions = await api.get(`/api/v3/orders/${body.orderId}/versions`);
      assert.deepEqual(
        versions.body.items.map((v: { versionTag: string }) => v.versionTag),
        [...tags].reverse(),
        'versions newest first, in acceptance order',
      );
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.externalStatus, 'step-4');
      assert.equal(order.headers.etag, `"${tags[4]}"`, 'the order is at the last version');
      // The same missing store met by five writes is one open log entry that counts them.
      const log = await sql<{ count: number }>`
        SELECT count FROM integration_log WHERE order_id = ${body.orderId} AND error_code = 'StoreMissing' AND resolved_at IS NULL`.execute(api.service.ctx.db);
      assert.deepEqual(
        log.rows.map((r) => Number(r.count)),
        [5],
      );
    });

    test('a delete inside a run: the jobs after it are released, and apply on the next claim', async () => {
      const body = orderBody();
      await put(body);
      assert.equal((await api.request('DELETE', `/api/v3/orders/${body.orderId}`)).status, 202);
      await put({ ...body, externalStatus: 'reborn' });
      const claimed = await claimRun();
      const outcomes = await processJobs(api.service.ctx.db, claimed, api.service.ctx.parts);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['Succeeded', 'Succeeded', 'Released'],
      );
      await api.service.ctx.queue.release(claimed.filter((_, i) => outcomes[i]!.status === 'Released'));
      const released = await api.service.ctx.queue.get(claimed[2]!.id);
      assert.equal(released!.status, 'Pending');
      assert.equal(released!.attempts, 0, 'a released claim is not an attempt');
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).status, 404);

      const again = await claimRun();
      assert.deepEqual(
        again.map((job) => job.id),
        [claimed[2]!.id],
      );
      assert.deepEqual(
        (await processJobs(api.service.ctx.db, again, api.service.ctx.parts)).map((o) => o.status),
        ['Succeeded'],
      );
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.status, 200);
      assert.equal(order.body.externalStatus, 'reborn');
      const versions = await api.get(`/api/v3/orders/${body.orderId}/versions`);
      assert.equal(versions.body.items.length, 1, 'the versions before the delete are gone with it');
    });

    test('when the first job of a run does not apply, the rest are released, never applied ahead of it', async () => {
      const body = orderBody();
      for (let step = 0; step < 3; step++) await put({ ...body, externalStatus: `step-${step}` });
      const claimed = await claimRun();
      assert.equal(claimed.length, 3);
      // Another worker takes over the first job (as after an expired lease).
      await sql`UPDATE jobs SET attempts = attempts + 1 WHERE id = ${claimed[0]!.id}`.execute(api.service.ctx.db);
      const outcomes = await processJobs(api.service.ctx.db, claimed, api.service.ctx.parts);
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['Lost', 'Released', 'Released'],
      );
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).status, 404, 'nothing of the run applied');
    });
  });
}

for (const backend of backendNames()) {
  describe(`job retention (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('finished jobs older than the retention are pruned; open jobs never are', async () => {
      const db = api.service.ctx.db;
      const old = orderBody();
      const open = orderBody();
      const fresh = orderBody();
      const ids: string[] = [];
      await api.service.worker!.stop();
      try {
        for (const body of [old, open, fresh]) ids.push((await api.post('/api/v3/orders', body)).body.jobId);
        await sql`UPDATE jobs SET status = 'Succeeded', finished_at = now() - interval '8 days', accepted_at = now() - interval '8 days' WHERE id = ${ids[0]}`.execute(
          db,
        );
        await sql`UPDATE jobs SET accepted_at = now() - interval '30 days' WHERE id = ${ids[1]}`.execute(db);
        await sql`UPDATE jobs SET status = 'Succeeded', finished_at = now() - interval '6 days' WHERE id = ${ids[2]}`.execute(db);
        assert.equal(await api.service.ctx.queue.prune(7), 1);
        assert.equal((await api.get(`/api/v3/orders/jobs/${ids[0]}`)).status, 404);
        assert.equal((await api.get(`/api/v3/orders/jobs/${ids[1]}`)).body.status, 'Pending');
        assert.notEqual((await api.get(`/api/v3/orders/jobs/${ids[2]}`)).status, 404);
      } finally {
        api.service.worker!.start();
      }
    });
  });
}
