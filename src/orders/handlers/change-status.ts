import type { StatusChangeBody } from '../../domain/order-schema.js';
import type { OrderDocument } from '../../domain/order.js';
import { type OrderHandler, notFound } from './handler.js';

// Fields left out keep their values; lines are addressed by their id.
export const changeStatus: OrderHandler<StatusChangeBody> = {
  apply(current, payload, orderId) {
    if (!current) return notFound(orderId);
    const next: OrderDocument = structuredClone(current);
    if (payload.status !== undefined) next.status = payload.status;
    if (payload.externalStatus !== undefined) next.externalStatus = payload.externalStatus;
    for (const change of payload.lineItems ?? []) {
      const line = next.lineItems.items.find((item: { id?: string }) => item.id === change.id);
      if (!line) return { kind: 'fail', code: 'LineItemNotFound', message: `Order ${orderId} has no line with id ${change.id}` };
      line.externalStatus = change.externalStatus;
    }
    return { kind: 'store', document: next };
  },
};
