// The web console (web/ → web/dist), served by the API process at `/`, outside the
// API plugin: its files need no key. The one endpoint it needs that the rest of the
// API does not offer (who am I?) is GET /api/v3/keys/me, in src/keys/routes.ts.
// The console only ever calls the public API, so anything it shows an integration can get too.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** web/dist, found from this file so the working directory does not matter. */
export const consoleDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Paths that are never client routes of the console: unknown ones stay 404 problems. */
const serverOwned = /^\/(api|healthz|readyz|metrics)(\/|$)/i;

/**
 * The path as a router might read it: absolute form reduced to its path, percent-decoding
 * repeated until stable, repeated slashes collapsed. So `/API/v3/x`, `//api/x` or
 * `/%2561pi/x` are recognised as API paths and answered 404, never with the console page.
 */
export function normalisedPath(url: string): string {
  let pathname = url.split('?')[0] ?? '/';
  if (!pathname.startsWith('/')) pathname = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(pathname)?.[1] ?? '/';
  for (let round = 0; round < 4 && pathname.includes('%'); round++) {
    try {
      const decoded = decodeURIComponent(pathname);
      if (decoded === pathname) break;
      pathname = decoded;
    } catch {
      break;
    }
  }
  return pathname.replace(/[/\\]+/g, '/');
}

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Engage Orders</title>
<p>The web console has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>`;

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  // Encapsulated, so sendFile is decorated only here and cannot clash with another static plugin.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: consoleDist, serve: false });
    scope.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (serverOwned.test(normalisedPath(request.url))) return reply.callNotFound();
      if (!existsSync(path.join(consoleDist, 'index.html'))) return reply.type('text/html').send(notBuiltPage);
      let relative: string;
      try {
        relative = decodeURIComponent(pathname).replace(/^\/+/, '');
      } catch {
        relative = '';
      }
      // A NUL byte is never in a file name, and the file system calls would throw on it.
      if (relative.includes('\0')) return reply.callNotFound();
      const file = path.resolve(consoleDist, relative);
      const inside = file.startsWith(consoleDist + path.sep);
      if (inside && isFile(file)) {
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

/** A path the file system refuses (longer than a file name may be, say) is no file either: the client route page answers it. */
function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
