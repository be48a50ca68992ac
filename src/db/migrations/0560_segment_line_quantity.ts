import { sql, type Kysely } from 'kysely';

// Segments leave cancelled lines (quantity 0) out of line conditions, so the
// line index carries the quantity too: the common line filters stay index-only
// scans. A return's order total is kept as a positive amount whatever sign the
// client sent, as the contact card counts it; the facts already stored are
// brought to the same rule.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX segment_lines_sku_quantity ON segment_lines (sku) INCLUDE (contact_id, ongoing, status, created_at, type, order_id, quantity);
    DROP INDEX segment_lines_sku;
    ALTER INDEX segment_lines_sku_quantity RENAME TO segment_lines_sku;
    UPDATE segment_orders SET total_price = abs(total_price) WHERE order_type = 'Return' AND total_price < 0;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX segment_lines_sku_plain ON segment_lines (sku) INCLUDE (contact_id, ongoing, status, created_at, type, order_id);
    DROP INDEX segment_lines_sku;
    ALTER INDEX segment_lines_sku_plain RENAME TO segment_lines_sku;
  `.execute(db);
}
