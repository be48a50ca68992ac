// Assembles the HTTP service: plugins, auth, errors, docs, ops routes and every
// capability's routes. Capabilities are listed in src/routes.ts.
import { randomUUID } from 'node:crypto';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from '../app/capability.js';
import { consoleRoutes } from './console.js';
import type { Scope } from '../keys/keys.js';
import { registerAuth } from './auth.js';
import { answerClientError, answerFrameworkError, registerErrorHandling } from './errors.js';
import { guardRequest } from './input-guard.js';
import { logFormatOptions } from './log-format.js';
import { registerOpsRoutes } from './ops.js';
import { registerRequestLog } from './request-log.js';
import { registerAnswerSchemas } from './schemas.js';
import { registerGracefulStop } from './stopping.js';
import { registerTolerantJson } from './tolerant.js';
import { createValidatorCompiler } from './validation.js';

export interface RouteEntry {
  method: string;
  url: string;
  hidden: boolean;
  /** Registered inside the API plugin, so the API's key check and limits apply. */
  api: boolean;
  public: boolean;
  scope?: Scope;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
  }
}

export interface AppOptions {
  /** false serves only the operations routes (a worker-only process). */
  api?: boolean;
  logger?: boolean;
  /** Where log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            ...logFormatOptions(config),
            level: config.logLevel,
            redact: ['req.headers.apikey', 'req.headers["x-api-key"]'],
            serializers: { req: serializeRequest },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    logController: new LogController({ disableRequestLogging: true }), // src/http/request-log.ts logs one line per request instead of two
    bodyLimit: config.bodyLimitBytes,
    // A client that trickles its request or sits on an idle socket does not hold a connection for ever.
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: checkingInterval(config.headersTimeoutMs, config.requestTimeoutMs) },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Path parameters are checked by each route's schema (a SKU may have 255 characters); the router's
    // default cap of 100 would answer a longer one "not a route" before the schema could say why.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Fastify's own answer to a request that arrives while stopping is a bare 503 without a problem
    // body or Retry-After: stopping.ts answers it instead.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route's method and URL, so a test can hold the OpenAPI document to covering them all.
  const routes: RouteEntry[] = [];
  app.decorate('routeList', routes);
  let inApi = false;
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({
        method,
        url: route.url,
        hidden: Boolean((route.schema as { hide?: boolean })?.hide),
        api: inApi,
        public: Boolean(route.config?.public),
        scope: route.config?.scope,
      });
    }
  });
  app.setValidatorCompiler(createValidatorCompiler(ctx.parts.semanticChecks));
  app.addHook('preValidation', guardRequest); // NUL, lone surrogates, non-finite numbers, deep nesting: 400 on every route
  app.removeContentTypeParser('text/plain');
  registerTolerantJson(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  registerAnswerSchemas(app);
  registerRequestLog(app, ctx.metrics);
  // Security headers from one helmet middleware built here: built per request (as the
  // Fastify plugin does), it re-parsed the policy on every request, ~4 % of the API's CPU.
  const securityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
    hsts: { includeSubDomains: false },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  registerGracefulStop(app); // after the security headers, so that its 503 carries them too

  await app.register(swagger, {
    // Shared schemas (Problem) keep their own names as OpenAPI components.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Engage Orders API',
        version: '3.0.0',
        description: 'Orders v3: asynchronous order writes, jobs, actions and the registers they refer to.',
      },
      components: {
        securitySchemes: {
          apikey: { type: 'apiKey', in: 'header', name: 'apikey' },
          xApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ apikey: [] }, { xApiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerOpsRoutes(app, ctx);
  if (options.api !== false) {
    // The API: one encapsulated plugin whose hook authenticates every route matched
    // inside it, whatever the URL's spelling; its limits count only API requests.
    await app.register(async (api) => {
      inApi = true;
      await api.register(rateLimit, { global: false });
      registerAuth(api, ctx.keys, { perSecond: config.rateLimitPerSecond, unauthenticatedPerMinute: config.unauthenticatedLimitPerMinute });
      for (const capability of ctx.parts.capabilities) await capability.routes?.(api, ctx);
      // Any other path under /api is a 404 problem (after the key check), never the console page.
      api.route({
        method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        url: '/api/*',
        schema: { hide: true },
        config: { scope: 'read' },
        handler: async (_request, reply) => reply.callNotFound(),
      });
      inApi = false;
    });
    await consoleRoutes(app);
  }
  return app;
}

/**
 * One policy for the console, the API docs and the API: scripts, styles and data only
 * from this origin (the built console has no inline script); images also from https and
 * data: URIs (article images live on shops' servers); never framed.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
};

/** Node checks request and headers timeouts on this interval: short enough to honour short timeouts. */
function checkingInterval(headersTimeoutMs: number, requestTimeoutMs: number): number {
  const shortest = Math.min(headersTimeoutMs, requestTimeoutMs || headersTimeoutMs);
  return Math.max(100, Math.min(30_000, Math.floor(shortest / 2)));
}

const secretParams = new Set(['apikey', 'x-api-key', 'api_key', 'api-key']);

/** The logged request: the URL with any API key in its query string replaced, never the headers. */
export function serializeRequest(request: { method: string; url: string; host?: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host ?? request.hostname,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parts = url
    .slice(query + 1)
    .split('&')
    .map((part) => {
      const name = part.split('=')[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed name is logged as it is, unless it is one of ours
      }
      return secretParams.has(decoded.trim().toLowerCase()) ? `${name}=[REDACTED]` : part;
    });
  return `${url.slice(0, query)}?${parts.join('&')}`;
}

export type App = FastifyInstance;
