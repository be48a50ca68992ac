// Late binding (contract §7 Decision, applied to receipts): when a contact is
// registered after receipts that named it, those receipts are linked to it and
// their ContactMissing log entries are marked resolved. Called by the contacts
// capability inside the transaction that registers the contact.
import { sql } from 'kysely';
import type { Tx } from '../orders/hooks.js';

export interface LinkableContact {
  id: string;
  contact_type?: string | null;
  email?: string | null;
  mobile_phone?: string | null;
  member_number?: string | null;
  external_id?: string | null;
  social_security_number?: string | null;
  card_id?: string | null;
}

/** Links the unlinked receipts whose match key names this contact; returns their uniqueReceiptIds. */
export async function linkReceiptsToContact(tx: Tx, contact: LinkableContact): Promise<string[]> {
  // Share-lock the contact: an erasure running at the same time then either waits for
  // this link (and erases the receipts with the contact) or has already removed it.
  const { rows: exists } = await sql`SELECT 1 FROM contacts WHERE id = ${contact.id} FOR SHARE`.execute(tx);
  if (exists.length === 0) return [];
  const keys: [string, string | null | undefined][] = [
    ['ContactId', contact.id.toLowerCase()],
    ['Email', contact.email?.toLowerCase()],
    ['MobilePhone', contact.mobile_phone],
    ['MemberNumber', contact.member_number],
    ['ExternalId', contact.external_id],
    ['SocialSecurityNumber', contact.social_security_number],
    ['CardId', contact.card_id],
  ];
  const present = keys.filter((key): key is [string, string] => typeof key[1] === 'string' && key[1] !== '');
  const matches = sql.join(present.map(([type, value]) => sql`(match_key_type = ${type} AND match_key = ${value})`), sql` OR `);
  // A receipt that named a contact type only matches a contact of that type (as findContactId does).
  const typeFilter = contact.contact_type ? sql`AND (contact_type IS NULL OR lower(contact_type) = lower(${contact.contact_type}))` : sql``;
  const { rows } = await sql<{ unique_receipt_id: string }>`
    UPDATE receipts SET contact_id = ${contact.id}
    WHERE contact_id IS NULL AND (${matches}) ${typeFilter}
    RETURNING unique_receipt_id`.execute(tx);
  const ids = rows.map((row) => row.unique_receipt_id);
  if (ids.length > 0) {
    await sql`
      UPDATE integration_log SET resolved_at = now()
      WHERE type = 'Receipts' AND error_code = 'ContactMissing' AND resolved_at IS NULL AND version_tag = ANY(${ids}::text[])`.execute(tx);
  }
  return ids;
}
