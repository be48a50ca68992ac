// Writes integration-log entries. There is one open entry per (type, order,
// error code, reference): a write that meets the same problem again counts it
// and moves its last-seen time, instead of adding a row (migration 0520).
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { type ErrorCode, entryFor } from '../domain/errors.js';
import type { Tx } from '../db/schema.js';
import './table.js';

export interface LogEntry {
  type: 'Orders' | 'Receipts' | 'Articles' | string;
  errorCode: ErrorCode;
  message: string;
  orderId?: string | null;
  jobId?: string | null;
  versionTag?: string | null;
  /** What the entry is about (a SKU, a store id, a match key); part of its identity. */
  refKey?: string;
  details?: Record<string, unknown>;
}

/** The identity the unique index on open entries uses; receipts (no order) use their id, kept in versionTag. */
const identity = (entry: LogEntry) => JSON.stringify([entry.type, entry.errorCode, entry.orderId ?? entry.versionTag ?? '', entry.refKey ?? '']);

export async function writeLog(db: Db | Tx, entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // One statement may not update a row twice: the same problem met more than once in one batch
  // (a busy order's run) is one row that counts every sighting; the latest speaks for it.
  const sightings = new Map<string, { entry: LogEntry; count: number }>();
  for (const entry of entries) sightings.set(identity(entry), { entry, count: (sightings.get(identity(entry))?.count ?? 0) + 1 });
  const unique = [...sightings.values()];
  await db
    .insertInto('integration_log')
    .values(
      unique.map(({ entry, count }) => ({
        type: entry.type,
        severity: entryFor(entry.errorCode).logSeverity ?? 'Error',
        error_code: entry.errorCode,
        message: entry.message,
        order_id: entry.orderId ?? null,
        job_id: entry.jobId ?? null,
        version_tag: entry.versionTag ?? null,
        ref_key: entry.refKey ?? '',
        details: JSON.stringify(entry.details ?? {}),
        count,
      })),
    )
    .onConflict((oc) =>
      oc
        .expression(sql`type, error_code, coalesce(order_id, version_tag, ''), ref_key`)
        .where('resolved_at', 'is', null)
        .doUpdateSet({
          count: sql`integration_log.count + excluded.count`,
          last_seen_at: sql`now()`,
          // The latest sighting speaks for the entry: its message, job, version and details.
          message: sql`excluded.message`,
          severity: sql`excluded.severity`,
          job_id: sql`excluded.job_id`,
          version_tag: sql`excluded.version_tag`,
          details: sql`excluded.details`,
        }),
    )
    .execute();
}
