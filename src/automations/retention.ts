// Retention of automation runs: a run whose deliveries have all finished is deleted
// (its deliveries with it, by cascade) once it is older than AUTOMATION_RETENTION_DAYS.
// The delivery task runs it at start and then hourly; a run with a delivery still
// open is never pruned, however old.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

declare module '../config.js' {
  interface Config {
    /** AUTOMATION_RETENTION_DAYS: finished runs and their deliveries are deleted after this (default 30). */
    automationRetentionDays?: number;
  }
}

export const DEFAULT_AUTOMATION_RETENTION_DAYS = 30;
export const PRUNE_RUNS_EVERY_MS = 60 * 60 * 1000;
/** Rows per delete statement: short transactions, so the embedded database is never blocked for long. */
const BATCH = 5_000;

/** Deletes finished runs older than `retentionDays`, in batches; returns how many. */
export async function pruneRuns(db: Db, retentionDays: number): Promise<number> {
  let pruned = 0;
  for (;;) {
    const { rows } = await sql<{ id: string }>`
      DELETE FROM automation_runs WHERE id IN (
        SELECT r.id FROM automation_runs r
        WHERE r.created_at < now() - ${retentionDays} * interval '1 day'
          AND NOT EXISTS (SELECT 1 FROM automation_deliveries d WHERE d.run_id = r.id AND d.status IN ('Pending', 'Delivering'))
        ORDER BY r.created_at
        LIMIT ${BATCH})
      RETURNING id`.execute(db);
    pruned += rows.length;
    if (rows.length < BATCH) return pruned;
  }
}
