import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`GDPR export and erasure (${backend})`, () => {
    let api: TestService;
    const anna = { email: '', id: '', orders: [] as string[] };
    const bert = { email: '', id: '', orders: [] as string[] };

    before(async () => {
      api = await startTestService(backend);
      anna.email = `${uniqueId('anna')}@example.com`;
      bert.email = `${uniqueId('bert')}@example.com`;
      // Anna's first order arrives before she is registered: late-bound, with resolved and open log entries.
      const early = orderBody({ contact: { matchKey: anna.email, matchKeyType: 'Email' } });
      await api.write('POST', '/api/v3/orders', early);
      anna.id = (await api.post('/api/v3/contacts', { email: anna.email, firstName: 'Anna' })).body.id;
      bert.id = (await api.post('/api/v3/contacts', { email: bert.email, firstName: 'Bert' })).body.id;
      const second = orderBody({ contact: { matchKey: anna.id, matchKeyType: 'ContactId' } });
      const job = await api.write('POST', '/api/v3/orders', second);
      await api.write('POST', `/api/v3/orders/${second.orderId}/change-status`, { status: 'Completed' });
      const current = await api.get(`/api/v3/orders/${second.orderId}`);
      assert.equal((await api.post(`/api/v3/orders/${second.orderId}/action`, { action: 'Thanks', versionTag: current.body.versionTag })).status, 202);
      assert.ok(job.body.versionTag);
      anna.orders = [early.orderId, second.orderId];
      const other = orderBody({ contact: { matchKey: bert.email, matchKeyType: 'Email' } });
      await api.write('POST', '/api/v3/orders', other);
      bert.orders = [other.orderId];
    });
    after(async () => api?.stop());

    test("export holds all of the contact's data and nothing of another contact's", async () => {
      const answer = await api.get(`/api/v3/contacts/${anna.id}/export`);
      assert.equal(answer.status, 200);
      const document = answer.body;
      assert.equal(document.contact.id, anna.id);
      assert.equal(document.contact.firstName, 'Anna');
      assert.deepEqual(document.orders.map((o: any) => o.orderId).sort(), [...anna.orders].sort());
      const second = document.orders.find((o: any) => o.orderId === anna.orders[1]);
      assert.equal(second.status, 'Completed');
      assert.equal(second.versions.length, 2);
      assert.deepEqual(
        second.actions.map((a: any) => a.action),
        ['Thanks'],
      );
      const logOrders = new Set(document.integrationLog.map((e: any) => e.orderId));
      assert.ok(logOrders.has(anna.orders[0]), 'the late-bound order has its ContactMissing entry');
      assert.ok(document.integrationLog.some((e: any) => e.errorCode === 'ContactMissing' && e.resolvedAt));
      for (const orderId of logOrders) assert.ok(anna.orders.includes(orderId as string));
      assert.ok(!answer.text.includes(bert.email) && !answer.text.includes(bert.orders[0]!) && !answer.text.includes(bert.id));
      assert.equal((await api.get('/api/v3/contacts/00000000-0000-4000-8000-000000000000/export')).status, 404);
    });

    test('erasure needs the admin scope: a write or read key gets 403 and nothing is erased', async () => {
      for (const scope of ['write', 'read'] as const) {
        const answer = await api.del(`/api/v3/contacts/${anna.id}`, await api.key(scope));
        assert.equal(answer.status, 403);
        assert.equal(answer.body.errorCode, 'InsufficientScope');
      }
      assert.equal((await api.get(`/api/v3/contacts/${anna.id}`)).status, 200);
    });

    test("after erasure every read route, list and log filter for the contact is empty or 404; others' data stays", async () => {
      assert.equal((await api.del(`/api/v3/contacts/${anna.id}`)).status, 204);
      assert.equal((await api.get(`/api/v3/contacts/${anna.id}`)).status, 404);
      assert.equal((await api.get(`/api/v3/contacts/${anna.id}/export`)).status, 404);
      assert.equal((await api.get(`/api/v3/contacts/id?email=${encodeURIComponent(anna.email)}`)).status, 404);
      assert.deepEqual((await api.get(`/api/v3/orders?contactId=${anna.id}`)).body.items, []);
      for (const orderId of anna.orders) {
        assert.equal((await api.get(`/api/v3/orders/${orderId}`)).status, 404);
        assert.equal((await api.get(`/api/v3/orders/${orderId}/versions`)).status, 404);
        assert.deepEqual((await api.get(`/api/v3/orders/${orderId}/actions`)).body.items, []);
        assert.equal((await api.get(`/api/v3/integration-log?orderId=${orderId}`)).body.totalCount, 0);
      }
      const { db } = api.service.ctx;
      const jobs = await sql<{ payload: unknown }>`SELECT payload FROM jobs WHERE order_id = ANY(${anna.orders}::text[])`.execute(db);
      assert.ok(jobs.rows.length >= 3);
      assert.ok(
        jobs.rows.every((row) => row.payload === null),
        'job payloads scrubbed',
      );
      const left = await sql<{ n: string }>`
        SELECT (SELECT count(*) FROM order_versions WHERE order_id = ANY(${anna.orders}::text[]))
             + (SELECT count(*) FROM action_events WHERE order_id = ANY(${anna.orders}::text[]) OR contact_id = ${anna.id})
             + (SELECT count(*) FROM integration_log WHERE ref_key = ${`Email:${anna.email}`} OR details::text LIKE ${`%${anna.email}%`}) AS n`.execute(db);
      assert.equal(Number(left.rows[0]!.n), 0);

      assert.equal((await api.get(`/api/v3/contacts/${bert.id}`)).status, 200);
      assert.equal((await api.get(`/api/v3/orders/${bert.orders[0]}`)).body.contactId, bert.id);
      assert.ok((await api.get(`/api/v3/integration-log?orderId=${bert.orders[0]}`)).body.totalCount > 0);
      assert.equal((await api.del(`/api/v3/contacts/${anna.id}`)).status, 404);
    });
  });
}
