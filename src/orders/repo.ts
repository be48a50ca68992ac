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

export async function saveOrder(tx: Tx, write: OrderWrite): Promise<void> {
  const doc = write.document;
  const row = {
    order_id: write.orderId,
    contact_id: write.contactId,
    version_tag: write.versionTag,
    content_hash: write.contentHash,
    document: JSON.stringify(doc),
    order_type: write.orderType,
    status: doc.status,
    store_external_id: doc.externalStoreId,
    match_key_type: doc.contact.matchKeyType,
    match_key: doc.contact.matchKeyType === 'Email' ? String(doc.contact.matchKey).toLowerCase() : doc.contact.matchKey,
    contact_type: doc.contact.contactType ?? null,
    created_at: doc.createdAt,
    processed_at: sql<Date>`now()` as unknown as Date,
  };
  await tx
    .insertInto('orders')
    .values(row)
    .onConflict((oc) => oc.column('order_id').doUpdateSet(({ ref }) => Object.fromEntries(Object.keys(row).map((key) => [key, ref(`excluded.${key}` as any)])) as any))
    .execute();
  await tx
    .insertInto('order_versions')
    .values({
      order_id: write.orderId,
      version_tag: write.versionTag,
      operation: write.operation,
      job_id: write.jobId,
      document: JSON.stringify(doc),
      changes: JSON.stringify(write.changes),
    })
    .execute();
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
