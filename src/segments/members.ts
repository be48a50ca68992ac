// A segment's members as people: one page with names and emails, and the whole
// set as CSV, streamed from a server-side cursor so that an export of 100k
// contacts never holds more than one chunk in memory.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import type { ContactRow } from '../contacts/repo.js';
import { compileFilter } from './compile.js';
import { CSV_UTF8_BOM, csvRow } from './csv.js';
import type { Filter } from './filter.js';
import { DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS } from './limits.js';
import { SEGMENT_SETTINGS, evaluate, segmentQueryError } from './service.js';

export interface Member {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** The contact columns a member list and its export read. */
type MemberRow = Pick<ContactRow, 'id' | 'first_name' | 'last_name' | 'email' | 'mobile_phone' | 'member_number'>;

/** One page of members (ordered by contact id) with their names and emails, and the total. */
export async function memberPage(
  db: Db,
  filter: Filter,
  offset: number,
  count: number,
  now: Date,
  timeoutMs: number,
): Promise<{ count: number; items: Member[] }> {
  const result = await evaluate(db, filter, offset, count, now, timeoutMs);
  if (result.contactIds.length === 0) return { count: result.count, items: [] };
  const { rows } = await sql<MemberRow>`
    SELECT id, first_name, last_name, email FROM contacts WHERE id = ANY(${result.contactIds}::uuid[])`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A contact erased between the two reads keeps its row, with no personal data.
  const items = result.contactIds.map((contactId) => {
    const row = byId.get(contactId);
    return { contactId, firstName: row?.first_name ?? null, lastName: row?.last_name ?? null, email: row?.email ?? null };
  });
  return { count: result.count, items };
}

export const CSV_COLUMNS = ['contactId', 'firstName', 'lastName', 'email', 'mobilePhone', 'memberNumber'] as const;
const CHUNK = 1000;
/** An export whose reader takes no data for this long is abandoned, so its transaction ends. */
const STALL_MS = 60_000;

class ExportAbandoned extends Error {}

/** Waits until `out` wants more, or throws when the reader went away or stalled. */
async function writable(out: PassThrough, stallMs: number): Promise<void> {
  if (out.destroyed) throw new ExportAbandoned('the reader went away');
  const stall = new AbortController();
  const timer = setTimeout(() => stall.abort(), stallMs);
  try {
    const closed = once(out, 'close', { signal: stall.signal }).then(() => 'closed' as const);
    const drained = once(out, 'drain', { signal: stall.signal }).then(() => 'drained' as const);
    const result = await Promise.race([closed, drained]);
    if (result === 'closed') throw new ExportAbandoned('the reader went away');
  } catch (error) {
    if (error instanceof ExportAbandoned) throw error;
    throw new ExportAbandoned(`the reader took nothing for ${stallMs} ms`);
  } finally {
    clearTimeout(timer);
    stall.abort();
  }
}

/**
 * Every member as CSV (header line first), ordered by contact id. The segment query runs
 * once, in a read-only transaction, behind a cursor read 1,000 rows at a time as the
 * reader takes them. The promise settles after the first chunk, so a timeout or a broken
 * query is still an error answer, not a cut-off download. The transaction holds a
 * connection while the reader downloads: a reader that stops reading for a minute, or
 * disconnects, ends it. Where that connection is the only one (the embedded database),
 * `paceByReader` false reads everything at once and buffers it, so a slow reader never
 * holds up the service's other requests.
 */
export function exportMembersCsv(
  db: Db,
  filter: Filter,
  now: Date,
  timeoutMs = DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS,
  options: { stallMs?: number; paceByReader?: boolean } = {},
): Promise<Readable> {
  const { stallMs = STALL_MS, paceByReader = true } = options;
  const out = new PassThrough();
  let started = false;
  return new Promise<Readable>((resolve, reject) => {
    db.transaction()
      .setAccessMode('read only')
      .execute(async (tx) => {
        await sql`SELECT ${SEGMENT_SETTINGS}, set_config('statement_timeout', ${String(Math.max(0, Math.floor(timeoutMs)))}, true)`.execute(tx);
        await sql`DECLARE segment_members NO SCROLL CURSOR FOR
          SELECT c.id, c.first_name, c.last_name, c.email, c.mobile_phone, c.member_number
          FROM (${compileFilter(filter, { now })}) s JOIN contacts c ON c.id = s.id
          ORDER BY c.id`.execute(tx);
        const next = async () => (await sql<MemberRow>`FETCH ${sql.raw(String(CHUNK))} FROM segment_members`.execute(tx)).rows;
        let rows = await next();
        started = true;
        resolve(out);
        out.write(CSV_UTF8_BOM + csvRow(CSV_COLUMNS));
        for (;;) {
          // Asked now, not when writing: the reader may have drained the buffer while a FETCH ran.
          if (paceByReader && out.writableNeedDrain) await writable(out, stallMs);
          const text = rows.map((r) => csvRow([r.id, r.first_name, r.last_name, r.email, r.mobile_phone, r.member_number])).join('');
          if (text) out.write(text);
          if (rows.length < CHUNK) break;
          rows = await next();
        }
        out.end();
      })
      .catch((error: unknown) => {
        if (!started) return reject(segmentQueryError(error, timeoutMs));
        // Headers are sent: the only way left to say "incomplete" is to cut the download.
        if (!out.destroyed) out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  });
}
