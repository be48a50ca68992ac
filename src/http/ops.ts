// Operations routes: liveness, readiness and Prometheus metrics. No API key.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../app/capability.js';
import { retryAfterSeconds } from './errors.js';
import { registerStateGauges, scrape } from '../metrics.js';
import { problem } from './problem.js';
import { answers } from './schemas.js';
import { Type } from 'typebox';

function unready(reply: FastifyReply, detail: string) {
  return reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds('ServiceUnavailable')))
    .type('application/problem+json')
    .send(problem('ServiceUnavailable', detail));
}

export function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const ops = (summary: string, response: Record<string, unknown>) => ({ schema: { tags: ['Operations'], summary, security: [], response } });
  app.get('/healthz', ops('The process is alive', answers({ 200: Type.Object({ status: Type.Literal('ok') }) })), async () => ({ status: 'ok' }));
  const Ready = Type.Object({ status: Type.Literal('ready'), database: Type.String({ description: 'embedded or postgres' }) });
  app.get('/readyz', ops('The database answers within READY_TIMEOUT_MS', answers({ 200: Ready })), async (_request, reply) => {
    // A stalled database must turn the probe red, not hang it: the probe has its own deadline.
    const deadline = ctx.config.readyTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadline)));
    try {
      const answer = await Promise.race([sql`SELECT 1`.execute(ctx.db).then(() => 'ok' as const), timedOut]);
      if (answer === 'ok') return { status: 'ready', database: ctx.database.kind };
      return unready(reply, `The database did not answer within ${deadline} ms`);
    } catch {
      return unready(reply, 'The database is not reachable');
    } finally {
      clearTimeout(timer);
    }
  });
  registerStateGauges(ctx.metrics.registry, ctx.database);
  const text = { description: 'The Prometheus text format', content: { 'text/plain': { schema: Type.String() } } };
  app.get('/metrics', ops('Prometheus metrics', answers({ 200: text })), async (_request, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return scrape(ctx.metrics);
  });
}
