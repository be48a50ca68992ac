// Pure rules of the tolerant reader (docs/compatibility.md), without a database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSocialSecurityNumber } from '../../src/contacts/rules.js';
import { isFinnishPersonalIdentityCode } from '../../src/domain/personal-numbers.js';
import { canonicalizeEnums } from '../../src/domain/enums.js';
import { isOngoing, lineQuantity, setUnknownStatusOngoing } from '../../src/domain/order.js';
import { isRecognizedAmountList, orderRules } from '../../src/domain/order-rules.js';
import { receiptDifferences } from '../../src/receipts/service.js';
import { signedLineAmount } from '../../src/receipts/rules.js';
import { OrderBody } from '../../src/orders/schemas.js';

test('canonicalizer: null in an optional field is removed, in a required one kept; numeric strings in number fields become numbers', () => {
  const body: any = {
    orderId: 'o1',
    status: 'completed',
    channel: null,
    externalStoreId: null,
    unnamed: null,
    lineItems: { items: [{ quantity: '2', totalPrice: ' 10.50 ', pricePerUnit: 'ten', id: null, article: { sku: 's', name: null } }], subTotal: '10.5' },
  };
  canonicalizeEnums(OrderBody, body);
  assert.equal('channel' in body, false);
  assert.equal(body.externalStoreId, null, 'required: left for validation to reject');
  assert.equal(body.unnamed, null, 'a field the schema does not name keeps its null');
  assert.equal(body.status, 'Completed');
  assert.deepEqual(body.lineItems.items[0], { quantity: 2, totalPrice: 10.5, pricePerUnit: 'ten', article: { sku: 's' } });
  assert.equal(body.lineItems.subTotal, 10.5);
});

test('unknown order status: ongoing by default, configurable; known statuses are fixed', () => {
  assert.equal(isOngoing('ReadyForPickup'), true);
  setUnknownStatusOngoing(false);
  try {
    assert.equal(isOngoing('ReadyForPickup'), false);
    assert.equal(isOngoing('InProgress'), true);
  } finally {
    setUnknownStatusOngoing(true);
  }
  assert.equal(isOngoing('Completed'), false);
  assert.equal(lineQuantity({ quantity: -3 }), 3);
});

test('amount lists: only { items: [{ amount }], total? } is recognized; others never produce errors', () => {
  assert.equal(isRecognizedAmountList({ items: [{ amount: 1 }], total: 1 }), true);
  assert.equal(isRecognizedAmountList({ total: 5 }), true);
  for (const other of ['x', [{ amount: 1 }], { items: 'x' }, { items: [{ sum: 1 }] }, { total: '5' }, {}]) assert.equal(isRecognizedAmountList(other), false);
  const order = { lineItems: { items: [{ totalPrice: 10 }], subTotal: 10 }, fees: { shipping: 5 }, discounts: 'X', totalPrice: 99 };
  assert.deepEqual(orderRules(order), []);
});

test('Finnish personal identity codes: date, century sign and mod-31 check character', () => {
  for (const valid of ['131052-308T', '131052Y308T', '010101A123N']) assert.equal(isFinnishPersonalIdentityCode(valid), true, valid);
  for (const invalid of ['131052-308U', '311352-308T', '300200A1239', '131052-000T', '131052G308T'])
    assert.equal(isFinnishPersonalIdentityCode(invalid), false, invalid);
  assert.equal(isSocialSecurityNumber('19670919-9530'), true, 'Swedish still valid');
});

test('receipts: a line counts sign(quantity) × |grossPaidPrice|; duplicates name the differing fields', () => {
  assert.equal(signedLineAmount({ quantity: -1, grossPaidPrice: 199.5 })!.toString(), '-199.5');
  assert.equal(signedLineAmount({ quantity: -1, grossPaidPrice: -199.5 })!.toString(), '-199.5');
  assert.equal(signedLineAmount({ quantity: 0, grossPaidPrice: -5 })!.toString(), '-5');
  assert.equal(signedLineAmount({ quantity: 'x', grossPaidPrice: 1 }), undefined);
  const stored = { a: 1, items: [{ x: 1 }, { x: 2 }], b: { c: 1 } };
  assert.deepEqual(receiptDifferences(stored, { a: 1, items: [{ x: 1 }, { x: 3 }, { x: 4 }], b: { c: 1 }, d: 0 }), ['d', 'items[1]', 'items[2]']);
});
