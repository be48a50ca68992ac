// One chronological story of an order (GET /api/v3/orders/{orderId}/timeline): its
// processed versions with what each changed and which API key made it, its action
// events, the automation deliveries they caused, its receipts and its integration-log
// entries. Each source is read through its per-order index; the merge happens here.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { type FieldChange, diffDocuments } from './diff.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** Versions kept per order are few; this bounds one answer should a client rewrite an order endlessly. */
export const MAX_TIMELINE_VERSIONS = 200;

export type TimelineEntry =
  | {
      at: string;
      kind: 'version';
      versionTag: string;
      operation: string;
      jobId: string;
      apiKeyName: string | null;
      changes: FieldChange[];
      changesTruncated: boolean;
    }
  | { at: string; kind: 'action'; actionId: string; action: string; versionTag: string; language: string | null }
  | {
      at: string;
      kind: 'delivery';
      deliveryId: string;
      actionId: string;
      automationName: string;
      stepType: string;
      status: string;
      attempts: number;
      lastError: string | null;
      finishedAt: string | null;
    }
  | { at: string; kind: 'receipt'; uniqueReceiptId: string; receiptNumber: string | null; storeId: string; registeredAt: string }
  | { at: string; kind: 'log'; logId: number; severity: string; errorCode: string; message: string; resolvedAt: string | null };

type Time = Date | string;
interface VersionRow {
  id: string;
  version_tag: string;
  operation: string;
  job_id: string;
  document: Record<string, unknown>;
  processed_at: Time;
  api_key_name: string | null;
}
interface ActionRow {
  id: string;
  action: string;
  version_tag: string;
  language: string | null;
  created_at: Time;
}
interface DeliveryRow {
  id: string;
  step: { type?: unknown } | null;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Time;
  finished_at: Time | null;
  action_event_id: string;
  automation_name: string;
}
interface ReceiptRow {
  unique_receipt_id: string;
  receipt_number: string | null;
  store_external_id: string;
  created_date: Time;
  registered_at: Time;
}
interface LogRow {
  id: string;
  severity: string;
  error_code: string;
  message: string;
  created_at: Time;
  resolved_at: Time | null;
}

export async function orderTimeline(db: Db, orderId: string): Promise<TimelineEntry[]> {
  const [versions, actions, deliveries, receipts, log] = await Promise.all([
    // The newest versions, oldest first; the one before the window is read too, to diff the first against.
    sql<VersionRow>`
      SELECT * FROM (
        SELECT v.id, v.version_tag, v.operation, v.job_id, v.document, v.processed_at, j.api_key_name
        FROM order_versions v LEFT JOIN jobs j ON j.id = v.job_id
        WHERE v.order_id = ${orderId} ORDER BY v.id DESC LIMIT ${MAX_TIMELINE_VERSIONS + 1}) newest
      ORDER BY id`.execute(db),
    sql<ActionRow>`SELECT id, action, version_tag, language, created_at FROM action_events WHERE order_id = ${orderId}`.execute(db),
    sql<DeliveryRow>`
      -- A delivery is made in its action's transaction, whose clock can read earlier than the action's
      -- own time: it is placed no earlier than its run, which carries the action's time.
      SELECT d.id, d.step, d.status, d.attempts, d.last_error, greatest(d.created_at, r.created_at) AS created_at, d.finished_at,
        r.action_event_id, r.automation_name
      FROM automation_runs r JOIN automation_deliveries d ON d.run_id = r.id
      WHERE r.order_id = ${orderId}`.execute(db),
    sql<ReceiptRow>`SELECT unique_receipt_id, receipt_number, store_external_id, created_date, registered_at FROM receipts WHERE order_id = ${orderId}`.execute(
      db,
    ),
    sql<LogRow>`SELECT id, severity, error_code, message, created_at, resolved_at FROM integration_log WHERE order_id = ${orderId}`.execute(db),
  ]);

  const versionRows = versions.rows;
  // When the window is full, its oldest row only serves as the "before" of the next one.
  const shown = versionRows.length > MAX_TIMELINE_VERSIONS ? versionRows.slice(1) : versionRows;
  const entries: TimelineEntry[] = shown.map((row) => {
    const index = versionRows.indexOf(row);
    const previous = index > 0 ? versionRows[index - 1] : undefined;
    const { changes, truncated } = previous ? diffDocuments(previous.document, row.document) : { changes: [], truncated: false };
    return {
      at: iso(row.processed_at)!,
      kind: 'version' as const,
      versionTag: row.version_tag,
      operation: row.operation,
      jobId: row.job_id,
      apiKeyName: row.api_key_name ?? null,
      changes,
      changesTruncated: truncated,
    };
  });
  for (const row of actions.rows) {
    entries.push({ at: iso(row.created_at)!, kind: 'action', actionId: row.id, action: row.action, versionTag: row.version_tag, language: row.language });
  }
  for (const row of deliveries.rows) {
    entries.push({
      at: iso(row.created_at)!,
      kind: 'delivery',
      deliveryId: row.id,
      actionId: row.action_event_id,
      automationName: row.automation_name,
      stepType: String(row.step?.type ?? 'unknown'),
      status: row.status,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      finishedAt: iso(row.finished_at),
    });
  }
  for (const row of receipts.rows) {
    entries.push({
      at: iso(row.created_date)!,
      kind: 'receipt',
      uniqueReceiptId: row.unique_receipt_id,
      receiptNumber: row.receipt_number,
      storeId: row.store_external_id,
      registeredAt: iso(row.registered_at)!,
    });
  }
  for (const row of log.rows) {
    entries.push({
      at: iso(row.created_at)!,
      kind: 'log',
      logId: Number(row.id),
      severity: row.severity,
      errorCode: row.error_code,
      message: row.message,
      resolvedAt: iso(row.resolved_at),
    });
  }
  // Stable: entries at the same instant keep their source order (a version before the action it fired).
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
