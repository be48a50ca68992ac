// Storage of articles: typed columns for what queries use, the whole article in `document`.
import { sql } from 'kysely';
import { resolveMissing } from '../contacts/late-binding.js';
import type { Db } from '../db/schema.js';
import { setAllFromExcluded } from '../db/upsert.js';
import type { Article } from './schemas.js';

const BATCH = 500;

function row(article: Article) {
  const opt = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    sku: article.sku,
    number: article.number,
    name: article.name,
    main_category: article.mainCategory,
    brand: opt(article.brand),
    color: opt(article.color),
    size: opt(article.size),
    product_category: opt(article.productCategory),
    sub_category: opt(article.subCategory),
    age_group: opt(article.ageGroup),
    gender: opt(article.gender),
    season: opt(article.season),
    document: JSON.stringify(article),
    updated_at: sql<Date>`now()` as unknown as Date,
  };
}

/**
 * Inserts or replaces articles (the last of a repeated SKU wins) and resolves the
 * ArticleMissing warnings about them, in batches of 500 per statement and one
 * transaction per call. Returns the SKUs that were new.
 */
export async function upsertArticles(db: Db, articles: Article[]): Promise<Set<string>> {
  const unique = [...new Map(articles.map((article) => [article.sku, article])).values()];
  const created = new Set<string>();
  if (unique.length === 0) return created;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < unique.length; i += BATCH) {
      const rows = unique.slice(i, i + BATCH).map(row);
      const result = await tx
        .insertInto('articles')
        .values(rows)
        .onConflict((oc) => oc.column('sku').doUpdateSet(setAllFromExcluded(rows[0]!, 'sku')))
        .returning(['sku', sql<boolean>`(xmax = 0)`.as('inserted')])
        .execute();
      for (const { sku, inserted } of result) if (inserted) created.add(sku);
    }
    await resolveMissing(
      tx,
      'ArticleMissing',
      unique.map((article) => article.sku),
    );
  });
  return created;
}

export async function getArticle(db: Db, sku: string): Promise<Article | undefined> {
  const found = await db.selectFrom('articles').select('document').where('sku', '=', sku).executeTakeFirst();
  return found?.document as Article | undefined; // stored by upsertArticles from a validated Article
}
