// Runs list paging and retention (GET /api/v3/automations/runs): every filter walks
// an index in the list's order (created_at DESC, id), and a run's status is probed
// through a partial index of the deliveries that are still open or failed, a small
// set, so no request aggregates all runs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX automation_runs_order;
    CREATE INDEX automation_runs_order ON automation_runs (order_id, created_at DESC, id);
    DROP INDEX automation_runs_contact;
    CREATE INDEX automation_runs_contact ON automation_runs (contact_id, created_at DESC, id);
    CREATE INDEX automation_runs_action ON automation_runs (lower(action), created_at DESC, id);
    CREATE INDEX automation_deliveries_unsettled ON automation_deliveries (run_id, status) WHERE status IN ('Pending', 'Delivering', 'Failed');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX automation_deliveries_unsettled;
    DROP INDEX automation_runs_action;
    DROP INDEX automation_runs_contact;
    CREATE INDEX automation_runs_contact ON automation_runs (contact_id);
    DROP INDEX automation_runs_order;
    CREATE INDEX automation_runs_order ON automation_runs (order_id, created_at DESC);
  `.execute(db);
}
