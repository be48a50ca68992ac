// GET /api/v3/integration-log: warnings and errors written while
// processing, newest first, filtered and paged.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { PagingQuery, page } from '../http/paging.js';

const Query = Type.Object({
  type: Type.Optional(Type.String({ description: 'e.g. Orders' })),
  severity: Type.Optional(Type.Enum(['Warning', 'Error'])),
  errorCode: Type.Optional(Type.String()),
  orderId: Type.Optional(Type.String()),
  resolved: Type.Optional(Type.Boolean({ description: 'true: only resolved entries; false: only open ones' })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Entries created at or after' })),
  ...PagingQuery,
});

export async function integrationLogRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v3/integration-log', {
    schema: { tags: ['Integration log'], summary: 'Integration-log entries, newest first', querystring: Query },
  }, async (request) => {
    const { type, severity, errorCode, orderId, resolved, since, offset = 0, count = 10 } = request.query;
    let query = ctx.db.selectFrom('integration_log');
    if (type) query = query.where((eb) => eb(eb.fn('lower', ['type']), '=', type.toLowerCase()));
    if (severity) query = query.where('severity', '=', severity);
    if (errorCode) query = query.where('error_code', '=', errorCode);
    if (orderId !== undefined) query = query.where('order_id', '=', orderId);
    if (resolved !== undefined) query = query.where('resolved_at', resolved ? 'is not' : 'is', null);
    if (since) query = query.where('created_at', '>=', new Date(since));
    const [rows, total] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').offset(offset).limit(count).execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((row) => ({
      id: Number(row.id),
      type: row.type,
      severity: row.severity,
      errorCode: row.error_code,
      message: row.message,
      orderId: row.order_id,
      jobId: row.job_id,
      details: row.details,
      createdAt: new Date(row.created_at).toISOString(),
      resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    }));
    return page(request.url, items, Number(total.n), offset, count);
  });
}
