import { sql, type Kysely } from 'kysely';

// Prefix search over contacts (GET /api/v3/contacts?q=): one expression index per
// searched field, each answering `lower(field) LIKE 'prefix%'` (text_pattern_ops
// compares bytes, so the prefix range works under any collation). An OR of the
// fields becomes a BitmapOr of these. pg_trgm would also find infixes, but the
// embedded database ships without it; prefixes are what the console asks for.
// The list without a query, and every page of it, walks (created_at, id) newest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX contacts_search_full_name ON contacts ((lower(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) text_pattern_ops);
    CREATE INDEX contacts_search_last_name ON contacts ((lower(last_name)) text_pattern_ops);
    CREATE INDEX contacts_search_email ON contacts ((lower(email)) text_pattern_ops);
    CREATE INDEX contacts_search_member_number ON contacts ((lower(member_number)) text_pattern_ops);
    CREATE INDEX contacts_search_phone_digits ON contacts ((ltrim(mobile_phone, '+')) text_pattern_ops);
    CREATE INDEX contacts_newest ON contacts (created_at DESC, id DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX contacts_search_full_name;
    DROP INDEX contacts_search_last_name;
    DROP INDEX contacts_search_email;
    DROP INDEX contacts_search_member_number;
    DROP INDEX contacts_search_phone_digits;
    DROP INDEX contacts_newest;
  `.execute(db);
}
