// Storage of orders, their versions and action events.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { OrderDocument } from '../domain/order.js';
import type { Tx } from './hooks.js';

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

export async function loadOrder(db: Db | Tx, orderId: string, forUpdate = false): Promise<OrderRow | undefined> {
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  const { rows } = await sql<OrderRow>`SELECT * FROM orders WHERE order_id = ${orderId} ${lock}`.execute(db);
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

/** Writes the order and its new version in one statement (this runs for every processed change). */
export async function saveOrder(tx: Tx, write: OrderWrite): Promise<void> {
  const doc = write.document;
  const json = JSON.stringify(doc);
  const matchKey = doc.contact.matchKeyType === 'Email' ? String(doc.contact.matchKey).toLowerCase() : doc.contact.matchKey;
  await sql`
    WITH saved AS (
      INSERT INTO orders (order_id, contact_id, version_tag, content_hash, document, order_type, status,
        store_external_id, match_key_type, match_key, contact_type, created_at, processed_at)
      VALUES (${write.orderId}, ${write.contactId}, ${write.versionTag}, ${write.contentHash}, ${json}::jsonb, ${write.orderType},
        ${doc.status}, ${doc.externalStoreId}, ${doc.contact.matchKeyType}, ${matchKey}, ${doc.contact.contactType ?? null},
        ${doc.createdAt}, now())
      ON CONFLICT (order_id) DO UPDATE SET contact_id = excluded.contact_id, version_tag = excluded.version_tag,
        content_hash = excluded.content_hash, document = excluded.document, order_type = excluded.order_type,
        status = excluded.status, store_external_id = excluded.store_external_id, match_key_type = excluded.match_key_type,
        match_key = excluded.match_key, contact_type = excluded.contact_type, created_at = excluded.created_at,
        processed_at = excluded.processed_at)
    INSERT INTO order_versions (order_id, version_tag, operation, job_id, document, changes)
    VALUES (${write.orderId}, ${write.versionTag}, ${write.operation}, ${write.jobId}, ${json}::jsonb, ${JSON.stringify(write.changes)}::jsonb)`.execute(tx);
}

export async function deleteOrder(tx: Tx, orderId: string): Promise<void> {
  await tx.deleteFrom('orders').where('order_id', '=', orderId).execute();
  await tx.deleteFrom('order_versions').where('order_id', '=', orderId).execute();
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
