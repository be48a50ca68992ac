// Keeps the segmentation facts in step with orders, inside the same transactions:
// an order change rewrites its facts, a late-bound contact re-labels them. Registered
// at import time (src/segments/routes.ts imports this module).
import { sql } from 'kysely';
import type { ColumnType } from 'kysely';
import { contactLinkedHooks } from '../contacts/hooks.js';
import { type Tx, orderChangeHooks } from '../orders/hooks.js';
import { factsOf, type LineFact, type OrderFact } from './facts.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
declare module '../db/schema.js' {
  interface Tables {
    segment_orders: Omit<OrderFact, 'created_at'> & { created_at: Timestamp };
    segment_lines: LineFact;
    segments: { id: ColumnType<string, string | undefined, never>; name: string; filter: ColumnType<unknown, string, string>; created_at: ColumnType<Date, undefined, never> };
  }
}

// Rows per INSERT: 8 columns × 1000 lines stays well under PostgreSQL's 65,535 bound parameters.
const LINE_BATCH = 1000;

orderChangeHooks.push(async (tx: Tx, change) => {
  if (!change.after) {
    // The FK cascade from orders already removed them; this keeps the hook correct on its own.
    await tx.deleteFrom('segment_orders').where('order_id', '=', change.orderId).execute();
    return;
  }
  const { document, contactId, orderType } = change.after;
  const { order, lines } = factsOf(change.orderId, document, contactId, orderType);
  await tx
    .insertInto('segment_orders')
    .values(order)
    .onConflict((oc) => oc.column('order_id').doUpdateSet(({ ref }) => Object.fromEntries(Object.keys(order).filter((k) => k !== 'order_id').map((k) => [k, ref(`excluded.${k}` as any)])) as any))
    .execute();
  await tx.deleteFrom('segment_lines').where('order_id', '=', change.orderId).execute();
  for (let i = 0; i < lines.length; i += LINE_BATCH) {
    await tx.insertInto('segment_lines').values(lines.slice(i, i + LINE_BATCH)).execute();
  }
});

contactLinkedHooks.push(async (tx: Tx, link) => {
  if (link.orderIds.length === 0) return;
  await sql`UPDATE segment_orders SET contact_id = ${link.contactId} WHERE order_id = ANY(${link.orderIds}::text[])`.execute(tx);
  await sql`UPDATE segment_lines SET contact_id = ${link.contactId} WHERE order_id = ANY(${link.orderIds}::text[])`.execute(tx);
});
