import type { OrderBody } from '../../domain/order-schema.js';
import type { OrderHandler } from './handler.js';

// PUT: the whole order, created when unknown (integrations that see events out of order must not lose orders).
export const replace: OrderHandler<OrderBody> = {
  apply(_current, payload) {
    return { kind: 'store', document: payload };
  },
};
