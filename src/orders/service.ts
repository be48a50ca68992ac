// The orders capability's service: accepts writes as jobs and answers reads.
import type { Db } from '../db/schema.js';
import type { Metrics } from '../metrics.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Operation } from './handlers/index.js';
import { listContactOrders, loadOrder, type OrderRow } from './repo.js';

export class OrderService {
  constructor(
    private db: Db,
    private queue: JobQueue,
    private metrics: Metrics,
  ) {}

  async accept(operation: Operation, orderId: string, payload: unknown, ifMatch: string | null, apiKeyName: string | null = null): Promise<{ jobId: string }> {
    const { id } = await this.queue.accept({ orderId, operation, payload, ifMatch, apiKeyName });
    this.metrics.jobsAccepted.inc({ operation });
    return { jobId: id };
  }

  /** The order, or undefined when it does not exist or (with contactId) belongs to someone else. */
  async get(orderId: string, contactId?: string): Promise<OrderRow | undefined> {
    const order = await loadOrder(this.db, orderId);
    // GUIDs compare case-insensitively: Engage's exports print them in upper case.
    if (!order || (contactId && order.contact_id?.toLowerCase() !== contactId.toLowerCase())) return undefined;
    return order;
  }

  listForContact(contactId: string, offset: number, count: number) {
    return listContactOrders(this.db, contactId.toLowerCase(), offset, count);
  }
}
