import { type OrderHandler, notFound } from './handler.js';

export const remove: OrderHandler<null> = {
  apply(current, _payload, orderId) {
    return current ? { kind: 'delete' } : notFound(orderId);
  },
};
