// How orders and jobs look on the wire.
import type { Db } from '../db/schema.js';
import type { JobRow } from '../jobs/queue.js';
import type { OrderRow } from './repo.js';

export const orderPath = (orderId: string) => `/api/v3/orders/${encodeURIComponent(orderId)}`;
export const jobPath = (jobId: string) => `/api/v3/orders/jobs/${jobId}`;

/** Extra read-only fields other capabilities add to the order answer (e.g. receipt ids). */
export type OrderDecorator = (db: Db, orders: OrderRow[], answers: Record<string, unknown>[]) => Promise<void>;
export const orderDecorators: OrderDecorator[] = [];

export function presentOrder(row: OrderRow): Record<string, unknown> {
  return {
    ...row.document,
    versionTag: row.version_tag,
    orderType: row.order_type,
    contactId: row.contact_id,
    processedAt: new Date(row.processed_at).toISOString(),
  };
}

export async function presentOrders(db: Db, rows: OrderRow[]): Promise<Record<string, unknown>[]> {
  const answers = rows.map(presentOrder);
  for (const decorate of orderDecorators) await decorate(db, rows, answers);
  return answers;
}

export function presentJob(job: JobRow): Record<string, unknown> {
  return {
    jobId: job.id,
    status: job.status,
    orderId: job.order_id,
    operation: job.operation,
    acceptedAt: new Date(job.accepted_at).toISOString(),
    ...(job.started_at ? { startedAt: new Date(job.started_at).toISOString() } : {}),
    ...(job.finished_at ? { finishedAt: new Date(job.finished_at).toISOString() } : {}),
    ...(job.version_tag ? { versionTag: job.version_tag } : {}),
    ...(job.error_code ? { errorCode: job.error_code, errors: job.errors ?? [] } : {}),
    // Processing threw (an outage or a bug) at least once: how often, why, and when it is tried next.
    ...(job.last_error_code
      ? {
          attempts: job.attempts,
          lastErrorCode: job.last_error_code,
          ...(job.last_error_at ? { lastErrorAt: new Date(job.last_error_at).toISOString() } : {}),
          ...(job.status === 'Pending' && job.retry_at ? { retryAt: new Date(job.retry_at).toISOString() } : {}),
        }
      : {}),
  };
}

export function acceptedAnswer(jobId: string, orderId: string) {
  return { jobId, status: 'Pending', orderId, links: [{ rel: 'status', href: jobPath(jobId), method: 'GET' }] };
}
