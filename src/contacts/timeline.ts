// A contact's story, newest first (GET /api/v3/contacts/{id}/timeline): every
// processed version of their orders (created, replaced, status changes…), their
// receipts, the actions triggered on their orders and the automation deliveries
// those caused. One UNION query, keyset-paged on (time in microseconds, entry key),
// so a page is stable while new events arrive; each source is read per order or
// per contact through its own index.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { orderTypeOf } from '../domain/order.js';
import { isCursorText } from '../http/paging.js';

/** A cursor's position is a PostgreSQL bigint: a forged one outside its range must be a 400, not a database error. */
const BIGINT_MAX = 2n ** 63n - 1n;

export interface TimelinePosition {
  atMicros: string;
  key: string;
}

type Fields = Record<string, unknown>;
interface Row {
  at: Date | string;
  at_us: string;
  key: string;
  kind: 'order' | 'receipt' | 'action' | 'delivery';
  order_id: string | null;
  fields: Fields;
}

export interface ContactTimelineEntry {
  at: string;
  kind: Row['kind'];
  orderId: string | null;
  [field: string]: unknown;
}

export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.atMicros, position.key])).toString('base64url');
}

/** A cursor this service gave out, or undefined. */
export function decodeCursor(cursor: string): TimelinePosition | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [atMicros, key] = value as unknown[];
    if (typeof atMicros !== 'string' || !/^-?\d{1,19}$/.test(atMicros) || BigInt(atMicros) > BIGINT_MAX || BigInt(atMicros) < -BIGINT_MAX - 1n)
      return undefined;
    if (!isCursorText(key) || key.length > 300) return undefined;
    return { atMicros, key };
  } catch {
    return undefined;
  }
}

const str = (value: unknown) => (value === undefined || value === null ? null : String(value));

function present(row: Row): ContactTimelineEntry {
  const f = row.fields;
  const base = { at: new Date(row.at).toISOString(), kind: row.kind, orderId: row.order_id };
  switch (row.kind) {
    case 'order': {
      // Counted in SQL so the lines themselves are not read: a line is a return only when its type says so.
      const returns = Number(f.returnLines ?? 0);
      const types = [...Array<string>(returns).fill('Return'), ...Array<string>(Math.max(0, Number(f.lines ?? 0) - returns)).fill('Purchase')];
      return {
        ...base,
        versionTag: f.versionTag,
        operation: f.operation,
        orderType: orderTypeOf({ lineItems: { items: types.map((type) => ({ type })) } }),
        status: str(f.status),
        currency: str(f.currency),
        total: str(f.totalPrice ?? f.subTotal),
      };
    }
    case 'receipt':
      return {
        ...base,
        uniqueReceiptId: f.uniqueReceiptId,
        receiptNumber: str(f.receiptNumber),
        storeId: f.storeId,
        currency: str(f.currency),
        total: str(f.total),
      };
    case 'action':
      return { ...base, actionId: f.actionId, action: f.action, versionTag: f.versionTag, language: str(f.language) };
    default:
      return {
        ...base,
        deliveryId: f.deliveryId,
        automationName: f.automationName,
        stepType: str(f.stepType) ?? 'unknown',
        status: f.status,
        attempts: Number(f.attempts),
        lastError: str(f.lastError),
      };
  }
}

export async function contactTimeline(
  db: Db,
  contactId: string,
  limit: number,
  after?: TimelinePosition,
): Promise<{ items: ContactTimelineEntry[]; nextCursor: string | null }> {
  const { rows } = await sql<Row>`
    WITH mine AS (SELECT order_id FROM orders WHERE contact_id = ${contactId})
    SELECT * FROM (
      SELECT u.*, (extract(epoch FROM u.at) * 1000000)::bigint::text AS at_us FROM (
        SELECT v.processed_at AS at, 'v' || lpad(v.id::text, 20, '0') AS key, 'order' AS kind, v.order_id,
          jsonb_build_object('versionTag', v.version_tag, 'operation', v.operation, 'status', v.document->'status',
            'currency', v.document->'currencyCode', 'totalPrice', v.document->'totalPrice', 'subTotal', v.document->'lineItems'->'subTotal',
            'lines', jsonb_array_length(jsonb_path_query_array(v.document, '$.lineItems.items[*]')),
            'returnLines', jsonb_array_length(jsonb_path_query_array(v.document, '$.lineItems.items[*].type ? (@ == "Return")'))) AS fields
        FROM order_versions v WHERE v.order_id IN (SELECT order_id FROM mine)
        UNION ALL
        SELECT r.created_date, 'r' || r.unique_receipt_id, 'receipt', r.order_id,
          jsonb_build_object('uniqueReceiptId', r.unique_receipt_id, 'receiptNumber', r.receipt_number, 'storeId', r.store_external_id,
            'currency', r.document->'currency', 'total', r.document->'totalGrossPrice')
        FROM receipts r WHERE r.contact_id = ${contactId}
        UNION ALL
        SELECT a.created_at, 'a' || a.id, 'action', a.order_id,
          jsonb_build_object('actionId', a.id, 'action', a.action, 'versionTag', a.version_tag, 'language', a.language)
        FROM action_events a WHERE a.order_id IN (SELECT order_id FROM mine)
        UNION ALL
        -- Placed no earlier than its run, which carries the action's time (as on the order timeline).
        SELECT greatest(d.created_at, r.created_at), 'd' || d.id, 'delivery', r.order_id,
          jsonb_build_object('deliveryId', d.id, 'automationName', r.automation_name, 'stepType', d.step->'type', 'status', d.status,
            'attempts', d.attempts, 'lastError', d.last_error)
        FROM automation_runs r JOIN automation_deliveries d ON d.run_id = r.id WHERE r.order_id IN (SELECT order_id FROM mine)
      ) u
    ) t
    ${after ? sql`WHERE (t.at_us::bigint, t.key) < (${after.atMicros}::bigint, ${after.key})` : sql``}
    ORDER BY t.at_us::bigint DESC, t.key DESC
    LIMIT ${limit + 1}`.execute(db);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ atMicros: String(last.at_us), key: last.key }) : null,
  };
}
