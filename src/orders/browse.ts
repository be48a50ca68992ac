// Browsing every order: filters, free-text search and keyset paging
// (GET /api/v3/orders without contactId). Each page walks the (sort time, order_id)
// index from the cursor, so page 1,000 costs what page 1 costs; the indexes are in
// migration 0500_orders_browse.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { isAcceptedDateTime } from '../domain/dates.js';
import type { FieldError } from '../domain/errors.js';
import { isCursorText, isCursorTime } from '../http/paging.js';
import { ApiError } from '../http/problem.js';

export type BrowseSort = 'createdAt' | 'processedAt';
export type BrowseDirection = 'asc' | 'desc';

/** The query string as the route received it (already type-checked). */
export interface BrowseQuery {
  status?: string;
  orderType?: 'Purchase' | 'Return' | 'Mixed';
  storeId?: string;
  channel?: string;
  createdFrom?: string;
  createdTo?: string;
  processedFrom?: string;
  processedTo?: string;
  hasWarnings?: boolean;
  q?: string;
  sort?: BrowseSort;
  order?: BrowseDirection;
  limit?: number;
  cursor?: string;
}

export interface OrderListItem {
  orderId: string;
  status: string;
  orderType: string;
  contactId: string | null;
  contactName: string | null;
  contactEmail: string | null;
  storeId: string;
  storeName: string | null;
  channel: string | null;
  currency: string | null;
  totalGrossPrice: number | null;
  lineCount: number;
  createdAt: string;
  processedAt: string;
  unresolvedWarnings: number;
}

export const DEFAULT_BROWSE_LIMIT = 25;
const MAX_STATUSES = 20;

interface Cursor {
  sort: BrowseSort;
  order: BrowseDirection;
  /** The sort time of the previous page's last order, in microseconds (ISO, UTC). */
  at: string;
  orderId: string;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.at, cursor.orderId])).toString('base64url');
}

/** The cursor, or a field error: a cursor of another sort or direction would skip orders silently. */
function decodeCursor(text: string, sort: BrowseSort, order: BrowseDirection): Cursor | FieldError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const parts = parsed as string[];
  const forged = () => !CURSOR_TIME.test(parts[2]!) || !isCursorTime(parts[2]) || !isCursorText(parts[3]);
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((part) => typeof part === 'string') || forged()) {
    return { path: 'cursor', message: 'is not a cursor from a nextCursor of this list' };
  }
  if (parts[0] !== sort || parts[1] !== order) {
    return { path: 'cursor', message: `was made for sort=${parts[0]}&order=${parts[1]}; repeat the query it came from` };
  }
  return { sort, order, at: parts[2]!, orderId: parts[3]! };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A range bound: a date-time with an offset, or a calendar day (UTC). Both bounds are
 * inclusive: a day as the upper bound covers the whole day, so createdFrom=createdTo=2025-12-03
 * is that day.
 */
function parseBound(name: string, value: string | undefined, upper: boolean, errors: FieldError[]): RawBuilder<unknown> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (DAY.test(text) && isAcceptedDateTime(`${text}T00:00:00Z`)) {
    return upper ? sql`< (${text}::date + 1)::timestamp AT TIME ZONE 'UTC'` : sql`>= ${text}::date::timestamp AT TIME ZONE 'UTC'`;
  }
  if (isAcceptedDateTime(text, { secondsOptional: true })) {
    if (!upper) return sql`>= ${text}::timestamptz`;
    // Times are shown to the millisecond but stored to the microsecond: an upper bound copied
    // from an answer (processedTo=<an order's processedAt>) must still include that order.
    const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
    return fraction.length > 3 ? sql`<= ${text}::timestamptz` : sql`< ${text}::timestamptz + interval '1 millisecond'`;
  }
  errors.push({ path: name, message: 'must be a date (2025-12-03) or an RFC 3339 date-time with an offset' });
  return undefined;
}

/** The smallest string above every string that starts with `prefix`, in byte (code point) order. */
export function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  // Past the surrogate gap, the next code point is one that can be stored.
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return points.join('') + String.fromCodePoint(Math.min(next, 0x10ffff));
}

const prefixRange = (column: RawBuilder<unknown>, prefix: string) => sql`(${column} >= ${prefix} AND ${column} < ${prefixEnd(prefix)})`;

/**
 * Orders matching a free-text query: order id or SKU by prefix, tracking number exactly,
 * contact email by prefix and name by prefix (both case-insensitive; "anna sv" is a first
 * name and the start of a last name).
 */
function searchParts(q: string) {
  const lower = q.toLowerCase();
  const words = lower.split(/\s+/);
  const contactMatch =
    words.length > 1
      ? sql`lower(c.first_name) COLLATE "C" = ${words[0]} AND ${prefixRange(sql`lower(c.last_name) COLLATE "C"`, words.slice(1).join(' '))}`
      : sql`${prefixRange(sql`lower(c.email) COLLATE "C"`, lower)} OR ${prefixRange(sql`lower(c.first_name) COLLATE "C"`, lower)}
          OR ${prefixRange(sql`lower(c.last_name) COLLATE "C"`, lower)}`;
  const orderId = prefixRange(sql`o.order_id COLLATE "C"`, q);
  const placedWith = sql`o.match_key_type = 'Email' AND ${prefixRange(sql`o.match_key COLLATE "C"`, lower)}`;
  const sku = prefixRange(sql`l.sku COLLATE "C"`, q);
  const tracking = sql`o.document #>> '{delivery,trackingNumber}' = ${q}`;
  return {
    /**
     * Each arm an index lookup: the matching orders (an order may come twice; IN does not
     * mind). UNION ALL streams, so counting the first few hundred stops early.
     */
    set: sql`
      SELECT o.order_id FROM orders o WHERE ${orderId}
      UNION ALL SELECT o.order_id FROM orders o WHERE ${placedWith}
      UNION ALL SELECT o.order_id FROM orders o WHERE o.contact_id IN (SELECT c.id FROM contacts c WHERE ${contactMatch})
      UNION ALL SELECT l.order_id FROM segment_lines l WHERE ${sku}
      UNION ALL SELECT o.order_id FROM orders o WHERE ${tracking}`,
    /**
     * The same test on one order: for a search that matches many orders, checked while walking
     * the list's index. The tracking number, which reads the document, is tested last.
     */
    row: sql`(${orderId} OR (${placedWith})
      OR EXISTS (SELECT 1 FROM contacts c WHERE c.id = o.contact_id AND (${contactMatch}))
      OR EXISTS (SELECT 1 FROM segment_lines l WHERE l.order_id = o.order_id AND ${sku})
      OR ${tracking})`,
  };
}

/**
 * Above this many matching orders a search is tested order by order along the list's index
 * (matches are dense: a page is found after a short walk) instead of collecting and sorting
 * every match (a common surname can name a tenth of all orders).
 */
export const BROAD_SEARCH = 500;

async function searchCondition(db: Db, q: string, broad: number): Promise<RawBuilder<unknown>> {
  const parts = searchParts(q);
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM (${parts.set} LIMIT ${broad + 1}) matches`.execute(db);
  return Number(rows[0]?.n ?? 0) > broad ? parts.row : sql`o.order_id IN (${parts.set})`;
}

/** Statuses as sent, split on commas; compared case-insensitively. */
function parseStatuses(value: string | undefined, errors: FieldError[]): string[] {
  const statuses = (value ?? '')
    .split(',')
    .map((status) => status.trim().toLowerCase())
    .filter(Boolean);
  if (statuses.length > MAX_STATUSES) errors.push({ path: 'status', message: `must name at most ${MAX_STATUSES} statuses` });
  return [...new Set(statuses)];
}

/** `broadSearch` is for tests, to take the order-by-order search path on a small data set. */
export async function browseOrders(
  db: Db,
  query: BrowseQuery,
  options: { broadSearch?: number } = {},
): Promise<{ items: OrderListItem[]; nextCursor: string | null }> {
  const sort = query.sort ?? 'createdAt';
  const order = query.order ?? 'desc';
  const limit = query.limit ?? DEFAULT_BROWSE_LIMIT;
  const errors: FieldError[] = [];
  const statuses = parseStatuses(query.status, errors);
  const bounds: [RawBuilder<unknown>, RawBuilder<unknown> | undefined][] = [
    [sql`o.created_at`, parseBound('createdFrom', query.createdFrom, false, errors)],
    [sql`o.created_at`, parseBound('createdTo', query.createdTo, true, errors)],
    [sql`o.processed_at`, parseBound('processedFrom', query.processedFrom, false, errors)],
    [sql`o.processed_at`, parseBound('processedTo', query.processedTo, true, errors)],
  ];
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort, order);
  if (cursor && 'path' in cursor) errors.push(cursor);
  if (errors.length > 0) throw new ApiError('InvalidRequest', errors.map((error) => `${error.path} ${error.message}`).join('; '), errors);
  const seek = cursor as Cursor | undefined;

  const column = sort === 'createdAt' ? sql`o.created_at` : sql`o.processed_at`;
  const q = query.q?.trim();
  const conditions: RawBuilder<unknown>[] = [
    ...(statuses.length ? [sql`lower(o.status) IN (${sql.join(statuses)})`] : []),
    ...(query.orderType ? [sql`o.order_type = ${query.orderType}`] : []),
    ...(query.storeId ? [sql`o.store_external_id = ${query.storeId}`] : []),
    ...(query.channel ? [sql`lower(o.document->>'channel') = ${query.channel.toLowerCase()}`] : []),
    ...bounds.flatMap(([at, bound]) => (bound ? [sql`${at} ${bound}`] : [])),
    ...(query.hasWarnings === undefined
      ? []
      : [sql`${sql.raw(query.hasWarnings ? '' : 'NOT')} EXISTS (SELECT 1 FROM integration_log l WHERE l.order_id = o.order_id AND l.resolved_at IS NULL)`]),
    ...(q ? [await searchCondition(db, q, options.broadSearch ?? BROAD_SEARCH)] : []),
    ...(seek ? [sql`(${column}, o.order_id) ${sql.raw(order === 'desc' ? '<' : '>')} (${seek.at}::timestamptz, ${seek.orderId})`] : []),
  ];
  const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const direction = sql.raw(order === 'desc' ? 'DESC' : 'ASC');
  const sortColumn = sql.raw(sort === 'createdAt' ? 'created_at' : 'processed_at');

  // The page is picked on orders alone (an index walk, or a sort of narrow rows when a search
  // names many orders); documents, names, stores and counts are read for its rows only.
  const { rows } = await sql<ListRow>`
    SELECT o.order_id, o.status, o.order_type, o.contact_id, o.store_external_id, o.created_at, o.processed_at,
      o.document->>'channel' AS channel, o.document->>'currencyCode' AS currency,
      CASE WHEN jsonb_typeof(o.document->'totalPrice') = 'number' THEN o.document->'totalPrice'
           WHEN jsonb_typeof(o.document#>'{lineItems,subTotal}') = 'number' THEN o.document#>'{lineItems,subTotal}' END AS total,
      CASE WHEN jsonb_typeof(o.document#>'{lineItems,items}') = 'array' THEN jsonb_array_length(o.document#>'{lineItems,items}') ELSE 0 END AS line_count,
      to_char(o.${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
      CASE WHEN o.contact_id IS NULL AND o.match_key_type = 'Email' THEN o.match_key ELSE c.email END AS email,
      nullif(concat_ws(' ', c.first_name, c.last_name), '') AS contact_name,
      s.name AS store_name,
      (SELECT count(*) FROM integration_log l WHERE l.order_id = o.order_id AND l.resolved_at IS NULL) AS warnings
    FROM (SELECT o.order_id, o.${sortColumn} FROM orders o ${where} ORDER BY o.${sortColumn} ${direction}, o.order_id ${direction} LIMIT ${limit + 1}) picked
    JOIN orders o ON o.order_id = picked.order_id
    LEFT JOIN contacts c ON c.id = o.contact_id
    LEFT JOIN stores s ON s.external_id = o.store_external_id
    ORDER BY o.${sortColumn} ${direction}, o.order_id ${direction}`.execute(db);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(presentListItem),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort, order, at: last.cursor_at, orderId: last.order_id }) : null,
  };
}

/** One row of the list query; counts and the total arrive as text or numbers depending on the driver's parsing. */
interface ListRow {
  order_id: string;
  status: string;
  order_type: string;
  contact_id: string | null;
  store_external_id: string;
  created_at: Date | string;
  processed_at: Date | string;
  channel: string | null;
  currency: string | null;
  total: number | string | null;
  line_count: number | string;
  cursor_at: string;
  email: string | null;
  contact_name: string | null;
  store_name: string | null;
  warnings: number | string;
}

function presentListItem(row: ListRow): OrderListItem {
  return {
    orderId: row.order_id,
    status: row.status,
    orderType: row.order_type,
    contactId: row.contact_id,
    contactName: row.contact_name ?? null,
    contactEmail: row.email ?? null,
    storeId: row.store_external_id,
    storeName: row.store_name ?? null,
    channel: row.channel ?? null,
    currency: row.currency ?? null,
    totalGrossPrice: typeof row.total === 'number' ? row.total : row.total == null ? null : Number(row.total),
    lineCount: Number(row.line_count),
    createdAt: new Date(row.created_at).toISOString(),
    processedAt: new Date(row.processed_at).toISOString(),
    unresolvedWarnings: Number(row.warnings),
  };
}
