// Segment routes. Thin: validate, call the service, shape the reply.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { page } from '../http/paging.js';
import type { SemanticCheck } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { Link, NoContent, PageOf, answers, open } from '../http/schemas.js';
import { validateFilter } from './filter.js';
import { DEFAULT_SEGMENT_PREVIEW_CONCURRENCY, DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS, Gate } from './limits.js';
import { memberPage } from './members.js';
import { MemberPage } from './schemas.js';
import { type SavedSegment, createSegment, deleteSegment, evaluate, getSegment, listSegments, parseFilter } from './service.js';

// The recursive filter is checked by one pure function; its errors join the schema's in one 400.
export const segmentFilterCheck: SemanticCheck = (data) => {
  const result = validateFilter(data, '');
  return result.ok ? [] : result.errors;
};

const tags = ['Segments'];
const FilterSchema = Type.Unknown({
  'x-semantic': 'segment-filter',
  description: 'and / or / not over { hasOrder: {…} } and { contact: {…} } conditions; see docs/segments.md',
});
const IdParams = Type.Object({ id: Type.String() });
const Paging = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
const config = { invalidCode: 'InvalidFilter' as const };
const SegmentAnswer = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    filter: Type.Unknown({ description: 'As saved; see docs/segments.md' }),
    createdAt: Type.String({ format: 'date-time' }),
    links: Type.Array(Link),
  },
  { ...open, title: 'Segment' },
);
const Preview = Type.Object({ count: Type.Integer(), contactIds: Type.Array(Type.String()), links: Type.Array(Link) }, open);
const segmentPath = (id: string) => `/api/v3/segments/${id}`;

function withLinks(segment: SavedSegment) {
  return {
    ...segment,
    links: [
      { rel: 'self', href: segmentPath(segment.id), method: 'GET' },
      { rel: 'contacts', href: `${segmentPath(segment.id)}/contacts`, method: 'GET' },
    ],
  };
}

export async function segmentRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const timeoutMs = ctx.config.segmentStatementTimeoutMs ?? DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS;
  const previews = new Gate(Math.max(1, ctx.config.segmentPreviewConcurrency ?? DEFAULT_SEGMENT_PREVIEW_CONCURRENCY));
  const busy = () => new ApiError('SegmentPreviewBusy', `At most ${previews.limit} segment previews run at once; retry shortly`);

  app.post(
    '/api/v3/segments/preview',
    {
      config: { ...config, scope: 'read' }, // reads only: a read key may preview
      schema: {
        tags,
        summary: "Count a filter's contacts and list the first page, ordered by contact id",
        body: Type.Object({ filter: FilterSchema }),
        querystring: Paging,
        response: answers({ 200: Preview }),
      },
    },
    async (request, reply) => {
      const { offset = 0, count = 100 } = request.query;
      const filter = parseFilter(request.body.filter);
      const result = await previews.run(
        () => evaluate(ctx.db, filter, offset, count, new Date(), timeoutMs),
        () => {
          reply.header('retry-after', '1');
          return busy();
        },
      );
      const at = (o: number) => `/api/v3/segments/preview?offset=${o}&count=${count}`;
      const links = [{ rel: 'save', href: '/api/v3/segments', method: 'POST' }];
      if (offset + count < result.count) links.push({ rel: 'next', href: at(offset + count), method: 'POST' });
      if (offset > 0) links.push({ rel: 'previous', href: at(Math.max(0, offset - count)), method: 'POST' });
      return { count: result.count, contactIds: result.contactIds, links };
    },
  );

  app.post(
    '/api/v3/segments',
    {
      config,
      schema: {
        tags,
        summary: 'Save a segment',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), filter: FilterSchema }),
        response: answers({ 201: SegmentAnswer }),
      },
    },
    async (request, reply) => {
      const segment = await createSegment(ctx.db, request.body.name, parseFilter(request.body.filter));
      return reply.code(201).header('location', segmentPath(segment.id)).send(withLinks(segment));
    },
  );

  app.get(
    '/api/v3/segments',
    {
      schema: { tags, summary: 'Saved segments, newest first', querystring: Paging, response: answers({ 200: PageOf(SegmentAnswer) }) },
    },
    async (request) => {
      const { offset = 0, count = 100 } = request.query;
      const result = await listSegments(ctx.db, offset, count);
      return page(request.url, result.items.map(withLinks), result.totalCount, offset, count);
    },
  );

  app.get(
    '/api/v3/segments/:id',
    {
      schema: { tags, summary: 'A saved segment', params: IdParams, response: answers({ 200: SegmentAnswer }) },
    },
    async (request) => withLinks(await getSegment(ctx.db, request.params.id)),
  );

  app.delete(
    '/api/v3/segments/:id',
    {
      schema: { tags, summary: 'Delete a saved segment', params: IdParams, response: answers({ 204: NoContent }) },
    },
    async (request, reply) => {
      await deleteSegment(ctx.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v3/segments/:id/contacts',
    {
      schema: {
        tags,
        summary: "A saved segment's contacts as of now, ordered by contact id",
        params: IdParams,
        querystring: Paging,
        response: answers({ 200: MemberPage }),
      },
    },
    async (request) => {
      const { offset = 0, count = 100 } = request.query;
      const segment = await getSegment(ctx.db, request.params.id);
      const result = await memberPage(ctx.db, segment.filter, offset, count, new Date(), timeoutMs);
      return page(request.url, result.items, result.count, offset, count);
    },
  );
}
