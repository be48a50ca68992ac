// Order actions: an accepted action is stored as an action event, and every
// capability's onActionRecorded steps (automations) run in the same transaction.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { hasOpenJob } from '../jobs/queue.js';
import type { Parts } from '../app/capability.js';
import type { Tx } from '../db/schema.js';
import type { ActionEvent } from '../domain/events.js';
import { loadOrder } from './repo.js';

export interface ActionRequest {
  action: string;
  language?: string | null;
  data?: unknown;
}

export async function recordAction(
  tx: Tx,
  parts: Pick<Parts, 'onActionRecorded'>,
  order: { orderId: string; versionTag: string; contactId: string },
  request: ActionRequest,
  jobId: string | null,
): Promise<ActionEvent> {
  const event: ActionEvent = {
    id: randomUUID(),
    orderId: order.orderId,
    versionTag: order.versionTag,
    action: request.action,
    language: request.language ?? null,
    data: request.data ?? null,
    contactId: order.contactId,
    jobId,
    createdAt: new Date(),
  };
  await tx
    .insertInto('action_events')
    .values({
      id: event.id,
      order_id: event.orderId,
      version_tag: event.versionTag,
      action: event.action,
      language: event.language,
      data: event.data === null ? null : JSON.stringify(event.data),
      contact_id: event.contactId,
      job_id: jobId,
      created_at: event.createdAt,
    })
    .execute();
  await parts.onActionRecorded(tx, event);
  return event;
}

/**
 * Whether an earlier write already fired this same action (name, language and data) on this
 * version. A write that changes nothing is most often a client resending after a lost 202: its
 * embedded action must not reach the customer twice. The action endpoint is the way to fire an
 * action again on purpose.
 */
export async function firedByEarlierWrite(tx: Tx, orderId: string, versionTag: string, request: ActionRequest): Promise<boolean> {
  const data = request.data === undefined || request.data === null ? null : JSON.stringify(request.data);
  const { rows } = await sql`
    SELECT 1 FROM action_events
    WHERE order_id = ${orderId} AND version_tag = ${versionTag} AND job_id IS NOT NULL AND action = ${request.action}
      AND language IS NOT DISTINCT FROM ${request.language ?? null} AND data IS NOT DISTINCT FROM ${data}::jsonb
    LIMIT 1`.execute(tx);
  return rows.length > 0;
}

export type ActionResult = { ok: true; actionId: string } | { ok: false; code: 'OrderNotFound' | 'VersionTagMismatch' | 'OrderHasNoContact'; detail: string };

/**
 * POST /action. The versionTag must name the order's current state, and no newer
 * write may be waiting: an action is about the state the client has seen.
 */
export async function triggerAction(
  db: Db,
  parts: Pick<Parts, 'onActionRecorded'>,
  orderId: string,
  versionTag: string,
  request: ActionRequest,
): Promise<ActionResult> {
  return db.transaction().execute(async (tx) => {
    const order = await loadOrder(tx, orderId);
    if (!order) return { ok: false, code: 'OrderNotFound', detail: `Order ${orderId} does not exist` };
    if (order.version_tag !== versionTag || (await hasOpenJob(tx, orderId))) {
      return { ok: false, code: 'VersionTagMismatch', detail: `${versionTag} is not the current versionTag of order ${orderId}, or a newer write is pending` };
    }
    if (!order.contact_id) return { ok: false, code: 'OrderHasNoContact', detail: `Order ${orderId} has no contact; register the contact first` };
    const event = await recordAction(tx, parts, { orderId, versionTag, contactId: order.contact_id }, request, null);
    return { ok: true, actionId: event.id };
  });
}

export async function listActions(db: Db, orderId: string) {
  const rows = await db
    .selectFrom('action_events')
    .select(['id', 'order_id', 'version_tag', 'action', 'language', 'data', 'contact_id', 'job_id', 'created_at'])
    .where('order_id', '=', orderId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    actionId: row.id,
    orderId: row.order_id,
    versionTag: row.version_tag,
    action: row.action,
    language: row.language,
    data: row.data,
    contactId: row.contact_id,
    jobId: row.job_id,
    createdAt: row.created_at,
  }));
}
