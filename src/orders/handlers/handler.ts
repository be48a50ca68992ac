// A change kind: how one accepted write turns the current order into the next.
// Pure: no I/O; processing.ts does the reading, writing and logging around it.
import type { ErrorCode } from '../../domain/errors.js';
import type { OrderDocument } from '../../domain/order.js';

export type Outcome = { kind: 'store'; document: OrderDocument } | { kind: 'delete' } | { kind: 'fail'; code: ErrorCode; message: string };

/** `P` is the job payload the handler takes: the write's body, validated when it was accepted. */
export interface OrderHandler<P> {
  /** `current` is null when the order does not exist; `payload` is the body without `orderAction`. */
  apply(current: OrderDocument | null, payload: P, orderId: string): Outcome;
}

export const notFound = (orderId: string): Outcome => ({ kind: 'fail', code: 'OrderNotFound', message: `Order ${orderId} does not exist` });
