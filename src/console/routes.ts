// The web console (web/ → web/dist), served by the API process at `/`, plus the one
// small endpoint it needs that the rest of the API does not offer: who am I?
// The console only ever calls the public API, so anything it shows an integration can get too.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../context.js';

/** web/dist, found from this file so the working directory does not matter. */
export const consoleDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Paths that are never client routes of the console: unknown ones stay 404 problems. */
const serverOwned = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/;

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Engage Orders</title>
<p>The web console has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>`;

export async function consoleRoutes(fastify: FastifyInstance, _ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v3/keys/me', {
    schema: {
      tags: ['Keys'],
      summary: 'The calling API key: its name and scope (what it may do)',
      response: { 200: Type.Object({ name: Type.String(), scope: Type.Enum(['read', 'write', 'admin']) }) },
    },
  }, async (request) => ({ name: request.apiKey!.name, scope: request.apiKey!.scope }));

  // Encapsulated, so sendFile is decorated only here and cannot clash with another static plugin.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: consoleDist, serve: false });
    scope.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (serverOwned.test(pathname)) return reply.callNotFound();
      if (!existsSync(path.join(consoleDist, 'index.html'))) return reply.type('text/html').send(notBuiltPage);
      let relative: string;
      try {
        relative = decodeURIComponent(pathname).replace(/^\/+/, '');
      } catch {
        relative = '';
      }
      const file = path.resolve(consoleDist, relative);
      const inside = file.startsWith(consoleDist + path.sep);
      if (inside && statSync(file, { throwIfNoEntry: false })?.isFile()) {
        // Vite puts content hashes in asset names: they never change, cache them for good.
        const immutable = relative.startsWith('assets/');
        return reply.sendFile(relative, { maxAge: immutable ? '365d' : 0, immutable });
      }
      // A missing build asset (an old tab asking for a replaced bundle) is a 404, not the app page.
      if (relative.startsWith('assets/')) return reply.callNotFound();
      // Any other path is a client route (/contacts/…, /orders/…): the app decides what to show.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
    });
  });
}
