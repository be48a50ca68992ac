// Registers receipts: synchronous, immutable, idempotent on uniqueReceiptId.
import { findContactId, normalMatchKey } from '../contacts/match.js';
import type { Db } from '../db/schema.js';
import { contentHash, stableStringify } from '../domain/order.js';
import { type LogEntry, writeLog } from '../integration-log/log.js';
import { type ReceiptRow, insertReceipt, loadReceipt } from './repo.js';
import type { ReceiptDocument } from './schemas.js';

export interface Registered {
  created: boolean;
  /** Another receipt already had this uniqueReceiptId: this one was ignored (Engage: "seen as a duplicate and ignored"). */
  duplicate: boolean;
  row: ReceiptRow;
}

export async function registerReceipt(db: Db, document: ReceiptDocument): Promise<Registered> {
  const hash = contentHash(document);
  const contact = document.contact;
  const contactId = contact ? await findContactId(db, contact) : null;

  // Two tries: a receipt erased (GDPR) between our insert and our read is simply registered again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const inserted =
      contact && !contactId ? await insertUnlinked(db, document, hash, contact) : await insertReceipt(db, { document, contentHash: hash, contactId });
    if (inserted) return { created: true, duplicate: false, row: inserted };
    // The id was taken, perhaps a moment ago by a concurrent request: the stored receipt stands.
    const existing = await loadReceipt(db, document.uniqueReceiptId);
    if (!existing) continue;
    if (existing.content_hash !== hash) await writeLog(db, [duplicateIgnored(existing.document, document, hash)]);
    return { created: false, duplicate: true, row: existing };
  }
  throw new Error(`Receipt ${document.uniqueReceiptId} could be neither inserted nor read`);
}

/** Stores the receipt without a contact and, only if this call stored it, logs the missing contact. */
async function insertUnlinked(db: Db, document: ReceiptDocument, hash: string, contact: { matchKey: string; matchKeyType: string; contactType?: string }) {
  return db.transaction().execute(async (tx) => {
    const row = await insertReceipt(tx, { document, contentHash: hash, contactId: null });
    if (row) await writeLog(tx, [contactMissing(document, contact)]);
    return row;
  });
}

/** The top-level fields (and items by position) in which two receipts differ. */
export function receiptDifferences(stored: Record<string, unknown>, sent: Record<string, unknown>): string[] {
  const differences: string[] = [];
  for (const key of [...new Set([...Object.keys(stored), ...Object.keys(sent)])].sort()) {
    if (key === 'items' && Array.isArray(stored.items) && Array.isArray(sent.items)) {
      const length = Math.max(stored.items.length, sent.items.length);
      for (let i = 0; i < length; i++) if (stableStringify(stored.items[i]) !== stableStringify(sent.items[i])) differences.push(`items[${i}]`);
    } else if (stableStringify(stored[key]) !== stableStringify(sent[key])) {
      differences.push(key);
    }
  }
  return differences;
}

/**
 * One entry per receipt and differing content. It names field paths only, never
 * values, so it holds no personal data and GDPR erasure may leave it.
 */
function duplicateIgnored(stored: ReceiptDocument, sent: ReceiptDocument, hash: string): LogEntry {
  const differences = receiptDifferences(stored, sent);
  return {
    type: 'Receipts',
    errorCode: 'ReceiptDuplicateIgnored',
    message: `Receipt ${sent.uniqueReceiptId} was sent again with other content (${differences.join(', ')}); the registered receipt is kept and the new one ignored`,
    refKey: `${sent.uniqueReceiptId}:${hash}`,
    details: { uniqueReceiptId: sent.uniqueReceiptId, differences },
  };
}

function contactMissing(document: ReceiptDocument, contact: { matchKey: string; matchKeyType: string; contactType?: string }): LogEntry {
  const { matchKeyType, matchKey, contactType } = contact;
  return {
    type: 'Receipts',
    errorCode: 'ContactMissing',
    message: `No contact matches ${matchKeyType} ${matchKey}${contactType ? ` (${contactType})` : ''}; receipt ${document.uniqueReceiptId} is stored without a contact`,
    // One entry per receipt: the version-tag column carries the receipt's id (receipts have no versions).
    versionTag: document.uniqueReceiptId,
    refKey: `${matchKeyType}:${normalMatchKey(contact)}`,
    details: {
      uniqueReceiptId: document.uniqueReceiptId,
      receiptNumber: document.receiptNumber ?? null,
      orderId: document.orderId ?? null,
      matchKeyType,
      matchKey,
      contactType: contactType ?? null,
    },
  };
}
