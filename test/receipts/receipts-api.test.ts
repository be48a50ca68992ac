import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from './fixtures.js';

for (const backend of backendNames()) {
  describe(`receipts API (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    async function addContact(email: string): Promise<string> {
      const id = randomUUID();
      await api.service.ctx.db
        .insertInto('contacts')
        .values({ id, email, contact_type: 'Member', created_at: new Date() } as never)
        .execute();
      return id;
    }

    test('a valid receipt → 201 with the stored receipt: unknown fields kept, enums canonical, contact linked', async () => {
      const contactId = await addContact(`Linked-${randomUUID()}@Example.com`);
      const body = receiptBody({ contact: { matchKey: 'x', matchKeyType: 'contactid' }, futureField: { kept: [1, 2] } });
      body.contact.matchKey = contactId.toUpperCase();
      body.items[0].type = 'purchase';
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.uniqueReceiptId, body.uniqueReceiptId);
      assert.equal(answer.body.contactId, contactId);
      assert.equal(answer.body.contact.matchKeyType, 'ContactId');
      assert.equal(answer.body.items[0].type, 'PURCHASE');
      assert.deepEqual(answer.body.futureField, { kept: [1, 2] });
      assert.equal(answer.body.createdDate, '2025-12-03T15:15:19+01:00');
      assert.deepEqual(answer.body.items[0].discounts, [{ value: -20, type: 'Campaign' }]);
    });

    test('an invalid receipt is a 400 InvalidReceipt listing every error, and nothing is stored', async () => {
      const body = receiptBody({ currency: 'XYZ', createdDate: '2025-12-03T15:15:19', totalGrossPrice: 500 });
      delete body.storeExternalId;
      body.paymentMethods = [
        { type: 'Card', value: 400 },
        { type: 'Cash', value: 48.8 },
      ];
      body.items[0].quantity = -2; // negative outside a RETURN line
      body.items[0].discounts = [{ value: 5 }]; // a discount must be ≤ 0
      body.items.push({ type: 'RETURN', sku: 'SKU-3', quantity: 1, grossPaidPrice: 10, taxAmount: 2, taxPercent: 25, articleNumber: 'A3', articleName: 'Hat' });
      body.items.push({ type: 'SWAP', sku: 'SKU-4', quantity: 1, grossPaidPrice: 0, taxAmount: 0, taxPercent: 0, articleNumber: 'A4', articleName: 'Cap' });
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 400);
      assert.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(answer.body.errorCode, 'InvalidReceipt');
      const paths = answer.body.errors.map((e: { path: string }) => e.path).sort();
      assert.deepEqual(paths, [
        'createdDate',
        'currency',
        'items[0].discounts[0].value',
        'items[0].quantity',
        'items[2].quantity',
        'items[3].type',
        'paymentMethods',
        'storeExternalId',
        'totalGrossPrice',
      ]);
      assert.equal((await api.post('/api/v3/receipts', receiptBody({ uniqueReceiptId: body.uniqueReceiptId }))).status, 201);
    });

    test('sums are exact decimals: 0.1 + 0.2 = 0.3, and 0.30000000000000004 is not', async () => {
      const lines = [
        { type: 'PURCHASE', sku: 'a', quantity: 1, grossPaidPrice: 0.1, taxAmount: 0.02, taxPercent: 25, articleNumber: 'a', articleName: 'a' },
        { type: 'PURCHASE', sku: 'b', quantity: 1, grossPaidPrice: 0.2, taxAmount: 0.04, taxPercent: 25, articleNumber: 'b', articleName: 'b' },
      ];
      const exact = receiptBody({
        items: lines,
        totalGrossPrice: 0.3,
        paymentMethods: [
          { type: 'Card', value: 0.15 },
          { type: 'Gift', value: 0.15 },
        ],
      });
      assert.equal((await api.post('/api/v3/receipts', exact)).status, 201);
      const float = receiptBody({
        items: lines,
        totalGrossPrice: 0.1 + 0.2,
        paymentMethods: [
          { type: 'Card', value: 0.1 },
          { type: 'Gift', value: 0.2 },
        ],
      });
      const answer = await api.post('/api/v3/receipts', float);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path).sort(), ['paymentMethods', 'totalGrossPrice']);
    });

    test('a return receipt (Engage): RETURN lines carry a negative quantity and a positive grossPaidPrice; the total is negative', async () => {
      const body = receiptBody({
        totalGrossPrice: -149.5,
        paymentMethods: [{ type: 'Card', value: -149.5 }],
        items: [
          { type: 'RETURN', sku: 'SKU-1', quantity: -1, grossPaidPrice: 199.5, taxAmount: 39.9, taxPercent: 25, articleNumber: 'A1', articleName: 'Shirt' },
          { type: 'ADJUSTMENT', sku: 'FEE', quantity: 0, grossPaidPrice: 50, taxAmount: 10, taxPercent: 25, articleNumber: 'F', articleName: 'Restocking fee' },
        ],
      });
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.totalGrossPrice, -149.5);
      assert.equal(answer.body.items[0].grossPaidPrice, 199.5, 'stored as sent');
      // A RETURN line sent with a negative grossPaidPrice counts the same: sign(quantity) × |grossPaidPrice|.
      const negative = structuredClone(body);
      negative.uniqueReceiptId = uniqueId('receipt');
      negative.items[0].grossPaidPrice = -199.5;
      assert.equal((await api.post('/api/v3/receipts', negative)).status, 201);
      // A total that sums the RETURN line as positive is refused.
      const wrong = structuredClone(body);
      wrong.uniqueReceiptId = uniqueId('receipt');
      wrong.totalGrossPrice = 249.5;
      wrong.paymentMethods = [{ type: 'Card', value: 249.5 }];
      const refused = await api.post('/api/v3/receipts', wrong);
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors, [
        { path: 'totalGrossPrice', message: 'must equal the sum of sign(quantity) × |grossPaidPrice| over items (-149.5)' },
      ]);
    });

    test('idempotent: a repeated uniqueReceiptId is ignored → 200 with the stored receipt and Duplicate: true, whatever its content', async () => {
      const body = receiptBody();
      const first = await api.post('/api/v3/receipts', body);
      assert.equal(first.status, 201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const repeat = await api.post('/api/v3/receipts', reordered);
      assert.equal(repeat.status, 200);
      assert.equal(repeat.headers.duplicate, 'true');
      assert.equal(first.headers.duplicate, undefined);
      assert.deepEqual(repeat.body, first.body);
      const changed = await api.post('/api/v3/receipts', { ...body, receiptNumber: 'R-9999' });
      assert.equal(changed.status, 200);
      assert.equal(changed.headers.duplicate, 'true');
      assert.deepEqual(changed.body, first.body, 'the stored receipt, not the new content');
      assert.equal((await api.post('/api/v3/receipts', body)).body.receiptNumber, 'R-1001');
    });

    test('concurrent identical posts → exactly one 201, the rest 200', async () => {
      const body = receiptBody();
      const answers = await Promise.all(Array.from({ length: 10 }, () => api.post('/api/v3/receipts', body)));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      for (const answer of answers) assert.deepEqual(answer.body, answers[0]!.body);
    });

    test('concurrent conflicting posts → exactly one 201, the rest 200 duplicates of the winner', async () => {
      const uniqueReceiptId = uniqueId('receipt');
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => api.post('/api/v3/receipts', receiptBody({ uniqueReceiptId, receiptNumber: `R-${i}` }))),
      );
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const winner = answers.find((a) => a.status === 201)!.body;
      for (const answer of answers) assert.deepEqual(answer.body, winner);
      const again = await api.post('/api/v3/receipts', receiptBody({ uniqueReceiptId, receiptNumber: winner.receiptNumber }));
      assert.equal(again.status, 200);
    });

    test('no PUT or DELETE; a read key cannot register', async () => {
      const body = receiptBody();
      assert.equal((await api.post('/api/v3/receipts', body)).status, 201);
      assert.equal((await api.put(`/api/v3/receipts/${body.uniqueReceiptId}`, body)).status, 404);
      assert.equal((await api.del(`/api/v3/receipts/${body.uniqueReceiptId}`)).status, 404);
      const read = await api.key('read');
      assert.equal((await api.post('/api/v3/receipts', receiptBody(), read)).status, 403);
    });

    test('receipts of an order: listed by orderId, and the order answer shows their ids', async () => {
      const contactId = await addContact(`order-${randomUUID()}@example.com`);
      const order = orderBody({ contact: { matchKey: contactId, matchKeyType: 'ContactId' } });
      const other = orderBody({ contact: { matchKey: contactId, matchKeyType: 'ContactId' } });
      assert.equal((await api.write('POST', '/api/v3/orders', order)).body.status, 'Succeeded');
      assert.equal((await api.write('POST', '/api/v3/orders', other)).body.status, 'Succeeded');
      const late = receiptBody({ orderId: order.orderId, createdDate: '2025-12-05T10:00:00+01:00' });
      const early = receiptBody({ orderId: order.orderId, createdDate: '2025-12-04T10:00:00+01:00' });
      for (const receipt of [late, early]) assert.equal((await api.post('/api/v3/receipts', receipt)).status, 201);

      const listed = await api.get(`/api/v3/orders/${order.orderId}/receipts`);
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [early.uniqueReceiptId, late.uniqueReceiptId],
      );
      assert.deepEqual((await api.get(`/api/v3/orders/${order.orderId}`)).body.receipts, [early.uniqueReceiptId, late.uniqueReceiptId]);
      const page = await api.get(`/api/v3/orders?contactId=${contactId}`);
      const byId = new Map(page.body.items.map((o: { orderId: string; receipts: string[] }) => [o.orderId, o.receipts]));
      assert.deepEqual(byId.get(order.orderId), [early.uniqueReceiptId, late.uniqueReceiptId]);
      assert.deepEqual(byId.get(other.orderId), []);
      assert.deepEqual((await api.get('/api/v3/orders/no-such-order/receipts')).body, { items: [] });
    });

    test("a contact's receipts are paged, newest createdDate first", async () => {
      const email = `paged-${randomUUID()}@example.com`;
      const contactId = await addContact(email);
      const ids: string[] = [];
      for (const day of ['01', '03', '02']) {
        const body = receiptBody({ contact: { matchKey: email.toUpperCase(), matchKeyType: 'Email' }, createdDate: `2025-11-${day}T12:00:00+02:00` });
        ids.push(body.uniqueReceiptId);
        assert.equal((await api.post('/api/v3/receipts', body)).body.contactId, contactId);
      }
      const first = await api.get(`/api/v3/contacts/${contactId}/receipts?count=2`);
      assert.equal(first.status, 200);
      assert.equal(first.body.totalCount, 3);
      assert.deepEqual(
        first.body.items.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [ids[1], ids[2]],
      );
      assert.deepEqual(first.body.links, [{ rel: 'next', href: `/api/v3/contacts/${contactId}/receipts?count=2&offset=2`, method: 'GET' }]);
      const second = await api.get(first.body.links[0].href);
      assert.deepEqual(
        second.body.items.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [ids[0]],
      );
      assert.equal((await api.get(`/api/v3/contacts/${randomUUID()}/receipts`)).body.errorCode, 'ContactNotFound');
      assert.equal((await api.get('/api/v3/contacts/not-a-uuid/receipts')).status, 404);
    });
  });
}
