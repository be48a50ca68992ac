// The claim asks "is an earlier job of this order still open?" for every
// candidate. The old (order_id, seq) index holds the order's whole history, so
// that probe grew with finished jobs; this one holds open jobs only.
// retry_at / last_error_code: a job whose processing threw is retried with
// backoff instead of waiting out its lease, and says so on its resource.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX jobs_order_open ON jobs (order_id, seq) WHERE status IN ('Pending', 'Processing');
    ALTER TABLE jobs ADD COLUMN retry_at timestamptz, ADD COLUMN last_error_code text, ADD COLUMN last_error_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX jobs_order_open;
    ALTER TABLE jobs DROP COLUMN retry_at, DROP COLUMN last_error_code, DROP COLUMN last_error_at;
  `.execute(db);
}
