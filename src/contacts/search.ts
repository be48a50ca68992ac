// GET /api/v3/contacts: prefix, case-insensitive search over a contact's names,
// email, mobile phone and member number, newest first, keyset paged. Each field
// has a prefix index (migration 0510), so a rare prefix is a BitmapOr of ranges.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { isCursorTime } from '../http/paging.js';

export interface ContactListItem {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  mobilePhone: string | null;
  memberNumber: string | null;
  contactType: string;
  createdAt: string;
}

/** Where the next page starts: the last row's creation time (to the microsecond, as text) and id. */
interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

/** undefined for a cursor this service did not make. */
export function decodeCursor(text: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [createdAt, id] = value;
    if (typeof createdAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt) || !isCursorTime(createdAt)) return undefined;
    if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The search conditions for a query text; undefined when the text searches for nothing (blank). */
export function searchCondition(q: string) {
  const text = q.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return undefined;
  const prefix = `${escapeLike(text)}%`;
  const branches = [
    sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE ${prefix}`,
    sql`lower(last_name) LIKE ${prefix}`,
    sql`lower(email) LIKE ${prefix}`,
    sql`lower(member_number) LIKE ${prefix}`,
  ];
  // A phone is typed in many ways (+46 70 123…, 4670-123…): compare its digits with the stored E.164's.
  const digits = text.replace(/[\s+\-()]/g, '');
  if (/^\d+$/.test(digits)) branches.push(sql`ltrim(mobile_phone, '+') LIKE ${`${digits}%`}`);
  return sql`(${sql.join(branches, sql` OR `)})`;
}

/**
 * How many of the newest contacts the first step walks. A prefix that finds a page among
 * them is a common one (walking is then the fastest way to the newest matches); one that
 * does not is rare, and its matches are found by their indexes and sorted instead.
 */
export const WALK_ROWS = 5000;

export async function searchContacts(
  db: Db,
  options: { q?: string; limit: number; cursor?: Cursor },
): Promise<{ items: ContactListItem[]; nextCursor: string | null }> {
  const after = options.cursor ? sql`(created_at, id) < (${options.cursor.createdAt}::timestamptz, ${options.cursor.id}::uuid)` : sql`true`;
  const search = options.q === undefined ? undefined : searchCondition(options.q);
  const columns = sql`id, first_name, last_name, email, mobile_phone, member_number, contact_type, created_at,
      to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_text`;
  const order = sql`ORDER BY created_at DESC, id DESC LIMIT ${options.limit + 1}`;
  type Row = {
    id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    mobile_phone: string | null;
    member_number: string | null;
    contact_type: string;
    created_at: Date | string;
    created_at_text: string;
  };
  let rows: Row[];
  if (!search) {
    ({ rows } = await sql<Row>`SELECT ${columns} FROM contacts WHERE ${after} ${order}`.execute(db));
  } else {
    // Left to itself the planner picks one of these two plans by its estimate of how many
    // contacts match, and a wrong estimate is costly either way: walking every contact for a
    // rare prefix, or sorting a sixth of them for a common one. So: walk a bounded stretch
    // first, and only when that finds less than a page, match by the indexes and sort.
    ({ rows } = await sql<Row>`
      SELECT ${columns} FROM (SELECT * FROM contacts WHERE ${after} ORDER BY created_at DESC, id DESC LIMIT ${WALK_ROWS}) newest
      WHERE ${search} ${order}`.execute(db));
    if (rows.length <= options.limit) {
      ({ rows } = await sql<Row>`
        WITH matches AS MATERIALIZED (SELECT ${columns} FROM contacts WHERE ${search} AND ${after})
        SELECT * FROM matches ${order}`.execute(db));
    }
  }
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      email: row.email,
      mobilePhone: row.mobile_phone,
      memberNumber: row.member_number,
      contactType: row.contact_type,
      createdAt: new Date(row.created_at_text).toISOString(),
    })),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ createdAt: last.created_at_text, id: last.id }) : null,
  };
}
