// GET /api/v3/contacts/{id}/timeline: the contact's order versions (type and total),
// receipts, actions and automation deliveries, newest first, paged by cursor.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { eventually } from '../helpers/eventually.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

type Entry = Record<string, any> & { at: string; kind: string };

for (const backend of backendNames()) {
  describe(`contact timeline (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    async function all(contactId: string, limit: number): Promise<Entry[]> {
      const items: Entry[] = [];
      let cursor: string | null = null;
      do {
        const answer = await api.get(`/api/v3/contacts/${contactId}/timeline?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(answer.status, 200, answer.text);
        assert.ok(answer.body.items.length <= limit);
        items.push(...answer.body.items);
        cursor = answer.body.nextCursor;
      } while (cursor);
      return items;
    }

    test("a contact's events newest first, across pages, and only theirs", async () => {
      const action = `Thanks-${uniqueId('t')}`;
      assert.equal(
        (await api.post('/api/v3/automations', { name: 'Thanks mail', trigger: { action }, steps: [{ type: 'email', subject: 'Thanks', text: 'Hi' }] })).status,
        201,
      );
      const email = `${uniqueId('tina')}@example.com`;
      const contactId = (await api.post('/api/v3/contacts', { email, firstName: 'Tina' })).body.id;
      const other = `${uniqueId('olle')}@example.com`;
      await api.post('/api/v3/contacts', { email: other, firstName: 'Olle' });
      const contact = { matchKey: email, matchKeyType: 'Email' };

      const purchase = orderBody({ contact, totalPrice: 448.9 });
      await api.write('POST', '/api/v3/orders', purchase);
      const returned = orderBody({
        contact,
        lineItems: {
          items: [{ id: 'r1', type: 'Return', quantity: -1, article: { sku: 'SKU-1', name: 'Shirt' }, pricePerUnit: 199.5, totalPrice: -199.5 }],
          subTotal: -199.5,
        },
      });
      await api.write('POST', '/api/v3/orders', returned);
      const changed = await api.write('POST', `/api/v3/orders/${purchase.orderId}/change-status`, { status: 'Completed' });
      const triggered = await api.post(`/api/v3/orders/${purchase.orderId}/action`, { action, versionTag: changed.body.versionTag });
      assert.equal(triggered.status, 202, triggered.text);
      const receipt = receiptBody({ orderId: purchase.orderId, contact, createdDate: new Date().toISOString() });
      assert.ok((await api.post('/api/v3/receipts', receipt)).status < 300);
      await api.write('POST', '/api/v3/orders', orderBody({ contact: { matchKey: other, matchKeyType: 'Email' } }));

      // The delivery is made by the automation worker: wait until it has settled, so the pages below see one state.
      await eventually('a settled delivery on the timeline', async () =>
        (await all(contactId, 100)).some((entry) => entry.kind === 'delivery' && !['Pending', 'Delivering'].includes(entry.status)),
      );
      const items = await all(contactId, 2);
      const times = items.map((entry) => Date.parse(entry.at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );
      assert.deepEqual(
        items.map((entry) => entry.kind).sort(),
        ['action', 'delivery', 'order', 'order', 'order', 'receipt'],
        `only Tina's events, each once across pages: ${JSON.stringify(items)}`,
      );
      const orders = items.filter((entry) => entry.kind === 'order');
      const created = orders.find((entry) => entry.orderId === purchase.orderId && entry.operation === 'Create')!;
      assert.deepEqual(
        { ...created, at: undefined, versionTag: undefined },
        {
          at: undefined,
          versionTag: undefined,
          kind: 'order',
          orderId: purchase.orderId,
          operation: 'Create',
          orderType: 'Purchase',
          status: 'Received',
          currency: 'SEK',
          total: '448.9',
        },
      );
      const statusChange = orders.find((entry) => entry.operation === 'ChangeStatus')!;
      assert.equal(statusChange.status, 'Completed');
      assert.equal(statusChange.versionTag, changed.body.versionTag);
      const ret = orders.find((entry) => entry.orderId === returned.orderId)!;
      assert.equal(ret.orderType, 'Return');
      assert.equal(ret.total, '-199.5', 'lineItems.subTotal when the order has no totalPrice');
      const receiptEntry = items.find((entry) => entry.kind === 'receipt')!;
      assert.equal(receiptEntry.uniqueReceiptId, receipt.uniqueReceiptId);
      assert.equal(receiptEntry.orderId, purchase.orderId);
      assert.equal(receiptEntry.total, '448.9');
      const actionEntry = items.find((entry) => entry.kind === 'action')!;
      assert.equal(actionEntry.actionId, triggered.body.actionId);
      assert.equal(actionEntry.action, action);
      const delivery = items.find((entry) => entry.kind === 'delivery')!;
      assert.equal(delivery.automationName, 'Thanks mail');
      assert.equal(delivery.stepType, 'email');
      assert.equal(delivery.orderId, purchase.orderId);
      assert.ok(items.indexOf(delivery) < items.indexOf(actionEntry), 'the delivery comes after (above) its action');
      assert.deepEqual(await all(contactId, 100), items, 'one page or many: the same list');
    });

    test('a contact with no orders has an empty timeline; unknown contact 404; a forged cursor 400', async () => {
      const contactId = (await api.post('/api/v3/contacts', { email: `${uniqueId('new')}@example.com` })).body.id;
      assert.deepEqual((await api.get(`/api/v3/contacts/${contactId}/timeline`)).body, { contactId, items: [], nextCursor: null });
      const missing = await api.get('/api/v3/contacts/00000000-0000-4000-8000-000000000000/timeline');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.errorCode, 'ContactNotFound');
      const forged = await api.get(`/api/v3/contacts/${contactId}/timeline?cursor=not-a-cursor`);
      assert.equal(forged.status, 400);
      assert.equal(forged.body.errors[0].path, 'cursor');
    });
  });
}
