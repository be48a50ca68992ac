// Keeps the segmentation facts in step with orders, inside the same transactions:
// an order change rewrites its facts, a late-bound contact re-labels them. The
// segments capability (index.ts) declares both steps.
import { sql } from 'kysely';
import type { ColumnType } from 'kysely';
import type { Step } from '../app/capability.js';
import type { Tx } from '../db/schema.js';
import { setAllFromExcluded } from '../db/upsert.js';
import type { ContactLink, OrderChange } from '../domain/events.js';
import type { OrderDocument } from '../domain/order.js';
import { factsOf, type LineFact, type OrderFact } from './facts.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
declare module '../db/schema.js' {
  interface Tables {
    segment_orders: Omit<OrderFact, 'created_at'> & { created_at: Timestamp };
    segment_lines: Omit<LineFact, 'created_at'> & { created_at: Timestamp };
    segments: {
      id: ColumnType<string, string | undefined, never>;
      name: string;
      filter: ColumnType<unknown, string, string>;
      created_at: ColumnType<Date, undefined, never>;
    };
  }
}

// Rows per INSERT: 8 columns × 1000 lines stays well under PostgreSQL's 65,535 bound parameters.
const LINE_BATCH = 1000;

interface FactSource {
  orderId: string;
  document: OrderDocument;
  contactId: string | null;
  orderType: string;
}

/** Replaces these orders' facts with those of their current documents, set-based. */
async function writeFacts(tx: Tx, sources: FactSource[]): Promise<void> {
  if (sources.length === 0) return;
  const facts = sources.map((source) => factsOf(source.orderId, source.document, source.contactId, source.orderType));
  const orders = facts.map((fact) => fact.order);
  const lines = facts.flatMap((fact) => fact.lines);
  await tx
    .insertInto('segment_orders')
    .values(orders)
    .onConflict((oc) => oc.column('order_id').doUpdateSet(setAllFromExcluded(orders[0]!, 'order_id')))
    .execute();
  await tx
    .deleteFrom('segment_lines')
    .where(
      'order_id',
      'in',
      sources.map((source) => source.orderId),
    )
    .execute();
  for (let i = 0; i < lines.length; i += LINE_BATCH) {
    await tx
      .insertInto('segment_lines')
      .values(lines.slice(i, i + LINE_BATCH))
      .execute();
  }
}

export const writeFactsOnOrderChange: Step<OrderChange[]> = {
  id: 'segments.facts',
  async run(tx, changes) {
    await writeFacts(
      tx,
      changes.flatMap((change) => (change.after ? [{ orderId: change.orderId, ...change.after }] : [])),
    );
    // The FK cascade from orders already removed deleted orders' facts; this keeps the hook correct on its own.
    const deleted = changes.filter((change) => !change.after).map((change) => change.orderId);
    if (deleted.length > 0) await tx.deleteFrom('segment_orders').where('order_id', 'in', deleted).execute();
  },
};

export const relabelFactsOnContactLinked: Step<ContactLink> = {
  id: 'segments.relabel',
  async run(tx, link) {
    if (link.orderIds.length === 0) return;
    const { rows } = await sql<{ order_id: string }>`
    UPDATE segment_orders SET contact_id = ${link.contactId} WHERE order_id = ANY(${link.orderIds}::text[]) RETURNING order_id`.execute(tx);
    await sql`UPDATE segment_lines SET contact_id = ${link.contactId} WHERE order_id = ANY(${link.orderIds}::text[])`.execute(tx);
    // Facts can be missing (their earlier contact was deleted, which cascades): rebuild those from the order.
    const have = new Set(rows.map((row) => row.order_id));
    const missing = link.orderIds.filter((id) => !have.has(id));
    if (missing.length === 0) return;
    const { rows: orders } = await sql<{ order_id: string; document: OrderDocument; order_type: string }>`
    SELECT order_id, document, order_type FROM orders WHERE order_id = ANY(${missing}::text[])`.execute(tx);
    await writeFacts(
      tx,
      orders.map((order) => ({ orderId: order.order_id, document: order.document, contactId: link.contactId, orderType: order.order_type })),
    );
  },
};
