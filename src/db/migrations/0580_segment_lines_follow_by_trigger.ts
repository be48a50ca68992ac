import { sql, type Kysely } from 'kysely';

// A line fact belonged to its order fact through a foreign key. Its check ran
// once per inserted line, an index probe and a row lock on the order fact that
// the same statement pair had just written: six or more per processed order,
// for a guarantee the facts hook already gives (it writes an order's facts and
// lines together, in one transaction). What the key did beyond that, removing
// the lines when an order fact goes (an order deleted, a contact erased, both
// cascading), is done by one statement-level trigger, once per delete.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION segment_lines_follow_order_facts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM segment_lines l USING removed r WHERE l.order_id = r.order_id;
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER segment_lines_follow_order_facts AFTER DELETE ON segment_orders
      REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION segment_lines_follow_order_facts();
    ALTER TABLE segment_lines DROP CONSTRAINT segment_lines_order_id_fkey;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM segment_lines l WHERE NOT EXISTS (SELECT 1 FROM segment_orders o WHERE o.order_id = l.order_id);
    ALTER TABLE segment_lines ADD CONSTRAINT segment_lines_order_id_fkey
      FOREIGN KEY (order_id) REFERENCES segment_orders (order_id) ON DELETE CASCADE;
    DROP TRIGGER segment_lines_follow_order_facts ON segment_orders;
    DROP FUNCTION segment_lines_follow_order_facts();
  `.execute(db);
}
