// Receipts: immutable transactions, one row per uniqueReceiptId.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE receipts (
      -- The primary key decides between concurrent registrations of the same receipt.
      unique_receipt_id text PRIMARY KEY,
      receipt_number text NOT NULL,
      contact_id uuid,
      -- Kept so a contact registered later can be linked (email lowercased).
      match_key_type text,
      match_key text,
      contact_type text,
      order_id text,
      store_external_id text NOT NULL,
      created_date timestamptz NOT NULL,
      content_hash text NOT NULL,
      document jsonb NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX receipts_contact ON receipts (contact_id, created_date DESC, unique_receipt_id) WHERE contact_id IS NOT NULL;
    CREATE INDEX receipts_order ON receipts (order_id) WHERE order_id IS NOT NULL;
    CREATE INDEX receipts_unlinked ON receipts (match_key_type, match_key) WHERE contact_id IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE receipts`.execute(db);
}
