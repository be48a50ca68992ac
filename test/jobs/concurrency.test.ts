import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`job ordering under concurrency (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('50 concurrent writes to one order end in the state of the last accepted write, every job succeeded', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      const accepted = await Promise.all(
        Array.from({ length: 50 }, (_, i) => api.put(`/api/v3/orders/${body.orderId}`, { ...body, externalStatus: `step-${i}` })),
      );
      assert.ok(accepted.every((answer) => answer.status === 202));
      // One poller for the order's last job (an order's jobs finish in acceptance order), then a
      // look at every job: fifty concurrent pollers would only compete with the worker for the database.
      const { rows: last } = await sql<{ id: string }>`SELECT id FROM jobs WHERE order_id = ${body.orderId} ORDER BY seq DESC LIMIT 1`.execute(
        api.service.ctx.db,
      );
      await api.waitForJob(last[0]!.id, 60_000);
      const finished = [];
      for (const answer of accepted) finished.push(await api.waitForJob(answer.body.jobId, 60_000));
      assert.ok(
        finished.every((answer) => answer.status === 302),
        'every job succeeded',
      );

      // The last accepted write is the job with the highest acceptance sequence.
      const { rows } = await sql<{ id: string; payload: { externalStatus: string } }>`
        SELECT id, payload FROM jobs WHERE order_id = ${body.orderId} ORDER BY seq DESC LIMIT 1`.execute(api.service.ctx.db);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.externalStatus, rows[0]!.payload.externalStatus);

      // Versions were produced in acceptance order.
      const versions = await sql<{ job_id: string }>`SELECT job_id FROM order_versions WHERE order_id = ${body.orderId} ORDER BY id`.execute(
        api.service.ctx.db,
      );
      const jobsInOrder = await sql<{ id: string }>`SELECT id FROM jobs WHERE order_id = ${body.orderId} ORDER BY seq`.execute(api.service.ctx.db);
      assert.deepEqual(
        versions.rows.map((v) => v.job_id),
        jobsInOrder.rows.map((j) => j.id),
      );
    });

    test('jobs of different orders all complete when interleaved', async () => {
      const bodies = Array.from({ length: 20 }, () => orderBody());
      // Per order, the status change is accepted after the create; orders run side by side.
      const pairs = await Promise.all(
        bodies.map(async (body) => [
          await api.post('/api/v3/orders', body),
          await api.post(`/api/v3/orders/${body.orderId}/change-status`, { status: 'Completed' }),
        ]),
      );
      const accepted = pairs.flat();
      const finished = [];
      for (const answer of accepted) finished.push(await api.waitForJob(answer.body.jobId, 60_000));
      assert.ok(
        finished.every((answer) => answer.status === 302),
        finished.map((f) => f.status).join(','),
      );
      for (const body of bodies) assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.status, 'Completed');
    });
  });
}
