// Pure compiler: filter tree → one parameterised SQL query (kysely `sql`
// template; every value is a bound parameter, identifiers come from fixed maps).
// Each node compiles to a SET of contact ids, combined with INTERSECT / UNION /
// EXCEPT. Set operations hash or sort, so cost grows linearly with the sets; an
// IN-predicate under OR/NOT can degrade to a per-contact subplan instead.
import { type RawBuilder, sql } from 'kysely';
import { articleAttributes, type ArticleAttribute, type ContactCondition, type Filter, type LineCondition, type OrderCondition } from './filter.js';

export interface CompileOptions {
  /** The instant `createdAt.withinDays` counts back from (a parameter, so results are reproducible). */
  now: Date;
}

interface Compiled {
  query: RawBuilder<unknown>;
  /** False for a fact scan, which yields a contact once per matching order or line. */
  distinct: boolean;
}

const allContacts = (): Compiled => ({ query: sql`SELECT id FROM contacts`, distinct: true });
const DAY_MS = 86_400_000;

const anyOf = (column: string, values: string[]) => sql`${sql.ref(column)} = ANY(${values}::text[])`;
// Article attributes match in any letter case. Both sides are lowered by the database (the same
// lower() as the expression indexes of migration 0530), so the comparison and its index agree. The
// list is lowered as one text (`{"Stride","Acme"}` → `{"stride","acme"}`; lowering never touches the
// array syntax) rather than element by element in a subquery: the planner can fold this expression
// and estimate each value from the index's statistics, where a subquery's result is unknown to it
// (measured: 61% of articles estimated for a value 1% of them have, which would steer the segment
// query to full scans of the line facts).
const anyOfIgnoringCase = (column: string, values: string[]) => sql`lower(${sql.ref(column)}) = ANY(lower(${values}::text[]::text)::text[])`;

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return sql.join(conditions, sql` AND `);
}

function orderConditions(c: OrderCondition, alias: string, options: CompileOptions): RawBuilder<unknown>[] {
  const col = (name: string) => `${alias}.${name}`;
  const out: RawBuilder<unknown>[] = [];
  if (c.ongoing !== undefined) out.push(sql`${sql.ref(col('ongoing'))} = ${c.ongoing}`);
  if (c.status) out.push(anyOf(col('status'), c.status));
  if (c.orderType) out.push(anyOf(col('order_type'), c.orderType));
  if (c.channel) out.push(anyOf(col('channel'), c.channel));
  if (c.externalStoreId) out.push(anyOf(col('store_external_id'), c.externalStoreId));
  const created = c.createdAt;
  if (created?.from) out.push(sql`${sql.ref(col('created_at'))} >= ${created.from}::timestamptz`);
  if (created?.to) out.push(sql`${sql.ref(col('created_at'))} <= ${created.to}::timestamptz`);
  if (created?.withinDays) {
    const since = new Date(options.now.getTime() - created.withinDays * DAY_MS).toISOString();
    out.push(sql`${sql.ref(col('created_at'))} >= ${since}::timestamptz`);
  }
  if (c.totalPrice?.min !== undefined) out.push(sql`${sql.ref(col('total_price'))} >= ${String(c.totalPrice.min)}::numeric`);
  if (c.totalPrice?.max !== undefined) out.push(sql`${sql.ref(col('total_price'))} <= ${String(c.totalPrice.max)}::numeric`);
  return out;
}

function lineConditions(c: LineCondition): RawBuilder<unknown>[] {
  // A cancelled line (quantity 0) was never bought or returned.
  const out: RawBuilder<unknown>[] = [sql`l.quantity > 0`];
  if (c.type) out.push(sql`l.type = ${c.type}`);
  if (c.sku) out.push(anyOf('l.sku', c.sku));
  // The article dimension is joined by SKU at query time, so register edits count at once.
  const attributes = (Object.keys(articleAttributes) as ArticleAttribute[]).filter((key) => c[key]);
  if (attributes.length > 0) {
    const where = and(attributes.map((key) => anyOfIgnoringCase(`a.${articleAttributes[key]}`, c[key]!)));
    out.push(sql`l.sku IN (SELECT a.sku FROM articles a WHERE ${where})`);
  }
  return out;
}

function hasOrder(c: OrderCondition, options: CompileOptions): Compiled {
  if (!c.lineItem) {
    const where = and([sql`o.contact_id IS NOT NULL`, ...orderConditions(c, 'o', options)]);
    return { query: sql`SELECT o.contact_id AS id FROM segment_orders o WHERE ${where}`, distinct: false };
  }
  const { lineItem, ongoing, status, createdAt, ...rest } = c;
  const lines = [sql`l.contact_id IS NOT NULL`, ...lineConditions(lineItem)];
  // Status, ongoing and createdAt are copied onto the lines; any other order condition joins the order fact.
  if (Object.keys(rest).length === 0) {
    lines.push(...orderConditions({ ongoing, status, createdAt }, 'l', options));
    return { query: sql`SELECT l.contact_id AS id FROM segment_lines l WHERE ${and(lines)}`, distinct: false };
  }
  const where = and([...lines, ...orderConditions(c, 'o', options)]);
  return { query: sql`SELECT l.contact_id AS id FROM segment_lines l JOIN segment_orders o ON o.order_id = l.order_id WHERE ${where}`, distinct: false };
}

function contact(c: ContactCondition): Compiled {
  const conditions = [sql`true`];
  if (c.contactType) conditions.push(sql`lower(c.contact_type) = ANY(${c.contactType.map((t) => t.toLowerCase())}::text[])`);
  return { query: sql`SELECT c.id FROM contacts c WHERE ${and(conditions)}`, distinct: true };
}

const wrap = (query: RawBuilder<unknown>) => sql`(${query})`;

function node(filter: Filter, options: CompileOptions): Compiled {
  if ('hasOrder' in filter) return hasOrder(filter.hasOrder, options);
  if ('contact' in filter) return contact(filter.contact);
  if ('not' in filter) {
    return { query: sql`${wrap(allContacts().query)} EXCEPT ${wrap(node(filter.not, options).query)}`, distinct: true };
  }
  if ('or' in filter) {
    const children = filter.or.map((child) => node(child, options));
    if (children.length === 1) return children[0]!;
    return {
      query: sql.join(
        children.map((c) => wrap(c.query)),
        sql` UNION `,
      ),
      distinct: true,
    };
  }
  // and: intersect the positive children, then subtract the negated ones (A ∧ ¬B = A EXCEPT B).
  const positives = filter.and.filter((child) => !('not' in child)).map((child) => node(child, options));
  const negatives = filter.and.flatMap((child) => ('not' in child ? [node(child.not, options)] : []));
  const base = positives.length > 0 ? positives : [allContacts()];
  if (base.length === 1 && negatives.length === 0) return base[0]!;
  let query = sql.join(
    base.map((c) => wrap(c.query)),
    sql` INTERSECT `,
  );
  for (const negative of negatives) query = sql`${query} EXCEPT ${wrap(negative.query)}`;
  return { query, distinct: true };
}

/** A query returning the distinct ids (column `id`) of existing contacts the filter selects. */
export function compileFilter(filter: Filter, options: CompileOptions): RawBuilder<{ id: string }> {
  const compiled = node(filter, options);
  // No join with contacts is needed: a foreign key keeps every contact id in the facts registered.
  const query = compiled.distinct ? compiled.query : sql`SELECT DISTINCT id FROM (${compiled.query}) s`;
  return query as RawBuilder<{ id: string }>;
}

/** The count and one page (ordered by contact id) of a filter's contacts, in one statement. */
export function compileSegmentPage(filter: Filter, options: CompileOptions & { offset: number; count: number }): RawBuilder<{ count: number; ids: string[] }> {
  return sql<{ count: number; ids: string[] }>`
    WITH s AS MATERIALIZED (${compileFilter(filter, options)})
    SELECT (SELECT count(*) FROM s)::int AS count,
           ARRAY(SELECT id FROM s ORDER BY id LIMIT ${options.count} OFFSET ${options.offset})::text[] AS ids`;
}
