import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator } from 'kysely';
import type { Db } from './schema.js';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, allowUnorderedMigrations: true, provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    // The cause lets start-up tell "the database is away" (wait and retry) from a broken migration (stop).
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`, { cause: error });
  }
}
