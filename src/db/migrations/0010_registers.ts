import { sql, type Kysely } from 'kysely';

// Indexes for the registers: the integration-log filter by order (and GDPR
// erasure of an order's entries), and the late-binding sweep, which looks only
// at contacts, stores and articles registered in the last few minutes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX integration_log_order ON integration_log (order_id, created_at DESC) WHERE order_id IS NOT NULL;
    CREATE INDEX contacts_created ON contacts (created_at);
    CREATE INDEX stores_created ON stores (created_at);
    CREATE INDEX articles_updated ON articles (updated_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX integration_log_order;
    DROP INDEX contacts_created;
    DROP INDEX stores_created;
    DROP INDEX articles_updated;
  `.execute(db);
}
