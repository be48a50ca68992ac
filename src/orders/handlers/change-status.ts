import { LineItem, OrderBody, type StatusChangeBody } from '../../domain/order-schema.js';
import type { OrderDocument } from '../../domain/order.js';
import { type OrderHandler, notFound } from './handler.js';

const orderFields = new Set(Object.keys(OrderBody.properties));
const lineFields = new Set(Object.keys(LineItem.properties));

/**
 * Copies the fields no order schema names (a client's own, such as `statusChangedAt`) to where
 * they were sent: they are kept, as everywhere else. Fields an order does name but a status
 * change does not (`contact`, a line's `quantity`) stay as they are: PUT changes those.
 */
function keepUnknown(target: Record<string, unknown>, sent: Record<string, unknown>, named: Set<string>): void {
  for (const [field, value] of Object.entries(sent)) if (!named.has(field)) target[field] = value;
}

// Fields left out keep their values; lines are addressed by their id.
export const changeStatus: OrderHandler<StatusChangeBody> = {
  apply(current, payload, orderId) {
    if (!current) return notFound(orderId);
    const next: OrderDocument = structuredClone(current);
    const { status, externalStatus, lineItems, ...rest } = payload;
    if (status !== undefined) next.status = status;
    if (externalStatus !== undefined) next.externalStatus = externalStatus;
    keepUnknown(next, rest, orderFields);
    for (const { id, externalStatus: lineStatus, ...lineRest } of lineItems ?? []) {
      const line = next.lineItems.items.find((item: { id?: string }) => item.id === id);
      if (!line) return { kind: 'fail', code: 'LineItemNotFound', message: `Order ${orderId} has no line with id ${id}` };
      line.externalStatus = lineStatus;
      keepUnknown(line, lineRest, lineFields);
    }
    return { kind: 'store', document: next };
  },
};
