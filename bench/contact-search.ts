// Contact search at scale: loads N contacts (default 300,000, under a minute) into a
// fresh database and times GET /api/v3/contacts pages through the real query
// (searchContacts): no query, common and rare prefixes of each searched field, and a
// page deep in a long result reached by its cursor.
//   npx tsx bench/contact-search.ts                        (PostgreSQL from BENCH_DATABASE_URL)
//   BENCH_CONTACTS=1000000 npx tsx bench/contact-search.ts
//   BENCH_CONTACTS=100000 BENCH_BACKEND=embedded npx tsx bench/contact-search.ts
// The machine is shared: read the figures as orders of magnitude.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { searchContacts } from '../src/contacts/search.js';
import type { Database } from '../src/db/database.js';
import { type BackendName, createBenchDatabase } from './lib/databases.js';
import { percentile } from './lib/stats.js';

const size = Number(process.env.BENCH_CONTACTS ?? 300_000);
const backend = (process.env.BENCH_BACKEND ?? 'postgres') as BackendName;
const repeats = Number(process.env.BENCH_REPEATS ?? 20);
const base = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function load(database: Database): Promise<void> {
  const started = performance.now();
  const chunk = backend === 'embedded' ? 100_000 : size;
  // Secondary indexes are built after the load (faster than row by row), from their own definitions.
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
    WHERE i.schemaname = 'public' AND i.tablename = 'contacts' AND NOT x.indisprimary`.execute(database.db);
  for (const index of indexes) await sql`DROP INDEX ${sql.ref(index.indexname)}`.execute(database.db);
  // Six first names (common prefixes), 5,000 last names, unique emails, phones and member numbers;
  // one in ten contacts without a phone.
  for (let from = 1; from <= size; from += chunk) {
    const to = Math.min(size, from + chunk - 1);
    await sql`
      INSERT INTO contacts (id, email, first_name, last_name, mobile_phone, member_number, created_at)
      SELECT md5('contact' || g)::uuid, 'user' || g || '@example.com', (ARRAY['Anna', 'Bo', 'Carl', 'Dina', 'Erik', 'Frida'])[1 + g % 6],
        'Name' || (g % 5000), CASE WHEN g % 10 = 0 THEN NULL ELSE '+4670' || lpad(g::text, 7, '0') END, 'M-' || g,
        now() - (${size} - g) * interval '1 second'
      FROM generate_series(${from}::int, ${to}::int) g`.execute(database.db);
  }
  for (const index of indexes) await sql.raw(index.indexdef).execute(database.db);
  await sql`VACUUM ANALYZE contacts`.execute(database.db);
  console.log(`Loaded ${size.toLocaleString('en')} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s (${backend}).`);
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(); // warm the cache
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-bench-contacts-'));
  const target = await createBenchDatabase(backend, base, workDir);
  const database = await target.open();
  try {
    await load(database);
    // Ten pages into "anna": the cursor a user holds after "Show more" nine times.
    let cursor: string | undefined;
    for (let i = 0; i < 9; i++)
      cursor = (await searchContacts(database.db, { q: 'anna', limit: 25, cursor: cursor ? decode(cursor) : undefined })).nextCursor ?? undefined;
    const rare = Math.floor(size / 3);
    const cases: [string, string | undefined, string?][] = [
      ['no q (everyone, newest first)', undefined],
      ['first name, common ("anna", 1 in 6)', 'anna'],
      ['one letter ("a")', 'a'],
      ['full name ("anna name12")', 'anna name12'],
      ['last name, rare ("name4999")', 'name4999'],
      ['email, one match', `user${rare}@`],
      ['phone digits, ~100 matches', `4670${String(rare).padStart(7, '0').slice(0, 5)}`],
      ['member number, one match', `m-${rare}`],
      ['no match ("zzz")', 'zzz'],
      ['"anna", page 10 (cursor)', 'anna', cursor],
    ];
    console.log('');
    console.log(`| search (${size.toLocaleString('en')} contacts, ${backend}, 25 a page) | p50 | p95 |`);
    console.log('| --- | ---: | ---: |');
    for (const [name, q, at] of cases) {
      const { p50, p95 } = await time(() => searchContacts(database.db, { q, limit: 25, cursor: at ? decode(at) : undefined }));
      console.log(`| ${name} | ${ms(p50)} | ${ms(p95)} |`);
    }
  } finally {
    await database.close();
    await target.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function decode(cursor: string) {
  const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
  return { createdAt, id };
}

await main();
