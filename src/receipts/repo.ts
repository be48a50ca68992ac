// Storage of receipts. The table's primary key is the single judge of "first
// sight": INSERT … ON CONFLICT DO NOTHING, then read back what won.
import { type ColumnType, sql } from 'kysely';
import { normalMatchKey } from '../contacts/match.js';
import type { Db } from '../db/schema.js';
import type { Tx } from '../db/schema.js';
import type { ReceiptDocument } from './schemas.js';

export interface ReceiptTable {
  unique_receipt_id: string;
  receipt_number: string | null;
  contact_id: string | null;
  match_key_type: string | null;
  match_key: string | null;
  contact_type: string | null;
  order_id: string | null;
  store_external_id: string;
  created_date: ColumnType<Date, string, string>;
  content_hash: string;
  document: ColumnType<ReceiptDocument, string, string>;
  registered_at: ColumnType<Date, never, never>;
}

declare module '../db/schema.js' {
  interface Tables {
    receipts: ReceiptTable;
  }
}

export interface ReceiptRow {
  unique_receipt_id: string;
  contact_id: string | null;
  document: ReceiptDocument;
  content_hash: string;
  registered_at: Date;
}

export interface ReceiptWrite {
  document: ReceiptDocument;
  contentHash: string;
  contactId: string | null;
}

const columns = ['unique_receipt_id', 'contact_id', 'document', 'content_hash', 'registered_at'] as const;

/** The stored row when this call inserted it, undefined when the id was already taken. */
export async function insertReceipt(db: Db | Tx, write: ReceiptWrite): Promise<ReceiptRow | undefined> {
  const doc = write.document;
  return db
    .insertInto('receipts')
    .values({
      unique_receipt_id: doc.uniqueReceiptId,
      receipt_number: doc.receiptNumber ?? null,
      contact_id: write.contactId,
      match_key_type: doc.contact?.matchKeyType ?? null,
      match_key: doc.contact ? normalMatchKey(doc.contact) : null,
      contact_type: doc.contact?.contactType ?? null,
      order_id: doc.orderId ?? null,
      store_external_id: doc.storeExternalId,
      created_date: doc.createdDate,
      content_hash: write.contentHash,
      document: JSON.stringify(doc),
    })
    .onConflict((oc) => oc.column('unique_receipt_id').doNothing())
    .returning(columns)
    .executeTakeFirst();
}

export async function loadReceipt(db: Db | Tx, uniqueReceiptId: string): Promise<ReceiptRow | undefined> {
  return db.selectFrom('receipts').select(columns).where('unique_receipt_id', '=', uniqueReceiptId).executeTakeFirst();
}

/** Oldest first: the order in which they settled the order. */
export async function receiptsOfOrder(db: Db | Tx, orderId: string): Promise<ReceiptRow[]> {
  return db.selectFrom('receipts').select(columns).where('order_id', '=', orderId).orderBy('created_date').orderBy('unique_receipt_id').execute();
}

/** Receipt ids per order id, for many orders in one query. */
export async function receiptIdsOfOrders(db: Db | Tx, orderIds: string[]): Promise<Map<string, string[]>> {
  const byOrder = new Map<string, string[]>();
  if (orderIds.length === 0) return byOrder;
  const { rows } = await sql<{ order_id: string; unique_receipt_id: string }>`
    SELECT order_id, unique_receipt_id FROM receipts WHERE order_id = ANY(${orderIds}::text[])
    ORDER BY created_date, unique_receipt_id`.execute(db);
  for (const row of rows) byOrder.set(row.order_id, [...(byOrder.get(row.order_id) ?? []), row.unique_receipt_id]);
  return byOrder;
}

/** Newest createdDate first. */
export async function receiptsOfContact(db: Db | Tx, contactId: string, offset: number, count: number): Promise<{ items: ReceiptRow[]; totalCount: number }> {
  const [items, total] = await Promise.all([
    db
      .selectFrom('receipts')
      .select(columns)
      .where('contact_id', '=', contactId)
      .orderBy('created_date', 'desc')
      .orderBy('unique_receipt_id', 'desc')
      .offset(offset)
      .limit(count)
      .execute(),
    db
      .selectFrom('receipts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('contact_id', '=', contactId)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, totalCount: Number(total.n) };
}

export function presentReceipt(row: ReceiptRow): Record<string, unknown> {
  return { ...row.document, contactId: row.contact_id, registeredAt: new Date(row.registered_at).toISOString() };
}
