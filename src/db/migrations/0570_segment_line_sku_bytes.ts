import { sql, type Kysely } from 'kysely';

// A line's SKU compares byte by byte (collation "C"). Equality is the same in
// every deterministic collation, so segment conditions match exactly as before,
// and byte order is the one order in which a prefix is a range. One index on
// the SKU then serves both the segment line conditions and the order list's
// SKU-prefix search, which had an index of its own: every processed order wrote
// an index entry fewer per line. Changing the collation rebuilds the SKU index,
// not the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX segment_lines_sku_prefix;
    ALTER TABLE segment_lines ALTER COLUMN sku TYPE text COLLATE "C";
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE segment_lines ALTER COLUMN sku TYPE text COLLATE "default";
    CREATE INDEX segment_lines_sku_prefix ON segment_lines ((sku COLLATE "C")) INCLUDE (order_id);
  `.execute(db);
}
