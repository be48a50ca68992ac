import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrderDocument } from '../../src/domain/order.js';
import { handlers } from '../../src/orders/handlers/index.js';

// Only the fields the handlers read: a stored order has more.
const order = {
  orderId: 'o1',
  status: 'Received',
  delivery: { method: 'Post' },
  lineItems: { items: [{ id: 'l1' }], subTotal: 0 },
} as unknown as OrderDocument;
const handler = (operation: string) => handlers.get(operation)!;

test('every change kind is registered by name', () => {
  assert.deepEqual([...handlers.keys()].sort(), ['ChangeDelivery', 'ChangeStatus', 'Create', 'Delete', 'Replace']);
});

test('Create: new order stored; identical retry keeps it; different content fails', () => {
  assert.deepEqual(handler('Create').apply(null, order, 'o1'), { kind: 'store', document: order });
  assert.equal(handler('Create').apply(order, structuredClone(order), 'o1').kind, 'store');
  const outcome = handler('Create').apply(order, { ...order, status: 'Completed' }, 'o1');
  assert.equal(outcome.kind === 'fail' && outcome.code, 'OrderAlreadyExists');
});

test('Replace creates unknown orders; Delete needs an order', () => {
  assert.equal(handler('Replace').apply(null, order, 'o1').kind, 'store');
  assert.equal(handler('Delete').apply(order, null, 'o1').kind, 'delete');
  const missing = handler('Delete').apply(null, null, 'o1');
  assert.equal(missing.kind === 'fail' && missing.code, 'OrderNotFound');
});

test('ChangeStatus leaves the input untouched and fails on an unknown line', () => {
  const outcome = handler('ChangeStatus').apply(order, { status: 'Completed', lineItems: [{ id: 'l1', externalStatus: 'Sent' }] }, 'o1');
  assert.equal(outcome.kind, 'store');
  if (outcome.kind === 'store') {
    assert.equal(outcome.document.status, 'Completed');
    assert.equal(outcome.document.lineItems.items[0]?.externalStatus, 'Sent');
  }
  assert.equal(order.status, 'Received');
  const unknown = handler('ChangeStatus').apply(order, { lineItems: [{ id: 'zz', externalStatus: 'x' }] }, 'o1');
  assert.equal(unknown.kind === 'fail' && unknown.code, 'LineItemNotFound');
});

test('ChangeStatus keeps fields no schema names where they were sent, and leaves named ones to PUT', () => {
  const outcome = handler('ChangeStatus').apply(
    order,
    {
      status: 'Completed',
      statusChangedAt: '2026-01-02',
      contact: { matchKey: 'x', matchKeyType: 'Email' },
      lineItems: [{ id: 'l1', externalStatus: 'Sent', carrierNote: 'door', quantity: 9 }],
    },
    'o1',
  );
  assert.equal(outcome.kind, 'store');
  if (outcome.kind !== 'store') return;
  assert.equal(outcome.document.statusChangedAt, '2026-01-02');
  assert.equal(outcome.document.contact, undefined, 'a named order field is not changed by a status change');
  assert.deepEqual(outcome.document.lineItems.items[0], { id: 'l1', externalStatus: 'Sent', carrierNote: 'door' });
});

test('ChangeDelivery merges into delivery', () => {
  const outcome = handler('ChangeDelivery').apply(order, { trackingNumber: 'T1' }, 'o1');
  assert.deepEqual(outcome.kind === 'store' && outcome.document.delivery, { method: 'Post', trackingNumber: 'T1' });
});
