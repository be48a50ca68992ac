// Storage of orders, their versions and action events.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { OrderDocument } from '../domain/order.js';
import { normalMatchKey } from '../contacts/match.js';
import type { Tx } from '../db/schema.js';

export interface OrderRow {
  order_id: string;
  contact_id: string | null;
  version_tag: string;
  content_hash: string;
  document: OrderDocument;
  order_type: string;
  status: string;
  created_at: Date;
  processed_at: Date;
}

export async function loadOrder(db: Db | Tx, orderId: string): Promise<OrderRow | undefined> {
  const { rows } = await sql<OrderRow>`SELECT * FROM orders WHERE order_id = ${orderId}`.execute(db);
  return rows[0];
}

export interface OrderWrite {
  orderId: string;
  document: OrderDocument;
  contactId: string | null;
  versionTag: string;
  contentHash: string;
  orderType: string;
  operation: string;
  jobId: string;
  changes: string[];
}

/**
 * Writes new versions and the orders' rows in one statement, whatever the batch
 * size. Writes come in acceptance order; an order written more than once (a busy
 * order's run) gets a version for each, and its row takes the last.
 */
export async function saveOrders(tx: Tx, writes: OrderWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const column = <T>(pick: (write: OrderWrite) => T) => writes.map(pick);
  const json = writes.map((write) => JSON.stringify(write.document));
  await sql`
    WITH rows AS (
      SELECT * FROM unnest(${column((w) => w.orderId)}::text[], ${column((w) => w.contactId)}::uuid[], ${column((w) => w.versionTag)}::text[],
        ${column((w) => w.contentHash)}::text[], ${json}::jsonb[], ${column((w) => w.orderType)}::text[], ${column((w) => w.document.status)}::text[],
        ${column((w) => w.document.externalStoreId)}::text[], ${column((w) => w.document.contact.matchKeyType)}::text[],
        ${column((w) => normalMatchKey(w.document.contact))}::text[], ${column((w) => w.document.contact.contactType ?? null)}::text[],
        ${column((w) => w.document.createdAt)}::timestamptz[], ${column((w) => w.operation)}::text[], ${column((w) => w.jobId)}::uuid[],
        ${column((w) => JSON.stringify(w.changes))}::jsonb[]) WITH ORDINALITY
        AS r(order_id, contact_id, version_tag, content_hash, document, order_type, status, store_external_id,
             match_key_type, match_key, contact_type, created_at, operation, job_id, changes, position)),
    saved AS (
      INSERT INTO orders (order_id, contact_id, version_tag, content_hash, document, order_type, status,
        store_external_id, match_key_type, match_key, contact_type, created_at, processed_at)
      SELECT order_id, contact_id, version_tag, content_hash, document, order_type, status,
        store_external_id, match_key_type, match_key, contact_type, created_at, now()
      FROM (SELECT DISTINCT ON (order_id) * FROM rows ORDER BY order_id, position DESC) AS last
      ON CONFLICT (order_id) DO UPDATE SET contact_id = excluded.contact_id, version_tag = excluded.version_tag,
        content_hash = excluded.content_hash, document = excluded.document, order_type = excluded.order_type,
        status = excluded.status, store_external_id = excluded.store_external_id, match_key_type = excluded.match_key_type,
        match_key = excluded.match_key, contact_type = excluded.contact_type, created_at = excluded.created_at,
        processed_at = excluded.processed_at)
    INSERT INTO order_versions (order_id, version_tag, operation, job_id, document, changes)
    SELECT order_id, version_tag, operation, job_id, document, changes FROM rows ORDER BY position`.execute(tx);
}

export async function deleteOrders(tx: Tx, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await sql`DELETE FROM orders WHERE order_id = ANY(${orderIds}::text[])`.execute(tx);
  await sql`DELETE FROM order_versions WHERE order_id = ANY(${orderIds}::text[])`.execute(tx);
}

/** The orders of a batch, locked until the batch commits. */
export async function lockOrders(tx: Tx, orderIds: string[]): Promise<Map<string, OrderRow>> {
  const { rows } = await sql<OrderRow>`SELECT * FROM orders WHERE order_id = ANY(${orderIds}::text[]) ORDER BY order_id FOR UPDATE`.execute(tx);
  return new Map(rows.map((row) => [row.order_id, row]));
}

export async function listContactOrders(db: Db, contactId: string, offset: number, count: number): Promise<{ items: OrderRow[]; totalCount: number }> {
  const [items, total] = await Promise.all([
    sql<OrderRow>`SELECT * FROM orders WHERE contact_id = ${contactId} ORDER BY created_at DESC, order_id LIMIT ${count} OFFSET ${offset}`.execute(db),
    sql<{ n: string }>`SELECT count(*) AS n FROM orders WHERE contact_id = ${contactId}`.execute(db),
  ]);
  return { items: items.rows, totalCount: Number(total.rows[0]?.n ?? 0) };
}

export async function listVersions(db: Db, orderId: string) {
  return db
    .selectFrom('order_versions')
    .select(['version_tag', 'operation', 'job_id', 'processed_at', 'changes'])
    .where('order_id', '=', orderId)
    .orderBy('id', 'desc')
    .execute();
}
