// The line facts follow their order's facts: a deleted order and an erased
// contact leave no line behind (a statement trigger does what a foreign key
// once did), and a line's SKU compares byte by byte, so one index serves the
// segment conditions and the order list's SKU-prefix search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import * as linesByTrigger from '../../src/db/migrations/0580_segment_lines_follow_by_trigger.js';

for (const backend of backendNames()) {
  describe(`segment line facts follow their orders (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const db = () => api.service.ctx.db;
    const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(db())).rows[0]!.n);
    const linesOf = (orderIds: string[]) => count(sql`SELECT count(*) AS n FROM segment_lines WHERE order_id = ANY(${orderIds}::text[])`);
    const orphanLines = () =>
      count(sql`SELECT count(*) AS n FROM segment_lines l WHERE NOT EXISTS (SELECT 1 FROM segment_orders o WHERE o.order_id = l.order_id)`);
    const preview = async (filter: unknown) => {
      const answer = await api.post('/api/v3/segments/preview?count=1000', { filter });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.contactIds as string[];
    };
    const orderWithLines = (email: string, skus: string[]) =>
      orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        lineItems: { items: skus.map((sku) => ({ quantity: 1, article: { sku }, totalPrice: 10 })), subTotal: 10 * skus.length },
      });

    test('deleting an order removes its lines, and erasing its contact removes the rest', async () => {
      const email = `${uniqueId('f')}@follow.test`;
      const contact = await api.post('/api/v3/contacts', { email });
      assert.equal(contact.status, 201, contact.text);
      const skus = [uniqueId('sku'), uniqueId('sku'), uniqueId('sku')];
      const first = orderWithLines(email, skus);
      const second = orderWithLines(email, skus);
      for (const body of [first, second]) assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      assert.equal(await linesOf([first.orderId, second.orderId]), 6);

      assert.equal((await api.write('DELETE', `/api/v3/orders/${first.orderId}`)).status, 200);
      assert.equal(await linesOf([first.orderId]), 0, 'the deleted order left lines');
      assert.equal(await linesOf([second.orderId]), 3, 'the other order kept its lines');
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [skus[0]] } } }), [contact.body.id]);

      assert.equal((await api.del(`/api/v3/contacts/${contact.body.id}`)).status, 204);
      assert.equal(await linesOf([second.orderId]), 0, 'the erased contact left lines');
      assert.equal(await orphanLines(), 0);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [skus[0]] } } }), []);
    });

    test('a SKU matches exactly in segments, and by its start in the order list, from one index', async () => {
      const email = `${uniqueId('f')}@follow.test`;
      const contact = await api.post('/api/v3/contacts', { email });
      const stem = uniqueId('Sko').replace(/[^A-Za-z0-9]/g, '');
      const body = orderWithLines(email, [`${stem}-Blå`, `${stem}-blå`, `${stem}Z`]);
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [`${stem}-Blå`] } } }), [contact.body.id]);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [`${stem}-BLÅ`] } } }), [], 'a SKU condition is exact, as before');
      const found = await api.get(`/api/v3/orders?q=${encodeURIComponent(`${stem}-b`)}`);
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(
        found.body.items.map((item: { orderId: string }) => item.orderId),
        [body.orderId],
      );
      const { rows } = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'segment_lines' ORDER BY indexname`.execute(db());
      assert.deepEqual(
        rows.map((row) => row.indexname),
        ['segment_lines_pkey', 'segment_lines_sku'],
      );
      // Both questions can walk the SKU index (the table is too small for the planner to want to unless told).
      const plan = (query: ReturnType<typeof sql>) =>
        db()
          .transaction()
          .execute(async (tx) => {
            await sql`SET LOCAL enable_seqscan = off`.execute(tx);
            const { rows: lines } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${query}`.execute(tx);
            return lines.map((line) => line['QUERY PLAN']).join('\n');
          });
      assert.match(
        await plan(sql`SELECT l.order_id FROM segment_lines l WHERE l.sku COLLATE "C" >= ${stem} AND l.sku COLLATE "C" < ${`${stem}~`}`),
        /segment_lines_sku/,
      );
      assert.match(await plan(sql`SELECT l.contact_id FROM segment_lines l WHERE l.sku = ANY(${[`${stem}Z`]}::text[])`), /segment_lines_sku/);
    });

    test('the migration keeps the lines of order facts and can be taken back', async () => {
      const migrationDb = db() as unknown as Parameters<typeof linesByTrigger.down>[0];
      await linesByTrigger.down(migrationDb);
      try {
        const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_constraint WHERE conname = 'segment_lines_order_id_fkey'`.execute(db());
        assert.equal(Number(rows[0]!.n), 1, 'down restores the foreign key');
      } finally {
        await linesByTrigger.up(migrationDb);
      }
      const email = `${uniqueId('f')}@follow.test`;
      const body = orderWithLines(email, [uniqueId('sku')]);
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      assert.equal((await api.write('DELETE', `/api/v3/orders/${body.orderId}`)).status, 200);
      assert.equal(await linesOf([body.orderId]), 0);
    });
  });
}
