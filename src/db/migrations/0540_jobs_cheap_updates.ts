// Every job row is written three times: accepted, claimed, finished. Two
// changes make the two updates cheap:
// - The open-job indexes say "open" as `finished_at IS NULL` instead of by
//   status. No index then mentions status, attempts, lease or retry columns, so
//   a claim is a HOT update: a new row version on the same page and no index
//   entry at all. Only finishing, which sets finished_at, adds index entries
//   (the three indexes of every job). A HOT update needs room on the row's
//   page: at fillfactor 80 about 60 % of claims found it, at 50 about 95 %;
//   with the payload out of line a job row is ~200 bytes, so the room is cheap.
// - The payload goes out of line from ~128 bytes on (toast_tuple_target), so
//   an update copies an 18-byte pointer instead of the whole compressed body.
// Every write that ends a job sets finished_at (finishing and GDPR erasure),
// and every write that reopens one leaves it NULL, so `finished_at IS NULL`
// and "status is Pending or Processing" are the same set of rows.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX jobs_open;
    DROP INDEX jobs_order_open;
    CREATE INDEX jobs_open ON jobs (seq) WHERE finished_at IS NULL;
    CREATE INDEX jobs_order_open ON jobs (order_id, seq) WHERE finished_at IS NULL;
    ALTER TABLE jobs SET (fillfactor = 50, toast_tuple_target = 128);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE jobs RESET (fillfactor, toast_tuple_target);
    DROP INDEX jobs_open;
    DROP INDEX jobs_order_open;
    CREATE INDEX jobs_open ON jobs (seq) WHERE status IN ('Pending', 'Processing');
    CREATE INDEX jobs_order_open ON jobs (order_id, seq) WHERE status IN ('Pending', 'Processing');
  `.execute(db);
}
