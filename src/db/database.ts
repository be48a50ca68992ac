// One driver, one code path: node-postgres against PostgreSQL, or against the
// embedded PGlite through its node-postgres adapter.
import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './lock.js';
import { migrateToLatest } from './migrate.js';
import type { Db } from './schema.js';

// bigint columns (bigserial ids, counts) arrive as strings; keep them so, and parse numerics ourselves.
export interface Database {
  kind: 'postgres' | 'embedded';
  db: Db;
  pool: pg.Pool;
  /** Wakes listeners in this process and, on PostgreSQL, in every other process. */
  notify(channel: string): void;
  onNotify(channel: string, listener: () => void): () => void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Embedded data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  migrate?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const database = options.databaseUrl ? await openPostgres(options.databaseUrl, options.poolSize ?? 20) : await openEmbedded(options.dataDir ?? 'memory://');
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {}); // an idle client dropped by the server is replaced on next use
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let listener: pg.Client | undefined;
  const channels = new Set<string>();

  async function listen(channel: string): Promise<void> {
    if (!listener) {
      listener = new pg.Client({ connectionString });
      listener.on('error', () => {}); // notifications are a speed-up; polling covers their loss
      listener.on('notification', (message) => local.emit(message.channel));
      await listener.connect();
    }
    await listener.query(`LISTEN "${channel}"`);
  }

  return {
    kind: 'postgres',
    pool,
    db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    notify(channel) {
      local.emit(channel);
      pool.query('SELECT pg_notify($1, $2)', [channel, '']).catch(() => {});
    },
    onNotify(channel, fn) {
      local.on(channel, fn);
      if (!channels.has(channel)) {
        channels.add(channel);
        listen(channel).catch(() => channels.delete(channel));
      }
      return () => local.off(channel, fn);
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const lite = await PGlite.create(inMemory ? undefined : dataDir);
    // The adapter serialises everything through one PGlite instance: more than one client crashes it.
    const pool = new pg.Pool({ ...(createPgConfig(lite) as unknown as pg.PoolConfig), max: 1 });
    const local = new EventEmitter();
    local.setMaxListeners(0);
    return {
      kind: 'embedded',
      pool,
      db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
      notify: (channel) => local.emit(channel),
      onNotify(channel, fn) {
        local.on(channel, fn);
        return () => local.off(channel, fn);
      },
      async close() {
        await pool.end();
        await lite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
