// Files outside the database that hold a contact's data (e.g. the email outbox).
// A capability lists the files of one contact while its rows still exist, inside
// the erasure transaction; they are deleted once that transaction has committed.
import type { Db } from '../db/schema.js';
import type { Tx } from '../orders/hooks.js';

export type ContactFiles = (tx: Db | Tx, contactId: string, dataDir: string) => Promise<string[]>;
export const contactFileProviders: ContactFiles[] = [];
