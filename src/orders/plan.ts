// Pure: what one claimed job does to its order, decided from the job and the
// order's current row. Processing then carries out the plans of a whole batch
// of jobs with a few set-based statements.
import type { ErrorCode } from '../domain/errors.js';
import { contentHash, describeChanges, newVersionTag, orderTypeOf, type OrderDocument } from '../domain/order.js';
import type { JobRow } from '../jobs/queue.js';
import { handlers } from './handlers/index.js';
import type { OrderRow } from './repo.js';

// A job that keeps throwing is failed in the end, so it cannot hold its order's later
// jobs back for ever. Attempts count claims, retried with a doubling backoff
// (JOB_RETRY_BACKOFF_MS, default 1 s): ten attempts ride out about 8.5 minutes of errors.
export const MAX_ATTEMPTS = 10;

export interface EmbeddedAction {
  action: string;
  language?: string | null;
  data?: unknown;
}

export type Plan =
  | { kind: 'fail'; code: ErrorCode; message: string }
  | { kind: 'delete' }
  /** The write leaves the stored order as it is: no new version. */
  | { kind: 'unchanged'; versionTag: string; contactId: string | null; action?: EmbeddedAction }
  | { kind: 'store'; document: OrderDocument; contentHash: string; versionTag: string; orderType: string; changes: string[]; action?: EmbeddedAction };

export function planJob(job: JobRow, current: OrderRow | undefined): Plan {
  if (job.attempts > MAX_ATTEMPTS) return { kind: 'fail', code: 'InternalError', message: `Processing failed ${MAX_ATTEMPTS} times; giving up` };
  const handler = handlers.get(job.operation);
  if (!handler) return { kind: 'fail', code: 'InternalError', message: `Unknown operation ${job.operation}` };
  if (job.if_match && current?.version_tag !== job.if_match) {
    return { kind: 'fail', code: 'VersionTagMismatch', message: `If-Match ${job.if_match} is not the current versionTag of order ${job.order_id}` };
  }
  // Validated against its operation's schema when it was accepted (JobPayload).
  const { orderAction, ...payload } = (job.payload ?? {}) as { orderAction?: EmbeddedAction };
  const outcome = handler.apply(current?.document ?? null, payload, job.order_id);
  if (outcome.kind !== 'store') return outcome;

  const hash = contentHash(outcome.document);
  if (current && current.content_hash === hash)
    return { kind: 'unchanged', versionTag: current.version_tag, contactId: current.contact_id, action: orderAction };
  return {
    kind: 'store',
    document: outcome.document,
    contentHash: hash,
    versionTag: newVersionTag(),
    orderType: orderTypeOf(outcome.document),
    changes: describeChanges(current?.document ?? null, outcome.document),
    action: orderAction,
  };
}
