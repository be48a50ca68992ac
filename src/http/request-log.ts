// One log line and one metrics observation per answered request, replacing
// Fastify's two lines (incoming, completed). It names the route template, never
// the raw URL, so ids and query strings (which may hold an API key) stay out.
import type { FastifyInstance } from 'fastify';
import { type Metrics, observeRequest } from '../metrics.js';

/** Probes and scrapes come every few seconds: logged at debug so they do not drown the rest. */
const quiet = new Set(['/healthz', '/readyz', '/metrics']);

export function registerRequestLog(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(no route)';
    const durationMs = reply.elapsedTime;
    observeRequest(metrics, request.method, route, reply.statusCode, durationMs / 1000);
    const entry = { method: request.method, route, status: reply.statusCode, durationMs: Math.round(durationMs * 10) / 10, key: request.apiKey?.name };
    if (quiet.has(route)) request.log.debug(entry, 'request');
    else request.log.info(entry, 'request');
  });
}
