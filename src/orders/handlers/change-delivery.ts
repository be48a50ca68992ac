import type { DeliveryChangeBody } from '../../domain/order-schema.js';
import { type OrderHandler, notFound } from './handler.js';

// Merges the given fields into the order's delivery.
export const changeDelivery: OrderHandler<DeliveryChangeBody> = {
  apply(current, payload, orderId) {
    if (!current) return notFound(orderId);
    const fields = payload as Record<string, unknown>;
    return { kind: 'store', document: { ...current, delivery: { ...(current.delivery ?? {}), ...fields } } };
  },
};
