// Automations: definitions, runs (an action event matched to an
// automation) and deliveries (one per step, claimed like jobs, retried with backoff).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE automations (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      trigger_action text NOT NULL,
      steps jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- Action names match case-insensitively, looked up inside every action's transaction.
    CREATE INDEX automations_trigger ON automations (lower(trigger_action));

    -- A run keeps what its deliveries need (action, data, language) so it outlives edits to the automation.
    CREATE TABLE automation_runs (
      id uuid PRIMARY KEY,
      automation_id uuid NOT NULL,
      automation_name text NOT NULL,
      action_event_id uuid NOT NULL,
      action text NOT NULL,
      order_id text NOT NULL,
      version_tag text NOT NULL,
      contact_id uuid,
      language text,
      data jsonb,
      occurred_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX automation_runs_order ON automation_runs (order_id, created_at DESC);
    CREATE INDEX automation_runs_created ON automation_runs (created_at DESC, id);
    CREATE INDEX automation_runs_contact ON automation_runs (contact_id);

    -- The delivery id is the eventId receivers use to drop duplicates: stable across attempts.
    CREATE TABLE automation_deliveries (
      id uuid PRIMARY KEY,
      run_id uuid NOT NULL REFERENCES automation_runs (id) ON DELETE CASCADE,
      step_index integer NOT NULL,
      step jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('Pending', 'Delivering', 'Delivered', 'Skipped', 'Failed')),
      attempts integer NOT NULL DEFAULT 0,
      attempt_log jsonb NOT NULL DEFAULT '[]'::jsonb,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_error text,
      target text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX automation_deliveries_run ON automation_deliveries (run_id, step_index);
    CREATE INDEX automation_deliveries_due ON automation_deliveries (next_attempt_at) WHERE status IN ('Pending', 'Delivering');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE automation_deliveries; DROP TABLE automation_runs; DROP TABLE automations;`.execute(db);
}
