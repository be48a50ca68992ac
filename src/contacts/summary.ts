// GET /api/v3/contacts/{id}/summary: the figures a contact card leads with. Amounts
// are summed by the database as numeric from the segmentation facts (exact: written
// from the documents' decimal text, see src/segments/facts.ts) and returned as
// decimal strings, per currency.
import Big from 'big.js';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { compileFilter } from '../segments/compile.js';
import type { Filter } from '../segments/filter.js';
import { SEGMENT_SETTINGS } from '../segments/service.js';

/** Saved segments checked per summary, newest first: each is one indexed membership probe. */
export const MAX_SUMMARY_SEGMENTS = 50;
/** The membership probes share one statement; past this it is stopped and the card shows figures without segments. */
export const SUMMARY_SEGMENTS_TIMEOUT_MS = 2_000;

export interface CurrencyTotals {
  currency: string;
  spent: string;
  returned: string;
  averageOrderValue: string;
}

export interface ContactSummary {
  contactId: string;
  orders: number;
  purchases: number;
  returns: number;
  mixed: number;
  openOrders: number;
  totals: CurrencyTotals[];
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  segments: { id: string; name: string }[];
  segmentsTruncated: boolean;
}

// Cancelled orders are counted but add nothing to the money figures or purchase dates.
// A mixed order adds its purchase lines to spent and its return lines to returned;
// a return's amounts count as positive whatever sign the client sent them with.
const ORDERS = (contactId: string) => sql`
  SELECT f.order_id, f.order_type, f.ongoing, f.created_at, f.total_price,
    f.status <> 'Cancelled' AS counts, coalesce(o.document->>'currencyCode', '') AS currency
  FROM orders o JOIN segment_orders f ON f.order_id = o.order_id
  WHERE o.contact_id = ${contactId}::uuid`;

export async function contactSummary(db: Db, contactId: string): Promise<Omit<ContactSummary, 'segments' | 'segmentsTruncated'>> {
  const { rows: counts } = await sql<{
    orders: number;
    purchases: number;
    returns: number;
    mixed: number;
    open_orders: number;
    first_purchase: Date | string | null;
    last_purchase: Date | string | null;
  }>`
    WITH f AS (${ORDERS(contactId)})
    SELECT count(*)::int AS orders,
      count(*) FILTER (WHERE order_type = 'Purchase')::int AS purchases,
      count(*) FILTER (WHERE order_type = 'Return')::int AS returns,
      count(*) FILTER (WHERE order_type = 'Mixed')::int AS mixed,
      count(*) FILTER (WHERE ongoing)::int AS open_orders,
      min(created_at) FILTER (WHERE counts AND order_type <> 'Return') AS first_purchase,
      max(created_at) FILTER (WHERE counts AND order_type <> 'Return') AS last_purchase
    FROM f`.execute(db);
  const { rows: totals } = await sql<{ currency: string; spent: string; returned: string; purchase_orders: number }>`
    WITH f AS (${ORDERS(contactId)}),
    lines AS (
      SELECT l.order_id,
        sum(l.total_price) FILTER (WHERE l.type = 'Purchase') AS purchased,
        sum(abs(l.total_price)) FILTER (WHERE l.type = 'Return') AS returned
      FROM segment_lines l WHERE l.quantity > 0 AND l.order_id IN (SELECT order_id FROM f WHERE order_type = 'Mixed') GROUP BY l.order_id
    )
    SELECT f.currency,
      coalesce(sum(CASE f.order_type WHEN 'Purchase' THEN f.total_price WHEN 'Mixed' THEN coalesce(lines.purchased, 0) ELSE 0 END), 0)::text AS spent,
      coalesce(sum(CASE f.order_type WHEN 'Return' THEN abs(f.total_price) WHEN 'Mixed' THEN coalesce(lines.returned, 0) ELSE 0 END), 0)::text AS returned,
      count(*) FILTER (WHERE f.order_type <> 'Return')::int AS purchase_orders
    FROM f LEFT JOIN lines ON lines.order_id = f.order_id
    WHERE f.counts
    GROUP BY f.currency ORDER BY f.currency`.execute(db);
  const row = counts[0]!;
  const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
  return {
    contactId,
    orders: row.orders,
    purchases: row.purchases,
    returns: row.returns,
    mixed: row.mixed,
    openOrders: row.open_orders,
    totals: totals.map((t) => ({
      currency: t.currency,
      spent: new Big(t.spent).toString(),
      returned: new Big(t.returned).toString(),
      // Spent over the orders that bought something, to the cent (half up).
      averageOrderValue: t.purchase_orders > 0 ? new Big(t.spent).div(t.purchase_orders).round(2, Big.roundHalfUp).toString() : '0',
    })),
    firstPurchaseAt: iso(row.first_purchase),
    lastPurchaseAt: iso(row.last_purchase),
  };
}

/**
 * Whether one contact satisfies a filter, as one boolean SQL expression. The and/or/not
 * structure becomes AND/OR/NOT here rather than set operations, because PostgreSQL pushes
 * the contact's id into INTERSECT and UNION branches but not through EXCEPT: a negated
 * condition would otherwise evaluate the whole segment. Each condition (hasOrder, contact)
 * is compiled as for a preview and probed for this id, which reads the contact's own facts.
 */
export function membership(filter: Filter, contactId: string, now: Date): RawBuilder<boolean> {
  if ('and' in filter)
    return filter.and.length
      ? sql<boolean>`(${sql.join(
          filter.and.map((f) => membership(f, contactId, now)),
          sql` AND `,
        )})`
      : sql<boolean>`true`;
  if ('or' in filter)
    return filter.or.length
      ? sql<boolean>`(${sql.join(
          filter.or.map((f) => membership(f, contactId, now)),
          sql` OR `,
        )})`
      : sql<boolean>`false`;
  if ('not' in filter) return sql<boolean>`NOT ${membership(filter.not, contactId, now)}`;
  return sql<boolean>`EXISTS (SELECT 1 FROM (${compileFilter(filter, { now })}) s WHERE s.id = ${contactId}::uuid)`;
}

/**
 * The saved segments the contact is in now: one membership probe per segment, in one
 * statement. Only the newest MAX_SUMMARY_SEGMENTS are checked (`truncated` says when there
 * are more, or when the probes ran out of time).
 */
export async function segmentsOfContact(
  db: Db,
  contactId: string,
  now = new Date(),
): Promise<{ segments: { id: string; name: string }[]; truncated: boolean }> {
  const { rows: saved } = await sql<{ id: string; name: string; filter: Filter }>`
    SELECT id, name, filter FROM segments ORDER BY created_at DESC, id LIMIT ${MAX_SUMMARY_SEGMENTS + 1}`.execute(db);
  const checked = saved.slice(0, MAX_SUMMARY_SEGMENTS);
  const truncated = saved.length > MAX_SUMMARY_SEGMENTS;
  if (checked.length === 0) return { segments: [], truncated };
  const probes = checked.map((segment, index) => sql`SELECT ${index}::int AS i WHERE ${membership(segment.filter, contactId, now)}`);
  try {
    const found = await db.transaction().execute(async (tx) => {
      await sql`SELECT ${SEGMENT_SETTINGS}, set_config('statement_timeout', ${String(SUMMARY_SEGMENTS_TIMEOUT_MS)}, true)`.execute(tx);
      const { rows } = await sql<{ i: number }>`${sql.join(probes, sql` UNION ALL `)}`.execute(tx);
      return new Set(rows.map((row) => row.i));
    });
    return { segments: checked.filter((_, index) => found.has(index)).map(({ id, name }) => ({ id, name })), truncated };
  } catch (error) {
    // 57014: the probes ran past the timeout; the figures still answer, the memberships do not.
    if ((error as { code?: string }).code === '57014') return { segments: [], truncated: true };
    throw error;
  }
}
