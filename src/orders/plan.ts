// Pure: what one claimed job does to its order, decided from the job and the
// order's current state; and what a batch of jobs does, each job seeing the
// state the previous job of its order left. Processing then carries out the
// plans of a whole batch with a few set-based statements.
import type { ErrorCode } from '../domain/errors.js';
import { contentHash, describeChanges, newVersionTag, orderTypeOf, type OrderDocument } from '../domain/order.js';
import type { JobRow } from '../jobs/queue.js';
import { handlers } from './handlers/index.js';
import { ifMatchHolds } from './if-match.js';
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

/** What planning reads of an order: its row, or the state an earlier job of the batch left. */
export type OrderState = Pick<OrderRow, 'document' | 'version_tag' | 'content_hash' | 'contact_id'>;

/** A job after its order's delete in the same batch waits for the next claim (its write then creates the order anew). */
export type BatchPlan = Plan | { kind: 'release' };

/**
 * Plans jobs given in acceptance order, chaining each order's state through its
 * jobs. A stored state's contact is not known before its references are
 * resolved: it is carried as null here, and processing settles it afterwards.
 */
export function planRuns(jobs: JobRow[], current: Map<string, OrderState>): BatchPlan[] {
  const state = new Map<string, OrderState | undefined>(current);
  const deleted = new Set<string>();
  return jobs.map((job) => {
    if (deleted.has(job.order_id)) return { kind: 'release' };
    const plan = planJob(job, state.get(job.order_id));
    if (plan.kind === 'store')
      state.set(job.order_id, { document: plan.document, version_tag: plan.versionTag, content_hash: plan.contentHash, contact_id: null });
    if (plan.kind === 'delete') {
      state.set(job.order_id, undefined);
      deleted.add(job.order_id);
    }
    return plan;
  });
}

export function planJob(job: JobRow, current: OrderState | undefined): Plan {
  if (job.attempts > MAX_ATTEMPTS) return { kind: 'fail', code: 'InternalError', message: `Processing failed ${MAX_ATTEMPTS} times; giving up` };
  const handler = handlers.get(job.operation);
  if (!handler) return { kind: 'fail', code: 'InternalError', message: `Unknown operation ${job.operation}` };
  if (job.if_match && !ifMatchHolds(job.if_match, current?.version_tag)) {
    const wanted = job.if_match === '*' ? 'If-Match * needs an existing order' : `If-Match ${job.if_match} does not name the current versionTag`;
    return { kind: 'fail', code: 'VersionTagMismatch', message: `${wanted}; order ${job.order_id} is ${current ? `at ${current.version_tag}` : 'not there'}` };
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
