// The contact data the registers and the orders core hold (GDPR export and
// erasure), all found through the contact's footprint (footprint.ts), so export
// and erasure cover the same rows. Receipts and automations declare their own
// parts. The order is explicit: the integration log and jobs first, while the
// orders and versions that lead to them still exist.
import { type Selectable, sql } from 'kysely';
import type { ContactData } from '../app/capability.js';
import { findContactId } from '../contacts/match.js';
import type { ActionEventTable, Db, IntegrationLogTable, JobTable, OrderVersionTable, Tx } from '../db/schema.js';
import { eraseJobPayloads } from '../jobs/queue.js';
import { presentOrder } from '../orders/present.js';
import type { OrderRow } from '../orders/repo.js';
import { type Footprint, footprintOf } from './footprint.js';

type LogEntryRow = Pick<
  Selectable<IntegrationLogTable>,
  'id' | 'type' | 'severity' | 'error_code' | 'message' | 'order_id' | 'job_id' | 'details' | 'created_at' | 'resolved_at'
>;
type JobRow = Pick<Selectable<JobTable>, 'id' | 'order_id' | 'operation' | 'status' | 'accepted_at' | 'finished_at' | 'payload'>;
type VersionRow = Pick<Selectable<OrderVersionTable>, 'order_id' | 'version_tag' | 'operation' | 'document' | 'processed_at'>;
type ActionRow = Pick<Selectable<ActionEventTable>, 'id' | 'order_id' | 'version_tag' | 'action' | 'language' | 'data' | 'created_at'>;

const logEntries: ContactData = {
  id: 'integrationLog',
  async export(db, contactId) {
    const { logEntryIds } = (await footprintOf(db, contactId))!;
    const { rows } = await sql<LogEntryRow>`
      SELECT id, type, severity, error_code, message, order_id, job_id, details, created_at, resolved_at FROM integration_log
      WHERE id = ANY(${logEntryIds}::bigint[]) ORDER BY created_at DESC, id DESC`.execute(db);
    return rows.map((row) => ({
      id: Number(row.id),
      type: row.type,
      severity: row.severity,
      errorCode: row.error_code,
      message: row.message,
      orderId: row.order_id,
      jobId: row.job_id,
      details: row.details,
      createdAt: row.created_at,
      resolvedAt: row.resolved_at,
    }));
  },
  async erase(tx, contactId) {
    const { logEntryIds } = (await footprintOf(tx, contactId))!;
    await sql`DELETE FROM integration_log WHERE id = ANY(${logEntryIds}::bigint[])`.execute(tx);
  },
};

/** Jobs stay (they are public resources) but lose their payload; an open one fails, so it cannot bring the data back. */
const jobs: ContactData = {
  id: 'jobs',
  after: ['integrationLog'],
  async export(db, contactId) {
    const fp = (await footprintOf(db, contactId))!;
    const { rows } = await sql<JobRow>`
      SELECT id, order_id, operation, status, accepted_at, finished_at, payload FROM jobs
      WHERE id = ANY(${fp.jobIds}::uuid[]) AND payload IS NOT NULL ORDER BY seq DESC`.execute(db);
    // A job of the contact's order that named another registered contact (before the order moved) is listed without its payload.
    const others = await otherPeoplesVersions(
      db,
      fp,
      rows.map((row) => ({ document: row.payload })),
      contactId,
    );
    return rows.map((row) => ({
      jobId: row.id,
      orderId: row.order_id,
      operation: row.operation,
      status: row.status,
      acceptedAt: row.accepted_at,
      finishedAt: row.finished_at,
      ...(others.has(keyOf(row.payload)) ? { payload: null, payloadOmitted: 'This job named another contact' } : { payload: row.payload }),
    }));
  },
  async erase(tx, contactId) {
    const { jobIds } = (await footprintOf(tx, contactId))!;
    await eraseJobPayloads(tx, jobIds, 'The order was erased with its contact');
  },
};

/** Versions of orders that are no longer the contact's (moved to another contact, or deleted) but named it, and actions it received on them. */
const orderHistory: ContactData = {
  id: 'orderHistory',
  after: ['jobs'],
  async export(db, contactId) {
    const { versionIds, actionEventIds, orderIds } = (await footprintOf(db, contactId))!;
    const [versions, actions] = await Promise.all([
      sql<VersionRow>`SELECT order_id, version_tag, operation, document, processed_at FROM order_versions WHERE id = ANY(${versionIds}::bigint[]) ORDER BY id DESC`.execute(
        db,
      ),
      sql<ActionRow>`SELECT id, order_id, version_tag, action, language, data, created_at FROM action_events
        WHERE id = ANY(${actionEventIds}::uuid[]) AND NOT order_id = ANY(${orderIds}::text[]) ORDER BY created_at DESC`.execute(db),
    ]);
    return [
      ...versions.rows.map((v) => ({
        orderId: v.order_id,
        versionTag: v.version_tag,
        operation: v.operation,
        processedAt: v.processed_at,
        document: v.document,
      })),
      ...actions.rows.map((a) => ({
        orderId: a.order_id,
        actionId: a.id,
        versionTag: a.version_tag,
        action: a.action,
        language: a.language,
        data: a.data,
        createdAt: a.created_at,
      })),
    ];
  },
  async erase(tx, contactId) {
    const { versionIds, actionEventIds } = (await footprintOf(tx, contactId))!;
    await sql`DELETE FROM action_events WHERE id = ANY(${actionEventIds}::uuid[])`.execute(tx);
    await sql`DELETE FROM order_versions WHERE id = ANY(${versionIds}::bigint[])`.execute(tx);
  },
};

/** The `Type:value` of a document's contact key, compared as contacts are searched. */
function keyOf(document: unknown): string {
  const key = contactOf(document);
  const value = isCaseless(key?.matchKeyType) ? String(key?.matchKey).toLowerCase() : key?.matchKey;
  return `${key?.matchKeyType}:${value}`;
}

/** Email keys and contact ids (GUIDs) are compared in lower case. */
function isCaseless(matchKeyType: unknown): boolean {
  return matchKeyType === 'Email' || matchKeyType === 'ContactId';
}

/** A stored document's (or job payload's) `contact` member, read as it was written: its fields are unknown until checked. */
function contactOf(document: unknown): { matchKeyType?: unknown; matchKey?: unknown } | undefined {
  const contact: unknown = (document as { contact?: unknown } | null | undefined)?.contact;
  return contact !== null && typeof contact === 'object' ? contact : undefined;
}

/**
 * Versions of the contact's own orders that named another registered contact (the order
 * moved to this one) are listed without their document: that is the other person's data.
 */
async function otherPeoplesVersions(db: Db | Tx, fp: Footprint, versions: { document: unknown }[], contactId: string): Promise<Set<string>> {
  const own = new Set(fp.keys.map((k) => `${k.matchKeyType}:${k.matchKey}`));
  const foreign = new Map<string, { matchKeyType: string; matchKey: string }>();
  for (const { document } of versions) {
    const key = contactOf(document);
    const matchKeyType = key?.matchKeyType;
    if (typeof matchKeyType !== 'string' || !matchKeyType || typeof key?.matchKey !== 'string') continue;
    const value = isCaseless(matchKeyType) ? key.matchKey.toLowerCase() : key.matchKey;
    if (!own.has(`${matchKeyType}:${value}`)) foreign.set(`${matchKeyType}:${value}`, { matchKeyType, matchKey: value });
  }
  const others = new Set<string>();
  for (const [name, key] of foreign) {
    const owner = await findContactId(db, key);
    if (owner && owner !== contactId) others.add(name);
  }
  return others;
}

const orders: ContactData = {
  id: 'orders',
  after: ['orderHistory'],
  async export(db, contactId) {
    const fp = (await footprintOf(db, contactId))!;
    const ids = fp.orderIds;
    const { rows } = await sql<OrderRow>`SELECT * FROM orders WHERE order_id = ANY(${ids}::text[]) ORDER BY created_at DESC, order_id`.execute(db);
    const [versions, actions] = await Promise.all([
      sql<VersionRow>`SELECT order_id, version_tag, operation, document, processed_at FROM order_versions WHERE order_id = ANY(${ids}::text[]) ORDER BY id DESC`.execute(
        db,
      ),
      sql<ActionRow>`SELECT id, order_id, version_tag, action, language, data, created_at FROM action_events WHERE order_id = ANY(${ids}::text[]) ORDER BY created_at DESC`.execute(
        db,
      ),
    ]);
    const others = await otherPeoplesVersions(db, fp, versions.rows, contactId);
    return rows.map((row) => ({
      ...presentOrder(row),
      versions: versions.rows
        .filter((v) => v.order_id === row.order_id)
        .map((v) => ({
          versionTag: v.version_tag,
          operation: v.operation,
          processedAt: v.processed_at,
          ...(others.has(keyOf(v.document)) ? { document: null, documentOmitted: 'This version named another contact' } : { document: v.document }),
        })),
      actions: actions.rows
        .filter((a) => a.order_id === row.order_id)
        .map((a) => ({ actionId: a.id, versionTag: a.version_tag, action: a.action, language: a.language, data: a.data, createdAt: a.created_at })),
    }));
  },
  async erase(tx, contactId, parts) {
    const { orderIds: ids } = (await footprintOf(tx, contactId))!;
    if (ids.length === 0) return;
    await sql`DELETE FROM action_events WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    await sql`DELETE FROM order_versions WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    await sql`DELETE FROM orders WHERE order_id = ANY(${ids}::text[])`.execute(tx);
    // Other capabilities drop what they keep per order (segment rows …) as on a delete.
    await parts.onOrderChanged(
      tx,
      ids.map((orderId) => ({ orderId, after: null })),
    );
  },
};

/** The GDPR capability's own parts, in erase order. */
export const coreContactData: ContactData[] = [logEntries, jobs, orderHistory, orders];
