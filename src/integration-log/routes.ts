// GET /api/v3/integration-log : warnings and errors written while
// processing, most recently seen first, filtered and paged.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { Link, PagingQuery, page } from '../http/paging.js';
import { answers } from '../http/schemas.js';
import { LogEntrySchema, presentEntry } from './entries.js';

const Query = Type.Object({
  type: Type.Optional(Type.String({ description: 'e.g. Orders' })),
  severity: Type.Optional(Type.Enum(['Warning', 'Error'])),
  errorCode: Type.Optional(Type.String()),
  orderId: Type.Optional(Type.String()),
  resolved: Type.Optional(Type.Boolean({ description: 'true: only resolved entries; false: only open ones' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Entries created at or after' })),
  ...PagingQuery,
});

const LogPage = Type.Object({
  items: Type.Array(LogEntrySchema),
  totalCount: Type.Integer(),
  offset: Type.Integer(),
  count: Type.Integer(),
  links: Type.Array(Link),
});

export async function integrationLogRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v3/integration-log',
    {
      schema: {
        tags: ['Integration log'],
        summary: 'Integration-log entries, most recently seen first; one open entry per order, code and reference, with a count',
        querystring: Query,
        response: answers({ 200: LogPage }),
      },
    },
    async (request) => {
      const { type, severity, errorCode, orderId, resolved, since, offset = 0, count = 10 } = request.query;
      let query = ctx.db.selectFrom('integration_log');
      if (type) query = query.where((eb) => eb(eb.fn('lower', ['type']), '=', type.toLowerCase()));
      if (severity) query = query.where('severity', '=', severity);
      if (errorCode) query = query.where('error_code', '=', errorCode);
      if (orderId !== undefined) query = query.where('order_id', '=', orderId);
      if (resolved !== undefined) query = query.where('resolved_at', resolved ? 'is not' : 'is', null);
      if (since) query = query.where('created_at', '>=', new Date(since));
      const [rows, total] = await Promise.all([
        query.selectAll().orderBy('last_seen_at', 'desc').orderBy('id', 'desc').offset(offset).limit(count).execute(),
        query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return page(request.url, rows.map(presentEntry), Number(total.n), offset, count);
    },
  );
}
