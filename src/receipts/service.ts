// Registers receipts (contract §9): synchronous, immutable, idempotent on uniqueReceiptId.
import { findContactId } from '../contacts/match.js';
import type { Db } from '../db/schema.js';
import { contentHash } from '../domain/order.js';
import { ApiError } from '../http/problem.js';
import { type LogEntry, writeLog } from '../integration-log/log.js';
import { type ReceiptRow, insertReceipt, loadReceipt, normalMatchKey } from './repo.js';

export interface Registered {
  created: boolean;
  row: ReceiptRow;
}

export async function registerReceipt(db: Db, document: Record<string, any>): Promise<Registered> {
  const hash = contentHash(document);
  const contact = document.contact as { matchKey: string; matchKeyType: string; contactType?: string } | undefined;
  const contactId = contact ? await findContactId(db, contact) : null;

  // Two tries: a receipt erased (GDPR) between our insert and our read is simply registered again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted = contact && !contactId ? await insertUnlinked(db, document, hash, contact) : await insertReceipt(db, { document, contentHash: hash, contactId });
    if (inserted) return { created: true, row: inserted };
    // The id was taken, perhaps a moment ago by a concurrent request: the stored content decides.
    const existing = await loadReceipt(db, document.uniqueReceiptId);
    if (!existing) continue;
    if (existing.content_hash !== hash) {
      throw new ApiError('ReceiptConflict', `Receipt ${document.uniqueReceiptId} is already registered with different content; receipts never change`);
    }
    return { created: false, row: existing };
  }
  throw new Error(`Receipt ${document.uniqueReceiptId} could be neither inserted nor read`);
}

/** Stores the receipt without a contact and, only if this call stored it, logs the missing contact. */
async function insertUnlinked(db: Db, document: Record<string, any>, hash: string, contact: { matchKey: string; matchKeyType: string; contactType?: string }) {
  return db.transaction().execute(async (tx) => {
    const row = await insertReceipt(tx, { document, contentHash: hash, contactId: null });
    if (row) await writeLog(tx, [contactMissing(document, contact)]);
    return row;
  });
}

function contactMissing(document: Record<string, any>, contact: { matchKey: string; matchKeyType: string; contactType?: string }): LogEntry {
  const { matchKeyType, matchKey, contactType } = contact;
  return {
    type: 'Receipts',
    errorCode: 'ContactMissing',
    message: `No contact matches ${matchKeyType} ${matchKey}${contactType ? ` (${contactType})` : ''}; receipt ${document.uniqueReceiptId} is stored without a contact`,
    // One entry per receipt: the version-tag column carries the receipt's id (receipts have no versions).
    versionTag: document.uniqueReceiptId,
    refKey: `${matchKeyType}:${normalMatchKey(matchKeyType, matchKey)}`,
    details: { uniqueReceiptId: document.uniqueReceiptId, receiptNumber: document.receiptNumber, orderId: document.orderId ?? null, matchKeyType, matchKey, contactType: contactType ?? null },
  };
}
