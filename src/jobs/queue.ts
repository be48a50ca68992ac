// The job table: durable acceptance of order writes, claiming in acceptance
// order per order, and pruning. A job is a public resource (/api/v3/orders/jobs).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db, JobTable, Tx } from '../db/schema.js';
import type { Admission } from './admission.js';
import { isUuid } from '../domain/ids.js';
import { GroupCommit } from './group-commit.js';

export type JobStatus = JobTable['status'];

export interface NewJob {
  orderId: string;
  operation: string;
  payload: unknown;
  ifMatch?: string | null;
  /** The name of the API key that made the write (shown on the order timeline). */
  apiKeyName?: string | null;
}

export interface JobRow {
  id: string;
  seq: string;
  order_id: string;
  operation: string;
  status: JobStatus;
  /** The write's body (see JobPayload in orders/handlers); null once erased. */
  payload: unknown;
  if_match: string | null;
  attempts: number;
  accepted_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  version_tag: string | null;
  error_code: string | null;
  errors: unknown;
  retry_at: Date | null;
  last_error_code: string | null;
  last_error_at: Date | null;
}

export const JOBS_CHANNEL = 'engage_orders_jobs';

export class JobQueue {
  private accepts: GroupCommit<NewJob & { id: string }, { id: string; acceptedAt: Date }>;

  constructor(
    private database: Database,
    private admission?: Admission,
  ) {
    this.accepts = new GroupCommit((jobs) => this.insert(jobs), database.kind === 'postgres' ? 4 : 1);
  }

  /** Resolves once the job is committed: after this, it is never lost. */
  async accept(job: NewJob): Promise<{ id: string; acceptedAt: Date }> {
    await this.admission?.admit(); // 503 Overloaded above the backlog limit
    return this.accepts.add({ ...job, id: randomUUID() });
  }

  private async insert(jobs: (NewJob & { id: string })[]): Promise<{ id: string; acceptedAt: Date }[]> {
    // One multi-row statement, rows in acceptance order (so seq follows it). The payloads travel as one
    // JSON array, not a jsonb[] literal: that would make the driver escape every character of every body.
    // The wake-up rides along: delivered at commit, once (PostgreSQL folds identical notifications).
    const { rows } = await sql<{ id: string; accepted_at: Date }>`
      INSERT INTO jobs (id, order_id, operation, status, payload, if_match, api_key_name)
      SELECT t.id, t.order_id, t.operation, 'Pending', p.payload, t.if_match, t.api_key_name
      FROM unnest(${jobs.map((j) => j.id)}::uuid[], ${jobs.map((j) => j.orderId)}::text[], ${jobs.map((j) => j.operation)}::text[],
                  ${jobs.map((j) => j.ifMatch ?? null)}::text[], ${jobs.map((j) => j.apiKeyName ?? null)}::text[])
             WITH ORDINALITY AS t(id, order_id, operation, if_match, api_key_name, n)
      JOIN jsonb_array_elements(${JSON.stringify(jobs.map((j) => j.payload ?? null))}::jsonb) WITH ORDINALITY AS p(payload, n) ON p.n = t.n
      ORDER BY t.n
      RETURNING id, accepted_at, pg_notify(${JOBS_CHANNEL}, '') AS woken`.execute(this.database.db);
    const acceptedAt = new Map(rows.map((row) => [row.id, row.accepted_at]));
    return jobs.map((job) => ({ id: job.id, acceptedAt: acceptedAt.get(job.id)! }));
  }

  /**
   * Claims up to `limit` runnable jobs: pending ones (whose retry, if any, is
   * due), or processing ones whose worker's lease ran out (it died). A job is
   * runnable only when no earlier job of its order is still open, so each
   * order's jobs apply in acceptance order. That test is served by the partial
   * index jobs_order_open (open jobs only), so its cost does not grow with history.
   * "Open" is spelled `finished_at IS NULL`, the open-job indexes' predicate
   * (migration 0540): only finishing a job changes it, so a claim updates no index.
   *
   * With `perOrder` > 1 each claimed job brings the next open jobs of its order
   * along (up to `perOrder` in all): a busy order drains a run of its jobs per
   * claim instead of one. They are safe to take: the first job was runnable, so
   * no other worker can hold its successors (if it once did, its lease ran out
   * with the first job's, and the attempt number fences it).
   */
  async claim(limit: number, leaseMs: number, perOrder = 1): Promise<JobRow[]> {
    const { rows } = await claimStatement(limit, leaseMs, perOrder).execute(this.database.db);
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  /**
   * Gives back claimed jobs that were not applied (an earlier job of their order
   * failed to apply, so they must wait for it): Pending again, their claim not
   * counted as an attempt. Fenced by the attempt number, like finishing.
   */
  async release(jobs: JobRow[]): Promise<void> {
    if (jobs.length === 0) return;
    await sql`
      UPDATE jobs SET status = 'Pending', lease_until = NULL, attempts = jobs.attempts - 1
      FROM unnest(${jobs.map((job) => job.id)}::uuid[], ${jobs.map((job) => job.attempts)}::int[]) AS r(id, attempts)
      WHERE jobs.id = r.id AND jobs.status = 'Processing' AND jobs.attempts = r.attempts`.execute(this.database.db);
  }

  /**
   * Puts a job whose processing threw back to Pending, claimable again after
   * `delayMs`, with the error's code on its resource. Fenced by the attempt
   * number like finishing: a worker that lost the job changes nothing.
   */
  async retryLater(job: JobRow, delayMs: number, errorCode: string): Promise<boolean> {
    const result = await sql`
      UPDATE jobs SET status = 'Pending', lease_until = NULL, retry_at = now() + ${delayMs} * interval '1 millisecond',
        last_error_code = ${errorCode}, last_error_at = now()
      WHERE id = ${job.id} AND status = 'Processing' AND attempts = ${job.attempts}`.execute(this.database.db);
    return Number(result.numAffectedRows ?? 0) === 1;
  }

  /**
   * Re-queues every Processing job. Only for a database this process owns
   * alone (the embedded data-directory lock proves it): whatever was Processing
   * belonged to a process that is gone, so its lease need not be waited out.
   */
  async requeueAbandoned(): Promise<number> {
    const result = await sql`UPDATE jobs SET status = 'Pending', lease_until = NULL WHERE finished_at IS NULL AND status = 'Processing'`.execute(
      this.database.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  async get(id: string): Promise<JobRow | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await sql<JobRow>`SELECT * FROM jobs WHERE id = ${id}`.execute(this.database.db);
    return rows[0];
  }

  async list(filter: {
    status?: JobStatus;
    orderId?: string;
    since?: string;
    offset: number;
    count: number;
  }): Promise<{ items: JobRow[]; totalCount: number }> {
    let query = this.database.db.selectFrom('jobs');
    if (filter.status) query = query.where('status', '=', filter.status);
    // An open status is searched among open jobs only (the partial index jobs_open), not the whole history.
    if (filter.status === 'Pending' || filter.status === 'Processing') query = query.where('finished_at', 'is', null);
    if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
    if (filter.since) query = query.where('accepted_at', '>=', new Date(filter.since));
    const [items, total] = await Promise.all([
      query.selectAll().orderBy('seq', 'desc').offset(filter.offset).limit(filter.count).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as unknown as JobRow[], totalCount: Number(total.n) };
  }

  async depth(): Promise<{ pending: number; processing: number }> {
    const { rows } = await sql<{ status: string; n: string }>`
      SELECT status, count(*) AS n FROM jobs WHERE finished_at IS NULL GROUP BY status`.execute(this.database.db);
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
    return { pending: count('Pending'), processing: count('Processing') };
  }

  /** Drops finished jobs older than the retention period; open jobs are never pruned. */
  async prune(retentionDays: number): Promise<number> {
    const result = await sql`
      DELETE FROM jobs WHERE status IN ('Succeeded', 'Failed') AND finished_at < now() - ${retentionDays} * interval '1 day'`.execute(this.database.db);
    return Number(result.numAffectedRows ?? 0);
  }
}

/**
 * The claim as one statement (see JobQueue.claim). Its cost must not depend on
 * statistics, which are often taken while the queue is nearly empty: the
 * earlier-open-job test is a scalar subquery, which PostgreSQL cannot turn into
 * a join, so it stays one index probe per candidate. Written as NOT EXISTS it
 * became an anti join, and with statistics of an empty queue the planner
 * compared every open job of a burst with every other one (3,000 queued jobs
 * drained at half the speed, and it grows with the square of the burst).
 */
export function claimStatement(limit: number, leaseMs: number, perOrder: number) {
  return sql<JobRow>`
    WITH runnable AS (
      SELECT j.id FROM jobs j
      WHERE j.finished_at IS NULL
        AND CASE WHEN j.status = 'Pending' THEN j.retry_at IS NULL OR j.retry_at <= now() ELSE j.lease_until < now() END
        AND (SELECT 1 FROM jobs earlier
             WHERE earlier.order_id = j.order_id AND earlier.seq < j.seq AND earlier.finished_at IS NULL LIMIT 1) IS NULL
      ORDER BY j.seq
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED),
    heads AS (
      UPDATE jobs SET status = 'Processing', attempts = jobs.attempts + 1, retry_at = NULL,
        lease_until = now() + ${leaseMs} * interval '1 millisecond', started_at = coalesce(jobs.started_at, now())
      FROM runnable WHERE jobs.id = runnable.id
      RETURNING jobs.*),
    followers AS (
      UPDATE jobs SET status = 'Processing', attempts = jobs.attempts + 1, retry_at = NULL,
        lease_until = now() + ${leaseMs} * interval '1 millisecond', started_at = coalesce(jobs.started_at, now())
      FROM (SELECT next.id FROM heads CROSS JOIN LATERAL (
              SELECT f.id FROM jobs f
              WHERE f.order_id = heads.order_id AND f.seq > heads.seq AND f.finished_at IS NULL
              ORDER BY f.seq LIMIT ${perOrder - 1}) next) AS picked
      WHERE jobs.id = picked.id AND jobs.finished_at IS NULL
      RETURNING jobs.*)
    SELECT * FROM heads UNION ALL SELECT * FROM followers`;
}

export async function hasOpenJob(db: Db | Tx, orderId: string): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM jobs WHERE order_id = ${orderId} AND finished_at IS NULL LIMIT 1`.execute(db);
  return rows.length > 0;
}

/**
 * GDPR erasure: the jobs stay (they are public resources) but lose their payload;
 * an open one fails, so it cannot bring the erased data back.
 */
export async function eraseJobPayloads(tx: Tx, jobIds: string[], message: string): Promise<void> {
  const errors = JSON.stringify([{ path: '', message }]);
  await sql`
    UPDATE jobs SET payload = NULL,
      status = CASE WHEN status IN ('Pending', 'Processing') THEN 'Failed' ELSE status END,
      error_code = CASE WHEN status IN ('Pending', 'Processing') THEN 'OrderNotFound' ELSE error_code END,
      errors = CASE WHEN status IN ('Pending', 'Processing') THEN ${errors}::jsonb ELSE errors END,
      finished_at = coalesce(finished_at, now()), lease_until = NULL
    WHERE id = ANY(${jobIds}::uuid[])`.execute(tx);
}
