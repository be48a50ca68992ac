// How a batch of jobs ends: one fenced update of the whole batch, in the
// transaction that applied it. A job this worker no longer owns (its lease ran
// out and another worker claimed it) makes the update short, and JobLost rolls
// the whole transaction back, so every job takes effect exactly once.
import { sql } from 'kysely';
import type { Tx } from '../db/schema.js';
import type { ErrorCode, FieldError } from '../domain/errors.js';
import type { JobRow } from './queue.js';

export type JobOutcome =
  | { status: 'Succeeded'; versionTag: string | null }
  | { status: 'Failed'; errorCode: ErrorCode; errors: FieldError[] }
  | { status: 'Lost' } // another worker owns the job now
  | { status: 'Released' } // not applied: an earlier job of its order did not apply; back to Pending
  | { status: 'Error'; error: unknown }; // rolled back; the worker puts it back to Pending with a backoff

/** Thrown inside the transaction to roll it back when this worker no longer owns a job. */
export class JobLost extends Error {}

export async function finishJobs(tx: Tx, jobs: JobRow[], outcomes: JobOutcome[]): Promise<void> {
  const field = <T>(pick: (outcome: JobOutcome) => T) => outcomes.map(pick);
  const { rows } = await sql`
    UPDATE jobs SET status = u.status, finished_at = clock_timestamp(), lease_until = NULL, version_tag = u.version_tag,
      error_code = u.error_code, errors = u.errors
    FROM unnest(${jobs.map((job) => job.id)}::uuid[], ${jobs.map((job) => job.attempts)}::int[],
      ${field((o) => o.status)}::text[], ${field((o) => (o.status === 'Succeeded' ? o.versionTag : null))}::text[],
      ${field((o) => (o.status === 'Failed' ? o.errorCode : null))}::text[],
      ${field((o) => (o.status === 'Failed' ? JSON.stringify(o.errors) : null))}::jsonb[])
      AS u(id, attempts, status, version_tag, error_code, errors)
    WHERE jobs.id = u.id AND jobs.status = 'Processing' AND jobs.attempts = u.attempts
    RETURNING jobs.id`.execute(tx);
  if (rows.length !== jobs.length) throw new JobLost();
}
