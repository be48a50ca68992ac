// The receipt rules on literal bodies, no database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { receiptRules } from '../../src/receipts/rules.js';

const line = (type: string, quantity: number, grossPaidPrice: number) => ({
  type,
  sku: 's',
  quantity,
  grossPaidPrice,
  taxAmount: 0,
  taxPercent: 0,
  articleNumber: 'a',
  articleName: 'n',
});
const paths = (body: unknown) => receiptRules(body).map((error) => error.path);

test('an exchange (a purchase and a return of equal value) totals 0 and needs no payment', () => {
  assert.deepEqual(paths({ currency: 'EUR', totalGrossPrice: 0, paymentMethods: [], items: [line('PURCHASE', 1, 19.99), line('RETURN', -1, -19.99)] }), []);
});

test('sums are exact across many small amounts', () => {
  const items = Array.from({ length: 10 }, () => line('PURCHASE', 1, 0.1));
  assert.deepEqual(
    paths({
      currency: 'EUR',
      totalGrossPrice: 1,
      paymentMethods: [
        { type: 'Card', value: 0.7 },
        { type: 'Cash', value: 0.3 },
      ],
      items,
    }),
    [],
  );
  assert.deepEqual(paths({ currency: 'EUR', totalGrossPrice: 0.9999999999999999, paymentMethods: [{ type: 'Card', value: 1 }], items }), [
    'totalGrossPrice',
    'paymentMethods',
  ]);
});

test('signs: RETURN needs a negative quantity; others never a negative quantity; a line counts sign(quantity) × |grossPaidPrice|', () => {
  const body = {
    currency: 'EUR',
    totalGrossPrice: 0,
    paymentMethods: [],
    items: [line('RETURN', 0, 0), line('ADJUSTMENT', -1, -5), line('ADJUSTMENT', 0, -5), line('PURCHASE', 1, -1)],
  };
  assert.deepEqual(receiptRules(body), [
    { path: 'items[0].quantity', message: 'must be negative on a RETURN line' },
    { path: 'items[1].quantity', message: 'may be negative only on a RETURN line' },
    { path: 'items[3].grossPaidPrice', message: 'must be zero or positive on a PURCHASE line' },
    { path: 'totalGrossPrice', message: 'must equal the sum of sign(quantity) × |grossPaidPrice| over items (-11)' },
  ]);
});

test('an unknown ISO 4217 code is refused; a malformed body yields no crash', () => {
  assert.deepEqual(paths({ currency: 'ABC', totalGrossPrice: 0, paymentMethods: [], items: [line('PURCHASE', 1, 0)] }), ['currency']);
  assert.deepEqual(receiptRules({ items: 'x', paymentMethods: [null], totalGrossPrice: '1' }), []);
  assert.deepEqual(receiptRules(null), []);
});
