import { sql, type Kysely } from 'kysely';

// Segment filters match article attributes in any letter case ("stride" finds
// "Stride"), and the console's value pickers search them by prefix. One
// expression index per attribute serves both: `lower(col) = ANY(...)` for a
// filter and `lower(col) LIKE 'prefix%'` for a picker (text_pattern_ops holds
// the equality operator too, and compares bytes, so the prefix range works
// under any collation). They replace the plain-value indexes of 0200, which
// no query uses any more.
const columns = ['brand', 'main_category', 'product_category', 'color', 'size', 'season', 'gender'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS segment_articles_brand;
    DROP INDEX IF EXISTS segment_articles_main_category;
    DROP INDEX IF EXISTS segment_articles_product_category;
  `.execute(db);
  for (const column of columns) {
    await sql`CREATE INDEX ${sql.id(`segment_articles_${column}_ci`)} ON articles ((lower(${sql.ref(column)})) text_pattern_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) await sql`DROP INDEX ${sql.id(`segment_articles_${column}_ci`)}`.execute(db);
  await sql`
    CREATE INDEX segment_articles_brand ON articles (brand);
    CREATE INDEX segment_articles_main_category ON articles (main_category);
    CREATE INDEX segment_articles_product_category ON articles (product_category);
  `.execute(db);
}
