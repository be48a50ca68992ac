import type { OrderBody } from '../../domain/order-schema.js';
import { stableStringify } from '../../domain/order.js';
import type { OrderHandler } from './handler.js';

// POST: a new order. An existing identical one makes the job a safe retry.
export const create: OrderHandler<OrderBody> = {
  apply(current, payload, orderId) {
    if (!current) return { kind: 'store', document: payload };
    if (stableStringify(current) === stableStringify(payload)) return { kind: 'store', document: current };
    return { kind: 'fail', code: 'OrderAlreadyExists', message: `Order ${orderId} already exists with other content; use PUT to replace it` };
  },
};
