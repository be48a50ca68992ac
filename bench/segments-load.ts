// Set-based bulk load for the segmentation benchmark: contacts, stores, articles,
// orders (with their JSON documents) and the segment facts, all generated inside
// PostgreSQL (generate_series), written to the very tables the service uses.
import type pg from 'pg';

export interface Scale {
  contacts: number;
  articles: number;
  orders: number;
  /** Lines per order average 3 (1–5). */
}

export const brands = 50;
export const productCategories = 40;
export const mainCategories = ['Shoes', 'Tops', 'Pants', 'Dresses', 'Jackets', 'Accessories', 'Underwear', 'Sport'];
export const colors = ['Red', 'Blue', 'Black', 'White', 'Green', 'Grey', 'Beige', 'Navy', 'Pink', 'Yellow', 'Brown', 'Purple'];
export const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL', '36', '38', '40', '42'];
export const seasons = ['SS23', 'AW23', 'SS24', 'AW24', 'SS25', 'AW25'];
export const genders = ['Female', 'Male', 'Unisex'];
export const stores = 200;

const textArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
/** A stable pseudo-random pick from a list, keyed by an integer and a salt. */
const pickSql = (list: string, key: string, salt: number) => `(${list})[1 + abs(hashint4(${key} * 31 + ${salt})) % array_length(${list}, 1)]`;

export async function load(client: pg.PoolClient, scale: Scale, log: (step: string, ms: number) => void): Promise<void> {
  const step = async (name: string, text: string) => {
    const started = performance.now();
    await client.query(text);
    log(name, performance.now() - started);
  };
  // Foreign keys are consistent by construction; skipping their per-row triggers keeps the load set-based.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SELECT setseed(0.42)`);

  await step(
    'contacts',
    `
    INSERT INTO contacts (id, contact_type, email, created_at)
    SELECT md5('contact' || i)::uuid, CASE WHEN i % 5 = 0 THEN 'Contact' ELSE 'Member' END, 'c' || i || '@bench.test', now() - (i % 1000) * interval '1 day'
    FROM generate_series(1, ${scale.contacts}) i`,
  );
  await step(
    'stores',
    `
    INSERT INTO stores (external_id, name, time_zone, type)
    SELECT 'STORE-' || i, 'Store ' || i, 'Europe/Stockholm', CASE WHEN i <= 10 THEN 'ECOMM' ELSE 'RETAIL' END FROM generate_series(1, ${stores}) i`,
  );
  await step(
    'articles',
    `
    INSERT INTO articles (sku, number, name, main_category, brand, color, size, product_category, season, gender, document)
    SELECT 'SKU-' || i, 'N-' || i, 'Article ' || i,
      ${pickSql(textArray(mainCategories), 'i', 1)}, 'Brand-' || (i % ${brands}),
      ${pickSql(textArray(colors), 'i', 2)}, ${pickSql(textArray(sizes), 'i', 3)}, 'Cat-' || (abs(hashint4(i * 31 + 4)) % ${productCategories}),
      ${pickSql(textArray(seasons), 'i', 5)}, ${pickSql(textArray(genders), 'i', 6)}, '{}'::jsonb
    FROM generate_series(0, ${scale.articles - 1}) i`,
  );

  // Order attributes: 12% ongoing, 5% cancelled; 2% without a contact; created over three years.
  await step(
    'order attributes (unlogged scratch table)',
    `
    CREATE UNLOGGED TABLE bench_orders AS
    SELECT i, 'O-' || i AS order_id,
      CASE WHEN i % 50 = 0 THEN NULL ELSE md5('contact' || (1 + abs(hashint4(i)) % ${scale.contacts}))::uuid END AS contact_id,
      'c' || (1 + abs(hashint4(i)) % ${scale.contacts}) || '@bench.test' AS email,
      CASE WHEN r < 0.06 THEN 'Received' WHEN r < 0.12 THEN 'InProgress' WHEN r < 0.17 THEN 'Cancelled' ELSE 'Completed' END AS status,
      CASE WHEN c < 0.6 THEN 'Ecom' WHEN c < 0.95 THEN 'Store' ELSE 'App' END AS channel,
      'STORE-' || (1 + abs(hashint4(i * 7)) % ${stores}) AS store,
      now() - random() * interval '1095 days' AS created_at,
      1 + abs(hashint4(i * 11)) % 5 AS lines
    FROM (SELECT i, random() AS r, random() AS c FROM generate_series(1, ${scale.orders}) i) s`,
  );
  // SKU popularity is skewed (a few articles sell a lot); 10% of lines are returns.
  await step(
    'order lines (unlogged scratch table)',
    `
    CREATE UNLOGGED TABLE bench_lines AS
    SELECT o.i, n AS line_index, 'SKU-' || floor(${scale.articles} * power(random(), 2))::int AS sku,
      CASE WHEN random() < 0.1 THEN 'Return' ELSE 'Purchase' END AS type,
      1 + floor(random() * 3)::int AS quantity, round((50 + random() * 1500)::numeric, 2) AS total_price
    FROM bench_orders o, generate_series(0, o.lines - 1) n`,
  );
  await step(
    'orders (with documents)',
    `
    INSERT INTO orders (order_id, contact_id, version_tag, content_hash, document, order_type, status, store_external_id, match_key_type, match_key, created_at, processed_at)
    SELECT o.order_id, o.contact_id, md5(o.order_id), md5(o.order_id || 'c'),
      jsonb_build_object('orderId', o.order_id, 'contact', jsonb_build_object('matchKey', o.email, 'matchKeyType', 'Email'),
        'externalStoreId', o.store, 'status', o.status, 'currencyCode', 'SEK', 'channel', o.channel, 'createdAt', o.created_at,
        'lineItems', jsonb_build_object('items', l.items, 'subTotal', l.sub_total)),
      l.order_type, o.status, o.store, 'Email', o.email, o.created_at, now()
    FROM bench_orders o JOIN (
      SELECT i, sum(total_price) AS sub_total,
        CASE WHEN bool_and(type = 'Purchase') THEN 'Purchase' WHEN bool_and(type = 'Return') THEN 'Return' ELSE 'Mixed' END AS order_type,
        jsonb_agg(jsonb_build_object('id', 'l' || line_index, 'type', type, 'quantity', quantity, 'article', jsonb_build_object('sku', sku), 'totalPrice', total_price) ORDER BY line_index) AS items
      FROM bench_lines GROUP BY i) l ON l.i = o.i`,
  );
  await step(
    'segment_orders',
    `
    INSERT INTO segment_orders (order_id, contact_id, status, ongoing, order_type, channel, store_external_id, created_at, total_price)
    SELECT o.order_id, o.contact_id, o.status, o.status IN ('Received', 'InProgress'), x.order_type, o.channel, o.store, o.created_at, (x.document->'lineItems'->>'subTotal')::numeric
    FROM bench_orders o JOIN orders x ON x.order_id = o.order_id`,
  );
  await step(
    'segment_lines',
    `
    INSERT INTO segment_lines (order_id, line_index, contact_id, status, ongoing, created_at, type, sku, quantity, total_price)
    SELECT o.order_id, l.line_index, o.contact_id, o.status, o.status IN ('Received', 'InProgress'), o.created_at, l.type, l.sku, l.quantity, l.total_price
    FROM bench_lines l JOIN bench_orders o ON o.i = l.i`,
  );
  await client.query(`DROP TABLE bench_orders, bench_lines`);
  await client.query(`SET session_replication_role = DEFAULT`);
}
