import { sql, type Kysely } from 'kysely';

// What real Engage integrations send and the registers used to drop:
// - a receipt without receiptNumber (Engage marks it optional);
// - every field of a contact (address, custom attributes) and the create
//   query parameters (source, storeExternalId, createAsUnapproved), kept whole;
// - every field of a store, its `active` flag, and no required time zone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE receipts ALTER COLUMN receipt_number DROP NOT NULL;
    ALTER TABLE contacts ADD COLUMN document jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE stores ADD COLUMN document jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE stores ADD COLUMN active boolean NOT NULL DEFAULT true;
    ALTER TABLE stores ALTER COLUMN time_zone DROP NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE stores DROP COLUMN active;
    ALTER TABLE stores DROP COLUMN document;
    ALTER TABLE contacts DROP COLUMN document;
  `.execute(db);
}
