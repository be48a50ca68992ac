// Admission control: above MAX_BACKLOG open jobs (or MAX_BACKLOG_AGE_MS), order
// writes answer 503 Overloaded with Retry-After, reads keep answering, and once
// the backlog drains writes are accepted again. The API runs without a worker
// here, so the backlog only grows until one is started.
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { Admission } from '../../src/jobs/admission.js';
import type { ApiError } from '../../src/http/problem.js';
import { startService } from '../../src/service.js';
import { backendNames, freshDatabase } from '../helpers/backends.js';
import { waitUntil } from '../helpers/faults.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`admission control (${backend})`, () => {
    let t: TestService;
    before(async () => {
      t = await startTestService(backend, { role: 'api', maxBacklog: 5 });
    });
    after(async () => t?.stop());

    test('the 6th write over MAX_BACKLOG=5 gets 503 Overloaded with Retry-After; reads still answer; drained → accepted again', async () => {
      const jobIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await t.post('/api/v3/orders', orderBody());
        assert.equal(answer.status, 202, answer.text);
        jobIds.push(answer.body.jobId);
      }
      for (let i = 0; i < 3; i++) {
        const refused = await t.post('/api/v3/orders', orderBody());
        assert.equal(refused.status, 503, refused.text);
        assert.equal(refused.body.errorCode, 'Overloaded');
        assert.match(refused.body.detail, /5 jobs are waiting/);
        assert.equal(refused.headers['retry-after'], '1');
        assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
      }
      const put = await t.put(`/api/v3/orders/X-1`, orderBody({ orderId: 'X-1' }));
      assert.equal(put.status, 503, 'every job-producing write is refused, not only creates');

      const job = await t.get(`/api/v3/orders/jobs/${jobIds[0]}`);
      assert.equal(job.status, 200, 'reads keep working');
      assert.equal(job.body.status, 'Pending');
      assert.equal((await t.get('/readyz', null as never)).status, 200, 'overload is not unreadiness');
      const metrics = await t.get('/metrics');
      assert.match(metrics.text, /orders_writes_rejected_total\{reason="backlog"\} 4/);

      // A worker drains the backlog; the cached figure follows and writes are accepted again.
      const worker = await startService({ ...t.service.ctx.config, role: 'worker' }, { database: t.service.ctx.database, logger: false });
      try {
        for (const id of jobIds) assert.equal((await t.waitForJob(id, 60_000)).body.status, 'Succeeded');
        let accepted: Awaited<ReturnType<TestService['post']>> | undefined;
        await waitUntil(async () => {
          const answer = await t.post('/api/v3/orders', orderBody());
          assert.ok(answer.status === 202 || answer.status === 503, answer.text);
          if (answer.status === 202) accepted = answer;
          return answer.status === 202;
        }, 'a write to be accepted after the drain');
        assert.equal((await t.waitForJob(accepted!.body.jobId, 60_000)).body.status, 'Succeeded');
      } finally {
        await worker.stop();
      }
    });
  });

  describe(`admission control by backlog age (${backend})`, () => {
    let t: TestService;
    before(async () => {
      t = await startTestService(backend, { role: 'api', maxBacklogAgeMs: 300 });
    });
    after(async () => t?.stop());

    test('once the oldest open job is older than MAX_BACKLOG_AGE_MS, writes get 503 Overloaded; reads answer', async () => {
      const first = await t.post('/api/v3/orders', orderBody());
      assert.equal(first.status, 202, first.text);
      let refused: Awaited<ReturnType<TestService['post']>> | undefined;
      await waitUntil(async () => {
        const answer = await t.post('/api/v3/orders', orderBody());
        if (answer.status === 503) refused = answer;
        else assert.equal(answer.status, 202, answer.text);
        return answer.status === 503;
      }, 'a write refused for the backlog age');
      assert.equal(refused!.body.errorCode, 'Overloaded');
      assert.match(refused!.body.detail, /oldest waiting job/);
      assert.equal(refused!.headers['retry-after'], '1');
      assert.equal((await t.get(`/api/v3/orders/jobs/${first.body.jobId}`)).status, 200);
    });
  });
}

for (const backend of backendNames()) {
  test(`the backlog figure is cached (${backend}): writes admitted between counts are counted up locally, and the jobs table is counted once per refresh interval, not per write`, async () => {
    const { database, drop } = await freshDatabase(backend);
    try {
      let counts = 0; // the statements admission sends, observed on the real database
      const observed = database.db.withPlugin({
        transformQuery: (args) => (counts++, args.node),
        transformResult: async (args) => args.result,
      });
      const admission = new Admission(observed, { maxBacklog: 50, maxBacklogAgeMs: 0 });
      mock.timers.enable({ apis: ['Date'] }); // the clock stands still: every write comes within one refresh interval
      try {
        for (let i = 0; i < 50; i++) await admission.admit();
        // The jobs table is empty: only the local count of the 50 admitted writes can refuse this one.
        await assert.rejects(admission.admit(), (error: ApiError) => error.code === 'Overloaded');
      } finally {
        mock.timers.reset();
      }
      assert.equal(counts, 1, 'one count, by the first write');
    } finally {
      await database.close();
      await drop();
    }
  });
}
