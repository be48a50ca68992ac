// What bounds a segment query: the filter's cost budget (400 naming the limit),
// a statement timeout (422 SegmentQueryTimeout, PostgreSQL) and a small number of
// previews at once (503 SegmentPreviewBusy with Retry-After).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { LIMITS } from '../../src/segments/filter.js';
import { evaluate } from '../../src/segments/service.js';
import { type Answer, type TestService, startTestService } from '../helpers/service.js';
import { backendNames } from '../helpers/backends.js';

/** Order facts enough that a full scan takes well over a millisecond: 2,000 contacts, 60,000 orders. */
async function loadFacts(api: TestService): Promise<void> {
  const db = api.service.ctx.db;
  await sql`INSERT INTO contacts (id, email) SELECT md5('c' || i)::uuid, 'c' || i || '@limits.test' FROM generate_series(1, 2000) i`.execute(db);
  await sql`
    INSERT INTO orders (order_id, contact_id, version_tag, content_hash, document, order_type, status, store_external_id, match_key_type, match_key, created_at, processed_at)
    SELECT 'L' || i, md5('c' || (i % 2000 + 1))::uuid, 'v', 'h', '{}'::jsonb, 'Purchase', 'Received', 'S', 'Email', 'x', now(), now()
    FROM generate_series(1, 60000) i`.execute(db);
  await sql`
    INSERT INTO segment_orders (order_id, contact_id, status, ongoing, order_type, store_external_id, created_at, total_price)
    SELECT 'L' || i, md5('c' || (i % 2000 + 1))::uuid, 'Received', i % 3 = 0, 'Purchase', 'S', now() - i * interval '1 minute', i % 997
    FROM generate_series(1, 60000) i`.execute(db);
}

const scan = { and: [{ hasOrder: { totalPrice: { min: 10 } } }, { not: { hasOrder: { totalPrice: { max: 3 }, ongoing: false } } }] };

for (const backend of backendNames()) {
  describe(`segment query limits (${backend})`, () => {
    let api: TestService; // SEGMENT_STATEMENT_TIMEOUT_MS=1 over 60,000 order facts
    let calm: TestService; // the defaults
    before(async () => {
      [api, calm] = await Promise.all([startTestService(backend, { segmentStatementTimeoutMs: 1 }), startTestService(backend)]);
      await loadFacts(api);
    });
    after(async () => Promise.all([api?.stop(), calm?.stop()]));

    test('a filter over the cost budget is a 400 InvalidFilter naming the limit, before any query runs', async () => {
      const answer = await calm.post('/api/v3/segments/preview', {
        filter: { or: Array.from({ length: LIMITS.conditions + 1 }, (_, i) => ({ hasOrder: { channel: [`c${i}`] } })) },
      });
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.body.errorCode, 'InvalidFilter');
      assert.ok(
        answer.body.errors.some((e: any) => e.message.includes(`at most ${LIMITS.conditions}`)),
        answer.text,
      );
    });

    test(
      'a query past SEGMENT_STATEMENT_TIMEOUT_MS answers 422 SegmentQueryTimeout (PostgreSQL), and runs with a longer one',
      { skip: backend === 'embedded' && 'PGlite does not enforce statement_timeout' },
      async () => {
        const answer = await api.post('/api/v3/segments/preview', { filter: scan });
        assert.equal(answer.status, 422, answer.text);
        assert.equal(answer.body.errorCode, 'SegmentQueryTimeout');
        assert.match(answer.body.detail, /SEGMENT_STATEMENT_TIMEOUT_MS/);
        const saved = await api.post('/api/v3/segments', { name: 'scan', filter: scan });
        assert.equal((await api.get(`/api/v3/segments/${saved.body.id}/contacts`)).status, 422);
        // The same filter with the default timeout: the data is fine, only the time was short.
        const page = await evaluate(api.service.ctx.db, scan, 0, 10);
        assert.ok(page.count > 0);
        assert.equal((await api.get('/healthz')).status, 200);
      },
    );

    test('previews over SEGMENT_PREVIEW_CONCURRENCY (2) answer 503 SegmentPreviewBusy with Retry-After; the others complete', async () => {
      // Holding a lock on the facts keeps the first previews inside their query, however fast the machine.
      const client = await calm.service.ctx.database.pool.connect();
      const filter = { hasOrder: { ongoing: true } };
      let answers: Promise<Answer>[];
      try {
        await client.query('BEGIN');
        await client.query('LOCK TABLE segment_orders IN ACCESS EXCLUSIVE MODE');
        answers = [1, 2, 3].map(() => calm.post('/api/v3/segments/preview?count=1', { filter }));
        // No preview can finish while the lock is held, so the first answer is the refused one.
        const first = await Promise.race(answers);
        assert.equal(first.status, 503, first.text);
        assert.equal(first.body.errorCode, 'SegmentPreviewBusy');
        assert.equal(first.headers['retry-after'], '1');
      } finally {
        await client.query('COMMIT');
        client.release();
      }
      const statuses = (await Promise.all(answers)).map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [200, 200, 503]);
    });
  });
}
