// The console's server side without a browser: GET /api/v3/keys/me, the SPA
// fallback and its limits, and that every route the console's client calls is in
// the OpenAPI document (the client types are written by hand: this catches drift).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { endpoints } from '../../web/src/api/endpoints.js';
import { sum } from '../../web/src/format.js';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`console server side (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    it('GET /api/v3/keys/me names the calling key and its scope', async () => {
      assert.deepEqual((await api.get('/api/v3/keys/me')).body, { name: 'ADMIN_API_KEY', scope: 'admin' });
      const read = await api.get('/api/v3/keys/me', await api.key('read'));
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, { name: 'test read', scope: 'read' });
      const none = await api.request('GET', '/api/v3/keys/me', undefined, { key: null });
      assert.equal(none.status, 401);
      assert.equal(none.body.errorCode, 'MissingApiKey');
    });

    it('documents every route the console calls in the OpenAPI document', async () => {
      const doc = (await api.get('/api/docs/json')).body as { paths: Record<string, Record<string, unknown>> };
      const missing = Object.entries(endpoints)
        .filter(([, e]) => !doc.paths[e.path]?.[e.method.toLowerCase()])
        .map(([name, e]) => `${name}: ${e.method} ${e.path}`);
      assert.deepEqual(missing, []);
    });

    it('serves the console page at / and at client routes, with no API key', async () => {
      // The last one is longer than a file name may be: the file system refuses to look it up (it was a 500).
      for (const url of ['/', '/contacts/3f0c0a3e-0000-4000-8000-000000000000', '/orders/A%2F1', '/segments', `/${'x'.repeat(10_000)}`]) {
        const answer = await api.request('GET', url, undefined, { key: null });
        assert.equal(answer.status, 200, url);
        assert.match(String(answer.headers['content-type']), /text\/html/, url);
        assert.match(answer.text, /Engage Orders/, url);
      }
    });

    it('keeps unknown API, operations and asset paths as 404 problems, and files inside web/dist', async () => {
      for (const url of ['/api/v3/no-such-route', '/healthz/extra', '/metrics/x', '/assets/missing-0000.js']) {
        const answer = await api.get(url);
        assert.equal(answer.status, 404, url);
        assert.equal(answer.body?.errorCode, 'RouteNotFound', url);
      }
      const unauthenticated = await api.request('GET', '/api/v3/no-such-route', undefined, { key: null });
      assert.equal(unauthenticated.status, 401, 'API paths stay behind the key check');
      for (const url of ['/..%2Fpackage.json', '/%2e%2e/package.json', '/assets/..%2F..%2Fpackage.json']) {
        const answer = await api.request('GET', url, undefined, { key: null });
        assert.doesNotMatch(answer.text, /"engage-orders"/, url);
      }
    });
  });
}

describe('console amounts', () => {
  it('sums amounts exactly, as the API does', () => {
    assert.equal(sum([0.1, 0.2]), 0.3);
    assert.equal(sum([899, -199.5]), 699.5);
    assert.equal(sum([1e-7, 1]), 1.0000001);
    assert.equal(sum([-0.5, 0.25]), -0.25);
    assert.equal(sum([19.99, 19.99, 19.99]), 59.97);
    assert.equal(sum([undefined, null, 5]), 5);
    assert.equal(sum([]), 0);
  });
});
