// Transport hygiene: security headers on the console, docs and API; server
// timeouts taken from the configuration; /metrics without the Node.js version.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestService, startTestService } from '../helpers/service.js';

describe('transport hygiene (embedded)', () => {
  let api: TestService;
  before(async () => {
    api = await startTestService('embedded', { requestTimeoutMs: 45_000, headersTimeoutMs: 15_000, keepAliveTimeoutMs: 7_000, connectionTimeoutMs: 50_000 });
  });
  after(async () => api?.stop());

  test('the console, the API docs and the API answer with security headers', async () => {
    for (const [url, key] of [
      ['/', null],
      ['/orders/x', null],
      ['/api/docs/static/index.html', null],
      ['/api/v3/orders/jobs', undefined],
      ['/api/v3/orders/jobs', null],
    ] as const) {
      const answer = await api.request('GET', url, undefined, { key });
      const where = `${url} → ${answer.status}`;
      const csp = String(answer.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, where);
      assert.match(csp, /script-src 'self'(;|$)/, where);
      assert.match(csp, /frame-ancestors 'none'/, where);
      assert.match(csp, /object-src 'none'/, where);
      assert.equal(answer.headers['x-content-type-options'], 'nosniff', where);
      assert.equal(answer.headers['x-frame-options'], 'DENY', where);
      assert.equal(answer.headers['referrer-policy'], 'no-referrer', where);
    }
  });

  test('server timeouts come from the configuration', () => {
    const server = api.service.app.server;
    assert.equal(server.requestTimeout, 45_000);
    assert.equal(server.headersTimeout, 15_000);
    assert.equal(server.keepAliveTimeout, 7_000);
    assert.equal(server.timeout, 50_000);
  });

  test('/metrics shows no Node.js version unless METRICS_NODE_VERSION is set', async () => {
    const metrics = await api.request('GET', '/metrics', undefined, { key: null });
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /process_cpu_user_seconds_total/, 'default metrics stay');
    assert.doesNotMatch(metrics.text, /nodejs_version_info|v\d+\.\d+\.\d+/);
  });

  test('with METRICS_NODE_VERSION=true the version is shown', async () => {
    const withVersion = await startTestService('embedded', { metricsNodeVersion: true });
    try {
      const metrics = await withVersion.request('GET', '/metrics', undefined, { key: null });
      assert.match(metrics.text, new RegExp(`nodejs_version_info\\{version="${process.version}"`));
    } finally {
      await withVersion.stop();
    }
  });
});
