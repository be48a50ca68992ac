import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

type Line = { type?: 'Return'; totalPrice: number; quantity?: number };

for (const backend of backendNames()) {
  describe(`contact summary (${backend})`, () => {
    let api: TestService;
    let contactId: string;
    let email: string;
    before(async () => {
      api = await startTestService(backend);
      email = `${uniqueId('summary')}@example.com`;
      contactId = (await api.post('/api/v3/contacts', { email, firstName: 'Sam', lastName: 'Summary' })).body.id;
    });
    after(async () => api?.stop());

    const order = async (currencyCode: string, status: string, createdAt: string, lines: Line[], extra: Record<string, unknown> = {}) => {
      const items = lines.map((line, i) => ({
        id: `l${i}`,
        quantity: line.quantity ?? 1,
        article: { sku: `SKU-${i}`, name: 'Thing' },
        pricePerUnit: Math.abs(line.totalPrice),
        totalPrice: line.totalPrice,
        ...(line.type ? { type: line.type } : {}),
      }));
      const subTotal = Number(lines.reduce((s, l) => s + l.totalPrice, 0).toFixed(4)); // the decimal sum, as a client writes it
      const body = orderBody({
        currencyCode,
        status,
        createdAt,
        contact: { matchKey: email, matchKeyType: 'Email' },
        lineItems: { items, subTotal },
        ...extra,
      });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.body.status, 'Succeeded', job.text);
      return body.orderId as string;
    };

    test('counts, exact sums per currency, purchase dates; cancelled orders add no money', async () => {
      await order('SEK', 'Completed', '2025-01-10T10:00:00Z', [{ totalPrice: 399 }, { totalPrice: 49.9 }]);
      await order('SEK', 'Received', '2025-03-01T12:00:00Z', [{ totalPrice: 1300 }], {
        discounts: { items: [{ type: 'Coupon', amount: 0.5 }], total: 0.5 },
        totalPrice: 1299.5,
      }); // the order total, after its discount
      await order('SEK', 'Completed', '2025-02-15T09:00:00Z', [{ type: 'Return', totalPrice: -199.5, quantity: -1 }]);
      await order('EUR', 'Completed', '2025-02-01T08:00:00Z', [{ totalPrice: 100.1 }, { type: 'Return', totalPrice: 30.05 }]);
      await order('EUR', 'InProgress', '2025-01-20T08:00:00Z', [{ totalPrice: 0.1 }, { totalPrice: 0.2 }]);
      await order('SEK', 'Cancelled', '2025-06-01T08:00:00Z', [{ totalPrice: 5000 }]);

      const answer = await api.get(`/api/v3/contacts/${contactId}/summary`);
      assert.equal(answer.status, 200, answer.text);
      const { segments, segmentsTruncated, ...figures } = answer.body;
      assert.deepEqual(figures, {
        contactId,
        orders: 6,
        purchases: 4,
        returns: 1,
        mixed: 1,
        openOrders: 2,
        totals: [
          // 100.1 + 0.1 + 0.2 = 100.4 exactly (in float it is 100.39999999999999); 100.4 / 2 orders.
          { currency: 'EUR', spent: '100.4', returned: '30.05', averageOrderValue: '50.2' },
          // 448.9 + 1299.5; the return's −199.5 counts as returned; 1748.4 / 2.
          { currency: 'SEK', spent: '1748.4', returned: '199.5', averageOrderValue: '874.2' },
        ],
        firstPurchaseAt: '2025-01-10T10:00:00.000Z',
        lastPurchaseAt: '2025-03-01T12:00:00.000Z',
      });
      assert.deepEqual(segments, []);
      assert.equal(segmentsTruncated, false);
    });

    test('segments the contact is in now, by name', async () => {
      const save = async (name: string, filter: unknown) => {
        const saved = await api.post('/api/v3/segments', { name, filter });
        assert.equal(saved.status, 201, saved.text);
        return saved.body.id as string;
      };
      const mixedBuyers = await save('Mixed buyers', { hasOrder: { orderType: ['Mixed'] } });
      await save('Never bought NOPE', { hasOrder: { lineItem: { sku: ['NOPE'] } } });
      const members = await save('Members without open orders', { and: [{ contact: { contactType: ['member'] } }, { not: { hasOrder: { ongoing: true } } }] });
      const notCancelled = await save('Not a canceller', { not: { hasOrder: { status: ['Cancelled'] } } });
      const summary = (await api.get(`/api/v3/contacts/${contactId}/summary`)).body;
      assert.deepEqual(summary.segments, [{ id: mixedBuyers, name: 'Mixed buyers' }]);
      assert.ok(members && notCancelled);

      // A contact with no orders at all is in the two negated segments and nothing else.
      const quiet = (await api.post('/api/v3/contacts', { email: `${uniqueId('quiet')}@example.com` })).body.id;
      const empty = (await api.get(`/api/v3/contacts/${quiet}/summary`)).body;
      assert.deepEqual(empty.segments.map((s: any) => s.name).sort(), ['Members without open orders', 'Not a canceller']);
      assert.deepEqual(
        { ...empty, segments: undefined },
        {
          contactId: quiet,
          orders: 0,
          purchases: 0,
          returns: 0,
          mixed: 0,
          openOrders: 0,
          totals: [],
          firstPurchaseAt: null,
          lastPurchaseAt: null,
          segments: undefined,
          segmentsTruncated: false,
        },
      );

      // The summary agrees with each segment's own member list, for both contacts.
      for (const segment of (await api.get('/api/v3/segments?count=100')).body.items) {
        const members = (await api.get(`/api/v3/segments/${segment.id}/contacts?count=100`)).body.items.map((m: any) => m.contactId);
        for (const [id, answer] of [
          [contactId, summary],
          [quiet, empty],
        ] as const) {
          assert.equal(
            answer.segments.some((s: any) => s.id === segment.id),
            members.includes(id),
            `${segment.name} for ${id}`,
          );
        }
      }
    });

    test('unknown contact: 404 problem; read scope suffices', async () => {
      for (const id of [randomUUID(), 'not-a-guid']) {
        const answer = await api.get(`/api/v3/contacts/${id}/summary`);
        assert.equal(answer.status, 404);
        assert.equal(answer.body.errorCode, 'ContactNotFound');
      }
      assert.equal((await api.get(`/api/v3/contacts/${contactId}/summary`, await api.key('read'))).status, 200);
    });
  });
}
