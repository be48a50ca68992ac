// Storage of contacts. Creating one links the orders that were waiting for it.
// Typed columns hold the keys orders and receipts are matched by; `document`
// keeps every field the client sent, so nothing is silently dropped.
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { ContactTable, Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import type { Tx } from '../db/schema.js';
import { type LinkParts, linkContact } from './late-binding.js';
import { ssnMatchKey } from '../domain/personal-numbers.js';
import type { ContactBody, CreateContactQuery } from './schemas.js';

export type ContactRow = Selectable<ContactTable>;

/** The fields with a column of their own; everything else lives only in `document`. */
const columns = {
  email: 'email',
  mobilePhone: 'mobile_phone',
  memberNumber: 'member_number',
  externalId: 'external_id',
  socialSecurityNumber: 'social_security_number',
  cardId: 'card_id',
  firstName: 'first_name',
  lastName: 'last_name',
} as const;

export function presentContact(row: ContactRow): Record<string, unknown> {
  return {
    ...(row.document ?? {}),
    id: row.id,
    contactType: row.contact_type,
    ...Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, row[column]])),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The typed columns of a contact document, with the social security number's match key beside the number as sent. */
function keyColumns(document: Record<string, unknown>) {
  const values = Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, typeof document[field] === 'string' ? document[field] : null]));
  const ssn = values.social_security_number;
  return { ...values, ssn_key: ssn ? ssnMatchKey(ssn) : null };
}

export type Saved = { ok: true; contact: Record<string, unknown> } | { ok: false; existingId: string; key: string };

/** Keys that identify a contact of a type: a second contact of the same type may not share them (Engage: 409). */
const uniqueKeys = [
  ['email', sql`lower(email)`, (v: string) => v.toLowerCase()],
  ['mobilePhone', sql`mobile_phone`, (v: string) => v],
  ['socialSecurityNumber', sql`ssn_key`, ssnMatchKey],
  ['memberNumber', sql`member_number`, (v: string) => v],
] as const;

async function findDuplicate(tx: Tx, values: Record<string, unknown>, contactType: string, except: string | null) {
  for (const [field, column, normal] of uniqueKeys) {
    const value = values[field];
    if (typeof value !== 'string') continue;
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM contacts WHERE ${column} = ${normal(value)} AND lower(contact_type) = lower(${contactType})
        AND id IS DISTINCT FROM ${except}::uuid ORDER BY created_at, id LIMIT 1`.execute(tx);
    if (rows[0]) return { existingId: rows[0].id, key: field };
  }
  return undefined;
}

/** Contact writes are serialized so two concurrent creates cannot both pass the duplicate check. */
const lockContacts = (tx: Tx) => sql`SELECT pg_advisory_xact_lock(7310001)`.execute(tx);

export async function createContact(db: Db, parts: LinkParts, body: ContactBody, query: CreateContactQuery = {}): Promise<Saved> {
  const contactType = typeof body.contactType === 'string' ? body.contactType : 'Member';
  const document: Record<string, unknown> = { ...query, ...body, contactType };
  return db.transaction().execute(async (tx) => {
    await lockContacts(tx);
    const duplicate = await findDuplicate(tx, document, contactType, null);
    if (duplicate) return { ok: false, ...duplicate };
    const row = await tx
      .insertInto('contacts')
      .values({
        id: randomUUID(),
        contact_type: contactType,
        ...keyColumns(document),
        document: JSON.stringify(document),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await linkContact(tx, parts, row.id);
    return { ok: true, contact: presentContact(row) };
  });
}

/** PATCH: the given fields replace theirs, the rest stay. undefined when the contact does not exist. */
export async function patchContact(db: Db, parts: LinkParts, contactId: string, changes: ContactBody): Promise<Saved | undefined> {
  if (!isUuid(contactId)) return undefined;
  return db.transaction().execute(async (tx) => {
    await lockContacts(tx);
    const current = await tx.selectFrom('contacts').selectAll().where('id', '=', contactId.toLowerCase()).forUpdate().executeTakeFirst();
    if (!current) return undefined;
    const { id: _id, createdAt: _createdAt, ...was } = presentContact(current);
    const document: Record<string, unknown> = { ...was, ...changes };
    const contactType = typeof document.contactType === 'string' ? document.contactType : current.contact_type;
    const duplicate = await findDuplicate(tx, document, contactType, current.id);
    if (duplicate) return { ok: false, ...duplicate };
    const row = await tx
      .updateTable('contacts')
      .set({
        contact_type: contactType,
        ...keyColumns(document),
        document: JSON.stringify(Object.fromEntries(Object.entries(document).filter(([, value]) => value !== null))),
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await linkContact(tx, parts, row.id); // new keys may name orders and receipts that were waiting
    return { ok: true, contact: presentContact(row) };
  });
}

export async function getContact(db: Db, contactId: string): Promise<ContactRow | undefined> {
  if (!isUuid(contactId)) return undefined;
  return db.selectFrom('contacts').selectAll().where('id', '=', contactId.toLowerCase()).executeTakeFirst();
}
