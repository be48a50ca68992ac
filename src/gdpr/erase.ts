// GDPR export and erasure of a contact: every capability's part comes from its
// descriptor's contactData (and contactFiles), so this file never learns about new tables.
import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Parts } from '../app/capability.js';
import { presentContact } from '../contacts/repo.js';
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';

/** One transaction, so the providers see one state and share the contact's footprint (footprint.ts). */
export async function exportContact(db: Db, parts: Parts, contactId: string): Promise<Record<string, unknown> | undefined> {
  if (!isUuid(contactId)) return undefined;
  return db.transaction().execute(async (tx) => {
    const contact = await tx.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
    if (!contact) return undefined;
    const document: Record<string, unknown> = { contact: presentContact(contact) };
    for (const part of parts.contactData) document[part.id] = await part.export(tx, contactId);
    return document;
  });
}

/**
 * One transaction: every provider erases its part, then the contact goes; files that held
 * the contact's data (the email outbox) are deleted after the commit. false when there is
 * no such contact. `dataDir` is where files are looked for (the service's DATA_DIR).
 */
export async function eraseContact(db: Db, parts: Parts, contactId: string, options: { dataDir?: string } = {}): Promise<boolean> {
  if (!isUuid(contactId)) return false;
  const files: string[] = [];
  const erased = await db.transaction().execute(async (tx) => {
    // The row lock makes a concurrent late-binding link wait, then find no contact.
    const { rows } = await sql`SELECT id FROM contacts WHERE id = ${contactId} FOR UPDATE`.execute(tx);
    if (rows.length === 0) return false;
    if (options.dataDir) for (const list of parts.contactFiles) files.push(...(await list(tx, contactId, options.dataDir)));
    for (const part of parts.contactData) await part.erase(tx, contactId, parts);
    await tx.deleteFrom('contacts').where('id', '=', contactId).execute();
    return true;
  });
  await Promise.all(files.map((file) => rm(file, { force: true })));
  return erased;
}
