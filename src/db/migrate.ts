import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './schema.js';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Our advisory lock key (any constant bigint that no other lock of this database uses). */
const MIGRATION_LOCK = 7_425_118_003_210_541n;

/**
 * Brings the schema up to date. Several processes starting at once against one
 * PostgreSQL database (an upgrade rolled out to every API and worker process) are
 * serialised by a session advisory lock: the first migrates, the others wait, then
 * find nothing left to do. Kysely's Migrator takes an advisory lock of its own, but
 * only after creating its bookkeeping tables; ours covers those too, and the whole
 * run shares the one connection that holds it (the lock is per session).
 * Returns the names of the migrations this call applied.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      const migrator = new Migrator({
        db: connection,
        allowUnorderedMigrations: true,
        provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }),
      });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((result) => result.status === 'Error');
      if (error || failed) {
        // The cause lets start-up tell "the database is away" from a broken migration.
        throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`, { cause: error });
      }
      return (results ?? []).map((result) => result.migrationName);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection).catch(() => {});
    }
  });
}
