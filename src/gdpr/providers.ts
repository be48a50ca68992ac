// The contact data the registers and the orders core hold (GDPR export and
// erasure). Receipts, segments and automations register their own parts.
// Registered at import time; the integration log comes first because its erase
// finds entries through the contact's orders, which the orders part deletes.
import { sql } from 'kysely';
import { type ContactDataProvider, contactDataProviders } from '../contacts/hooks.js';
import { keysOfContact } from '../contacts/match.js';
import type { Db } from '../db/schema.js';
import { type Tx, orderChangeHooks, runHooks } from '../orders/hooks.js';
import { presentOrder } from '../orders/present.js';
import type { OrderRow } from '../orders/repo.js';

async function orderIdsOf(db: Db | Tx, contactId: string): Promise<string[]> {
  const { rows } = await sql<{ order_id: string }>`SELECT order_id FROM orders WHERE contact_id = ${contactId}`.execute(db);
  return rows.map((row) => row.order_id);
}

/** The ref keys ContactMissing entries name this contact's keys by (see orders/resolve.ts). */
async function refKeysOf(db: Db | Tx, contactId: string): Promise<string[]> {
  const { rows } = await sql<any>`SELECT * FROM contacts WHERE id = ${contactId}`.execute(db);
  return rows[0] ? keysOfContact(rows[0]).map((key) => `${key.matchKeyType}:${key.matchKey}`) : [];
}

const logEntries: ContactDataProvider = {
  name: 'integrationLog',
  async export(db, contactId) {
    const [orderIds, refKeys] = await Promise.all([orderIdsOf(db, contactId), refKeysOf(db, contactId)]);
    const { rows } = await sql<any>`
      SELECT id, type, severity, error_code, message, order_id, job_id, details, created_at, resolved_at FROM integration_log
      WHERE order_id = ANY(${orderIds}::text[]) OR (error_code = 'ContactMissing' AND ref_key = ANY(${refKeys}::text[]))
      ORDER BY created_at DESC, id DESC`.execute(db);
    return rows.map((row) => ({
      id: Number(row.id), type: row.type, severity: row.severity, errorCode: row.error_code, message: row.message,
      orderId: row.order_id, jobId: row.job_id, details: row.details, createdAt: row.created_at, resolvedAt: row.resolved_at,
    }));
  },
  async erase(tx, contactId) {
    const [orderIds, refKeys] = await Promise.all([orderIdsOf(tx, contactId), refKeysOf(tx, contactId)]);
    await sql`
      DELETE FROM integration_log
      WHERE order_id = ANY(${orderIds}::text[]) OR (error_code = 'ContactMissing' AND ref_key = ANY(${refKeys}::text[]))`.execute(tx);
  },
};

const orders: ContactDataProvider = {
  name: 'orders',
  async export(db, contactId) {
    const { rows } = await sql<OrderRow>`SELECT * FROM orders WHERE contact_id = ${contactId} ORDER BY created_at DESC, order_id`.execute(db);
    const ids = rows.map((row) => row.order_id);
    const [versions, actions] = await Promise.all([
      sql<any>`SELECT order_id, version_tag, operation, document, processed_at FROM order_versions WHERE order_id = ANY(${ids}::text[]) ORDER BY id DESC`.execute(db),
      sql<any>`SELECT id, order_id, version_tag, action, language, data, created_at FROM action_events WHERE order_id = ANY(${ids}::text[]) ORDER BY created_at DESC`.execute(db),
    ]);
    return rows.map((row) => ({
      ...presentOrder(row),
      versions: versions.rows
        .filter((v) => v.order_id === row.order_id)
        .map((v) => ({ versionTag: v.version_tag, operation: v.operation, processedAt: v.processed_at, document: v.document })),
      actions: actions.rows
        .filter((a) => a.order_id === row.order_id)
        .map((a) => ({ actionId: a.id, versionTag: a.version_tag, action: a.action, language: a.language, data: a.data, createdAt: a.created_at })),
    }));
  },
  async erase(tx, contactId) {
    const ids = await orderIdsOf(tx, contactId);
    if (ids.length === 0) return;
    await sql`DELETE FROM action_events WHERE order_id = ANY(${ids}::text[]) OR contact_id = ${contactId}`.execute(tx);
    await sql`DELETE FROM order_versions WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    // Jobs stay (they are public resources) but lose the personal data; an open
    // job must not bring the order back, so it fails.
    await sql`
      UPDATE jobs SET payload = NULL,
        status = CASE WHEN status IN ('Pending', 'Processing') THEN 'Failed' ELSE status END,
        error_code = CASE WHEN status IN ('Pending', 'Processing') THEN 'OrderNotFound' ELSE error_code END,
        errors = CASE WHEN status IN ('Pending', 'Processing') THEN '[{"path":"","message":"The order was erased with its contact"}]'::jsonb ELSE errors END,
        finished_at = coalesce(finished_at, now()), lease_until = NULL
      WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    await sql`DELETE FROM orders WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    // Other capabilities drop what they keep per order (segment rows …) as on a delete.
    await runHooks(orderChangeHooks, tx, ids.map((orderId) => ({ orderId, after: null })));
  },
};

contactDataProviders.push(logEntries, orders);
