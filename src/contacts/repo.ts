// Storage of contacts. Creating one links the orders that were waiting for it.
import { randomUUID } from 'node:crypto';
import type { ContactTable, Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import { linkContact } from './late-binding.js';
import type { ContactBody } from './schemas.js';

type ContactRow = Omit<ContactTable, 'created_at'> & { created_at: Date | string };

export function presentContact(row: ContactRow): Record<string, unknown> {
  return {
    id: row.id,
    contactType: row.contact_type,
    email: row.email,
    mobilePhone: row.mobile_phone,
    memberNumber: row.member_number,
    externalId: row.external_id,
    socialSecurityNumber: row.social_security_number,
    cardId: row.card_id,
    firstName: row.first_name,
    lastName: row.last_name,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function createContact(db: Db, body: ContactBody): Promise<Record<string, unknown>> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('contacts')
      .values({
        id: randomUUID(),
        contact_type: body.contactType ?? 'Member',
        email: body.email ?? null,
        mobile_phone: body.mobilePhone ?? null,
        member_number: body.memberNumber ?? null,
        external_id: body.externalId ?? null,
        social_security_number: body.socialSecurityNumber ?? null,
        card_id: body.cardId ?? null,
        first_name: body.firstName ?? null,
        last_name: body.lastName ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await linkContact(tx, row.id);
    return presentContact(row);
  });
}

export async function getContact(db: Db, contactId: string): Promise<ContactRow | undefined> {
  if (!isUuid(contactId)) return undefined;
  return db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
}
