// How jobs look on the wire.
import { jobPath } from '../domain/paths.js';
import type { JobRow } from './queue.js';

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
