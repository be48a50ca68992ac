// Finds the contact an order or receipt names by its match key.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Tx } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import { ssnMatchKey, ssnSpellings } from '../domain/personal-numbers.js';

/** The contacts column (expression) each matchKeyType searches; ContactId searches `id`. */
export const matchColumns: Record<string, string> = {
  Email: 'lower(email)',
  MobilePhone: 'mobile_phone',
  MemberNumber: 'member_number',
  ExternalId: 'external_id',
  SocialSecurityNumber: 'ssn_key',
  CardId: 'card_id',
};

/** Match key types that search several columns in turn: the first that matches wins. */
export const fallbackKeyTypes: Record<string, string[]> = {
  MemberNumberWithCardNumberAsFallback: ['MemberNumber', 'CardId'],
};

export interface MatchKey {
  matchKey: string;
  matchKeyType: string;
  contactType?: string | null;
}

/** The matching contact's id, or null. Several matches: the oldest contact wins, deterministically. */
export async function findContactId(db: Db | Tx, key: MatchKey): Promise<string | null> {
  return (await matchingContactIds(db, key, 1))[0] ?? null;
}

/** Up to `limit` matching contact ids, oldest first (the lookup route asks for 2 to detect MultipleMatches). */
export async function matchingContactIds(db: Db | Tx, key: MatchKey, limit: number): Promise<string[]> {
  const fallback = fallbackKeyTypes[key.matchKeyType];
  if (fallback) {
    for (const matchKeyType of fallback) {
      const ids = await matchingContactIds(db, { ...key, matchKeyType }, limit);
      if (ids.length > 0) return ids;
    }
    return [];
  }
  const typeFilter = key.contactType ? sql`AND lower(contact_type) = lower(${key.contactType})` : sql``;
  if (key.matchKeyType === 'ContactId') {
    if (!isUuid(key.matchKey)) return [];
    const { rows } = await sql<{ id: string }>`SELECT id FROM contacts WHERE id = ${key.matchKey.toLowerCase()} ${typeFilter}`.execute(db);
    return rows.map((row) => row.id);
  }
  const column = matchColumns[key.matchKeyType];
  if (!column) return [];
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM contacts WHERE ${sql.raw(column)} = ${normalMatchKey(key)} ${typeFilter} ORDER BY created_at, id LIMIT ${limit}`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * The key's value as contacts are searched by it and as waiting orders and
 * receipts store it: emails and GUIDs in lower case, a social security number
 * in its normal form (any spelling of one number matches), the rest as sent.
 */
export function normalMatchKey(key: MatchKey): string {
  if (key.matchKeyType === 'Email' || key.matchKeyType === 'ContactId') return key.matchKey.toLowerCase();
  return key.matchKeyType === 'SocialSecurityNumber' ? ssnMatchKey(key.matchKey) : key.matchKey;
}

/** The (matchKeyType, matchKey) pairs an order may name this contact by, in the normal form orders store them in. */
export function keysOfContact(contact: {
  id: string;
  email?: string | null;
  mobile_phone?: string | null;
  member_number?: string | null;
  external_id?: string | null;
  ssn_key?: string | null;
  card_id?: string | null;
}): { matchKeyType: string; matchKey: string }[] {
  const pairs: [string, string | null | undefined][] = [
    ['ContactId', contact.id],
    ['Email', contact.email?.toLowerCase()],
    ['MobilePhone', contact.mobile_phone],
    ['MemberNumber', contact.member_number],
    ['ExternalId', contact.external_id],
    ['SocialSecurityNumber', contact.ssn_key],
    ['CardId', contact.card_id],
    // An order naming the fallback type waits for either of the two keys.
    ['MemberNumberWithCardNumberAsFallback', contact.member_number],
    ['MemberNumberWithCardNumberAsFallback', contact.card_id],
  ];
  return pairs.filter((pair): pair is [string, string] => !!pair[1]).map(([matchKeyType, matchKey]) => ({ matchKeyType, matchKey }));
}

/**
 * The keys with every spelling a stored row may hold them in: rows written
 * before social security numbers were matched by their normal form hold the
 * number as the client sent it. For finding rows, never for storing them.
 */
export function withSpellings(keys: { matchKeyType: string; matchKey: string }[]): { matchKeyType: string; matchKey: string }[] {
  return keys.flatMap((key) =>
    key.matchKeyType === 'SocialSecurityNumber' ? ssnSpellings(key.matchKey).map((matchKey) => ({ matchKeyType: key.matchKeyType, matchKey })) : [key],
  );
}
