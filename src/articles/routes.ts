// Article register: PUT one, or POST many as a JSON array or as
// the Engage XML feed (streamed). Bulk answers list per-article errors and import the rest.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import type { Db } from '../db/schema.js';
import { ApiError } from '../http/problem.js';
import { answers, asAnswer, open } from '../http/schemas.js';
import { getArticle, upsertArticles } from './repo.js';
import { Article, ArticlePutBody, ImportResult } from './schemas.js';
import { checkArticle } from './validate.js';
import { DEFAULT_FEED_LIMIT_BYTES, FeedSyntaxError, FeedTooLargeError, MAX_LISTED_ERRORS, importArticleFeed } from './xml.js';

declare module '../config.js' {
  interface Config {
    /** ARTICLE_FEED_LIMIT_BYTES: the XML feed's own body limit (default 200 MB); BODY_LIMIT_BYTES does not apply to it. */
    articleFeedLimitBytes?: number;
  }
}

const tags = ['Articles'];
/** An article as stored: every field the client sent (open). */
const ArticleAnswer = Type.Object(Article.properties, { ...open, title: 'Article' });

const SkuParams = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 255 }) });

export async function articleRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/api/v3/articles/:sku',
    {
      config: { invalidCode: 'InvalidArticle' },
      schema: {
        tags,
        summary: 'Create or replace an article (201 created, 200 replaced)',
        params: SkuParams,
        body: ArticlePutBody,
        response: answers({ 201: ArticleAnswer, 200: ArticleAnswer }),
      },
    },
    async (request, reply) => {
      const { sku } = request.params;
      const body = request.body as Record<string, unknown>;
      if (body.sku !== undefined && body.sku !== sku) {
        throw new ApiError('InvalidArticle', 'The body sku must equal the sku in the path', [{ path: 'sku', message: `must equal ${sku}` }]);
      }
      const article = { ...body, sku } as Article;
      const created = await upsertArticles(ctx.db, [article]);
      return reply.code(created.has(sku) ? 201 : 200).send(asAnswer(ArticleAnswer, article));
    },
  );

  app.get(
    '/api/v3/articles/:sku',
    {
      schema: { tags, summary: 'Get an article', params: SkuParams, response: answers({ 200: ArticleAnswer }) },
    },
    async (request) => {
      const article = await getArticle(ctx.db, request.params.sku);
      if (!article) throw new ApiError('ArticleNotFound', `Article ${request.params.sku} does not exist`);
      return asAnswer(ArticleAnswer, article);
    },
  );

  // The XML parser exists only inside this plugin: every other route still answers 415 to XML.
  await fastify.register(async (scoped) => {
    scoped.addContentTypeParser(['application/xml', 'text/xml'], (_request, payload, done) => done(null, payload));
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v3/articles',
      {
        config: { invalidCode: 'InvalidArticle' },
        schema: {
          tags,
          summary: 'Import articles: a JSON array, or the Engage XML feed (streamed). Per-article errors; the valid ones are imported',
          body: {
            content: {
              'application/json': { schema: Type.Array(Type.Unknown(), { maxItems: 10_000 }) },
              'application/xml': { schema: Type.Unknown({ description: 'A root element with <article> elements; see docs/registers.md' }) },
            },
          },
          response: answers({ 200: ImportResult }),
        },
      },
      async (request, reply) => {
        if (isStream(request.body)) {
          const limitBytes = ctx.config.articleFeedLimitBytes ?? DEFAULT_FEED_LIMIT_BYTES;
          // A declared length over the limit is refused before a byte is read.
          if (Number(request.headers['content-length'] ?? 0) > limitBytes) throw feedTooLarge(reply, request.body, new FeedTooLargeError(limitBytes, 0));
          return importXml(ctx.db, request.body, limitBytes, reply);
        }
        return importJson(ctx.db, request.body as unknown[]);
      },
    );
  });
}

function isStream(body: unknown): body is Readable {
  return typeof (body as Readable | null)?.pipe === 'function';
}

/** 413; the connection closes after the answer, so the rest of an oversized upload is not read. */
function feedTooLarge(reply: FastifyReply, stream: Readable, error: FeedTooLargeError): ApiError {
  reply.header('connection', 'close');
  stream.resume();
  return new ApiError('PayloadTooLarge', error.message, [{ path: '', message: `must be at most ${error.limitBytes} bytes` }], { imported: error.imported });
}

async function importXml(db: Db, stream: Readable, limitBytes: number, reply: FastifyReply) {
  try {
    return await importArticleFeed(
      stream,
      async (batch) => {
        await upsertArticles(db, batch);
      },
      { limitBytes },
    );
  } catch (error) {
    if (error instanceof FeedTooLargeError) throw feedTooLarge(reply, stream, error);
    if (!(error instanceof FeedSyntaxError)) throw error;
    stream.resume(); // drain the rest so the connection can answer
    throw new ApiError('InvalidArticleFeed', `Line ${error.line}: ${error.message}`, [{ path: `line ${error.line}`, message: error.message }], {
      line: error.line,
      imported: error.imported,
    });
  }
}

async function importJson(db: Db, items: unknown[]) {
  const valid: Article[] = [];
  const errors: { index: number; sku: string | null; field: string; message: string }[] = [];
  let errorsTruncated = false;
  items.forEach((item, index) => {
    const checked = checkArticle(item);
    if (checked.ok) valid.push(checked.article);
    else {
      const sku = typeof (item as { sku?: unknown })?.sku === 'string' ? (item as { sku: string }).sku : null;
      // Listed up to the same cap as the XML feed's: every failed article still counts in `failed`.
      for (const error of checked.errors) {
        if (errors.length < MAX_LISTED_ERRORS) errors.push({ index, sku, field: error.path, message: error.message });
        else errorsTruncated = true;
      }
    }
  });
  await upsertArticles(db, valid);
  return { imported: valid.length, failed: items.length - valid.length, errors, ...(errorsTruncated ? { errorsTruncated } : {}) };
}
