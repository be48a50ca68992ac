// Assembles the HTTP service: plugins, auth, errors, docs, ops routes and every
// capability's routes. Capabilities are listed in src/routes.ts.
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { registerCapabilities } from '../routes.js';
import { registerAuth } from './auth.js';
import { registerErrorHandling } from './errors.js';
import { registerOpsRoutes } from './ops.js';
import { registerTolerantJson } from './tolerant.js';
import { validatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string; hidden: boolean }[];
  }
}

export interface AppOptions {
  /** false serves only the operations routes (a worker-only process). */
  api?: boolean;
  logger?: boolean;
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel, redact: ['req.headers.apikey', 'req.headers["x-api-key"]'] },
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every route's method and URL, so a test can hold the OpenAPI document to covering them all.
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, hidden: Boolean((route.schema as { hide?: boolean })?.hide) });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.removeContentTypeParser('text/plain');
  registerTolerantJson(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Engage Orders API', version: '3.0.0', description: 'Orders v3: asynchronous order writes, jobs, actions and the registers they refer to.' },
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

  registerAuth(app, ctx.keys);
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: ctx.config.rateLimitPerSecond,
    timeWindow: 1000,
    keyGenerator: (request) => request.apiKey?.id ?? request.ip,
    allowList: (request) => !request.url.startsWith('/api/') || request.url.startsWith('/api/docs'),
  });

  registerOpsRoutes(app, ctx);
  if (options.api !== false) await registerCapabilities(app, ctx);
  return app;
}

export type App = FastifyInstance;
