// Applies claimed jobs. A batch of jobs (each of a different order) runs in one
// transaction with a handful of set-based statements: the orders, their versions,
// integration-log entries, derived data (hooks), embedded actions and the jobs'
// outcomes commit together or not at all. A worker whose lease ran out cannot
// commit (the job's attempt number fences the final update), so every job takes
// effect exactly once. If a batch fails, its jobs are retried one per transaction,
// so one bad job never holds back the others.
import type { Parts } from '../app/capability.js';
import { type LogEntry, writeLog } from '../integration-log/log.js';
import { JobLost, type JobOutcome, finishJobs } from '../jobs/finish.js';
import type { JobRow } from '../jobs/queue.js';
import { recordAction } from './actions.js';
import type { Db, Tx } from '../db/schema.js';
import { type EmbeddedAction, type Plan, planJob } from './plan.js';
import { type OrderWrite, deleteOrders, lockOrders, saveOrders } from './repo.js';
import { resolveReferences } from './resolve.js';

/** What processing runs besides the order itself: the other capabilities' in-transaction steps. */
export type ProcessingSteps = Pick<Parts, 'onOrderChanged' | 'onActionRecorded'>;

export async function processJobs(db: Db, jobs: JobRow[], steps: ProcessingSteps): Promise<JobOutcome[]> {
  if (jobs.length > 1) {
    try {
      return await db.transaction().execute((tx) => applyBatch(tx, jobs, steps));
    } catch {
      // fall through: one transaction per job isolates the failure
    }
  }
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    try {
      outcomes.push(...(await db.transaction().execute((tx) => applyBatch(tx, [job], steps))));
    } catch (error) {
      outcomes.push(error instanceof JobLost ? { status: 'Lost' } : { status: 'Error', error });
    }
  }
  return outcomes;
}

async function applyBatch(tx: Tx, jobs: JobRow[], steps: ProcessingSteps): Promise<JobOutcome[]> {
  const current = await lockOrders(
    tx,
    jobs.map((job) => job.order_id),
  );
  const plans = jobs.map((job) => planJob(job, current.get(job.order_id)));

  const stored = jobs.flatMap((job, i) => {
    const plan = plans[i]!;
    return plan.kind === 'store' ? [{ job, plan }] : [];
  });
  const resolved = await resolveReferences(
    tx,
    stored.map(({ job, plan }) => ({ orderId: job.order_id, document: plan.document })),
  );
  const writes: OrderWrite[] = stored.map(({ job, plan }) => ({
    orderId: job.order_id,
    document: plan.document,
    contactId: resolved.get(job.order_id)!.contactId,
    versionTag: plan.versionTag,
    contentHash: plan.contentHash,
    orderType: plan.orderType,
    operation: job.operation,
    jobId: job.id,
    changes: plan.changes,
  }));
  const deleted = jobs.filter((_, i) => plans[i]!.kind === 'delete').map((job) => job.order_id);
  await saveOrders(tx, writes);
  await deleteOrders(tx, deleted);
  await steps.onOrderChanged(tx, [
    ...writes.map((write) => ({
      orderId: write.orderId,
      after: { document: write.document, versionTag: write.versionTag, contactId: write.contactId, orderType: write.orderType },
    })),
    ...deleted.map((orderId) => ({ orderId, after: null })),
  ]);

  const log: LogEntry[] = [];
  const outcomes: JobOutcome[] = [];
  for (const [i, job] of jobs.entries()) {
    const plan = plans[i]!;
    if (plan.kind === 'fail') {
      log.push({ type: 'Orders', errorCode: plan.code, message: plan.message, orderId: job.order_id, jobId: job.id, refKey: job.id });
      outcomes.push({ status: 'Failed', errorCode: plan.code, errors: [{ path: '', message: plan.message }] });
      continue;
    }
    const after = afterState(plan, resolved.get(job.order_id)?.contactId ?? null);
    // A warning that sets its own versionTag (null: once per order) keeps it.
    if (plan.kind === 'store')
      log.push(
        ...resolved
          .get(job.order_id)!
          .warnings.map((warning) => ({ ...warning, jobId: job.id, versionTag: 'versionTag' in warning ? warning.versionTag : plan.versionTag })),
      );
    if (after.action) log.push(...(await fireEmbeddedAction(tx, steps, job, after.versionTag!, after.contactId, after.action)));
    outcomes.push({ status: 'Succeeded', versionTag: after.versionTag });
  }
  await writeLog(tx, log);
  await finishJobs(tx, jobs, outcomes);
  return outcomes;
}

function afterState(plan: Exclude<Plan, { kind: 'fail' }>, resolvedContact: string | null) {
  if (plan.kind === 'delete') return { versionTag: null, contactId: null, action: undefined };
  return { versionTag: plan.versionTag, contactId: plan.kind === 'store' ? resolvedContact : plan.contactId, action: plan.action };
}

/** Records the embedded action against the version the job produced, or logs why it could not fire. */
async function fireEmbeddedAction(
  tx: Tx,
  steps: ProcessingSteps,
  job: JobRow,
  versionTag: string,
  contactId: string | null,
  action: EmbeddedAction,
): Promise<LogEntry[]> {
  if (contactId) {
    await recordAction(tx, steps, { orderId: job.order_id, versionTag, contactId }, action, job.id);
    return [];
  }
  return [
    {
      type: 'Orders',
      errorCode: 'ActionSkippedNoContact',
      message: `Action ${action.action} was not fired: order ${job.order_id} has no contact`,
      orderId: job.order_id,
      jobId: job.id,
      versionTag,
      refKey: `action:${job.id}`,
      details: { action: action.action },
    },
  ];
}
