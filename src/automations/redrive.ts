// Re-driving failed deliveries: a delivery that used up its attempts (the
// receiver was down longer than the retry horizon) is queued again, by eventId
// or in bulk. It keeps its eventId, so receivers still drop duplicates by it.
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { isUuid } from '../domain/ids.js';
import { AUTOMATIONS_CHANNEL } from './runs.js';
import type { DeliveryRow } from './runs-query.js';

export interface RedriveFilter {
  automationId?: string;
  /** Deliveries that failed at or after this time. */
  since?: string;
  /** … and before this time. */
  until?: string;
  limit: number;
}

// Attempts start again from zero (a full set of retries); the log keeps every
// earlier attempt and marks where the re-drive happened.
const requeue = sql`status = 'Pending', attempts = 0, next_attempt_at = now(), lease_until = NULL, finished_at = NULL, updated_at = now(),
  attempt_log = attempt_log || jsonb_build_array(jsonb_build_object('at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'outcome', 'Redriven', 'previousAttempts', attempts))`;

/** Delivery loops in this process and (on PostgreSQL) in every other one. */
function wake(database: Database): void {
  database.notify(AUTOMATIONS_CHANNEL);
}

/** Queues one failed delivery again. `missing` when there is no such delivery, `notFailed` when it has not failed. */
export async function redriveDelivery(database: Database, eventId: string): Promise<{ row: DeliveryRow } | 'missing' | 'notFailed'> {
  if (!isUuid(eventId)) return 'missing';
  const { rows } = await sql<DeliveryRow>`UPDATE automation_deliveries SET ${requeue} WHERE id = ${eventId} AND status = 'Failed' RETURNING *`.execute(
    database.db,
  );
  if (rows[0]) {
    wake(database);
    return { row: rows[0] };
  }
  const { rows: existing } = await sql`SELECT 1 FROM automation_deliveries WHERE id = ${eventId}`.execute(database.db);
  return existing.length ? 'notFailed' : 'missing';
}

/** Queues every failed delivery that matches, oldest failure first, up to `limit`; returns their eventIds. */
export async function redriveFailed(database: Database, filter: RedriveFilter): Promise<string[]> {
  const where = [
    sql`d.status = 'Failed'`,
    filter.automationId !== undefined ? sql`r.automation_id = ${filter.automationId}::uuid` : undefined,
    filter.since !== undefined ? sql`d.finished_at >= ${new Date(filter.since)}` : undefined,
    filter.until !== undefined ? sql`d.finished_at < ${new Date(filter.until)}` : undefined,
  ].filter((part) => part !== undefined);
  const { rows } = await sql<{ id: string }>`
    WITH picked AS (
      SELECT d.id FROM automation_deliveries d JOIN automation_runs r ON r.id = d.run_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY d.finished_at, d.id
      LIMIT ${filter.limit}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE automation_deliveries SET ${requeue} FROM picked WHERE automation_deliveries.id = picked.id
    RETURNING automation_deliveries.id`.execute(database.db);
  if (rows.length) wake(database);
  return rows.map((row) => row.id);
}
