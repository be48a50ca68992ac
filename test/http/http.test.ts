import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`HTTP surface (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend, { bodyLimitBytes: 64 * 1024, rateLimitPerSecond: 1000 });
    });
    after(async () => api?.stop());

    test('no key → 401, unknown key → 401, both as problem JSON; x-api-key works too', async () => {
      const none = await api.request('GET', '/api/v3/orders/jobs', undefined, { key: null });
      assert.equal(none.status, 401);
      assert.equal(none.body.errorCode, 'MissingApiKey');
      assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
      const wrong = await api.get('/api/v3/orders/jobs', 'nope');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.errorCode, 'InvalidApiKey');
      const alt = await api.request('GET', '/api/v3/orders/jobs', undefined, { key: null, headers: { 'x-api-key': await api.key('read') } });
      assert.equal(alt.status, 200);
    });

    test('scopes: read keys may only read (403 on writes); write keys may write', async () => {
      const read = await api.key('read');
      assert.equal((await api.get('/api/v3/orders/jobs', read)).status, 200);
      const denied = await api.post('/api/v3/orders', orderBody(), read);
      assert.equal(denied.status, 403);
      assert.equal(denied.body.errorCode, 'InsufficientScope');
      assert.equal((await api.post('/api/v3/orders', orderBody(), await api.key('write'))).status, 202);
    });

    test('keys are stored only as hashes', async () => {
      const secret = await api.key('read');
      const rows = await api.service.ctx.db.selectFrom('api_keys').select('key_hash').execute();
      assert.ok(rows.every((row) => row.key_hash !== secret && !row.key_hash.includes(secret)));
    });

    test('a body over the limit → 413; a non-JSON content type → 415; broken JSON → 400', async () => {
      const big = orderBody({ padding: 'x'.repeat(70 * 1024) });
      const tooLarge = await api.post('/api/v3/orders', big);
      assert.equal(tooLarge.status, 413);
      assert.equal(tooLarge.body.errorCode, 'PayloadTooLarge');
      assert.deepEqual(tooLarge.body.errors, [{ path: 'body', message: 'must not be larger than 65536 bytes' }]);
      const xml = await api.request('POST', '/api/v3/orders', '<order/>', { headers: { 'content-type': 'application/xml' } });
      assert.equal(xml.status, 415);
      assert.equal(xml.body.errorCode, 'UnsupportedMediaType');
      assert.deepEqual(
        xml.body.errors.map((e: { path: string }) => e.path),
        ['content-type'],
      );
      const text = await api.request('POST', '/api/v3/orders', 'hello', { headers: { 'content-type': 'text/plain' } });
      assert.equal(text.status, 415);
      const broken = await api.request('POST', '/api/v3/orders', '{"orderId":', { headers: { 'content-type': 'application/json' } });
      assert.equal(broken.status, 400);
      assert.equal(broken.body.errorCode, 'InvalidJson');
    });

    test('a body is decoded strictly in its declared charset: bytes that are not what it claims are a 400, never stored as replacement characters', async () => {
      const latin1 = Buffer.from('{"email":"bjorn@example.com","firstName":"Bj\u00f6rn"}', 'latin1');
      const asUtf8 = await api.request('POST', '/api/v3/contacts', latin1, { headers: { 'content-type': 'application/json' } });
      assert.equal(asUtf8.status, 400);
      assert.equal(asUtf8.body.errorCode, 'InvalidJson');
      assert.equal(asUtf8.body.detail, 'The body is not valid UTF-8');
      assert.equal((await api.get('/api/v3/contacts/id?email=bjorn@example.com')).status, 404, 'nothing stored');

      const declared = await api.request('POST', '/api/v3/contacts', latin1, { headers: { 'content-type': 'application/json; charset=ISO-8859-1' } });
      assert.equal(declared.status, 201, declared.text);
      assert.equal((await api.get(`/api/v3/contacts/${declared.body.id}`)).body.firstName, 'Bj\u00f6rn');

      const unknown = await api.request('POST', '/api/v3/contacts', latin1, { headers: { 'content-type': 'application/json; charset=x-klingon' } });
      assert.equal(unknown.status, 415);
      assert.equal(unknown.body.errorCode, 'UnsupportedMediaType');

      const proto = await api.request('POST', '/api/v3/contacts', '{"email":"p@example.com","__proto__":{"x":1}}', {
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(proto.status, 400);
      assert.equal(proto.body.errorCode, 'InvalidJson');
      assert.match(proto.body.detail, /__proto__ or constructor\.prototype key/);
    });

    test('a request Node cannot parse (bad header bytes, raw non-ASCII target, a non-numeric Content-Length, headers too large) is answered as a problem', async () => {
      const url = new URL(await api.service.app.listen({ port: 0, host: '127.0.0.1' }));
      const raw = (request: Buffer | string) =>
        new Promise<string>((resolve, reject) => {
          const socket = net.connect(Number(url.port), url.hostname);
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
          socket.end(request);
        });
      const cases: [Buffer | string, number][] = [
        ['GET /healthz HTTP/1.1\r\nHost: x\r\nIf-Match: \u0001\r\n\r\n', 400],
        [Buffer.concat([Buffer.from('GET /api/v3/orders/'), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]), 400],
        ['POST /api/v3/orders HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n', 400],
        [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ];
      for (const [request, status] of cases) {
        const answer = await raw(request);
        assert.match(answer, new RegExp(`^HTTP/1.1 ${status} `), answer.slice(0, 80));
        assert.match(answer, /content-type: application\/problem\+json/i);
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
        assert.equal(body.status, status);
        assert.equal(body.errorCode, 'InvalidRequest');
        assert.equal(body.errors.length, 1);
      }
    });

    test('a query parameter whose percent-encoding is not UTF-8 is a 400 naming it, not searched for or stored as its raw text', async () => {
      for (const [method, url, name] of [
        ['GET', '/api/v3/orders?q=%FF', 'q'],
        ['POST', '/api/v3/contacts?source=%ED%A0%80', 'source'],
        ['GET', '/api/v3/orders?count=10&q=a=%E2%82', 'q'],
      ] as const) {
        const answer = await api.request(method, url, method === 'POST' ? { email: 'query@example.com' } : undefined);
        assert.equal(answer.status, 400, url);
        assert.deepEqual(answer.body.errors, [{ path: name, message: 'is not valid percent-encoded UTF-8' }], url);
      }
      assert.equal((await api.get('/api/v3/contacts/id?email=query@example.com')).status, 404, 'nothing stored');
      assert.equal((await api.get('/api/v3/orders?q=%C3%B6+x%20y')).status, 200);
    });

    test('request ids: echoed when given, generated otherwise', async () => {
      const given = await api.request('GET', '/healthz', undefined, { headers: { 'x-request-id': 'abc-123' } });
      assert.equal(given.headers['x-request-id'], 'abc-123');
      const generated = await api.get('/healthz');
      assert.match(String(generated.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    });

    test('unknown routes are a 404 problem', async () => {
      const answer = await api.get('/api/v3/nothing-here');
      assert.equal(answer.status, 404);
      assert.equal(answer.body.errorCode, 'RouteNotFound');
      assert.equal(answer.body.detail, 'GET /api/v3/nothing-here is not a route');
      const long = await api.get(`/api/v3/${'n'.repeat(15_000)}`);
      assert.equal(long.status, 404);
      assert.ok(long.text.length < 1000, 'the answer does not echo a long path whole');
    });

    test('/healthz, /readyz and /metrics answer without a key; metrics count jobs', async () => {
      assert.equal((await api.request('GET', '/healthz', undefined, { key: null })).status, 200);
      const ready = await api.request('GET', '/readyz', undefined, { key: null });
      assert.equal(ready.status, 200);
      assert.equal(ready.body.database, backend);
      await api.write('POST', '/api/v3/orders', orderBody());
      const metrics = await api.request('GET', '/metrics', undefined, { key: null });
      assert.equal(metrics.status, 200);
      assert.match(metrics.text, /orders_jobs_accepted_total\{operation="Create"\} [1-9]/);
      assert.match(metrics.text, /orders_jobs_processed_total\{operation="Create"\} [1-9]/);
      assert.match(metrics.text, /orders_jobs_queue_depth\{status="Pending"\} \d+/);
      assert.match(metrics.text, /orders_job_latency_seconds_count\{operation="Create"\} [1-9]/);
    });

    test('the OpenAPI document covers every route', async () => {
      const docs = await api.request('GET', '/api/docs/json', undefined, { key: null });
      assert.equal(docs.status, 200);
      assert.match(docs.body.openapi, /^3\./);
      const documented = new Set<string>();
      for (const [path, operations] of Object.entries(docs.body.paths as Record<string, object>)) {
        for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
      }
      const toOpenApi = (url: string) => url.replace(/:(\w+)/g, '{$1}');
      const missing = api.service.app.routeList
        .filter((route) => !route.hidden && route.method !== 'HEAD' && !route.url.startsWith('/api/docs') && route.url !== '*' && !route.url.includes('*'))
        .map((route) => `${route.method} ${toOpenApi(route.url)}`)
        .filter((route) => !documented.has(route));
      assert.ok(api.service.app.routeList.length > 15);
      assert.deepEqual(missing, []);
      assert.ok(documented.has('POST /api/v3/orders'));
    });
  });
}

describe('rate limit', () => {
  test('past the per-key limit → 429 with Retry-After', async () => {
    const api = await startTestService('embedded', { rateLimitPerSecond: 5 });
    try {
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await api.get('/api/v3/orders/jobs'));
      const limited = answers.find((answer) => answer.status === 429);
      assert.ok(limited, 'one request was limited');
      assert.equal(limited.body.errorCode, 'RateLimited');
      assert.ok(Number(limited.headers['retry-after']) >= 0);
    } finally {
      await api.stop();
    }
  });
});
