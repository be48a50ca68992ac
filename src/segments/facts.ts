// Pure: the segmentation facts of one order document — one order-level row and
// one row per line. Amounts stay decimal strings (exact, stored as numeric).
import Big from 'big.js';
import { isNumber, sum } from '../domain/money.js';
import { type OrderDocument, isOngoing, lineQuantity, lineType } from '../domain/order.js';
import { isRecognizedAmountList } from '../domain/order-rules.js';

export interface OrderFact {
  order_id: string;
  contact_id: string | null;
  status: string;
  ongoing: boolean;
  order_type: string;
  channel: string | null;
  store_external_id: string;
  created_at: string;
  total_price: string;
}

export interface LineFact {
  order_id: string;
  line_index: number;
  contact_id: string | null;
  status: string;
  ongoing: boolean;
  created_at: string;
  type: string;
  sku: string;
  quantity: string;
  total_price: string;
}

const amounts = (value: unknown): Big => {
  // Fees and discounts are kept as sent (Engage does not publish their shapes): only
  // { total } or { items: [{ amount }] } adds up; a shape the service does not recognize adds nothing.
  const part = value as { items?: { amount?: unknown }[]; total?: unknown } | null | undefined;
  if (!isRecognizedAmountList(part)) return new Big(0);
  if (isNumber(part.total)) return new Big(String(part.total));
  return sum((part.items ?? []).map((item) => item.amount).filter(isNumber));
};

/** The order's total: its totalPrice when sent, else subTotal + fees − discounts. */
export function orderTotal(document: OrderDocument): string {
  if (isNumber(document.totalPrice)) return new Big(String(document.totalPrice)).toString();
  const items: { totalPrice?: unknown }[] = document.lineItems?.items ?? [];
  const subTotal = isNumber(document.lineItems?.subTotal) ? new Big(String(document.lineItems.subTotal)) : sum(items.map((i) => i.totalPrice).filter(isNumber));
  return subTotal.plus(amounts(document.fees)).minus(amounts(document.discounts)).toString();
}

export function factsOf(orderId: string, document: OrderDocument, contactId: string | null, orderType: string): { order: OrderFact; lines: LineFact[] } {
  const ongoing = isOngoing(document.status);
  const order: OrderFact = {
    order_id: orderId,
    contact_id: contactId,
    status: document.status,
    ongoing,
    order_type: orderType,
    channel: typeof document.channel === 'string' ? document.channel : null,
    store_external_id: document.externalStoreId,
    created_at: document.createdAt,
    // A return's total as a positive amount, whatever sign the client used (as on the contact card).
    total_price: orderType === 'Return' ? new Big(orderTotal(document)).abs().toString() : orderTotal(document),
  };
  const lines = (document.lineItems?.items ?? []).map((line, index): LineFact => ({
    order_id: orderId,
    line_index: index,
    contact_id: contactId,
    status: document.status,
    ongoing,
    created_at: document.createdAt,
    type: lineType(line),
    sku: line.article.sku,
    quantity: String(lineQuantity(line)),
    total_price: String(line.totalPrice),
  }));
  return { order, lines };
}
