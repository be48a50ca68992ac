// Everything the orders core holds that names one contact: the contact's footprint,
// computed once and used by both export and erasure, so the two always cover the
// same rows. A row names the contact when it carries its id (orders, action events)
// or when an order document or job payload names it by one of its match keys
// (email, phone, member number, SSN … as `contact: { matchKey, matchKeyType }`),
// whichever contact the order belongs to now.
import { sql } from 'kysely';
import { keysOfContact, withSpellings } from '../contacts/match.js';
import type { Db } from '../db/schema.js';
import type { Tx } from '../db/schema.js';

export interface Footprint {
  keys: { matchKeyType: string; matchKey: string }[];
  /** Orders the contact holds now (linked, or unlinked but naming its key): erased whole. */
  orderIds: string[];
  /** Versions of other orders (moved to another contact, or deleted) whose document named the contact. */
  versionIds: string[];
  /** Jobs whose payload named the contact, and every job of its orders. */
  jobIds: string[];
  actionEventIds: string[];
  logEntryIds: string[];
}

/** A jsonb document's `contact` key, compared as contacts are searched (emails and GUIDs in lower case). */
function namesKey(document: ReturnType<typeof sql>, keys: Footprint['keys']) {
  const type = sql`${document}->'contact'->>'matchKeyType'`;
  const value = sql`${document}->'contact'->>'matchKey'`;
  return sql`(${type}, CASE WHEN ${type} IN ('Email', 'ContactId') THEN lower(${value}) ELSE ${value} END)
    IN (SELECT * FROM unnest(${keys.map((k) => k.matchKeyType)}::text[], ${keys.map((k) => k.matchKey)}::text[]))`;
}

const cache = new WeakMap<object, Map<string, Promise<Footprint | undefined>>>();

/**
 * The footprint, cached per transaction: export and erasure run their providers in one
 * transaction, and each provider asks. undefined when there is no such contact.
 * Scans jobs and order versions by content: erasure is rare, and an index on the
 * documents' keys would cost every write.
 */
export function footprintOf(tx: Db | Tx, contactId: string): Promise<Footprint | undefined> {
  let perTx = cache.get(tx);
  if (!perTx) cache.set(tx, (perTx = new Map()));
  let found = perTx.get(contactId);
  if (!found) perTx.set(contactId, (found = compute(tx, contactId)));
  return found;
}

async function compute(db: Db | Tx, contactId: string): Promise<Footprint | undefined> {
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!contact) return undefined;
  const keys = withSpellings(keysOfContact(contact));
  const types = keys.map((k) => k.matchKeyType);
  const values = keys.map((k) => k.matchKey);
  const ids = async (query: ReturnType<typeof sql>) => (await sql<{ id: string }>`${query}`.execute(db)).rows.map((row) => String(row.id));
  const orderIds = await ids(sql`
    SELECT order_id AS id FROM orders WHERE contact_id = ${contactId}
    UNION SELECT order_id FROM orders WHERE contact_id IS NULL
      AND (match_key_type, match_key) IN (SELECT * FROM unnest(${types}::text[], ${values}::text[]))`);
  const [versionIds, jobIds, actionEventIds] = await Promise.all([
    ids(sql`SELECT id FROM order_versions v WHERE NOT v.order_id = ANY(${orderIds}::text[]) AND ${namesKey(sql`v.document`, keys)}
      -- The current version of an order kept for another contact stays: it names that contact too (a shared key).
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = v.order_id AND o.version_tag = v.version_tag)`),
    ids(sql`SELECT id FROM jobs WHERE order_id = ANY(${orderIds}::text[]) OR (payload IS NOT NULL AND ${namesKey(sql`payload`, keys)})`),
    ids(sql`SELECT id FROM action_events WHERE contact_id = ${contactId} OR order_id = ANY(${orderIds}::text[])`),
  ]);
  const logEntryIds = await ids(sql`
    SELECT l.id FROM integration_log l
    WHERE l.order_id = ANY(${orderIds}::text[])
      OR l.job_id = ANY(${jobIds}::uuid[])
      OR (l.error_code = 'ContactMissing' AND l.ref_key = ANY(${keys.map((k) => `${k.matchKeyType}:${k.matchKey}`)}::text[]))
      OR (l.order_id, l.version_tag) IN (SELECT order_id, version_tag FROM order_versions WHERE id = ANY(${versionIds}::bigint[]))`);
  return { keys, orderIds, versionIds, jobIds, actionEventIds, logEntryIds };
}
