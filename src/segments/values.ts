// The value pickers: the distinct values of one article attribute in the article
// register, found by prefix in any letter case, each with how many articles have it.
// Values that differ only in letter case are one value (segment filters treat them
// so); the spelling shown is the most common one.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { type ArticleAttribute, articleAttributes } from './filter.js';

export interface AttributeValue {
  value: string;
  articles: number;
}

/** `q` is a prefix; LIKE's own wildcards in it match themselves. */
const likePrefix = (q: string) => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function attributeValues(db: Db, attribute: ArticleAttribute, q: string, count: number): Promise<AttributeValue[]> {
  const column = sql.ref(articleAttributes[attribute]);
  // lower(column) LIKE 'prefix%' is a range scan of the attribute's expression index (migration 0530).
  const prefix = q === '' ? sql`` : sql`AND lower(${column}) LIKE lower(${likePrefix(q)})`;
  const { rows } = await sql<{ value: string; articles: number }>`
    SELECT mode() WITHIN GROUP (ORDER BY ${column}) AS value, count(*)::int AS articles
    FROM articles
    WHERE ${column} IS NOT NULL AND ${column} <> '' ${prefix}
    GROUP BY lower(${column})
    ORDER BY lower(${column})
    LIMIT ${count}`.execute(db);
  return rows;
}
