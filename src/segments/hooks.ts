// Keeps the segmentation facts in step with orders, inside the same transactions:
// an order change rewrites its facts, a late-bound contact re-labels them. The
// segments capability (index.ts) declares both steps.
import { sql } from 'kysely';
import type { ColumnType } from 'kysely';
import type { Step } from '../app/capability.js';
import type { Tx } from '../db/schema.js';
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

interface FactSource {
  orderId: string;
  document: OrderDocument;
  contactId: string | null;
  orderType: string;
}

/**
 * Replaces these orders' facts with those of their current documents, set-based:
 * one statement clears the old lines and upserts the order facts, one more adds
 * the lines (arrays, so any number of lines is ten parameters).
 */
async function writeFacts(tx: Tx, sources: FactSource[]): Promise<void> {
  if (sources.length === 0) return;
  const facts = sources.map((source) => factsOf(source.orderId, source.document, source.contactId, source.orderType));
  const orders = facts.map((fact) => fact.order);
  const lines = facts.flatMap((fact) => fact.lines);
  const of = <Row, K extends keyof Row>(rows: Row[], key: K) => rows.map((row) => row[key]);
  await sql`
    WITH cleared AS (DELETE FROM segment_lines WHERE order_id = ANY(${of(orders, 'order_id')}::text[]))
    INSERT INTO segment_orders (order_id, contact_id, status, ongoing, order_type, channel, store_external_id, created_at, total_price)
    SELECT * FROM unnest(${of(orders, 'order_id')}::text[], ${of(orders, 'contact_id')}::uuid[], ${of(orders, 'status')}::text[],
      ${of(orders, 'ongoing')}::boolean[], ${of(orders, 'order_type')}::text[], ${of(orders, 'channel')}::text[],
      ${of(orders, 'store_external_id')}::text[], ${of(orders, 'created_at')}::timestamptz[], ${of(orders, 'total_price')}::numeric[])
    ON CONFLICT (order_id) DO UPDATE SET contact_id = excluded.contact_id, status = excluded.status, ongoing = excluded.ongoing,
      order_type = excluded.order_type, channel = excluded.channel, store_external_id = excluded.store_external_id,
      created_at = excluded.created_at, total_price = excluded.total_price`.execute(tx);
  if (lines.length === 0) return;
  await sql`
    INSERT INTO segment_lines (order_id, line_index, contact_id, status, ongoing, created_at, type, sku, quantity, total_price)
    SELECT * FROM unnest(${of(lines, 'order_id')}::text[], ${of(lines, 'line_index')}::int[], ${of(lines, 'contact_id')}::uuid[],
      ${of(lines, 'status')}::text[], ${of(lines, 'ongoing')}::boolean[], ${of(lines, 'created_at')}::timestamptz[], ${of(lines, 'type')}::text[],
      ${of(lines, 'sku')}::text[], ${of(lines, 'quantity')}::numeric[], ${of(lines, 'total_price')}::numeric[])`.execute(tx);
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
