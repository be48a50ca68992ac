// Operations routes: liveness, readiness and Prometheus metrics. No API key.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { registerStateGauges } from './metrics.js';
import { problem } from './problem.js';

export function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const ops = (summary: string) => ({ schema: { tags: ['Operations'], summary, security: [] } });
  app.get('/healthz', ops('The process is alive'), async () => ({ status: 'ok' }));
  app.get('/readyz', ops('The database is reachable'), async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.database.kind };
    } catch {
      return reply.code(503).type('application/problem+json').send(problem('ServiceUnavailable', 'The database is not reachable'));
    }
  });
  registerStateGauges(ctx.metrics.registry, ctx.database);
  app.get('/metrics', ops('Prometheus metrics'), async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
