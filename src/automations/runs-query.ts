// GET /api/v3/automations/runs and the GDPR part: runs with their deliveries and
// every attempt. Step secrets and rendered content are never shown.
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { isUuid } from '../domain/ids.js';
import type { ContactFiles } from '../app/capability.js';
import { isCursorTime } from '../http/paging.js';
import { ApiError } from '../http/problem.js';
import type { Tx } from '../db/schema.js';
import { testSendPrefix } from './mailer.js';
import type { Step } from './steps.js';
import type { AutomationDeliveryTable, AutomationRunTable } from './store.js';

export type DeliveryRow = Selectable<AutomationDeliveryTable>;

export type RunStatus = 'Pending' | 'Succeeded' | 'Failed';

export interface RunFilter {
  orderId?: string;
  action?: string;
  status?: RunStatus;
  contactId?: string;
}

// A run is Pending while any delivery is open, Failed when any failed, else Succeeded. The
// status is never aggregated over all runs: a page walks the runs index newest first and
// probes each run's open or failed deliveries through a small partial index (migration 0310).
const probe = (statuses: ReturnType<typeof sql>) =>
  sql`EXISTS (SELECT 1 FROM automation_deliveries d WHERE d.run_id = r.id
    AND d.status IN ('Pending', 'Delivering', 'Failed') AND d.status IN (${statuses}))`;
const open = probe(sql`'Pending', 'Delivering'`);
const failed = probe(sql`'Failed'`);
const runStatus = sql`CASE WHEN ${open} THEN 'Pending' WHEN ${failed} THEN 'Failed' ELSE 'Succeeded' END`;
const statusFilter: Record<RunStatus, ReturnType<typeof sql>> = {
  Pending: open,
  Failed: sql`(${failed} AND NOT ${open})`,
  Succeeded: sql`NOT ${probe(sql`'Pending', 'Delivering', 'Failed'`)}`,
};

/** An opaque keyset cursor: the (created_at, id) of the last run of a page. */
export function runCursor(row: { createdAt: string; runId: string }): string {
  return Buffer.from(`${row.createdAt}|${row.runId}`).toString('base64url');
}

function parseCursor(cursor: string): { at: string; id: string } | undefined {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (rest.length || !at || !id || !isCursorTime(at) || !isUuid(id)) return undefined;
  return { at, id };
}

/**
 * One page of runs, newest first. With `after` (the cursor of the previous page's last run)
 * the page starts right after it through the index, however deep; `offset` alone skips on
 * the index before any row is read. A cursor that is not one of ours is a 400.
 */
export async function listRuns(db: Db | Tx, filter: RunFilter, offset: number, count: number, after?: string, options: { fullTargets?: boolean } = {}) {
  const seek = after === undefined ? undefined : parseCursor(after);
  if (after !== undefined && !seek)
    throw new ApiError('InvalidRequest', 'after is not a cursor from a next link', [{ path: 'after', message: 'is not a cursor from a next link' }]);
  const base = [
    filter.orderId !== undefined ? sql`r.order_id = ${filter.orderId}` : undefined,
    filter.action !== undefined ? sql`lower(r.action) = lower(${filter.action})` : undefined,
    filter.contactId !== undefined ? sql`r.contact_id = ${filter.contactId}::uuid` : undefined,
  ].filter((part) => part !== undefined);
  const where = (...more: (ReturnType<typeof sql> | undefined)[]) => {
    const parts = [...base, ...more].filter((part) => part !== undefined);
    return parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;
  };
  const status = filter.status ? statusFilter[filter.status] : undefined;
  const seekSql = seek ? sql`r.created_at <= ${seek.at}::timestamptz AND (r.created_at < ${seek.at}::timestamptz OR r.id > ${seek.id}::uuid)` : undefined;
  const { rows } = await sql<Selectable<AutomationRunTable> & { status: RunStatus }>`
    SELECT r.*, ${runStatus} AS status FROM automation_runs r
    WHERE r.id IN (SELECT r.id FROM automation_runs r ${where(status, seekSql)} ORDER BY r.created_at DESC, r.id OFFSET ${seek ? 0 : offset} LIMIT ${count})
    ORDER BY r.created_at DESC, r.id`.execute(db);
  const ids = rows.map((row) => row.id);
  const [deliveries, total] = await Promise.all([
    ids.length
      ? sql<DeliveryRow>`SELECT * FROM automation_deliveries WHERE run_id = ANY(${ids}::uuid[]) ORDER BY run_id, step_index`.execute(db).then((r) => r.rows)
      : Promise.resolve([] as DeliveryRow[]),
    countRuns(db, where, filter.status),
  ]);
  const items = rows.map((row) => ({
    runId: row.id,
    status: row.status,
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
  }));
  const last = rows.at(-1);
  const capped = total > RUNS_COUNT_CAP;
  return {
    totalCount: capped ? RUNS_COUNT_CAP : total,
    totalCountCapped: capped,
    items,
    nextCursor: rows.length === count && last ? runCursor({ createdAt: iso(last.created_at), runId: last.id }) : undefined,
  };
}

/** Counting every run would be the slowest part of a page at a million runs: counts stop here. */
export const RUNS_COUNT_CAP = 1_000;

/** The matching runs, counted up to RUNS_COUNT_CAP + 1 (an index walk of at most that many entries). */
async function countRuns(
  db: Db | Tx,
  where: (...more: (ReturnType<typeof sql> | undefined)[]) => ReturnType<typeof sql>,
  status: RunStatus | undefined,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (SELECT 1 FROM automation_runs r ${where(status ? statusFilter[status] : undefined)} LIMIT ${RUNS_COUNT_CAP + 1}) capped`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** `fullTargets` (admin keys) shows webhook URLs whole; otherwise only their scheme and host. */
export function presentDelivery(row: DeliveryRow, fullTargets = true) {
  const step = row.step as Step; // copied from the automation's validated steps
  return {
    eventId: row.id,
    stepIndex: row.step_index,
    type: step.type,
    target: step.type === 'webhook' && !fullTargets ? originOnly(row.target) : row.target,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'Pending' ? iso(row.next_attempt_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    finishedAt: row.finished_at ? iso(row.finished_at) : null,
    attemptLog: row.attempt_log as Record<string, unknown>[], // a jsonb array of attempt objects (runs.ts, redrive.ts)
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
  for (let after: string | undefined; ;) {
    const batch = await listRuns(db, { contactId }, 0, 100, after);
    items.push(...batch.items);
    if (!batch.nextCursor) return items;
    after = batch.nextCursor;
  }
}

// The .eml files of the contact's emails (written to the outbox when no SMTP_URL is set) go with its runs,
// and so do the test sends rendered from the contact's orders (named after the contact, never recorded).
export const outboxFilesOfContact: ContactFiles = async (tx, contactId, dataDir) => {
  const outbox = path.join(dataDir, 'outbox');
  const { rows } = await sql<{ id: string }>`
    SELECT d.id FROM automation_deliveries d JOIN automation_runs r ON r.id = d.run_id
    WHERE r.contact_id = ${contactId}::uuid AND d.step->>'type' = 'email'`.execute(tx);
  const prefix = testSendPrefix(contactId);
  const testSends = (await readdir(outbox).catch(() => [])).filter((name) => name.startsWith(prefix) && name.endsWith('.eml'));
  return [...rows.map((row) => path.join(outbox, `${row.id}.eml`)), ...testSends.map((name) => path.join(outbox, name))];
};

/** Erasure: the contact's runs and (by cascade) their deliveries, including ones not yet sent. */
export async function eraseContactRuns(tx: Tx, contactId: string): Promise<void> {
  await sql`DELETE FROM automation_runs WHERE contact_id = ${contactId}::uuid`.execute(tx);
}

/**
 * Next links carry the keyset cursor as well as the offset, so following them stays fast at any
 * depth. Past the count cap the next link follows the cursor alone (the count no longer tells).
 */
export function withCursor<T extends { links: { rel: string; href: string; method: string }[]; offset: number; count: number }>(
  answer: T,
  result: { nextCursor: string | undefined; totalCountCapped: boolean },
  url: string,
): T & { totalCountCapped?: true } {
  const { nextCursor } = result;
  if (result.totalCountCapped && nextCursor && !answer.links.some((link) => link.rel === 'next')) {
    const next = new URL(url, 'http://local');
    next.searchParams.set('offset', String(answer.offset + answer.count));
    next.searchParams.set('count', String(answer.count));
    answer.links.unshift({ rel: 'next', href: `${next.pathname}?${next.searchParams.toString()}`, method: 'GET' });
  }
  for (const link of answer.links) {
    if (link.rel !== 'next') continue;
    if (!nextCursor) continue;
    const url = new URL(link.href, 'http://local');
    url.searchParams.set('after', nextCursor);
    link.href = `${url.pathname}?${url.searchParams.toString()}`;
  }
  for (const link of answer.links) {
    if (link.rel !== 'previous') continue;
    const url = new URL(link.href, 'http://local');
    url.searchParams.delete('after');
    link.href = `${url.pathname}?${url.searchParams.toString()}`;
  }
  return result.totalCountCapped ? { ...answer, totalCountCapped: true as const } : answer;
}
