// Routes for the console's segment pages: attribute value pickers and the CSV
// export of a segment's members. Thin: parse, call, shape the reply.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { type ArticleAttribute, articleAttributes } from './filter.js';
import { DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS } from './limits.js';
import { exportMembersCsv } from './members.js';
import { answers } from '../http/schemas.js';
import { ValuesAnswer } from './schemas.js';
import { getSegment } from './service.js';
import { attributeValues } from './values.js';

const tags = ['Segments'];
const attributes = Object.keys(articleAttributes) as ArticleAttribute[];

/** A file name a browser accepts: the segment's name in safe ASCII, or its id. */
function fileName(name: string, id: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[^\w .-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `segment-${safe || id}.csv`;
}

export async function segmentMemberRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const timeoutMs = ctx.config.segmentStatementTimeoutMs ?? DEFAULT_SEGMENT_STATEMENT_TIMEOUT_MS;

  app.get(
    '/api/v3/segments/values',
    {
      schema: {
        tags,
        summary: 'Distinct values of one article attribute in the article register, for filter value pickers',
        description:
          'Values starting with `q` in any letter case (all values without `q`), alphabetical, at most `count`. Values that differ only in letter case are one value, as in segment filters.',
        querystring: Type.Object({
          attribute: Type.Union(
            attributes.map((a) => Type.Literal(a)),
            { description: 'A lineItem attribute of the segment filter' },
          ),
          q: Type.Optional(Type.String({ maxLength: 255, default: '' })),
          count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
        }),
        response: answers({ 200: ValuesAnswer }),
      },
    },
    async (request) => {
      const { attribute, q = '', count = 20 } = request.query;
      return { attribute, q, items: await attributeValues(ctx.db, attribute, q, count) };
    },
  );

  app.get(
    '/api/v3/segments/:id/contacts.csv',
    {
      schema: {
        tags,
        summary: "A saved segment's contacts as of now as CSV (contactId, firstName, lastName, email, mobilePhone, memberNumber), ordered by contact id",
        description:
          'Streamed: any number of contacts. Cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with an apostrophe.',
        params: Type.Object({ id: Type.String() }),
        response: answers({
          200: { description: 'RFC 4180 CSV with a header line, after a UTF-8 byte order mark', content: { 'text/csv': { schema: Type.String() } } },
        }),
      },
    },
    async (request, reply) => {
      const segment = await getSegment(ctx.db, request.params.id);
      const csv = await exportMembersCsv(ctx.db, segment.filter, new Date(), timeoutMs, { paceByReader: ctx.database.kind === 'postgres' });
      return (
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${fileName(segment.name, segment.id)}"`)
          .header('cache-control', 'no-store')
          // The schema documents the CSV for OpenAPI; a stream is sent as it is, never serialised.
          .send(csv as unknown as string)
      );
    },
  );
}
