// Conformance: receipts as Engage documents them (docs/compatibility.md).
// Each case names the rule it checks; the suite runs through the real HTTP stack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

for (const backend of backendNames()) {
  describe(`conformance: receipts (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const returnLine = {
      type: 'RETURN',
      sku: 'SKU-1',
      quantity: -1,
      grossPaidPrice: 199.5,
      taxAmount: 39.9,
      taxPercent: 25,
      articleNumber: 'A1',
      articleName: 'Shirt',
    };

    test('sign convention (Engage): a RETURN line has a negative quantity and a positive grossPaidPrice; the total and payment are negative', async () => {
      const body = receiptBody({ totalGrossPrice: -199.5, paymentMethods: [{ type: 'Card', value: -199.5 }], items: [returnLine] });
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.items[0].grossPaidPrice, 199.5);
      assert.equal(answer.body.items[0].taxAmount, 39.9);
    });

    test('sign convention: a line counts as sign(quantity) × |grossPaidPrice| in the total (an exchange nets out)', async () => {
      const purchase = { ...returnLine, type: 'PURCHASE', quantity: 1, grossPaidPrice: 249.5 };
      const body = receiptBody({ totalGrossPrice: 50, paymentMethods: [{ type: 'Card', value: 50 }], items: [purchase, returnLine] });
      assert.equal((await api.post('/api/v3/receipts', body)).status, 201);
      const summedPlainly = receiptBody({ totalGrossPrice: 449, paymentMethods: [{ type: 'Card', value: 449 }], items: [purchase, returnLine] });
      const refused = await api.post('/api/v3/receipts', summedPlainly);
      assert.equal(refused.status, 400);
      assert.deepEqual(
        refused.body.errors.map((e: { path: string }) => e.path),
        ['totalGrossPrice'],
      );
    });

    test('sign convention: a RETURN line still needs a negative quantity (documented by Engage)', async () => {
      const body = receiptBody({ totalGrossPrice: 199.5, paymentMethods: [{ type: 'Card', value: 199.5 }], items: [{ ...returnLine, quantity: 1 }] });
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body.errors, [{ path: 'items[0].quantity', message: 'must be negative on a RETURN line' }]);
    });

    test('receiptNumber is optional', async () => {
      const body = receiptBody();
      delete body.receiptNumber;
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      assert.equal('receiptNumber' in answer.body, false);
    });

    test('receipt-level extraData may be an array of { name, value }', async () => {
      const extraData = [
        { name: 'cashier', value: 'Kim' },
        { name: 'lane', value: 3 },
      ];
      const answer = await api.post('/api/v3/receipts', receiptBody({ extraData }));
      assert.equal(answer.status, 201, answer.text);
      assert.deepEqual(answer.body.extraData, extraData);
    });

    test('paymentMethods[].type is optional', async () => {
      const answer = await api.post('/api/v3/receipts', receiptBody({ paymentMethods: [{ value: 448.9 }] }));
      assert.equal(answer.status, 201, answer.text);
    });

    test('numeric strings in amounts (as in Engage examples) are stored as numbers; unnamed fields as sent', async () => {
      const body = receiptBody({ totalGrossPrice: '448.90', paymentMethods: [{ type: 'Card', value: '448.90' }] });
      body.items[0].grossPaidPrice = '399.00';
      body.items[0].marginPercent = '25.00';
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.totalGrossPrice, 448.9);
      assert.equal(answer.body.paymentMethods[0].value, 448.9);
      assert.equal(answer.body.items[0].grossPaidPrice, 399);
      assert.equal(answer.body.items[0].marginPercent, '25.00');
    });

    test('null in an optional field is the same as absent', async () => {
      const body = receiptBody({ contact: null, exchangeRateToGroupCurrency: null, extraData: null, orderId: null, receiptNumber: null });
      body.items[0].discounts = null;
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201, answer.text);
      for (const field of ['contact', 'exchangeRateToGroupCurrency', 'extraData', 'orderId', 'receiptNumber']) assert.equal(field in answer.body, false, field);
    });

    test('duplicate uniqueReceiptId is ignored: 200 with the stored receipt and Duplicate: true; no warning when identical', async () => {
      const body = receiptBody();
      assert.equal((await api.post('/api/v3/receipts', body)).status, 201);
      const repeat = await api.post('/api/v3/receipts', body);
      assert.equal(repeat.status, 200);
      assert.equal(repeat.headers.duplicate, 'true');
      const log = await api.get(`/api/v3/integration-log?type=Receipts&errorCode=ReceiptDuplicateIgnored&count=100`);
      assert.equal(log.body.items.filter((e: any) => e.details.uniqueReceiptId === body.uniqueReceiptId).length, 0);
    });

    test('duplicate with other content: 200 with the stored receipt, one ReceiptDuplicateIgnored warning naming what differed', async () => {
      const body = receiptBody();
      const first = await api.post('/api/v3/receipts', body);
      const changed = structuredClone(body);
      changed.receiptNumber = 'R-2';
      changed.items[1].quantity = 2;
      changed.items[1].grossPaidPrice = 99.8;
      changed.totalGrossPrice = 498.8;
      changed.paymentMethods = [{ type: 'Card', value: 498.8 }];
      for (let i = 0; i < 2; i++) {
        const answer = await api.post('/api/v3/receipts', changed);
        assert.equal(answer.status, 200);
        assert.equal(answer.headers.duplicate, 'true');
        assert.deepEqual(answer.body, first.body);
      }
      const log = await api.get(`/api/v3/integration-log?type=Receipts&errorCode=ReceiptDuplicateIgnored&count=100`);
      const mine = log.body.items.filter((e: any) => e.details.uniqueReceiptId === body.uniqueReceiptId);
      assert.equal(mine.length, 1, 'once per differing content');
      assert.equal(mine[0].severity, 'Warning');
      assert.deepEqual(mine[0].details.differences, ['items[1]', 'paymentMethods', 'receiptNumber', 'totalGrossPrice']);
    });

    test('contact GUIDs compare case-insensitively on the contact receipts route', async () => {
      const contact = await api.post('/api/v3/contacts', { email: `${uniqueId('r')}@example.com` });
      const body = receiptBody({ contact: { matchKey: contact.body.id.toUpperCase(), matchKeyType: 'ContactId' } });
      assert.equal((await api.post('/api/v3/receipts', body)).body.contactId, contact.body.id);
      const list = await api.get(`/api/v3/contacts/${contact.body.id.toUpperCase()}/receipts`);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.items.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [body.uniqueReceiptId],
      );
    });
  });
}
