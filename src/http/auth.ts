// API-key authentication, scopes and rate limits for the API plugin (see app.ts).
// The hook is registered inside the API's encapsulated plugin, so it runs for
// every route matched there, whatever the spelling of the URL (percent-encoded,
// absolute form, trailing slash): the decision rests on the matched route's
// config, never on the URL text. A route declares the scope it needs in
// `config.scope`; otherwise GET needs read and writes need write. Only a route
// marked `config.public` is served without a key.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ApiKey, type KeyStore, type Scope, scopeAllows } from '../keys/keys.js';
import { ApiError } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: Scope;
    public?: boolean;
  }
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

export function neededScope(request: FastifyRequest): Scope {
  return request.routeOptions.config?.scope ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
}

/** What @fastify/rate-limit's createRateLimit returns for one limiter. */
type Limiter = (
  request: FastifyRequest,
) => Promise<{ isAllowed: true; key: string } | { isAllowed: false; max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean }>;

export interface AuthLimits {
  /** Requests per second per API key (or per address on a public route). */
  perSecond: number;
  /** Requests per minute per client address that carry no valid key. */
  unauthenticatedPerMinute: number;
}

export function registerAuth(api: FastifyInstance, keys: KeyStore, limits: AuthLimits): void {
  // Separate counters: a flood of bad keys from one address never spends a good key's budget.
  const perKey = api.createRateLimit({
    max: limits.perSecond,
    timeWindow: 1000,
    keyGenerator: (request) => request.apiKey?.id ?? `ip:${request.ip}`,
  }) as Limiter;
  const anonymous = api.createRateLimit({ max: limits.unauthenticatedPerMinute, timeWindow: 60_000, keyGenerator: (request) => request.ip }) as Limiter;

  api.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.public) return enforce(perKey, request, reply, 'for this address');
    const header = request.headers.apikey ?? request.headers['x-api-key'];
    const secret = Array.isArray(header) ? header[0] : header;
    if (!secret) {
      await enforce(anonymous, request, reply, 'without a valid API key from this address');
      throw new ApiError('MissingApiKey');
    }
    // Always looked up, even from an address over its budget: a valid key is never refused for others' failures.
    const key = await keys.find(secret);
    if (!key) {
      await enforce(anonymous, request, reply, 'without a valid API key from this address');
      throw new ApiError('InvalidApiKey');
    }
    request.apiKey = key;
    await enforce(perKey, request, reply, 'for this API key');
    if (!scopeAllows(key.scope, neededScope(request))) {
      throw new ApiError('InsufficientScope', `This operation needs the ${neededScope(request)} scope; the key has ${key.scope}.`);
    }
  });
}

/** Counts the request and answers 429 with Retry-After past the limit. */
async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply, what: string): Promise<void> {
  const state = await limiter(request);
  if (state.isAllowed) return;
  reply.header('x-ratelimit-limit', state.max);
  reply.header('x-ratelimit-remaining', state.remaining);
  reply.header('x-ratelimit-reset', state.ttlInSeconds);
  if (!state.isExceeded) return;
  reply.header('retry-after', Math.max(1, state.ttlInSeconds));
  throw new ApiError('RateLimited', `Too many requests ${what}; retry in ${Math.max(1, state.ttlInSeconds)} s.`);
}
