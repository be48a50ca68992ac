import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalizeEnums } from '../../src/domain/enums.js';
import { describeChanges, orderTypeOf, stableStringify } from '../../src/domain/order.js';
import { orderRules, statusChangeRules } from '../../src/domain/order-rules.js';

const base = () => ({
  currencyCode: 'EUR',
  lineItems: {
    items: [
      { id: 'a', totalPrice: 0.1 },
      { id: 'b', totalPrice: 0.2 },
    ],
    subTotal: 0.3,
  },
});

test('sums are exact: 0.1 + 0.2 equals 0.3, and 0.30000000000000004 does not', () => {
  assert.deepEqual(orderRules(base()), []);
  const off = base();
  off.lineItems.subTotal = 0.30000000000000004;
  assert.deepEqual(
    orderRules(off).map((e) => e.path),
    ['lineItems.subTotal'],
  );
});

test('totalPrice = subTotal + fees − discounts; list totals must equal their items', () => {
  const order = {
    ...base(),
    fees: { items: [{ type: 'Shipping', amount: 49 }], total: 49 },
    discounts: { items: [{ type: 'Coupon', amount: 0.3 }] },
    payments: {
      items: [
        { type: 'Card', amount: 40 },
        { type: 'Gift', amount: 9 },
      ],
      total: 48,
    },
    totalPrice: 49,
  };
  assert.deepEqual(
    orderRules(order).map((e) => e.path),
    ['payments.total'],
  );
  assert.deepEqual(
    orderRules({ ...order, payments: undefined, totalPrice: 49.1 }).map((e) => e.path),
    ['totalPrice'],
  );
});

test('unknown currency and country, repeated line ids, returnDetails on a purchase', () => {
  const order = {
    currencyCode: 'ABC',
    lineItems: {
      items: [
        { id: 'x', totalPrice: 1, returnDetails: { type: 'Normal' } },
        { id: 'x', type: 'Return', totalPrice: 1, returnDetails: {} },
      ],
      subTotal: 2,
    },
    billingAddress: { countryCode: 'QQ' },
    shippingAddress: { countryCode: 'se' },
  };
  assert.deepEqual(
    orderRules(order).map((e) => e.path),
    ['currencyCode', 'lineItems.items[0].returnDetails', 'lineItems.items[1].id', 'billingAddress.countryCode'],
  );
});

test('rules ignore what the schema already rejects (wrong types) instead of throwing', () => {
  assert.deepEqual(orderRules({ lineItems: { items: [{ totalPrice: '1' }], subTotal: 5 }, fees: 'x', currencyCode: 7 }), []);
  assert.deepEqual(orderRules(null), []);
});

test('a status change must change something', () => {
  assert.equal(statusChangeRules({}).length, 1);
  assert.deepEqual(statusChangeRules({ externalStatus: 'Packed' }), []);
});

test('orderType: all purchases, all returns, or mixed', () => {
  assert.equal(orderTypeOf({ lineItems: { items: [{}, { type: 'Purchase' }] } }), 'Purchase');
  assert.equal(orderTypeOf({ lineItems: { items: [{ type: 'Return' }] } }), 'Return');
  assert.equal(orderTypeOf({ lineItems: { items: [{}, { type: 'Return' }] } }), 'Mixed');
});

test('canonical JSON ignores key order; changes name fields and lines', () => {
  assert.equal(stableStringify({ b: 1, a: [{ d: 1, c: 2 }] }), stableStringify({ a: [{ c: 2, d: 1 }], b: 1 }));
  const before = {
    status: 'Received',
    lineItems: {
      items: [
        { id: '1', q: 1 },
        { id: '2', q: 1 },
      ],
      subTotal: 2,
    },
  };
  const after = {
    status: 'Completed',
    channel: 'Store',
    lineItems: {
      items: [
        { id: '1', q: 2 },
        { id: '3', q: 1 },
      ],
      subTotal: 2,
    },
  };
  assert.deepEqual(describeChanges(before, after), ['channel', 'status', 'lineItems[1] changed', 'lineItems[3] added', 'lineItems[2] removed']);
  assert.deepEqual(describeChanges(null, after), ['created']);
});

test('enum values are canonicalized in any case, nested in objects and arrays', () => {
  const schema = { properties: { status: { enum: ['InProgress'] }, items: { items: { properties: { type: { enum: ['Purchase', 'Return'] } } } } } };
  const data = { status: 'INPROGRESS', items: [{ type: 'return' }, { type: 'nonsense' }] };
  canonicalizeEnums(schema, data);
  assert.deepEqual(data, { status: 'InProgress', items: [{ type: 'Return' }, { type: 'nonsense' }] });
});
