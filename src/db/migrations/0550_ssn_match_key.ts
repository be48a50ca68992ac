import { sql, type Kysely } from 'kysely';
import { ssnMatchKey } from '../../domain/personal-numbers.js';

// A social security number is matched in one normal form (twelve digits for a
// Swedish one, upper case for a Finnish one), so that `19670919-9530`,
// `196709199530` and `670919-9530` find the same contact. The number stays in
// `social_security_number` as the client sent it; `ssn_key` holds the form it
// is matched by, and replaces the old index. The backfill uses the same rule
// as new writes (ssnMatchKey), so the two agree.
//
// Orders, receipts and integration-log entries waiting for a contact keep the
// key as it was sent; linking and erasure look for every spelling of a number.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE contacts ADD COLUMN ssn_key text`.execute(db);
  const { rows } = await sql<{ id: string; ssn: string }>`
    SELECT id, social_security_number AS ssn FROM contacts WHERE social_security_number IS NOT NULL`.execute(db);
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    await sql`
      UPDATE contacts c SET ssn_key = k.key
      FROM unnest(${chunk.map((row) => row.id)}::uuid[], ${chunk.map((row) => ssnMatchKey(row.ssn))}::text[]) AS k(id, key)
      WHERE c.id = k.id`.execute(db);
  }
  await sql`
    CREATE INDEX contacts_ssn_key ON contacts (ssn_key);
    DROP INDEX contacts_ssn;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX contacts_ssn ON contacts (social_security_number);
    DROP INDEX contacts_ssn_key;
    ALTER TABLE contacts DROP COLUMN ssn_key;
  `.execute(db);
}
