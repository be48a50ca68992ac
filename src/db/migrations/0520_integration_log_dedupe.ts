import { sql, type Kysely } from 'kysely';

// One open integration-log entry per (type, order, error code, reference): a write
// that meets the same problem again bumps `count` and `last_seen_at` instead of
// adding a row. Receipts have no order id; their entries carry the receipt id in
// version_tag, so that stands in for the order. Resolved entries are history and
// stay as they are; a later write that meets the problem again opens a new entry.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE integration_log ADD COLUMN count integer NOT NULL DEFAULT 1;
    ALTER TABLE integration_log ADD COLUMN last_seen_at timestamptz;
    ALTER TABLE integration_log ADD COLUMN resolved_by text;
    UPDATE integration_log SET last_seen_at = created_at;
    ALTER TABLE integration_log ALTER COLUMN last_seen_at SET NOT NULL;
    ALTER TABLE integration_log ALTER COLUMN last_seen_at SET DEFAULT now();

    -- The old identity included the version tag (one entry per order version) and covered
    -- resolved entries too; the new one is per order and only while open.
    DROP INDEX integration_log_once;

    -- Merge the open duplicates: the first entry of each group takes the summed count and
    -- the latest sighting (message, job, version and details of the newest); the rest go.
    UPDATE integration_log l
    SET count = g.n, last_seen_at = g.last_seen, message = newest.message, job_id = newest.job_id,
      version_tag = newest.version_tag, details = newest.details
    FROM (
      SELECT min(id) AS keep_id, sum(count)::int AS n, max(created_at) AS last_seen,
        (array_agg(id ORDER BY created_at DESC, id DESC))[1] AS newest_id
      FROM integration_log WHERE resolved_at IS NULL
      GROUP BY type, error_code, coalesce(order_id, version_tag, ''), ref_key
      HAVING count(*) > 1
    ) g JOIN integration_log newest ON newest.id = g.newest_id
    WHERE l.id = g.keep_id;
    DELETE FROM integration_log WHERE id IN (
      SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY type, error_code, coalesce(order_id, version_tag, ''), ref_key ORDER BY id) AS rank
        FROM integration_log WHERE resolved_at IS NULL
      ) s WHERE rank > 1);

    CREATE UNIQUE INDEX integration_log_open_once
      ON integration_log (type, error_code, coalesce(order_id, version_tag, ''), ref_key) WHERE resolved_at IS NULL;
    CREATE INDEX integration_log_last_seen ON integration_log (last_seen_at DESC, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX integration_log_last_seen;
    DROP INDEX integration_log_open_once;
    CREATE UNIQUE INDEX integration_log_once
      ON integration_log (type, error_code, coalesce(order_id, ''), coalesce(version_tag, ''), ref_key);
    ALTER TABLE integration_log DROP COLUMN resolved_by;
    ALTER TABLE integration_log DROP COLUMN last_seen_at;
    ALTER TABLE integration_log DROP COLUMN count;
  `.execute(db);
}
