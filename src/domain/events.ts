// What one capability tells the others, inside the transaction that made it
// happen (see Capability in src/app/capability.ts).
import type { OrderDocument } from './order.js';

/** An order a batch of writes changed; `after` is null when the write deleted it. */
export interface OrderChange {
  orderId: string;
  after: { document: OrderDocument; versionTag: string; contactId: string | null; orderType: string } | null;
}

/** An action recorded on an order version (e.g. "send the order confirmation"). */
export interface ActionEvent {
  id: string;
  orderId: string;
  versionTag: string;
  action: string;
  language: string | null;
  data: unknown;
  contactId: string;
  jobId: string | null;
  createdAt: Date;
}

/** Orders linked to a contact registered after them (late binding). */
export interface ContactLink {
  contactId: string;
  orderIds: string[];
}
