// How receipts plug into other capabilities: the order answer lists its
// receipts' ids, and GDPR export/erasure covers a contact's receipts. The
// receipts capability (index.ts) declares both.
import { sql } from 'kysely';
import type { ContactData, OrderDecorator } from '../app/capability.js';
import type { Db, Tx } from '../db/schema.js';
import { presentReceipt, receiptIdsOfOrders, type ReceiptRow } from './repo.js';

export const listReceiptIds: OrderDecorator = async (db, orders, answers) => {
  if (orders.length === 0) return;
  const byOrder = await receiptIdsOfOrders(
    db,
    orders.map((order) => order.order_id),
  );
  orders.forEach((order, index) => {
    answers[index]!.receipts = byOrder.get(order.order_id) ?? [];
  });
};

export const contactReceipts: ContactData = {
  id: 'receipts',
  async export(db, contactId) {
    const rows = await (db as Db)
      .selectFrom('receipts')
      .select(['unique_receipt_id', 'contact_id', 'document', 'content_hash', 'registered_at'])
      .where('contact_id', '=', contactId)
      .orderBy('created_date', 'desc')
      .orderBy('unique_receipt_id', 'desc')
      .execute();
    return rows.map((row) => presentReceipt(row as ReceiptRow));
  },
  async erase(tx: Tx, contactId: string) {
    const { rows } = await sql<{ unique_receipt_id: string; match_key_type: string | null }>`
      DELETE FROM receipts WHERE contact_id = ${contactId} RETURNING unique_receipt_id, match_key_type`.execute(tx);
    if (rows.length === 0) return;
    // Their ContactMissing entries named the person (email, phone…): keep the fact, drop the data.
    await sql`
      UPDATE integration_log
      SET details = jsonb_build_object('uniqueReceiptId', version_tag, 'erased', true),
          message = 'No contact matched the receipt when it was registered (personal data erased)',
          ref_key = split_part(ref_key, ':', 1) || ':erased:' || version_tag
      WHERE type = 'Receipts' AND version_tag = ANY(${rows.map((row) => row.unique_receipt_id)}::text[])`.execute(tx);
  },
};
