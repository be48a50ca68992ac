// Segmentation star schema. Facts are written in the order's own
// processing transaction (src/segments/hooks.ts); the article, store and contact
// dimensions are the registers themselves, joined at query time so that register
// edits show at once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per order. contact_id is copied from orders (and re-copied on late binding)
    -- so that a segment query never has to touch the wide orders table. Its foreign key
    -- guarantees every id in the facts is a registered contact, so queries need no join
    -- with contacts; erasing a contact removes its facts in the same statement.
    CREATE TABLE segment_orders (
      order_id text PRIMARY KEY REFERENCES orders (order_id) ON DELETE CASCADE,
      contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
      status text NOT NULL,
      ongoing boolean NOT NULL,
      order_type text NOT NULL,
      channel text,
      store_external_id text NOT NULL,
      created_at timestamptz NOT NULL,
      total_price numeric NOT NULL
    );
    -- Ongoing orders are the common question and a small part of all orders.
    CREATE INDEX segment_orders_ongoing ON segment_orders (contact_id) WHERE ongoing;
    CREATE INDEX segment_orders_contact ON segment_orders (contact_id);
    CREATE INDEX segment_orders_status ON segment_orders (status, contact_id);
    CREATE INDEX segment_orders_created ON segment_orders (created_at, contact_id);
    CREATE INDEX segment_orders_store ON segment_orders (store_external_id, contact_id);

    -- One row per order line. The order's contact, status, ongoing flag and createdAt are copied
    -- onto its lines, so that the common filters (article attributes, on ongoing or recent orders,
    -- or of a status) are index-only scans of segment_lines_sku with no join to the order fact.
    CREATE TABLE segment_lines (
      order_id text NOT NULL REFERENCES segment_orders (order_id) ON DELETE CASCADE,
      line_index integer NOT NULL,
      contact_id uuid,
      status text NOT NULL,
      ongoing boolean NOT NULL,
      created_at timestamptz NOT NULL,
      type text NOT NULL,
      sku text NOT NULL,
      quantity numeric NOT NULL,
      total_price numeric NOT NULL,
      PRIMARY KEY (order_id, line_index)
    );
    CREATE INDEX segment_lines_sku ON segment_lines (sku) INCLUDE (contact_id, ongoing, status, created_at, type, order_id);

    -- Article attributes are looked up by value to find the SKUs a line condition names.
    CREATE INDEX segment_articles_brand ON articles (brand);
    CREATE INDEX segment_articles_main_category ON articles (main_category);
    CREATE INDEX segment_articles_product_category ON articles (product_category);

    CREATE TABLE segments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      filter jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX segments_created ON segments (created_at DESC, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE segments;
    DROP TABLE segment_lines;
    DROP TABLE segment_orders;
    DROP INDEX segment_articles_brand;
    DROP INDEX segment_articles_main_category;
    DROP INDEX segment_articles_product_category;
  `.execute(db);
}
