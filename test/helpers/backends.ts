// The suite runs on embedded PGlite always, and on PostgreSQL too when
// TEST_DATABASE_URL is set: each test file describes its tests once per backend.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/database.js';

export type BackendName = 'embedded' | 'postgres';

export function backendNames(): BackendName[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** A fresh, migrated, empty database: a new in-memory PGlite, or a new PostgreSQL database. */
export async function freshDatabase(backend: BackendName): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  if (backend === 'embedded') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: async () => {} };
  }
  const { url, drop } = await freshPostgresDatabase();
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  return {
    database,
    url,
    drop: async () => {
      await database.close().catch(() => {});
      await drop();
    },
  };
}

/** An empty PostgreSQL database on the server of `base` (TEST_DATABASE_URL), dropped by `drop`. */
export async function freshPostgresDatabase(base = process.env.TEST_DATABASE_URL, prefix = 'eo_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
