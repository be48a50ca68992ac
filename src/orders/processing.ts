// Applies claimed jobs. A batch of jobs runs in one transaction with a handful
// of set-based statements, however many jobs it holds: the orders, their
// versions, integration-log entries, derived data (hooks), embedded actions and
// the jobs' outcomes commit together or not at all. A batch may hold several
// consecutive jobs of one order (a busy order's run): they are planned in
// acceptance order, each on the state the previous one left; every one of them
// gets its version, and the order row and derived data are written once, with
// the final state. A worker whose lease ran out cannot commit (the job's attempt
// number fences the final update), so every job takes effect exactly once. If a
// batch fails, its jobs are retried one per transaction, so one bad job never
// holds back other orders; an order's jobs after one that did not apply are
// released, never applied out of order.
import type { Parts } from '../app/capability.js';
import { type LogEntry, writeLog } from '../integration-log/log.js';
import { JobLost, type JobOutcome, finishJobs } from '../jobs/finish.js';
import type { JobRow } from '../jobs/queue.js';
import { firedByEarlierWrite, recordAction } from './actions.js';
import type { Db, Tx } from '../db/schema.js';
import { type EmbeddedAction, planRuns } from './plan.js';
import { type OrderWrite, deleteOrders, lockOrders, saveOrders } from './repo.js';
import { resolveReferences } from './resolve.js';

/** What processing runs besides the order itself: the other capabilities' in-transaction steps. */
export type ProcessingSteps = Pick<Parts, 'onOrderChanged' | 'onActionRecorded'>;

/** Applies jobs given in acceptance order; the outcomes come back in the same order. */
export async function processJobs(db: Db, jobs: JobRow[], steps: ProcessingSteps): Promise<JobOutcome[]> {
  if (jobs.length > 1) {
    try {
      return await db.transaction().execute((tx) => applyBatch(tx, jobs, steps));
    } catch {
      // fall through: one transaction per job isolates the failure
    }
  }
  const outcomes: JobOutcome[] = [];
  const heldBack = new Set<string>(); // orders with a job that did not apply
  for (const job of jobs) {
    if (heldBack.has(job.order_id)) {
      outcomes.push({ status: 'Released' });
      continue;
    }
    try {
      outcomes.push(...(await db.transaction().execute((tx) => applyBatch(tx, [job], steps))));
    } catch (error) {
      outcomes.push(error instanceof JobLost ? { status: 'Lost' } : { status: 'Error', error });
      heldBack.add(job.order_id);
    }
  }
  return outcomes;
}

async function applyBatch(tx: Tx, jobs: JobRow[], steps: ProcessingSteps): Promise<JobOutcome[]> {
  const orderIds = [...new Set(jobs.map((job) => job.order_id))];
  const current = await lockOrders(tx, orderIds);
  const plans = planRuns(jobs, current);

  const stored = jobs.flatMap((job, i) => {
    const plan = plans[i]!;
    return plan.kind === 'store' ? [{ job, plan }] : [];
  });
  const resolutions = await resolveReferences(
    tx,
    stored.map(({ job, plan }) => ({ orderId: job.order_id, document: plan.document })),
  );
  const writes: OrderWrite[] = stored.map(({ job, plan }, k) => ({
    orderId: job.order_id,
    document: plan.document,
    contactId: resolutions[k]!.contactId,
    versionTag: plan.versionTag,
    contentHash: plan.contentHash,
    orderType: plan.orderType,
    operation: job.operation,
    jobId: job.id,
    changes: plan.changes,
  }));
  await saveOrders(tx, writes);

  // Each job's outcome and its state after it, in acceptance order (an order's contact follows its latest stored state).
  const log: LogEntry[] = [];
  const outcomes: JobOutcome[] = [];
  const contactOf = new Map(orderIds.map((orderId) => [orderId, current.get(orderId)?.contact_id ?? null]));
  const resolutionOf = new Map(stored.map(({ job }, k) => [job, resolutions[k]!]));
  for (const [i, job] of jobs.entries()) {
    const plan = plans[i]!;
    if (plan.kind === 'release') {
      outcomes.push({ status: 'Released' });
      continue;
    }
    if (plan.kind === 'fail') {
      log.push({ type: 'Orders', errorCode: plan.code, message: plan.message, orderId: job.order_id, jobId: job.id, refKey: job.id });
      outcomes.push({ status: 'Failed', errorCode: plan.code, errors: [{ path: '', message: plan.message }] });
      continue;
    }
    if (plan.kind === 'delete') {
      outcomes.push({ status: 'Succeeded', versionTag: null });
      continue;
    }
    if (plan.kind === 'store') {
      const resolution = resolutionOf.get(job)!;
      contactOf.set(job.order_id, resolution.contactId);
      // A warning that sets its own versionTag (null: once per order) keeps it.
      log.push(
        ...resolution.warnings.map((warning) => ({ ...warning, jobId: job.id, versionTag: 'versionTag' in warning ? warning.versionTag : plan.versionTag })),
      );
    }
    // A write that changed nothing (a resend) does not fire its action again on the same version.
    const resent = plan.kind === 'unchanged' && plan.action && (await firedByEarlierWrite(tx, job.order_id, plan.versionTag, plan.action));
    if (plan.action && !resent) log.push(...(await fireEmbeddedAction(tx, steps, job, plan.versionTag, contactOf.get(job.order_id)!, plan.action)));
    outcomes.push({ status: 'Succeeded', versionTag: plan.versionTag });
  }

  // The order rows and derived data follow each order's final state (a delete is always the last of its run).
  const deleted = jobs.filter((_, i) => plans[i]!.kind === 'delete').map((job) => job.order_id);
  await deleteOrders(tx, deleted);
  const finalWrites = [...new Map(writes.map((write) => [write.orderId, write])).values()].filter((write) => !deleted.includes(write.orderId));
  await steps.onOrderChanged(tx, [
    ...finalWrites.map((write) => ({
      orderId: write.orderId,
      after: { document: write.document, versionTag: write.versionTag, contactId: write.contactId, orderType: write.orderType },
    })),
    ...deleted.map((orderId) => ({ orderId, after: null })),
  ]);
  await writeLog(tx, log);
  const finished = jobs.flatMap((job, i) => (outcomes[i]!.status === 'Released' ? [] : [{ job, outcome: outcomes[i]! }]));
  await finishJobs(
    tx,
    finished.map((f) => f.job),
    finished.map((f) => f.outcome),
  );
  return outcomes;
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
