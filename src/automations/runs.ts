// Runs and deliveries: created inside the action's transaction (so an accepted
// action is never without its deliveries), claimed with FOR UPDATE SKIP LOCKED
// and a lease, and shown with every attempt.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { Tx } from '../db/schema.js';
import type { ActionEvent } from '../domain/events.js';
import type { Step } from './steps.js';
import type { DeliveryStatus } from './store.js';

export const AUTOMATIONS_CHANNEL = 'engage_orders_automations';

/** Matches the action against automations and queues one delivery per step, in `tx`. */
export async function enqueueRuns(tx: Tx, event: ActionEvent): Promise<number> {
  const { rows } = await sql<{ id: string; name: string; steps: Step[] }>`
    SELECT id, name, steps FROM automations WHERE lower(trigger_action) = lower(${event.action}) ORDER BY created_at, id`.execute(tx);
  if (rows.length === 0) return 0;
  const runs = rows.map((automation) => ({ id: randomUUID(), automation }));
  await tx
    .insertInto('automation_runs')
    .values(
      runs.map(({ id, automation }) => ({
        id,
        automation_id: automation.id,
        automation_name: automation.name,
        action_event_id: event.id,
        action: event.action,
        order_id: event.orderId,
        version_tag: event.versionTag,
        contact_id: event.contactId,
        language: event.language,
        data: event.data === null ? null : JSON.stringify(event.data),
        occurred_at: event.createdAt,
        created_at: event.createdAt,
      })),
    )
    .execute();
  const deliveries = runs.flatMap(({ id, automation }) =>
    automation.steps.map((step, index) => ({
      id: randomUUID(),
      run_id: id,
      step_index: index,
      step: JSON.stringify(step),
      status: 'Pending' as const,
      target: targetOf(step),
    })),
  );
  if (deliveries.length > 0) await tx.insertInto('automation_deliveries').values(deliveries).execute();
  // Delivered at commit to every delivery loop, in this process and others, on both backends.
  await sql`SELECT pg_notify(${AUTOMATIONS_CHANNEL}, '')`.execute(tx);
  return deliveries.length;
}

function targetOf(step: Step): string | null {
  return step.type === 'webhook' ? step.url : null;
}

export interface ClaimedDelivery {
  id: string;
  step: Step;
  step_index: number;
  attempts: number;
  run_id: string;
  automation_id: string;
  action_event_id: string;
  action: string;
  order_id: string;
  version_tag: string;
  contact_id: string | null;
  language: string | null;
  data: Record<string, unknown> | null;
  occurred_at: Date;
}

/** Due deliveries, and those whose worker's lease ran out (it crashed mid-send). One statement, no transaction held. */
export async function claimDeliveries(db: Db, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT id FROM automation_deliveries
      WHERE status IN ('Pending', 'Delivering')
        AND ((status = 'Pending' AND next_attempt_at <= now()) OR (status = 'Delivering' AND lease_until < now()))
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE automation_deliveries d
    SET status = 'Delivering', attempts = d.attempts + 1, lease_until = now() + ${leaseMs} * interval '1 millisecond', updated_at = now()
    FROM due, automation_runs r
    WHERE d.id = due.id AND r.id = d.run_id
    RETURNING d.id, d.step, d.step_index, d.attempts, d.run_id, r.automation_id, r.action_event_id, r.action, r.order_id, r.version_tag,
      r.contact_id, r.language, r.data, r.occurred_at`.execute(db);
  return rows;
}

/** When the next delivery falls due, so the loop can sleep exactly that long. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    SELECT min(CASE WHEN status = 'Pending' THEN next_attempt_at ELSE lease_until END) AS at
    FROM automation_deliveries WHERE status IN ('Pending', 'Delivering')`.execute(db);
  return rows[0]?.at ?? null;
}

export interface AttemptRecord {
  outcome: 'Delivered' | 'Skipped' | 'Error';
  status: Exclude<DeliveryStatus, 'Delivering'>;
  error?: string;
  statusCode?: number;
  target?: string;
  startedAt: Date;
  durationMs: number;
  /** Set for a retry: the delay from now (the database's clock, the one claims compare against). */
  retryInMs?: number;
}

/** Records one attempt; ignored when the lease was lost and another worker has reclaimed the delivery. */
export async function recordAttempt(db: Db, delivery: ClaimedDelivery, record: AttemptRecord): Promise<void> {
  const entry = {
    attempt: delivery.attempts,
    at: record.startedAt.toISOString(),
    outcome: record.outcome,
    durationMs: record.durationMs,
    ...(record.statusCode ? { statusCode: record.statusCode } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
  const final = record.status !== 'Pending';
  await sql`
    UPDATE automation_deliveries SET
      status = ${record.status},
      attempt_log = attempt_log || jsonb_build_array(${JSON.stringify(entry)}::jsonb),
      last_error = ${record.error ?? null},
      next_attempt_at = ${record.retryInMs === undefined ? sql`next_attempt_at` : sql`now() + ${record.retryInMs} * interval '1 millisecond'`},
      lease_until = NULL,
      target = coalesce(${record.target ?? null}, target),
      updated_at = now(),
      finished_at = ${final ? sql`now()` : sql`NULL`}
    WHERE id = ${delivery.id} AND status = 'Delivering' AND attempts = ${delivery.attempts}`.execute(db);
}
