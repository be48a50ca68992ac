import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { backendNames, freshDatabase } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`integration log: one open entry per problem, resolve (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const log = async (query: string) => (await api.get(`/api/v3/integration-log?count=100&${query}`)).body;
    /** An order naming a store nobody registered: one StoreMissing warning per write. */
    const orderWithMissingStore = () => {
      const body = orderBody({ externalStoreId: uniqueId('nostore') });
      body.contact = { matchKey: `${uniqueId('c')}@example.com`, matchKeyType: 'Email' };
      return body;
    };

    test('the same order written 5 times: one entry per problem, count 5, last seen moves', async () => {
      const body = orderWithMissingStore();
      const jobIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        // Changing the status makes each write a new version: the old log added an entry per version.
        const job = await api.write('PUT', `/api/v3/orders/${body.orderId}`, { ...body, status: i % 2 ? 'InProgress' : 'Received' });
        assert.equal(job.body.status, 'Succeeded');
        jobIds.push(job.body.jobId);
      }
      const entries = await log(`orderId=${body.orderId}&errorCode=StoreMissing`);
      assert.equal(entries.totalCount, 1);
      const [entry] = entries.items;
      assert.equal(entry.count, 5);
      assert.equal(entry.jobId, jobIds[4], 'the latest write speaks for the entry');
      assert.ok(entry.lastSeenAt > entry.createdAt, `${entry.lastSeenAt} after ${entry.createdAt}`);
      assert.equal(entry.resolvedAt, null);
      assert.equal(entry.resolvedBy, null);
      // Every problem of the order is counted the same way: contact, store and two articles.
      const all = await log(`orderId=${body.orderId}`);
      assert.deepEqual(all.items.map((e: any) => `${e.errorCode}:${e.count}`).sort(), [
        'ArticleMissing:5',
        'ArticleMissing:5',
        'ContactMissing:5',
        'StoreMissing:5',
      ]);
    });

    test('resolve one entry: resolvedBy is the key name, idempotent; a write after it opens a new entry', async () => {
      const body = orderWithMissingStore();
      await api.write('POST', '/api/v3/orders', body);
      const [entry] = (await log(`orderId=${body.orderId}&errorCode=StoreMissing`)).items;
      const writer = await api.key('write');
      const resolved = await api.post(`/api/v3/integration-log/${entry.id}/resolve`, {}, writer);
      assert.equal(resolved.status, 200, resolved.text);
      assert.equal(resolved.body.id, entry.id);
      assert.equal(resolved.body.resolvedBy, 'test write');
      assert.ok(resolved.body.resolvedAt);
      assert.equal((await log(`orderId=${body.orderId}&errorCode=StoreMissing&resolved=false`)).totalCount, 0);

      const again = await api.post(`/api/v3/integration-log/${entry.id}/resolve`, {});
      assert.equal(again.status, 200);
      assert.equal(again.body.resolvedBy, 'test write', 'the first resolver stays');
      assert.equal(again.body.resolvedAt, resolved.body.resolvedAt);

      await api.write('PUT', `/api/v3/orders/${body.orderId}`, { ...body, status: 'InProgress' });
      const open = (await log(`orderId=${body.orderId}&errorCode=StoreMissing&resolved=false`)).items;
      assert.equal(open.length, 1);
      assert.notEqual(open[0].id, entry.id);
      assert.equal(open[0].count, 1);
      const closed = (await log(`orderId=${body.orderId}&errorCode=StoreMissing&resolved=true`)).items;
      assert.deepEqual(
        closed.map((e: any) => [e.id, e.count]),
        [[entry.id, 1]],
      );
    });

    test('bulk resolve: resolved, already resolved and unknown ids reported apart', async () => {
      const body = orderWithMissingStore();
      await api.write('POST', '/api/v3/orders', body);
      const entries = (await log(`orderId=${body.orderId}`)).items;
      assert.equal(entries.length, 4);
      const [first, ...rest] = entries.map((e: any) => e.id as number);
      await api.post(`/api/v3/integration-log/${first}/resolve`, {});
      const unknown = 9_000_000_000;
      const answer = await api.post('/api/v3/integration-log/resolve', { ids: [...entries.map((e: any) => e.id), unknown, rest[0]] });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.resolved.map((e: any) => e.id).sort(), [...rest].sort());
      assert.ok(answer.body.resolved.every((e: any) => typeof e.resolvedBy === 'string' && e.resolvedBy.length > 0 && e.resolvedAt));
      assert.deepEqual(
        answer.body.alreadyResolved.map((e: any) => e.id),
        [first],
      );
      assert.deepEqual(answer.body.notFound, [unknown]);
      assert.equal((await log(`orderId=${body.orderId}&resolved=false`)).totalCount, 0);
    });

    test('bad requests: 404 unknown id, 400 for a non-numeric id, an empty or oversized list; read scope refused', async () => {
      const missing = await api.post('/api/v3/integration-log/8999999999/resolve', {});
      assert.equal(missing.status, 404);
      assert.equal(missing.body.errorCode, 'LogEntryNotFound');
      assert.equal((await api.post('/api/v3/integration-log/abc/resolve', {})).status, 400);
      assert.equal((await api.post('/api/v3/integration-log/0/resolve', {})).status, 400);
      const empty = await api.post('/api/v3/integration-log/resolve', { ids: [] });
      assert.equal(empty.status, 400);
      assert.match(JSON.stringify(empty.body), /ids/);
      const tooMany = await api.post('/api/v3/integration-log/resolve', { ids: Array.from({ length: 501 }, (_, i) => i + 1) });
      assert.equal(tooMany.status, 400);
      assert.equal((await api.post('/api/v3/integration-log/resolve', { ids: ['x'] })).status, 400);
      assert.equal((await api.post('/api/v3/integration-log/resolve', {})).status, 400);
      const reader = await api.key('read');
      const refused = await api.post('/api/v3/integration-log/resolve', { ids: [1] }, reader);
      assert.equal(refused.status, 403);
    });

    test('late binding still resolves the counted entry', async () => {
      const body = orderWithMissingStore();
      await api.write('POST', '/api/v3/orders', body);
      await api.write('PUT', `/api/v3/orders/${body.orderId}`, { ...body, status: 'InProgress' });
      const stored = await api.post('/api/v3/stores', { externalId: body.externalStoreId, name: 'Late store', type: 'RETAIL', timeZone: 'Europe/Stockholm' });
      assert.ok([200, 201].includes(stored.status), stored.text);
      const [entry] = (await log(`orderId=${body.orderId}&errorCode=StoreMissing`)).items;
      assert.equal(entry.count, 2);
      assert.ok(entry.resolvedAt, 'resolved by the store registration');
      assert.equal(entry.resolvedBy, null);
    });
  });

  describe(`migration 0520 merges open duplicates (${backend})`, () => {
    test('three open copies become one with count 3; a resolved copy stays apart', async () => {
      const { database, drop } = await freshDatabase(backend);
      try {
        const db = database.db;
        // Roll back to before 0520 is not offered; instead recreate the old shape on a fresh table copy.
        await sql`DROP INDEX integration_log_open_once`.execute(db);
        const row = (created: string, resolved: string | null, job: string) =>
          sql`INSERT INTO integration_log (type, severity, error_code, message, order_id, version_tag, ref_key, details, created_at, last_seen_at, resolved_at, job_id)
              VALUES ('Orders', 'Warning', 'StoreMissing', ${`seen ${created}`}, 'o-1', ${created}, 'S1', ${JSON.stringify({ at: created })}, ${created}::timestamptz, ${created}::timestamptz, ${resolved}::timestamptz, ${job}::uuid)`.execute(
            db,
          );
        await row('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '00000000-0000-4000-8000-000000000001');
        await row('2026-01-02T00:00:00Z', null, '00000000-0000-4000-8000-000000000002');
        await row('2026-01-03T00:00:00Z', null, '00000000-0000-4000-8000-000000000003');
        await row('2026-01-04T00:00:00Z', null, '00000000-0000-4000-8000-000000000004');
        await sql`DELETE FROM kysely_migration WHERE name = '0520_integration_log_dedupe'`.execute(db);
        await sql`ALTER TABLE integration_log DROP COLUMN count, DROP COLUMN last_seen_at, DROP COLUMN resolved_by`.execute(db);
        await sql`CREATE UNIQUE INDEX integration_log_once ON integration_log (type, error_code, coalesce(order_id, ''), coalesce(version_tag, ''), ref_key)`.execute(
          db,
        );
        assert.deepEqual(await migrateToLatest(db), ['0520_integration_log_dedupe']);
        const { rows } = await sql<any>`SELECT count, message, job_id, last_seen_at, created_at, resolved_at FROM integration_log ORDER BY id`.execute(db);
        assert.equal(rows.length, 2);
        assert.equal(rows[0].count, 1);
        assert.ok(rows[0].resolved_at);
        assert.equal(rows[1].count, 3);
        assert.equal(rows[1].message, 'seen 2026-01-04T00:00:00Z');
        assert.equal(rows[1].job_id, '00000000-0000-4000-8000-000000000004');
        assert.equal(new Date(rows[1].created_at).toISOString(), '2026-01-02T00:00:00.000Z');
        assert.equal(new Date(rows[1].last_seen_at).toISOString(), '2026-01-04T00:00:00.000Z');
      } finally {
        await database.close().catch(() => {});
        await drop();
      }
    });
  });
}
