// API-key authentication and scopes for every /api route. A route declares the
// scope it needs in `config.scope`; otherwise GET needs read and writes need write.
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

function neededScope(request: FastifyRequest): Scope {
  return request.routeOptions.config?.scope ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
}

export function registerAuth(app: FastifyInstance, keys: KeyStore): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public || request.url.startsWith('/api/docs')) return;
    const header = request.headers.apikey ?? request.headers['x-api-key'];
    const secret = Array.isArray(header) ? header[0] : header;
    if (!secret) throw new ApiError('MissingApiKey');
    const key = await keys.find(secret);
    if (!key) throw new ApiError('InvalidApiKey');
    request.apiKey = key;
    if (!scopeAllows(key.scope, neededScope(request))) {
      throw new ApiError('InsufficientScope', `This operation needs the ${neededScope(request)} scope; the key has ${key.scope}.`);
    }
  });
}
