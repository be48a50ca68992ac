// Browsing all orders (GET /api/v3/orders without contactId) and the order timeline.
// Every sort walks an index in list order, (sort time, order_id), so a keyset page costs
// the same at any depth; the common filters have an index led by the filter column in
// the same order. Free-text search (q) unions small index lookups: order ids and SKUs by
// prefix in byte order (COLLATE "C", the only order in which a prefix is a range whatever
// the database collation), contacts by lower-cased email and name prefix, tracking numbers
// exactly. SKUs are read from segment_lines, the per-line facts written in the order's own
// processing transaction, so nothing new is denormalised.
// jobs.api_key_name: the name of the key that made a write, shown on the timeline.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX orders_browse_created ON orders (created_at, order_id);
    CREATE INDEX orders_browse_processed ON orders (processed_at, order_id);
    CREATE INDEX orders_browse_status ON orders (lower(status), created_at, order_id);
    CREATE INDEX orders_browse_store ON orders (store_external_id, created_at, order_id);
    CREATE INDEX orders_browse_channel ON orders (lower(document->>'channel'), created_at, order_id);
    CREATE INDEX orders_browse_id_prefix ON orders ((order_id COLLATE "C"));
    CREATE INDEX orders_browse_match_email ON orders ((match_key COLLATE "C")) WHERE match_key_type = 'Email';
    CREATE INDEX orders_browse_tracking ON orders ((document #>> '{delivery,trackingNumber}'));
    CREATE INDEX contacts_browse_email ON contacts ((lower(email) COLLATE "C"));
    CREATE INDEX contacts_browse_first_name ON contacts ((lower(first_name) COLLATE "C"));
    CREATE INDEX contacts_browse_last_name ON contacts ((lower(last_name) COLLATE "C"));
    CREATE INDEX segment_lines_sku_prefix ON segment_lines ((sku COLLATE "C")) INCLUDE (order_id);
    CREATE INDEX integration_log_open_order ON integration_log (order_id) WHERE resolved_at IS NULL;
    ALTER TABLE jobs ADD COLUMN api_key_name text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE jobs DROP COLUMN api_key_name;
    DROP INDEX integration_log_open_order;
    DROP INDEX segment_lines_sku_prefix;
    DROP INDEX contacts_browse_last_name;
    DROP INDEX contacts_browse_first_name;
    DROP INDEX contacts_browse_email;
    DROP INDEX orders_browse_tracking;
    DROP INDEX orders_browse_match_email;
    DROP INDEX orders_browse_id_prefix;
    DROP INDEX orders_browse_channel;
    DROP INDEX orders_browse_store;
    DROP INDEX orders_browse_status;
    DROP INDEX orders_browse_processed;
    DROP INDEX orders_browse_created;
  `.execute(db);
}
