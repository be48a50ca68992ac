// Seams between contacts and the capabilities that hold a contact's data.
// Capabilities register at import time (module top level), never per app.
import type { Db } from '../db/schema.js';
import type { Tx } from '../orders/hooks.js';

/** Each capability that stores personal data names how to export and erase it (GDPR). */
export interface ContactDataProvider {
  /** Key of this part in the export document, e.g. "orders", "receipts". */
  name: string;
  export(db: Db | Tx, contactId: string): Promise<unknown>;
  /** Runs inside the erasure transaction. */
  erase(tx: Tx, contactId: string): Promise<void>;
}
export const contactDataProviders: ContactDataProvider[] = [];

/** Runs inside the transaction that links orders to a contact registered after them (late binding). */
export type ContactLinkedHook = (tx: Tx, link: { contactId: string; orderIds: string[] }) => Promise<void>;
export const contactLinkedHooks: ContactLinkedHook[] = [];
