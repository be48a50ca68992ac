// GET /api/v3/orders/{orderId}/timeline: versions with their field diff and the key that made
// them, action events, automation deliveries, receipts and integration-log entries, oldest first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { diffDocuments } from '../../src/orders/diff.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

describe('order diff (pure)', () => {
  test('lines are matched by id; nested fields are listed by path; the list is capped', () => {
    const before = {
      status: 'Received',
      delivery: { method: 'Post' },
      lineItems: {
        items: [
          { id: 'a', quantity: 1 },
          { id: 'b', quantity: 2 },
        ],
        subTotal: 3,
      },
    };
    const after = {
      status: 'Completed',
      delivery: { method: 'Post', trackingNumber: 'T1' },
      lineItems: {
        items: [
          { id: 'c', quantity: 5 },
          { id: 'a', quantity: 1 },
        ],
        subTotal: 6,
      },
    };
    assert.deepEqual(diffDocuments(before, after), {
      truncated: false,
      changes: [
        { path: 'delivery.trackingNumber', before: null, after: 'T1' },
        { path: 'lineItems.items[c]', before: null, after: { id: 'c', quantity: 5 } },
        { path: 'lineItems.items[b]', before: { id: 'b', quantity: 2 }, after: null },
        { path: 'lineItems.subTotal', before: 3, after: 6 },
        { path: 'status', before: 'Received', after: 'Completed' },
      ],
    });
    const many = diffDocuments({ tags: Array.from({ length: 80 }, (_, i) => i) }, { tags: Array.from({ length: 80 }, (_, i) => -i - 1) });
    assert.equal(many.changes.length, 50);
    assert.equal(many.truncated, true);
    assert.deepEqual(diffDocuments({ a: 1 }, { a: 1 }), { changes: [], truncated: false });
  });
});

for (const backend of backendNames()) {
  describe(`order timeline (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test("an order's whole history, oldest first", async () => {
      const automation = await api.post('/api/v3/automations', {
        name: 'Thanks',
        trigger: { action: 'ThankYou' },
        steps: [{ type: 'email', subject: 'Thanks', text: 'Hi' }],
      });
      assert.equal(automation.status, 201, automation.text);
      const contact = await api.post('/api/v3/contacts', { email: 'tim@example.com', firstName: 'Tim' });
      assert.equal(contact.status, 201, contact.text);
      const writer = await api.key('write'); // named "test write"
      const body = orderBody({ contact: { matchKey: 'tim@example.com', matchKeyType: 'Email' }, externalStoreId: 'NO-SUCH-STORE' });
      const created = await api.request('POST', '/api/v3/orders', body, { key: writer });
      assert.equal(created.status, 202, created.text);
      const first = await api.waitForJob(created.body.jobId);
      const changed = await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, {
        status: 'Completed',
        lineItems: [{ id: 'l1', externalStatus: 'Shipped' }],
      });
      const action = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ThankYou', versionTag: changed.body.versionTag });
      assert.equal(action.status, 202, action.text);
      const receipt = await api.post(
        '/api/v3/receipts',
        receiptBody({ orderId: body.orderId, contact: { matchKey: 'tim@example.com', matchKeyType: 'Email' } }),
      );
      assert.ok(receipt.status < 300, receipt.text);

      // The delivery is made by the automation worker: wait until it has settled.
      const deadline = Date.now() + 15_000;
      let items: any[];
      for (;;) {
        const answer = await api.get(`/api/v3/orders/${body.orderId}/timeline`);
        assert.equal(answer.status, 200, answer.text);
        items = answer.body.items;
        const delivery = items.find((item) => item.kind === 'delivery');
        if (delivery && !['Pending', 'Delivering'].includes(delivery.status)) break;
        assert.ok(Date.now() < deadline, `no settled delivery: ${JSON.stringify(items)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const times = items.map((item) => Date.parse(item.at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        'oldest first',
      );
      const versions = items.filter((item) => item.kind === 'version');
      assert.equal(versions.length, 2);
      assert.deepEqual(
        { ...versions[0], at: undefined },
        {
          at: undefined,
          kind: 'version',
          versionTag: first.body.versionTag,
          operation: 'Create',
          jobId: created.body.jobId,
          apiKeyName: 'test write',
          changes: [],
          changesTruncated: false,
        },
      );
      assert.equal(versions[1].versionTag, changed.body.versionTag);
      assert.equal(versions[1].operation, 'ChangeStatus');
      assert.equal(versions[1].apiKeyName, 'ADMIN_API_KEY', 'the admin key (named after its variable) made it');
      assert.deepEqual(
        versions[1].changes.filter((change: { path: string }) => change.path === 'status' || change.path.startsWith('lineItems')),
        [
          { path: 'lineItems.items[l1].externalStatus', before: null, after: 'Shipped' },
          { path: 'status', before: 'Received', after: 'Completed' },
        ],
      );
      const actionEntry = items.find((item) => item.kind === 'action');
      assert.deepEqual(
        { ...actionEntry, at: undefined },
        { at: undefined, kind: 'action', actionId: action.body.actionId, action: 'ThankYou', versionTag: changed.body.versionTag, language: null },
      );
      const delivery = items.find((item) => item.kind === 'delivery');
      assert.equal(delivery.actionId, action.body.actionId);
      assert.equal(delivery.automationName, 'Thanks');
      assert.equal(delivery.stepType, 'email');
      assert.ok(delivery.attempts >= 1);
      assert.ok(items.indexOf(delivery) > items.indexOf(actionEntry), `the delivery follows its action: ${JSON.stringify(items)}`);
      const receiptEntry = items.find((item) => item.kind === 'receipt');
      assert.equal(receiptEntry.uniqueReceiptId, receipt.body.uniqueReceiptId ?? receiptEntry.uniqueReceiptId);
      assert.equal(receiptEntry.receiptNumber, 'R-1001');
      assert.equal(receiptEntry.at, '2025-12-03T14:15:19.000Z', 'a receipt stands at its own createdDate');
      const log = items.filter((item) => item.kind === 'log');
      assert.ok(
        log.some((entry) => entry.errorCode === 'StoreMissing' && entry.severity === 'Warning' && entry.resolvedAt === null),
        JSON.stringify(log),
      );
    });

    test('an unknown order is a 404 problem', async () => {
      const answer = await api.get('/api/v3/orders/no-such-order/timeline');
      assert.equal(answer.status, 404);
      assert.equal(answer.body.errorCode, 'OrderNotFound');
    });

    test('a read key may read it; no key may not', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}/timeline`, await api.key('read'))).status, 200);
      assert.equal((await api.request('GET', `/api/v3/orders/${body.orderId}/timeline`, undefined, { key: null })).status, 401);
    });
  });
}
