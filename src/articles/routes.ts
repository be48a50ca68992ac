// Article register (contract §8): PUT one, or POST many as a JSON array or as
// the Engage XML feed. Bulk answers list per-article errors and import the rest.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';
import { ApiError } from '../http/problem.js';
import { getArticle, upsertArticles } from './repo.js';
import { Article, ArticlePutBody, ImportResult } from './schemas.js';
import { checkArticle } from './validate.js';

const tags = ['Articles'];
const SkuParams = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 255 }) });

export async function articleRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.put('/api/v3/articles/:sku', {
    config: { invalidCode: 'InvalidArticle' },
    schema: { tags, summary: 'Create or replace an article (201 created, 200 replaced)', params: SkuParams, body: ArticlePutBody },
  }, async (request, reply) => {
    const { sku } = request.params;
    const body = request.body as Record<string, unknown>;
    if (body.sku !== undefined && body.sku !== sku) {
      throw new ApiError('InvalidArticle', 'The body sku must equal the sku in the path', [{ path: 'sku', message: `must equal ${sku}` }]);
    }
    const article = { ...body, sku } as Article;
    const created = await upsertArticles(ctx.db, [article]);
    return reply.code(created.has(sku) ? 201 : 200).send(article);
  });

  app.get('/api/v3/articles/:sku', {
    schema: { tags, summary: 'Get an article', params: SkuParams },
  }, async (request) => {
    const article = await getArticle(ctx.db, request.params.sku);
    if (!article) throw new ApiError('ArticleNotFound', `Article ${request.params.sku} does not exist`);
    return article;
  });

  app.post('/api/v3/articles', {
    config: { invalidCode: 'InvalidArticle' },
    schema: {
      tags,
      summary: 'Import articles: a JSON array (per-article errors; the valid ones are imported)',
      body: Type.Array(Type.Unknown(), { maxItems: 10_000 }),
      response: { 200: ImportResult },
    },
  }, async (request) => {
    const valid: Article[] = [];
    const errors: { index: number; sku: string | null; field: string; message: string }[] = [];
    request.body.forEach((item, index) => {
      const checked = checkArticle(item);
      if (checked.ok) valid.push(checked.article);
      else {
        const sku = typeof (item as { sku?: unknown })?.sku === 'string' ? (item as { sku: string }).sku : null;
        for (const error of checked.errors) errors.push({ index, sku, field: error.path, message: error.message });
      }
    });
    await upsertArticles(ctx.db, valid);
    return { imported: valid.length, failed: request.body.length - valid.length, errors };
  });
}
