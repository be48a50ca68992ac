// Writes integration-log entries. The unique index makes a retry of the same
// job, or a write that changes nothing, add no duplicate.
import type { Db } from '../db/schema.js';
import { type ErrorCode, entryFor } from '../domain/errors.js';
import type { Tx } from '../db/schema.js';

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

export async function writeLog(db: Db | Tx, entries: LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('integration_log')
    .values(
      entries.map((entry) => ({
        type: entry.type,
        severity: entryFor(entry.errorCode).logSeverity ?? 'Error',
        error_code: entry.errorCode,
        message: entry.message,
        order_id: entry.orderId ?? null,
        job_id: entry.jobId ?? null,
        version_tag: entry.versionTag ?? null,
        ref_key: entry.refKey ?? '',
        details: JSON.stringify(entry.details ?? {}),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

