// Finds the contact an order or receipt names by its match key (contract §2, §7).
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Tx } from '../orders/hooks.js';
import { isUuid } from '../jobs/queue.js';

const columns: Record<string, string> = {
  Email: 'lower(email)',
  MobilePhone: 'mobile_phone',
  MemberNumber: 'member_number',
  ExternalId: 'external_id',
  SocialSecurityNumber: 'social_security_number',
  CardId: 'card_id',
};

export interface MatchKey {
  matchKey: string;
  matchKeyType: string;
  contactType?: string | null;
}

/** The matching contact's id, or null. Several matches: the oldest contact wins, deterministically. */
export async function findContactId(db: Db | Tx, key: MatchKey): Promise<string | null> {
  const typeFilter = key.contactType ? sql`AND lower(contact_type) = lower(${key.contactType})` : sql``;
  if (key.matchKeyType === 'ContactId') {
    if (!isUuid(key.matchKey)) return null;
    const { rows } = await sql<{ id: string }>`SELECT id FROM contacts WHERE id = ${key.matchKey} ${typeFilter}`.execute(db);
    return rows[0]?.id ?? null;
  }
  const column = columns[key.matchKeyType];
  if (!column) return null;
  const value = key.matchKeyType === 'Email' ? key.matchKey.toLowerCase() : key.matchKey;
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM contacts WHERE ${sql.raw(column)} = ${value} ${typeFilter} ORDER BY created_at, id LIMIT 1`.execute(db);
  return rows[0]?.id ?? null;
}
