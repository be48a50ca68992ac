// The worker never waits for its poll timer while there is work: successive
// jobs of one order run back to back, and a job whose processing throws is
// retried with a backoff (not after its lease) and says so on its resource.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { eventually as poll } from '../helpers/eventually.js';

const eventually = <T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000) => poll(what, check, timeoutMs);

for (const backend of backendNames()) {
  describe(`worker flow (${backend})`, () => {
    let api: TestService;
    before(async () => {
      // A poll interval far beyond the deadlines below: only claiming again at once can finish in time.
      api = await startTestService(backend, { workerPollMs: 60_000, jobLeaseMs: 600_000, jobRetryBackoffMs: 50 });
    });
    after(async () => api?.stop());

    test('40 writes queued to one order all finish without a poll wait, in acceptance order', async () => {
      const body = orderBody();
      await api.service.worker!.stop();
      const jobIds: string[] = [];
      try {
        jobIds.push((await api.post('/api/v3/orders', body)).body.jobId);
        for (let i = 1; i < 40; i++) jobIds.push((await api.put(`/api/v3/orders/${body.orderId}`, { ...body, externalStatus: `step-${i}` })).body.jobId);
      } finally {
        // A claim takes at most 16 of one order's jobs (4 on the embedded database): the rest are
        // claimed only if the worker claims again at once after a claim that returned work.
        api.service.worker!.start();
      }
      const finished = [];
      for (const id of jobIds) finished.push(await api.waitForJob(id, 20_000));
      assert.deepEqual(
        finished.map((answer) => answer.status),
        Array(40).fill(302),
      );
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.externalStatus, 'step-39');
      const versions = await sql<{ job_id: string }>`SELECT job_id FROM order_versions WHERE order_id = ${body.orderId} ORDER BY id`.execute(
        api.service.ctx.db,
      );
      assert.deepEqual(
        versions.rows.map((row) => row.job_id),
        jobIds,
      );
    });

    test('a job whose processing throws is retried with backoff, shows its error state, and then succeeds', async () => {
      const db = api.service.ctx.db;
      const faulty = orderBody();
      const healthy = orderBody();
      // A real database error for one order: a trigger raises a serialization failure while the order is listed.
      await sql`CREATE TABLE IF NOT EXISTS test_faults (order_id text PRIMARY KEY)`.execute(db);
      await sql`CREATE OR REPLACE FUNCTION test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM test_faults WHERE order_id = NEW.order_id) THEN
            RAISE EXCEPTION 'injected fault' USING ERRCODE = '40001';
          END IF;
          RETURN NEW;
        END $$`.execute(db);
      await sql`DROP TRIGGER IF EXISTS test_fault ON orders`.execute(db);
      await sql`CREATE TRIGGER test_fault BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION test_fault()`.execute(db);
      await sql`INSERT INTO test_faults VALUES (${faulty.orderId})`.execute(db);
      try {
        const faultyJob = (await api.post('/api/v3/orders', faulty)).body.jobId;
        const healthyJob = (await api.post('/api/v3/orders', healthy)).body.jobId;
        assert.equal((await api.waitForJob(healthyJob)).status, 302, 'the other order is not held back');

        // The lease is 10 minutes: seeing a second attempt proves the retry did not wait for it.
        const retrying = await eventually(async () => {
          const answer = await api.get(`/api/v3/orders/jobs/${faultyJob}`);
          return answer.body.attempts >= 2 && answer.body.status === 'Pending' ? answer : undefined;
        }, 'a second failed attempt');
        assert.equal(retrying.status, 200);
        assert.equal(retrying.body.lastErrorCode, '40001');
        assert.match(retrying.body.lastErrorAt, /^\d{4}-\d\d-\d\dT/);
        assert.match(retrying.body.retryAt, /^\d{4}-\d\d-\d\dT/);
        assert.ok(new Date(retrying.body.retryAt) >= new Date(retrying.body.lastErrorAt));

        await sql`DELETE FROM test_faults`.execute(db);
        const done = await api.waitForJob(faultyJob, 20_000);
        assert.equal(done.status, 302, done.text);
        assert.ok(done.body.attempts >= 2);
        assert.equal(done.body.retryAt, undefined, 'no retry is pending once it succeeded');
        assert.equal((await api.get(`/api/v3/orders/${faulty.orderId}`)).status, 200);
      } finally {
        await sql`DROP TRIGGER IF EXISTS test_fault ON orders`.execute(db);
      }
    });
  });
}
