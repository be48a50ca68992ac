// Every route declares its answers, and declaring them changed nothing on the wire:
// fast serialisation writes only what a schema lets through and coerces to the
// declared types, so each answer is compared field by field with what the route
// sent before it had a schema (its presenter's object through JSON.stringify),
// and with what the client wrote (fields the contract does not name come back).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getContact, presentContact } from '../../src/contacts/repo.js';
import { searchContacts } from '../../src/contacts/search.js';
import { browseOrders } from '../../src/orders/browse.js';
import { presentJob } from '../../src/jobs/present.js';
import { presentOrders } from '../../src/orders/present.js';
import { loadOrder } from '../../src/orders/repo.js';
import { presentReceipt, receiptsOfOrder } from '../../src/receipts/repo.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

/** What JSON.stringify makes of a value: the wire format before answers had schemas. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every path where `actual` differs from `expected`: a missing, extra or changed field, at any depth. */
function differences(actual: unknown, expected: unknown, path = '$'): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const found = actual.length === expected.length ? [] : [`${path}: ${actual.length} items, expected ${expected.length}`];
    return [...found, ...expected.flatMap((item, i) => differences(actual[i], item, `${path}[${i}]`))];
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      if (!(key in actual)) return [`${path}.${key}: missing`];
      if (!(key in expected)) return [`${path}.${key}: not expected (${JSON.stringify((actual as Record<string, unknown>)[key])})`];
      return differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    });
  }
  return Object.is(actual, expected) ? [] : [`${path}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/** `sent` is contained in `answer`: every field the client wrote reads back unchanged. */
function keptFields(answer: unknown, sent: unknown, path = '$'): string[] {
  if (sent !== null && typeof sent === 'object' && !Array.isArray(sent)) {
    if (answer === null || typeof answer !== 'object') return [`${path}: expected an object`];
    return Object.entries(sent).flatMap(([key, value]) =>
      key in answer ? keptFields((answer as Record<string, unknown>)[key], value, `${path}.${key}`) : [`${path}.${key}: dropped`],
    );
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(answer)) return [`${path}: expected an array`];
    return sent.flatMap((item, i) => keptFields(answer[i], item, `${path}[${i}]`));
  }
  return Object.is(answer, sent) ? [] : [`${path}: ${JSON.stringify(answer)}, sent ${JSON.stringify(sent)}`];
}

const email = () => `${uniqueId('anna')}@example.com`.toLowerCase();

/** An order with fields the contract does not name at every level, and the optional parts filled in. */
function richOrder(matchKey: string) {
  return orderBody({
    contact: { matchKey, matchKeyType: 'Email', loyaltyTier: 'gold' },
    externalStatus: 'Picked',
    references: ['R-1', 'R-2'],
    lastChangedAt: '2025-12-03T16:00:00.123+01:00',
    lineItems: {
      items: [
        {
          id: 'l1',
          quantity: 2,
          article: { sku: 'SKU-1', name: 'Shirt', brand: 'Stride', sizes: ['M', 'L'] },
          pricePerUnit: 199.5,
          totalPrice: 399,
          discounts: [{ amount: 0.1, code: 'X' }],
          taxes: 'kept as sent',
          group: { bundle: 7 },
          campaign: 'BF',
        },
        { id: 'l2', quantity: 1, article: { sku: 'SKU-2' }, pricePerUnit: 49.9, totalPrice: 49.9, returnDetails: undefined },
      ],
      subTotal: 448.9,
      note: 'line list extra',
    },
    payments: { items: [{ type: 'Card', amount: 448.9, gateway: 'adyen' }], total: 448.9 },
    delivery: { method: 'Post', trackingNumber: 'T-1', carrier: 'PostNord' },
    billingAddress: { firstname: 'Anna', city: 'Stockholm', doorCode: '1234' },
    customAttributes: { vip: true, score: 12.5, tags: ['a', null, 3], empty: {} },
    nothing: null,
  });
}

for (const backend of backendNames()) {
  describe(`answer schemas (${backend})`, () => {
    let api: TestService;
    let contactEmail: string;
    let contactId: string;
    let order: Record<string, any>;
    let unmatched: Record<string, any>;
    let jobId: string;
    let receipt: Record<string, any>;

    before(async () => {
      api = await startTestService(backend);
      contactEmail = email();
      const created = await api.post('/api/v3/contacts', { email: contactEmail, firstName: 'Anna', favouriteColour: 'green', address: { city: 'Lund' } });
      assert.equal(created.status, 201, created.text);
      contactId = created.body.id;
      order = richOrder(contactEmail);
      const accepted = await api.post('/api/v3/orders', order);
      assert.equal(accepted.status, 202, accepted.text);
      jobId = accepted.body.jobId;
      assert.equal((await api.waitForJob(jobId)).status, 302);
      unmatched = richOrder(email());
      assert.equal((await api.write('POST', '/api/v3/orders', unmatched)).status, 302);
      receipt = receiptBody({ orderId: order.orderId, contact: { matchKey: contactEmail, matchKeyType: 'Email' }, till: { number: 4 } });
      assert.equal((await api.post('/api/v3/receipts', receipt)).status, 201);
    });
    after(async () => api?.stop());

    const expectedOrder = async (orderId: string) => {
      const [answer] = await presentOrders(api.service.ctx, [(await loadOrder(api.service.ctx.db, orderId))!]);
      return wire(answer);
    };

    test('GET order: every stored field, at every depth, and every field the client sent (unknown ones too)', async () => {
      for (const [sent, linked] of [
        [order, true],
        [unmatched, false],
      ] as const) {
        const answer = await api.get(`/api/v3/orders/${sent.orderId}`);
        assert.equal(answer.status, 200);
        assert.deepEqual(differences(answer.body, await expectedOrder(sent.orderId)), []);
        assert.deepEqual(keptFields(answer.body, wire(sent)), []);
        assert.equal(answer.body.customAttributes.score, 12.5);
        assert.equal(answer.body.nothing, null);
        assert.equal(answer.body.contactId, linked ? contactId : null, 'a null contactId stays null, not ""');
      }
    });

    test("GET a contact's orders, the order's versions and actions: every field", async () => {
      const list = await api.get(`/api/v3/orders?contactId=${contactId}`);
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 1);
      assert.deepEqual(differences(list.body.items[0], await expectedOrder(order.orderId)), []);

      const action = await api.post(`/api/v3/orders/${order.orderId}/action`, {
        action: 'OrderConfirmation',
        versionTag: list.body.items[0].versionTag,
        data: { note: 'x', nested: [1] },
      });
      assert.equal(action.status, 202, action.text);
      const actions = await api.get(`/api/v3/orders/${order.orderId}/actions`);
      assert.equal(actions.body.items.length, 1);
      const row = await api.service.ctx.db.selectFrom('action_events').selectAll().where('id', '=', action.body.actionId).executeTakeFirstOrThrow();
      assert.deepEqual(
        differences(actions.body.items[0], {
          actionId: row.id,
          orderId: row.order_id,
          versionTag: row.version_tag,
          action: 'OrderConfirmation',
          language: null,
          data: { note: 'x', nested: [1] },
          contactId,
          jobId: row.job_id,
          createdAt: new Date(row.created_at).toISOString(),
        }),
        [],
      );

      const versions = await api.get(`/api/v3/orders/${order.orderId}/versions`);
      assert.equal(versions.status, 200);
      assert.deepEqual(Object.keys(versions.body.items[0]).sort(), ['changes', 'jobId', 'operation', 'processedAt', 'versionTag']);
      assert.equal(versions.body.items[0].jobId, jobId);
    });

    test('the order list and the contact search: every field of what the services return', async () => {
      const orders = await api.get('/api/v3/orders?limit=10');
      assert.equal(orders.status, 200);
      assert.equal(orders.body.items.length, 2);
      assert.deepEqual(differences(orders.body, wire(await browseOrders(api.service.ctx.db, { limit: 10 }))), []);
      const contacts = await api.get('/api/v3/contacts?q=anna&limit=5');
      assert.equal(contacts.status, 200);
      assert.equal(contacts.body.items.length, 1);
      assert.deepEqual(differences(contacts.body, wire(await searchContacts(api.service.ctx.db, { q: 'anna', limit: 5 }))), []);
    });

    test('GET job (302 on success) and the job list: every field of the stored job', async () => {
      const expected = wire(presentJob((await api.service.ctx.queue.get(jobId))!));
      const answer = await api.get(`/api/v3/orders/jobs/${jobId}`);
      assert.equal(answer.status, 302);
      assert.deepEqual(differences(answer.body, expected), []);
      const list = await api.get(`/api/v3/orders/jobs?orderId=${encodeURIComponent(order.orderId)}`);
      assert.equal(list.status, 200);
      assert.deepEqual(differences(list.body.items, [expected]), []);
      assert.deepEqual(Object.keys(list.body).sort(), ['count', 'items', 'links', 'offset', 'totalCount']);
    });

    test("a failed job answers 422: the problem keeps the job's fields", async () => {
      const accepted = await api.request(
        'POST',
        `/api/v3/orders/${order.orderId}/change-status`,
        { status: 'Completed' },
        { headers: { 'if-match': '"stale"' } },
      );
      assert.equal(accepted.status, 202, accepted.text);
      const failed = await api.waitForJob(accepted.body.jobId);
      assert.equal(failed.status, 422);
      const { errorCode, errors, status, ...rest } = wire(presentJob((await api.service.ctx.queue.get(accepted.body.jobId))!)) as Record<string, unknown>;
      assert.equal(status, 'Failed');
      assert.equal(failed.body.errorCode, errorCode);
      assert.deepEqual(failed.body.errors, errors);
      assert.equal(failed.body.jobStatus, 'Failed');
      assert.deepEqual(keptFields(failed.body, rest), []);
    });

    test('GET contact: every stored field, unknown ones and null keys included; conflicts keep their extra members', async () => {
      const answer = await api.get(`/api/v3/contacts/${contactId}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(differences(answer.body, wire(presentContact((await getContact(api.service.ctx.db, contactId))!))), []);
      assert.deepEqual(answer.body.address, { city: 'Lund' });
      assert.equal(answer.body.mobilePhone, null);
      const duplicate = await api.post('/api/v3/contacts', { email: contactEmail });
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.contactId, contactId, 'the problem names the existing contact');
      const found = await api.get(`/api/v3/contacts/id?email=${encodeURIComponent(contactEmail)}`);
      assert.equal(found.status, 200);
      assert.equal(found.body, contactId);
    });

    test("GET receipts (an order's, a contact's): every stored field, unknown ones included", async () => {
      const rows = await receiptsOfOrder(api.service.ctx.db, order.orderId);
      assert.equal(rows.length, 1);
      const expected = wire(presentReceipt(rows[0]!));
      const ofOrder = await api.get(`/api/v3/orders/${order.orderId}/receipts`);
      assert.equal(ofOrder.status, 200);
      assert.deepEqual(differences(ofOrder.body, { items: [expected] }), []);
      assert.deepEqual(keptFields(ofOrder.body.items[0], wire(receipt)), []);
      const ofContact = await api.get(`/api/v3/contacts/${contactId}/receipts`);
      assert.equal(ofContact.status, 200);
      assert.deepEqual(differences(ofContact.body.items, [expected]), []);
      const again = await api.post('/api/v3/receipts', receipt);
      assert.equal(again.status, 200);
      assert.deepEqual(differences(again.body, expected), []);
    });

    test('stores, articles and segments read back with fields the contract does not name', async () => {
      const store = { externalId: uniqueId('store'), name: 'Lund', openingHours: { mon: '9-18' }, tags: ['a'] };
      assert.equal((await api.post('/api/v3/stores', store)).status, 201);
      const stores = await api.get('/api/v3/stores');
      const listed = stores.body.find((s: { externalId: string }) => s.externalId === store.externalId);
      assert.deepEqual(keptFields(listed, store), []);
      assert.equal(listed.timeZone, null);

      const article = { number: 'N1', name: 'Shirt', mainCategory: 'Tops', awardsBonus: false, fabric: { cotton: 100 } };
      const put = await api.put('/api/v3/articles/SKU-X', article);
      assert.equal(put.status, 201, put.text);
      assert.deepEqual(differences((await api.get('/api/v3/articles/SKU-X')).body, { ...article, sku: 'SKU-X' }), []);

      const filter = { hasOrder: { lineItem: { sku: ['SKU-1'] } } };
      const saved = await api.post('/api/v3/segments', { name: 'Shirt buyers', filter });
      assert.equal(saved.status, 201, saved.text);
      const segment = await api.get(`/api/v3/segments/${saved.body.id}`);
      assert.deepEqual(differences(segment.body, saved.body), []);
      assert.deepEqual(segment.body.filter, filter);
      const members = await api.get(`/api/v3/segments/${saved.body.id}/contacts`);
      assert.deepEqual(
        members.body.items.map((member: { contactId: string }) => member.contactId),
        [contactId],
      );
      assert.deepEqual(Object.keys(members.body.items[0]).sort(), ['contactId', 'email', 'firstName', 'lastName'], 'members carry name and email');
    });

    test('every operation in the OpenAPI document declares its success answer and the problem body', async () => {
      const docs = await api.request('GET', '/api/docs/json', undefined, { key: null });
      assert.equal(docs.status, 200);
      assert.ok(docs.body.components.schemas.Problem.properties.errorCode, 'the shared Problem component');
      const missing: string[] = [];
      let operations = 0;
      for (const [path, item] of Object.entries(docs.body.paths as Record<string, Record<string, { responses?: Record<string, any> }>>)) {
        for (const [method, operation] of Object.entries(item)) {
          operations += 1;
          const route = `${method.toUpperCase()} ${path}`;
          const responses = operation.responses ?? {};
          const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
          if (success.length === 0) missing.push(`${route}: no 2xx answer`);
          for (const status of success) {
            const content = responses[status].content as Record<string, { schema?: unknown }> | undefined;
            const hasSchema = content && Object.values(content).some((media) => media.schema !== undefined);
            if (status !== '204' && !hasSchema) missing.push(`${route}: ${status} has no schema`);
          }
          if (!path.startsWith('/api/')) continue;
          for (const range of ['4XX', '5XX']) {
            const problem = responses[range]?.content?.['application/problem+json']?.schema;
            if (problem?.$ref !== '#/components/schemas/Problem') missing.push(`${route}: no ${range} problem schema`);
          }
        }
      }
      assert.ok(operations > 40, `only ${operations} operations`);
      assert.deepEqual(missing, []);
    });
  });
}
