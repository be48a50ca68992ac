// GET /api/v3/automations/runs and the GDPR part: runs with their deliveries and
// every attempt. Step secrets and rendered content are never shown.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Tx } from '../orders/hooks.js';

export type RunStatus = 'Pending' | 'Succeeded' | 'Failed';

export interface RunFilter {
  orderId?: string;
  action?: string;
  status?: RunStatus;
  contactId?: string;
}

// A run is Pending while any delivery is open, Failed when any failed, else Succeeded.
const runStatus = sql`CASE WHEN bool_or(d.status IN ('Pending', 'Delivering')) THEN 'Pending'
  WHEN bool_or(d.status = 'Failed') THEN 'Failed' ELSE 'Succeeded' END`;

/** `fullTargets` (admin keys only) shows webhook URLs whole; otherwise only their scheme and host. */
export async function listRuns(db: Db | Tx, filter: RunFilter, offset: number, count: number, options: { fullTargets?: boolean } = {}) {
  const where = [
    filter.orderId !== undefined ? sql`r.order_id = ${filter.orderId}` : undefined,
    filter.action !== undefined ? sql`lower(r.action) = lower(${filter.action})` : undefined,
    filter.contactId !== undefined ? sql`r.contact_id = ${filter.contactId}::uuid` : undefined,
  ].filter((part) => part !== undefined);
  const whereSql = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const statusSql = filter.status ? sql`WHERE status = ${filter.status}` : sql``;
  const { rows } = await sql<any>`
    SELECT *, count(*) OVER () AS total FROM (
      SELECT r.*, ${runStatus} AS status
      FROM automation_runs r LEFT JOIN automation_deliveries d ON d.run_id = r.id
      ${whereSql}
      GROUP BY r.id) runs
    ${statusSql}
    ORDER BY created_at DESC, id
    OFFSET ${offset} LIMIT ${count}`.execute(db);
  const ids = rows.map((row) => row.id as string);
  const deliveries = ids.length
    ? (await sql<any>`SELECT * FROM automation_deliveries WHERE run_id = ANY(${ids}::uuid[]) ORDER BY run_id, step_index`.execute(db)).rows
    : [];
  let totalCount = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && offset > 0) {
    // Past the end: count separately so the page still tells the truth.
    const all = await sql<any>`SELECT count(*) AS n FROM (SELECT r.id, ${runStatus} AS status FROM automation_runs r
      LEFT JOIN automation_deliveries d ON d.run_id = r.id ${whereSql} GROUP BY r.id) runs ${statusSql}`.execute(db);
    totalCount = Number(all.rows[0]?.n ?? 0);
  }
  return {
    totalCount,
    items: rows.map((row) => ({
      runId: row.id,
      status: row.status as RunStatus,
      automationId: row.automation_id,
      automationName: row.automation_name,
      actionId: row.action_event_id,
      action: row.action,
      orderId: row.order_id,
      versionTag: row.version_tag,
      contactId: row.contact_id,
      language: row.language,
      occurredAt: iso(row.occurred_at),
      createdAt: iso(row.created_at),
      deliveries: deliveries.filter((d) => d.run_id === row.id).map((d) => presentDelivery(d, options.fullTargets ?? false)),
    })),
  };
}

function presentDelivery(row: any, fullTargets: boolean) {
  return {
    eventId: row.id,
    stepIndex: row.step_index,
    type: row.step.type,
    target: row.step.type === 'webhook' && !fullTargets ? originOnly(row.target) : row.target,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'Pending' ? iso(row.next_attempt_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: row.finished_at ? iso(row.finished_at) : null,
    attemptLog: row.attempt_log,
  };
}

/** Read keys see runs: a token in a webhook URL's path (Slack-style) or query must not show. */
function originOnly(url: string | null): string | null {
  if (!url) return url;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export async function exportContactRuns(db: Db | Tx, contactId: string) {
  const items = [];
  for (let offset = 0; ; offset += 100) {
    const batch = await listRuns(db, { contactId }, offset, 100);
    items.push(...batch.items);
    if (batch.items.length < 100) return items;
  }
}

/** Erasure: the contact's runs and (by cascade) their deliveries, including ones not yet sent. */
export async function eraseContactRuns(tx: Tx, contactId: string): Promise<void> {
  await sql`DELETE FROM automation_runs WHERE contact_id = ${contactId}::uuid`.execute(tx);
}
