// Applies one claimed job in one transaction: the order change, its version,
// its integration-log entries, an embedded action and the job's outcome commit
// together or not at all. A worker whose lease ran out cannot commit (fencing
// on the job's attempt number), so a job takes effect exactly once.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { ErrorCode } from '../domain/errors.js';
import { contentHash, describeChanges, newVersionTag, orderTypeOf } from '../domain/order.js';
import { type LogEntry, writeLog } from '../integration-log/log.js';
import type { JobRow } from '../jobs/queue.js';
import { recordAction } from './actions.js';
import { handlers } from './handlers/index.js';
import { type Tx, orderChangeHooks, runHooks } from './hooks.js';
import { deleteOrder, loadOrder, saveOrder } from './repo.js';
import { resolveReferences } from './resolve.js';

export const MAX_ATTEMPTS = 5;

export type JobOutcome =
  | { status: 'Succeeded'; versionTag: string | null }
  | { status: 'Failed'; errorCode: ErrorCode }
  | { status: 'Lost' } // another worker owns the job now
  | { status: 'Error'; error: unknown }; // left to be claimed again when its lease runs out

/** Thrown inside the transaction to roll it back when this worker no longer owns the job. */
class JobLost extends Error {}

async function applyAndFinish(tx: Tx, job: JobRow): Promise<JobOutcome> {
  const outcome = await apply(tx, job);
  // The attempt number fences the commit: if the lease ran out and another
  // worker claimed the job, nothing this worker did is kept.
  const { rows } = await sql`
    UPDATE jobs SET status = ${outcome.status}, finished_at = now(), lease_until = NULL,
      version_tag = ${outcome.status === 'Succeeded' ? outcome.versionTag : null},
      error_code = ${outcome.status === 'Failed' ? outcome.errorCode : null},
      errors = ${outcome.status === 'Failed' ? JSON.stringify(outcome.errors) : null}::jsonb
    WHERE id = ${job.id} AND status = 'Processing' AND attempts = ${job.attempts}
    RETURNING id`.execute(tx);
  if (rows.length === 0) throw new JobLost();
  return outcome.status === 'Succeeded' ? { status: 'Succeeded', versionTag: outcome.versionTag } : { status: 'Failed', errorCode: outcome.errorCode };
}

export async function processJob(db: Db, job: JobRow): Promise<JobOutcome> {
  try {
    return await db.transaction().execute((tx) => applyAndFinish(tx, job));
  } catch (error) {
    if (error instanceof JobLost) return { status: 'Lost' };
    throw error;
  }
}

/**
 * Applies jobs of different orders in one transaction, so they share one commit
 * (the write path's floor). If anything goes wrong the whole batch rolls back and
 * each job is applied on its own, so one bad job never holds back the others.
 */
export async function processJobs(db: Db, jobs: JobRow[]): Promise<JobOutcome[]> {
  if (jobs.length > 1) {
    try {
      return await db.transaction().execute(async (tx) => {
        const outcomes: JobOutcome[] = [];
        for (const job of jobs) outcomes.push(await applyAndFinish(tx, job));
        return outcomes;
      });
    } catch {
      // fall through: one transaction per job isolates the failure
    }
  }
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) outcomes.push(await processJob(db, job).catch((error: unknown) => ({ status: 'Error' as const, error })));
  return outcomes;
}

type Applied = { status: 'Succeeded'; versionTag: string | null } | { status: 'Failed'; errorCode: ErrorCode; errors: { path: string; message: string }[] };

async function fail(tx: Tx, job: JobRow, errorCode: ErrorCode, message: string): Promise<Applied> {
  await writeLog(tx, [{ type: 'Orders', errorCode, message, orderId: job.order_id, jobId: job.id, refKey: job.id }]);
  return { status: 'Failed', errorCode, errors: [{ path: '', message }] };
}

async function apply(tx: Tx, job: JobRow): Promise<Applied> {
  if (job.attempts > MAX_ATTEMPTS) return fail(tx, job, 'InternalError', `Processing failed ${MAX_ATTEMPTS} times; giving up`);
  const handler = handlers.get(job.operation);
  if (!handler) return fail(tx, job, 'InternalError', `Unknown operation ${job.operation}`);

  const current = await loadOrder(tx, job.order_id, true);
  if (job.if_match && current?.version_tag !== job.if_match) {
    return fail(tx, job, 'VersionTagMismatch', `If-Match ${job.if_match} is not the current versionTag of order ${job.order_id}`);
  }
  const { orderAction, ...payload } = job.payload ?? {};
  const outcome = handler.apply(current?.document ?? null, payload, job.order_id);

  if (outcome.kind === 'fail') return fail(tx, job, outcome.code, outcome.message);
  if (outcome.kind === 'delete') {
    await deleteOrder(tx, job.order_id);
    await runHooks(orderChangeHooks, tx, { orderId: job.order_id, after: null });
    return { status: 'Succeeded', versionTag: null };
  }

  const document = outcome.document;
  const hash = contentHash(document);
  let versionTag = current?.version_tag ?? '';
  let contactId = current?.contact_id ?? null;
  if (!current || current.content_hash !== hash) {
    versionTag = newVersionTag();
    const resolved = await resolveReferences(tx, job.order_id, document);
    contactId = resolved.contactId;
    const orderType = orderTypeOf(document);
    await saveOrder(tx, {
      orderId: job.order_id,
      document,
      contactId,
      versionTag,
      contentHash: hash,
      orderType,
      operation: job.operation,
      jobId: job.id,
      changes: describeChanges(current?.document ?? null, document),
    });
    await writeLog(tx, resolved.warnings.map((warning) => ({ ...warning, jobId: job.id, versionTag })));
    await runHooks(orderChangeHooks, tx, { orderId: job.order_id, after: { document, versionTag, contactId, orderType } });
  }

  if (orderAction) {
    if (contactId) {
      await recordAction(tx, { orderId: job.order_id, versionTag, contactId }, orderAction, job.id);
    } else {
      const skipped: LogEntry = {
        type: 'Orders',
        errorCode: 'ActionSkippedNoContact',
        message: `Action ${orderAction.action} was not fired: order ${job.order_id} has no contact`,
        orderId: job.order_id,
        jobId: job.id,
        versionTag,
        refKey: `action:${job.id}`,
        details: { action: orderAction.action },
      };
      await writeLog(tx, [skipped]);
    }
  }
  return { status: 'Succeeded', versionTag };
}
