import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { capabilities } from '../../src/app/capabilities.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { eventually } from '../helpers/eventually.js';

// A capability of the test's own sees every contact-linked event, as segments does.
const linked: { contactId: string; orderIds: string[] }[] = [];
const witness = {
  name: 'witness',
  onContactLinked: [{ id: 'witness', run: async (_tx: unknown, link: { contactId: string; orderIds: string[] }) => void linked.push(link) }],
};

const until = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000) => eventually(what, probe, timeoutMs);

for (const backend of backendNames()) {
  describe(`integration log and late binding (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend, {}, [...capabilities, witness]);
    });
    after(async () => api?.stop());

    const log = async (query: string) => (await api.get(`/api/v3/integration-log?count=100&${query}`)).body;
    const missingOrder = () => {
      const email = `${uniqueId('late')}@example.com`;
      const body = orderBody({ contact: { matchKey: email.toUpperCase(), matchKeyType: 'Email' }, externalStoreId: uniqueId('store') });
      body.lineItems.items[0].article.sku = uniqueId('skuA');
      body.lineItems.items[1].article.sku = uniqueId('skuB');
      return { email, body };
    };

    test('missing contact, store and articles: stored with contactId null, one warning each, none added on replay', async () => {
      const { body } = missingOrder();
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302);
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.contactId, null);
      const entries = await log(`orderId=${body.orderId}`);
      const codes = entries.items.map((e: any) => `${e.errorCode}:${e.severity}:${e.type}`).sort();
      assert.deepEqual(codes, [
        'ArticleMissing:Warning:Orders',
        'ArticleMissing:Warning:Orders',
        'ContactMissing:Warning:Orders',
        'StoreMissing:Warning:Orders',
      ]);
      const entry = entries.items.find((e: any) => e.errorCode === 'StoreMissing');
      assert.deepEqual(Object.keys(entry).sort(), [
        'count',
        'createdAt',
        'details',
        'errorCode',
        'id',
        'jobId',
        'lastSeenAt',
        'message',
        'orderId',
        'resolvedAt',
        'resolvedBy',
        'severity',
        'type',
      ]);
      assert.equal(entry.jobId, job.body.jobId);
      assert.equal(entry.resolvedAt, null);
      assert.deepEqual(entry.details, { externalStoreId: body.externalStoreId });

      const replay = await api.write('POST', '/api/v3/orders', body);
      assert.equal(replay.status, 302);
      assert.equal((await log(`orderId=${body.orderId}`)).totalCount, 4);
    });

    test('log filters and paging: type, severity, errorCode, resolved, since, offset/count with links', async () => {
      const { body } = missingOrder();
      await api.write('POST', '/api/v3/orders', body);
      const mine = `orderId=${body.orderId}`;
      assert.equal((await log(`${mine}&errorCode=ArticleMissing`)).totalCount, 2);
      assert.equal((await log(`${mine}&severity=warning`)).totalCount, 4);
      assert.equal((await log(`${mine}&severity=Error`)).totalCount, 0);
      assert.equal((await log(`${mine}&type=Orders`)).totalCount, 4);
      assert.equal((await log(`${mine}&type=Receipts`)).totalCount, 0);
      assert.equal((await log(`${mine}&resolved=false`)).totalCount, 4);
      assert.equal((await log(`${mine}&resolved=true`)).totalCount, 0);
      assert.equal((await log(`${mine}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).totalCount, 0);
      const first = await api.get(`/api/v3/integration-log?${mine}&offset=0&count=3`);
      assert.equal(first.body.items.length, 3);
      assert.equal(first.body.totalCount, 4);
      assert.deepEqual(
        first.body.links.map((l: any) => l.rel),
        ['next'],
      );
      const second = await api.get(first.body.links[0].href);
      assert.equal(second.body.items.length, 1);
      assert.deepEqual(
        second.body.links.map((l: any) => l.rel),
        ['previous'],
      );
      const ids = [...first.body.items, ...second.body.items].map((e: any) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
        'newest first',
      );
      const all = await log('');
      assert.ok(all.items.length > 0);
      assert.equal((await api.get('/api/v3/integration-log?severity=Loud')).status, 400);
      assert.equal((await api.get('/api/v3/integration-log?count=0')).status, 400);
    });

    test('a contact registered after its order: order linked, versionTag kept, action 202, warning resolved', async () => {
      const { email, body } = missingOrder();
      const job = await api.write('POST', '/api/v3/orders', body);
      const versionTag = job.body.versionTag;
      const before = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'OrderConfirmation', versionTag });
      assert.equal(before.status, 422);
      assert.equal(before.body.errorCode, 'OrderHasNoContact');

      const contact = await api.post('/api/v3/contacts', { email });
      assert.equal(contact.status, 201);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.contactId, contact.body.id);
      assert.equal(order.body.versionTag, versionTag);
      assert.ok(
        linked.some((link) => link.contactId === contact.body.id && link.orderIds.includes(body.orderId)),
        'contactLinkedHooks ran',
      );
      const listed = await api.get(`/api/v3/orders?contactId=${contact.body.id}`);
      assert.deepEqual(
        listed.body.items.map((o: any) => o.orderId),
        [body.orderId],
      );

      const action = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'OrderConfirmation', versionTag });
      assert.equal(action.status, 202);
      const resolved = await log(`orderId=${body.orderId}&errorCode=ContactMissing`);
      assert.equal(resolved.items.length, 1);
      assert.ok(resolved.items[0].resolvedAt);
      assert.equal((await log(`orderId=${body.orderId}&resolved=false`)).totalCount, 3, 'store and articles still missing');
    });

    test('an order naming a contactType is linked only by a contact of that type', async () => {
      const email = `${uniqueId('typed')}@example.com`;
      const body = orderBody({ contact: { matchKey: email, matchKeyType: 'Email', contactType: 'Contact' } });
      await api.write('POST', '/api/v3/orders', body);
      await api.post('/api/v3/contacts', { email, contactType: 'Member' });
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.contactId, null);
      assert.equal((await log(`orderId=${body.orderId}&errorCode=ContactMissing&resolved=false`)).totalCount, 1);
      const contact = await api.post('/api/v3/contacts', { email, contactType: 'Contact' });
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.contactId, contact.body.id);
    });

    test('a store and articles registered later resolve their warnings', async () => {
      const { body } = missingOrder();
      await api.write('POST', '/api/v3/orders', body);
      assert.equal((await api.post('/api/v3/stores', { externalId: body.externalStoreId, name: 'Late', timeZone: 'Europe/Stockholm' })).status, 201);
      assert.equal((await log(`orderId=${body.orderId}&errorCode=StoreMissing&resolved=true`)).totalCount, 1);
      const [skuA, skuB] = body.lineItems.items.map((line: any) => line.article.sku);
      assert.equal((await api.put(`/api/v3/articles/${skuA}`, { number: '1', name: 'A', mainCategory: 'C' })).status, 201);
      assert.equal((await log(`orderId=${body.orderId}&errorCode=ArticleMissing&resolved=false`)).items[0].details.sku, skuB);
      await api.post('/api/v3/articles', [{ sku: skuB, number: '2', name: 'B', mainCategory: 'C' }]);
      assert.equal((await log(`orderId=${body.orderId}&errorCode=ArticleMissing&resolved=true`)).totalCount, 2);
    });

    test('an order that missed a concurrent registration is linked by the background sweep', async () => {
      // The outcome of the race: the contact committed without seeing the order, the
      // order committed without seeing the contact. Written directly to stand for it.
      const { email, body } = missingOrder();
      await api.write('POST', '/api/v3/orders', body);
      const contactId = randomUUID();
      const { db } = api.service.ctx;
      await sql`INSERT INTO contacts (id, email) VALUES (${contactId}, ${email})`.execute(db);
      await sql`INSERT INTO stores (external_id, name, time_zone, type) VALUES (${body.externalStoreId}, 'S', 'UTC', 'RETAIL')`.execute(db);
      await until('the sweep to link the order', async () =>
        (await api.get(`/api/v3/orders/${body.orderId}`)).body.contactId === contactId ? true : undefined,
      );
      await until('the sweep to resolve the warnings', async () => ((await log(`orderId=${body.orderId}&resolved=true`)).totalCount === 2 ? true : undefined));
    });
  });
}
