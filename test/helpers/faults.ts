// Fault injection on PostgreSQL for tests: terminate sessions of ONE database
// (the test's own), never anyone else's.
import pg from 'pg';
import { eventually } from './eventually.js';

/** Terminates the sessions of database `datname` (optionally only one application's, or one pid); returns how many. */
export async function terminateSessions(admin: pg.Client, datname: string, only: { applicationName?: string; pid?: number } = {}): Promise<number> {
  if (!/^eo_/.test(datname) && !only.pid) throw new Error(`refusing to terminate sessions of ${datname}: not a test database`);
  const { rows } = await admin.query<{ ok: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
     WHERE datname = $1 AND pid <> pg_backend_pid() AND ($2::text IS NULL OR application_name = $2) AND ($3::int IS NULL OR pid = $3)`,
    [datname, only.applicationName ?? null, only.pid ?? null],
  );
  return rows.filter((row) => row.ok).length;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  await eventually(what, check, timeoutMs);
}
