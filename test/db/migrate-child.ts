// A separate process for test/db/concurrent-migrations.test.ts: connects, says
// "ready", waits for "go" on stdin (so that every process migrates at the same
// moment), migrates, and prints the migrations it applied as JSON.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Tables } from '../../src/db/schema.js';

const pool = new pg.Pool({ connectionString: process.argv[2], max: 3 });
const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
await pool.query('SELECT 1');
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy(); // nothing more to read: the open pipe must not keep this process alive
const applied = await migrateToLatest(db);
process.stdout.write(`applied ${JSON.stringify(applied)}\n`);
await db.destroy();
