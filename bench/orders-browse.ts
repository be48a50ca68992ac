// Order-list benchmark: bulk-loads 1M orders (the segmentation benchmark's set-based loader:
// contacts, stores, articles, orders with documents, line facts) into a fresh PostgreSQL
// database, adds what browsing needs besides (contact names, processing times spread over
// time, tracking numbers, open integration-log entries), then times GET /api/v3/orders'
// query (browseOrders, the route's own code path, without HTTP) for typical filters and
// searches, and the cost of deep pages reached by following the cursor.
//   npx tsx bench/orders-browse.ts                  (BENCH_DATABASE_URL names the server; default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ORDERS=50000 BENCH_RUNS=20 BENCH_KEEP=1 …   smaller scale, more runs, keep the database
//   BENCH_REUSE=<database> …                         time the queries on a database kept earlier (no load)
//   BENCH_OUT=<file> …                               where the report goes (default docs/orders-browse-performance.md)
// Target: p95 < 100 ms per page at 1M orders.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { type BrowseQuery, browseOrders } from '../src/orders/browse.js';
import { percentile } from './lib/stats.js';
import { load } from './segments-load.js';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const scale = { orders, contacts: Math.max(1000, orders / 10), articles: Math.max(1000, orders / 50) };
const runs = Math.max(10, Number(process.env.BENCH_RUNS ?? 20));
const output = path.resolve(process.env.BENCH_OUT ?? new URL('../docs/orders-browse-performance.md', import.meta.url).pathname);
const TARGET_MS = 100;
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const firstNames = ['Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Eva', 'Nils', 'Sara', 'Olof', 'Ingrid', 'Per'];
const lastNames = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson'];
const textArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/** What the segmentation loader does not write and browsing reads. Set-based, before the indexes are built. */
async function addBrowseData(client: pg.PoolClient, log: (step: string, t: number) => void) {
  const step = async (name: string, text: string) => {
    const started = performance.now();
    await client.query(text);
    log(name, performance.now() - started);
  };
  await step(
    'contact names',
    `
    UPDATE contacts SET first_name = (${textArray(firstNames)})[1 + abs(hashtext(id::text)) % ${firstNames.length}],
      last_name = (${textArray(lastNames)})[1 + abs(hashtext(id::text || 'l')) % ${lastNames.length}]`,
  );
  // Processed a little after creation (some much later: edits), and a third with a tracking number.
  await step(
    'processing times and tracking numbers',
    `
    UPDATE orders SET processed_at = created_at + (abs(hashtext(order_id)) % 200000) * interval '1 second',
      document = CASE WHEN abs(hashtext(order_id || 't')) % 3 = 0
        THEN document || jsonb_build_object('delivery', jsonb_build_object('trackingNumber', 'TRK' || substr(order_id, 3)))
        ELSE document END`,
  );
  // 3% of orders have an open warning (a store or an article missing from the registers).
  await step(
    'integration-log entries',
    `
    INSERT INTO integration_log (type, severity, error_code, message, order_id, version_tag, ref_key, created_at)
    SELECT 'Orders', 'Warning', 'ArticleMissing', 'Article is not in the article register', order_id, version_tag, 'bench', processed_at
    FROM orders WHERE abs(hashtext(order_id || 'w')) % 33 = 0`,
  );
}

async function loadAll(client: pg.PoolClient): Promise<void> {
  const tables = ['segment_orders', 'segment_lines', 'orders', 'contacts', 'articles', 'integration_log'];
  // Secondary indexes are built after the load (faster than maintaining them row by row), from their own definitions.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisprimary AND NOT x.indisunique`,
    [tables],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
  say(`## Load`);
  say();
  say(`| step | time |`);
  say(`| --- | ---: |`);
  const started = performance.now();
  const log = (step: string, t: number) => say(`| ${step} | ${ms(t)} |`);
  await load(client, scale, log);
  await client.query(`SET session_replication_role = replica`);
  await addBrowseData(client, log);
  await client.query(`SET session_replication_role = DEFAULT`);
  let t = performance.now();
  for (const index of indexes) await client.query(index.indexdef);
  say(`| ${indexes.length} secondary indexes | ${ms(performance.now() - t)} |`);
  t = performance.now();
  await client.query(`VACUUM ANALYZE`);
  say(`| VACUUM ANALYZE | ${ms(performance.now() - t)} |`);
  say(`| **total** | **${((performance.now() - started) / 1000).toFixed(1)} s** |`);
  say();
}

/** Typical views of the list: what a person filtering or searching the console asks for. */
function queries(sample: { orderId: string; email: string; sku: string; tracking: string; store: string }): [string, BrowseQuery][] {
  return [
    ['newest first (home page)', {}],
    ['status=Received', { status: 'Received' }],
    ['status=Received,InProgress (ongoing)', { status: 'Received,InProgress' }],
    ['status=Cancelled, oldest first', { status: 'Cancelled', order: 'asc' }],
    [`storeId=${sample.store}`, { storeId: sample.store }],
    ['channel=App', { channel: 'App' }],
    ['orderType=Return', { orderType: 'Return' }],
    ['created in one month', { createdFrom: '2025-03-01', createdTo: '2025-03-31' }],
    ['processed in the last week, by processedAt', { sort: 'processedAt', processedFrom: new Date(Date.now() - 7 * 864e5).toISOString() }],
    ['hasWarnings=true', { hasWarnings: true }],
    ['status=Completed & channel=Store & hasWarnings=false', { status: 'Completed', channel: 'Store', hasWarnings: false }],
    ['sort=processedAt', { sort: 'processedAt' }],
    [`q=order id (${sample.orderId})`, { q: sample.orderId }],
    [`q=email (${sample.email})`, { q: sample.email }],
    ['q=email prefix (c12345)', { q: 'c12345' }],
    ['q=name (svensson)', { q: 'svensson' }],
    ['q=first and last name (anna svens)', { q: 'anna svens' }],
    [`q=SKU (${sample.sku})`, { q: sample.sku }],
    [`q=tracking number (${sample.tracking})`, { q: sample.tracking }],
    ['q=SKU & status=Received', { q: sample.sku, status: 'Received' }],
  ];
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
};

async function main() {
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `eo_bench_browse_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  let failed = 0;
  try {
    const client = await database.pool.connect();
    const {
      rows: [server],
    } = await client.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`);
    say(`# Order list performance (GET /api/v3/orders)`);
    say();
    say(`- Date: ${new Date().toISOString()}`);
    say(`- Command: \`npx tsx bench/orders-browse.ts\` (BENCH_ORDERS=${orders}, ${runs} timed runs per query after one warm-up)`);
    say(
      `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; ${String(server.v).split(' on ')[0]}, shared_buffers ${server.sb}, work_mem ${server.wm}`,
    );
    say(
      `- Data: ${scale.orders.toLocaleString('en')} orders, ~${(scale.orders * 3).toLocaleString('en')} lines, ${scale.contacts.toLocaleString('en')} contacts, 200 stores`,
    );
    say();
    if (!reuse) await loadAll(client);
    else say(`(Timed on database ${name}, loaded by an earlier run.)\n`);

    const {
      rows: [pick],
    } = await client.query(`
      SELECT o.order_id, o.match_key AS email, o.store_external_id AS store, l.sku, o.document #>> '{delivery,trackingNumber}' AS tracking
      FROM orders o JOIN segment_lines l ON l.order_id = o.order_id
      WHERE o.document #>> '{delivery,trackingNumber}' IS NOT NULL ORDER BY o.order_id LIMIT 1 OFFSET ${Math.floor(orders / 7)}`);
    const sample = { orderId: pick.order_id, email: pick.email, sku: pick.sku, tracking: pick.tracking, store: pick.store };
    client.release();

    say(`## First pages (limit 25; p50 / p95 of ${runs} runs)`);
    say();
    say(`| query | rows | p50 | p95 | max | target p95 | |`);
    say(`| --- | ---: | ---: | ---: | ---: | ---: | --- |`);
    for (const [label, query] of queries(sample)) {
      const first = await browseOrders(database.db, query); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await timed(() => browseOrders(database.db, query)));
      const { p50, p95, max } = summary(times);
      if (p95 >= TARGET_MS) failed += 1;
      say(
        `| ${label} | ${first.items.length}${first.nextCursor ? '+' : ''} | ${ms(p50)} | ${ms(p95)} | ${ms(max)} | < ${TARGET_MS} ms | ${p95 < TARGET_MS ? 'pass' : '**FAIL**'} |`,
      );
    }
    say();

    // Deep pages: a walk following nextCursor; every page is timed, so p95 covers the deepest.
    const depth = Math.min(200, Math.floor(orders / 100 / 4));
    say(`## Deep pages (following the cursor ${depth} pages of 100; p50 / p95 over every page)`);
    say();
    say(`| walk | deepest row | p50 | p95 | max | target p95 | |`);
    say(`| --- | ---: | ---: | ---: | ---: | ---: | --- |`);
    for (const [label, query] of [
      ['newest first', {}],
      ['status=Completed, oldest first', { status: 'Completed', order: 'asc' }],
      ['by processedAt', { sort: 'processedAt' }],
      ['channel=Ecom & hasWarnings=false', { channel: 'Ecom', hasWarnings: false }],
    ] as [string, BrowseQuery][]) {
      const times: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      while (pages < depth) {
        let page!: Awaited<ReturnType<typeof browseOrders>>;
        times.push(await timed(async () => (page = await browseOrders(database.db, { ...query, limit: 100, cursor }))));
        pages += 1;
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const { p50, p95, max } = summary(times);
      if (p95 >= TARGET_MS) failed += 1;
      say(
        `| ${label} | ${(pages * 100).toLocaleString('en')} | ${ms(p50)} | ${ms(p95)} | ${ms(max)} | < ${TARGET_MS} ms | ${p95 < TARGET_MS ? 'pass' : '**FAIL**'} |`,
      );
    }
    say();
    say(failed ? `${failed} measurement(s) over the target.` : `Every measurement within the target.`);
    writeFileSync(output, out.join('\n') + '\n');
    console.log(`\nWritten to ${output}`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP && !reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    else console.log(`Kept database ${name}`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
