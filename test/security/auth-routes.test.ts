// Authentication is decided on the matched route, never on the URL text. Walks
// every route in the route table (not a hand list) with no key, a bogus key, a
// read key and a write key, under every spelling of its URL an attacker might try,
// through inject and, for the absolute form, a raw request line on a real socket.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { RouteEntry } from '../../src/http/app.js';
import { type Scope, scopeAllows } from '../../src/keys/keys.js';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

const someId = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern. */
function concrete(url: string): string {
  return url.replace(/:\w+/g, someId).replace(/\*$/, 'x');
}

/** The URL spelled the ways a router might read differently from a prefix check. */
function spellings(path: string): Record<string, string> {
  const segments = path.split('/').slice(1);
  const percent = '/' + segments.map((s) => (s && /^[a-z]/.test(s) ? `%${s.charCodeAt(0).toString(16)}${s.slice(1)}` : s)).join('/');
  return {
    plain: path,
    percentEncoded: percent,
    upperCase: path.toUpperCase(),
    trailingSlash: `${path}/`,
    leadingDoubleSlash: `/${path}`,
    innerDoubleSlash: path.replace(/\//g, '//').slice(1),
  };
}

function neededScope(route: RouteEntry): Scope {
  return route.scope ?? (route.method === 'GET' || route.method === 'HEAD' ? 'read' : 'write');
}

/** One raw HTTP/1.1 request on a real socket: the request target is sent exactly as given. */
function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body });
    });
    const lines = [`${method} ${target} HTTP/1.1`, 'Host: x', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    const hasBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE' && method !== 'OPTIONS';
    if (hasBody) lines.push('Content-Type: application/json', 'Content-Length: 2');
    socket.write(`${lines.join('\r\n')}\r\n\r\n${hasBody ? '{}' : ''}`);
  });
}

for (const backend of backendNames()) {
  describe(`authentication on the matched route (${backend})`, () => {
    let api: TestService;
    let keys: Record<'none' | 'bogus' | 'read' | 'write', string | null>;
    let port: number;
    let apiRoutes: RouteEntry[];
    before(async () => {
      api = await startTestService(backend);
      keys = { none: null, bogus: 'eo_not-a-key-at-all-0123456789', read: await api.key('read'), write: await api.key('write') };
      apiRoutes = api.service.app.routeList.filter((route) => route.api);
      await api.service.app.listen({ host: '127.0.0.1', port: 0 });
      port = (api.service.app.server.address() as net.AddressInfo).port;
    });
    after(async () => api?.stop());

    test('the reported bypasses: percent-encoded and absolute-form targets need a key', async () => {
      const encoded = await api.request('GET', '/%61pi/v3/automations', undefined, { key: null });
      assert.equal(encoded.status, 401);
      assert.equal(encoded.body.errorCode, 'MissingApiKey');
      const absolute = await rawRequest(port, 'GET', 'http://x/api/v3/automations');
      assert.equal(absolute.status, 401, absolute.head);
      assert.match(absolute.body, /MissingApiKey/);
      const readKey = await rawRequest(port, 'GET', 'http://x/%61pi/v3/automations', { apikey: keys.read! });
      assert.equal(readKey.status, 403, readKey.head);
    });

    test('unknown paths under /api in any spelling are 404 problems, never the console page', async () => {
      for (const url of [
        '/API/v3/automations',
        '/api/v3/nope',
        '/Api/V3/orders',
        '//api/v3/automations',
        '/%2561pi/v3/automations',
        '/api',
        '/API',
        '/api/v3/orders/x/y/z',
      ]) {
        const answer = await api.get(url);
        assert.equal(answer.status, 404, url);
        assert.equal(answer.body?.errorCode, 'RouteNotFound', url);
        assert.doesNotMatch(answer.text, /<html/i, url);
      }
    });

    test('every route outside the API plugin is one of the few that are public on purpose', () => {
      const outside = api.service.app.routeList.filter((route) => !route.api).map((route) => route.url);
      const allowed = (url: string) => ['/healthz', '/readyz', '/metrics', '/*'].includes(url) || url === '/api/docs' || url.startsWith('/api/docs/');
      assert.deepEqual(
        outside.filter((url) => !allowed(url)),
        [],
      );
      assert.deepEqual(
        apiRoutes.filter((route) => route.public),
        [],
        'no API route is public',
      );
      assert.ok(apiRoutes.length > 40, `walks ${apiRoutes.length} API routes`);
    });

    test('every API route, every spelling: no key or a bogus key never gets data; a key without the scope never gets a 2xx', async () => {
      const failures: string[] = [];
      for (const route of apiRoutes) {
        const path = concrete(route.url);
        for (const [spelling, url] of Object.entries(spellings(path))) {
          for (const [holder, key] of Object.entries(keys)) {
            const answer = await api.request(route.method, url, undefined, { key });
            const where = `${route.method} ${url} (${spelling}, ${holder} key) → ${answer.status}`;
            const isProblem = String(answer.headers['content-type']).startsWith('application/problem+json');
            const allowed = (holder === 'read' || holder === 'write') && scopeAllows(holder, neededScope(route));
            if (!allowed) {
              if (answer.status < 300) failures.push(`${where}: answered without the right key`);
              else if (route.method !== 'HEAD' && !isProblem) failures.push(`${where}: not a problem answer`);
              if (holder === 'none' || holder === 'bogus') {
                if (![401, 404].includes(answer.status)) failures.push(`${where}: expected 401 or 404`);
              } else if (![403, 404].includes(answer.status)) failures.push(`${where}: expected 403 or 404`);
            } else if (answer.status === 401 || answer.status === 403) {
              failures.push(`${where}: refused a key with the right scope`);
            }
            // The plain spelling with no key is always the key check, never a 404 that reveals nothing either way.
            if (spelling === 'plain' && holder === 'none' && answer.status !== 401) failures.push(`${where}: expected 401`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    test('every API route in absolute form on a real socket: 401 without a key, 403 without the scope', async () => {
      const failures: string[] = [];
      for (const route of apiRoutes) {
        const target = `http://x${concrete(route.url)}`;
        const none = await rawRequest(port, route.method, target);
        if (none.status !== 401) failures.push(`${route.method} ${target} without a key → ${none.status}`);
        if (neededScope(route) !== 'read') {
          const read = await rawRequest(port, route.method, target, { apikey: keys.read! });
          if (read.status !== 403) failures.push(`${route.method} ${target} with a read key → ${read.status}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
