// GDPR export and erasure of a contact (contract §8): every capability's part
// comes from contactDataProviders, so this file never learns about new tables.
import { sql } from 'kysely';
import { contactDataProviders } from '../contacts/hooks.js';
import { presentContact } from '../contacts/repo.js';
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import './providers.js';

export async function exportContact(db: Db, contactId: string): Promise<Record<string, unknown> | undefined> {
  if (!isUuid(contactId)) return undefined;
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!contact) return undefined;
  const document: Record<string, unknown> = { contact: presentContact(contact) };
  for (const provider of contactDataProviders) document[provider.name] = await provider.export(db, contactId);
  return document;
}

/** One transaction: every provider erases its part, then the contact goes. false when there is no such contact. */
export async function eraseContact(db: Db, contactId: string): Promise<boolean> {
  if (!isUuid(contactId)) return false;
  return db.transaction().execute(async (tx) => {
    // The row lock makes a concurrent late-binding link wait, then find no contact.
    const { rows } = await sql`SELECT id FROM contacts WHERE id = ${contactId} FOR UPDATE`.execute(tx);
    if (rows.length === 0) return false;
    for (const provider of contactDataProviders) await provider.erase(tx, contactId);
    await tx.deleteFrom('contacts').where('id', '=', contactId).execute();
    return true;
  });
}
