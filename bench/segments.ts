// Segmentation benchmark: bulk-loads 1M orders / 3M lines / 100k contacts / 20k
// articles into a fresh PostgreSQL database, then times a fixed set of filters
// through the real compiler and evaluation path (count + first page of 100).
//   npx tsx bench/segments.ts            (BENCH_DATABASE_URL names the server; default postgres://postgres@127.0.0.1:5432/test)
//   BENCH_ORDERS=100000 BENCH_RUNS=7 BENCH_KEEP=1 …   smaller scale, more runs, keep the database
//   BENCH_REUSE=<database> …                         time the filters on a database kept earlier (no load)
// Writes docs/segments-performance.md.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { compileSegmentPage } from '../src/segments/compile.js';
import { SEGMENT_SETTINGS, evaluate } from '../src/segments/service.js';
import { sql } from 'kysely';
import { median } from './lib/stats.js';
import { benchFilters } from './segments-filters.js';
import { load } from './segments-load.js';
import { notes } from './segments-notes.js';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const orders = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const scale = { orders, contacts: Math.max(1000, orders / 10), articles: Math.max(1000, orders / 50) };
const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function loadAll(client: pg.PoolClient): Promise<void> {
  const tables = ['segment_orders', 'segment_lines', 'orders', 'contacts', 'articles'];
  // Secondary indexes are built after the load (faster than maintaining them row by row), from their own definitions.
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisprimary`,
    [tables],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);

  say(`## Load`);
  say();
  say(`| step | time |`);
  say(`| --- | ---: |`);
  const loadStarted = performance.now();
  await load(client, scale, (step, t) => say(`| ${step} | ${ms(t)} |`));
  let t = performance.now();
  for (const index of indexes) await client.query(index.indexdef);
  say(`| ${indexes.length} secondary indexes | ${ms(performance.now() - t)} |`);
  t = performance.now();
  await client.query(`VACUUM ANALYZE`);
  say(`| VACUUM ANALYZE | ${ms(performance.now() - t)} |`);
  say(`| **total** | **${((performance.now() - loadStarted) / 1000).toFixed(1)} s** |`);
  const {
    rows: [counts],
  } = await client.query(
    `SELECT (SELECT count(*) FROM segment_orders) AS o, (SELECT count(*) FROM segment_lines) AS l, (SELECT count(*) FROM segment_orders WHERE ongoing) AS ongoing`,
  );
  say();
  say(
    `Loaded ${Number(counts.o).toLocaleString('en')} order facts (${Number(counts.ongoing).toLocaleString('en')} ongoing), ${Number(counts.l).toLocaleString('en')} line facts.`,
  );
  say();
}

async function main() {
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? `eo_bench_seg_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    const client = await database.pool.connect();
    const {
      rows: [server],
    } = await client.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`);
    say(`# Segmentation performance`);
    say();
    say(`- Date: ${new Date().toISOString()}`);
    say(`- Command: \`npx tsx bench/segments.ts\` (BENCH_ORDERS=${orders}, ${runs} timed runs per filter after one warm-up)`);
    say(
      `- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM; ${String(server.v).split(' on ')[0]}, shared_buffers ${server.sb}, work_mem ${server.wm} (server defaults)`,
    );
    say(
      `- Data: ${scale.orders.toLocaleString('en')} orders, ~${(scale.orders * 3).toLocaleString('en')} lines, ${scale.contacts.toLocaleString('en')} contacts, ${scale.articles.toLocaleString('en')} articles, 200 stores`,
    );
    say();
    if (!reuse) await loadAll(client);
    else say(`(Filters timed on database ${name}, loaded by an earlier run.)\n`);

    say(`## Filters (median of ${runs}; count + first page of 100 contact ids, one statement)`);
    say();
    say(`| filter | contacts | median | min | max | target | |`);
    say(`| --- | ---: | ---: | ---: | ---: | ---: | --- |`);
    const results: { name: string; median: number; filter: (typeof benchFilters)[number]['filter'] }[] = [];
    // The machine is shared and noisy: a fixed full scan of the order facts, timed between the
    // filters, shows how loaded it was during this run.
    const baseline: number[] = [];
    const timeBaseline = async () => {
      const started = performance.now();
      await client.query(`SELECT count(*) FROM segment_orders`);
      baseline.push(performance.now() - started);
    };
    for (const { name: label, filter, simple } of benchFilters) {
      await timeBaseline();
      const first = await evaluate(database.db, filter, 0, 100); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await evaluate(database.db, filter, 0, 100);
        times.push(performance.now() - started);
      }
      const m = median(times);
      const target = simple ? 100 : 500;
      results.push({ name: label, median: m, filter });
      say(
        `| ${label} | ${first.count.toLocaleString('en')} | ${ms(m)} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} | < ${target} ms | ${m < target ? 'pass' : '**FAIL**'} |`,
      );
    }
    say();
    say(
      `Noise gauge: \`SELECT count(*) FROM segment_orders\` (a full scan of 1M order facts) took ${ms(median(baseline))} median, ${ms(Math.min(...baseline))}–${ms(Math.max(...baseline))}, between the filters.`,
    );
    say();

    say(`## EXPLAIN (ANALYZE, BUFFERS) of the two slowest`);
    for (const slow of [...results].sort((a, b) => b.median - a.median).slice(0, 2)) {
      const compiled = compileSegmentPage(slow.filter, { now: new Date(), offset: 0, count: 100 }).compile(database.db);
      await client.query(`BEGIN`);
      await client.query(sql`SELECT ${SEGMENT_SETTINGS}`.compile(database.db).sql); // as evaluate() does
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, compiled.parameters as unknown[]);
      await client.query(`COMMIT`);
      say();
      say(`### ${slow.name} (median ${ms(slow.median)})`);
      say();
      say('```json');
      say(JSON.stringify(slow.filter));
      say('```');
      say();
      say('```');
      for (const row of rows) say(row['QUERY PLAN']);
      say('```');
    }
    say();

    say(`## Sizes`);
    say();
    say(`| relation | size |`);
    say(`| --- | ---: |`);
    const { rows: sizes } = await client.query(`
      SELECT c.relname, pg_size_pretty(pg_relation_size(c.oid)) AS size FROM pg_class c
      WHERE c.relname LIKE 'segment%' OR c.relname IN ('orders', 'articles', 'contacts')
      ORDER BY c.relkind DESC, pg_relation_size(c.oid) DESC`);
    for (const row of sizes) say(`| ${row.relname} | ${row.size} |`);
    say();
    say(notes.trimEnd());
    client.release();
    writeFileSync(new URL('../docs/segments-performance.md', import.meta.url), out.join('\n') + '\n');
    console.log('\nWritten to docs/segments-performance.md');
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
