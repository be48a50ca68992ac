// Seams where other capabilities join an order's processing transaction
// (segmentation rows, automation deliveries) without the order code knowing them.
import type { Transaction } from 'kysely';
import type { Tables } from '../db/schema.js';
import type { OrderDocument } from '../domain/order.js';

export type Tx = Transaction<Tables>;

export interface OrderChange {
  orderId: string;
  /** null when the write deleted the order. */
  after: { document: OrderDocument; versionTag: string; contactId: string | null; orderType: string } | null;
}

export interface ActionEvent {
  id: string;
  orderId: string;
  versionTag: string;
  action: string;
  language: string | null;
  data: unknown;
  contactId: string;
  jobId: string | null;
  createdAt: Date;
}

type Hook<T> = (tx: Tx, value: T) => Promise<void>;

/**
 * Run inside the transaction that changes orders, with every order the batch
 * changed (so a hook can write set-based); a hook that throws rolls the batch back.
 */
export const orderChangeHooks: Hook<OrderChange[]>[] = [];
/** Run inside the transaction that records an action event. */
export const actionHooks: Hook<ActionEvent>[] = [];

export async function runHooks<T>(hooks: Hook<T>[], tx: Tx, value: T): Promise<void> {
  for (const hook of hooks) await hook(tx, value);
}
