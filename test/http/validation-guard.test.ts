// Hostile strings, numbers, dates and shapes are 400 problems naming the path at
// accept time: never a 500, never a 202 whose job later fails.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type Answer, type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

const json = { 'content-type': 'application/json' };

function assertProblem(answer: Answer, path: string, code?: string): void {
  assert.equal(answer.status, 400, `expected 400 for ${path}, got ${answer.status}: ${answer.text.slice(0, 300)}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  if (code) assert.equal(answer.body.errorCode, code);
  const paths = (answer.body.errors as { path: string }[]).map((error) => error.path);
  assert.ok(paths.includes(path), `expected an error at ${path}, got ${JSON.stringify(answer.body.errors)}`);
}

for (const backend of backendNames()) {
  describe(`input guard (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('order dates PostgreSQL refuses are 400 at accept time, and nothing is stored', async () => {
      for (const createdAt of [
        '0000-01-01T00:00:00Z',
        '2025-12-03T15:15:19+23:59',
        '2025-02-30T10:00:00Z',
        '2016-12-31T23:59:60Z',
        '0001-01-01T00:30:00+01:00',
      ]) {
        const body = orderBody({ createdAt });
        assertProblem(await api.post('/api/v3/orders', body), 'createdAt', 'InvalidOrder');
        assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).status, 404);
      }
      const body = orderBody({ delivery: { deliveryDate: '2025-12-03T10:00:00-16:00' } });
      assertProblem(await api.post('/api/v3/orders', body), 'delivery.deliveryDate');
      // The edges PostgreSQL does accept stay accepted.
      const edge = orderBody({ createdAt: '0001-01-01T00:00:00Z', lastChangedAt: '2025-12-03T10:00:00-15:59' });
      const accepted = await api.write('POST', '/api/v3/orders', edge);
      assert.equal(accepted.status, 302, accepted.text);
    });

    test('receipt dates are checked the same way', async () => {
      assertProblem(await api.post('/api/v3/receipts', receiptBody({ createdDate: '0000-06-01T00:00:00Z' })), 'createdDate', 'InvalidReceipt');
    });

    test('1e999 (Infinity once parsed) is not a number: 400 naming the field', async () => {
      const text = JSON.stringify(orderBody()).replace('"subTotal":448.9', '"subTotal":1e999');
      assertProblem(await api.request('POST', '/api/v3/orders', text, { headers: json }), 'lineItems.subTotal', 'InvalidOrder');
      const extra = JSON.stringify(orderBody()).replace('"channel":"Ecom"', '"channel":"Ecom","score":-1e999');
      assertProblem(await api.request('POST', '/api/v3/orders', extra, { headers: json }), 'score');
      const receipt = JSON.stringify(receiptBody()).replace('"totalGrossPrice":448.9', '"totalGrossPrice":1e999');
      assertProblem(await api.request('POST', '/api/v3/receipts', receipt, { headers: json }), 'totalGrossPrice');
    });

    test('NUL and lone surrogates in any body string or key are 400 naming the path', async () => {
      const nul = orderBody();
      nul.lineItems.items[1].article.name = 'So\u0000cks';
      assertProblem(await api.post('/api/v3/orders', nul), 'lineItems.items[1].article.name', 'InvalidOrder');
      const key = orderBody({ 'no\u0000te': 'x' });
      assertProblem(await api.post('/api/v3/orders', key), 'no\u0000te');
      const surrogate = JSON.stringify(orderBody()).replace('"channel":"Ecom"', '"channel":"E\\ud800com"');
      assertProblem(await api.request('POST', '/api/v3/orders', surrogate, { headers: json }), 'channel');
      const low = JSON.stringify(orderBody()).replace('"channel":"Ecom"', '"channel":"\\udc00"');
      assertProblem(await api.request('POST', '/api/v3/orders', low, { headers: json }), 'channel');
      // A real pair (an emoji) is fine.
      const pair = orderBody({ channel: 'Ecom \u{1F600}' });
      assert.equal((await api.post('/api/v3/orders', pair)).status, 202);
      assertProblem(await api.post('/api/v3/contacts', { email: 'a@example.com', firstName: 'A\u0000' }), 'firstName', 'InvalidContact');
    });

    test('JSON nested deeper than the limit is 400, however deep', async () => {
      for (const depth of [40, 5000, 200_000]) {
        const text = JSON.stringify(orderBody()).replace('"channel":"Ecom"', `"channel":"Ecom","deep":${'['.repeat(depth)}${']'.repeat(depth)}`);
        const answer = await api.request('POST', '/api/v3/orders', text, { headers: json });
        assert.equal(answer.status, 400, answer.text.slice(0, 200));
        assert.ok(answer.body.errors[0].path.startsWith('deep[0]'), answer.body.errors[0].path);
      }
      // 20 levels is fine.
      const ok = orderBody({ deep: JSON.parse(`${'['.repeat(20)}${']'.repeat(20)}`) });
      assert.equal((await api.post('/api/v3/orders', ok)).status, 202);
    });

    test('NUL in a path parameter or query string is 400, on API routes and the console', async () => {
      assertProblem(await api.get('/api/v3/orders/a%00b'), 'orderId');
      assertProblem(await api.get('/api/v3/orders/jobs?orderId=a%00b'), 'orderId');
      assertProblem(await api.get('/api/v3/contacts/id?email=a%00b@example.com'), 'email');
      const console = await api.request('GET', '/%00', undefined, { key: null });
      assert.equal(console.status, 400, console.text.slice(0, 200));
      assert.match(String(console.headers['content-type']), /^application\/problem\+json/);
      // Percent-encoding that is not UTF-8 (here a lone surrogate) is a problem too, not Fastify's own JSON.
      const badUrl = await api.get('/api/v3/orders/%ED%A0%80');
      assert.equal(badUrl.status, 400);
      assert.match(String(badUrl.headers['content-type']), /^application\/problem\+json/);
      assert.equal(badUrl.body.errors[0].path, 'url');
    });

    test('numeric query parameters are bounded safe integers', async () => {
      for (const offset of ['1e20', '9007199254740993', '1000000001', 'Infinity', '-Infinity', '1e999']) {
        assertProblem(await api.get(`/api/v3/orders/jobs?offset=${offset}`), 'offset');
        assertProblem(await api.get(`/api/v3/integration-log?offset=${offset}`), 'offset');
      }
      assertProblem(await api.get('/api/v3/orders/jobs?count=Infinity'), 'count');
      assert.equal((await api.get('/api/v3/orders/jobs?offset=1000000000')).status, 200);
    });

    test('since= dates PostgreSQL refuses are 400', async () => {
      for (const since of ['2016-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '2025-01-01T00:00:00%2B23:59']) {
        assertProblem(await api.get(`/api/v3/orders/jobs?since=${since}`), 'since');
        assertProblem(await api.get(`/api/v3/integration-log?since=${since}`), 'since');
      }
    });

    test('a non-GUID contactId is 400 on the order routes', async () => {
      assertProblem(await api.get('/api/v3/orders?contactId=abc'), 'contactId');
      const order = orderBody();
      assert.equal((await api.post('/api/v3/orders', order)).status, 202);
      assertProblem(await api.get(`/api/v3/orders/${order.orderId}?contactId=abc`), 'contactId');
    });

    test('a 600 KB receipt of empty items answers a small, capped error list', async () => {
      const text = JSON.stringify(receiptBody({ items: Array.from({ length: 200_000 }, () => ({})) }));
      assert.ok(text.length > 600_000);
      const answer = await api.request('POST', '/api/v3/receipts', text, { headers: json });
      assert.equal(answer.status, 400);
      assert.ok(answer.text.length < 20_000, `answer is ${answer.text.length} bytes`);
      assert.ok(answer.body.errors.length <= 100);
      assert.ok(answer.body.errors.some((error: { path: string }) => error.path === 'items'));
      const taxes = receiptBody({ taxDetails: Array.from({ length: 100_000 }, () => 1) });
      const capped = await api.post('/api/v3/receipts', taxes);
      assert.equal(capped.status, 400);
      assert.ok(capped.text.length < 20_000, `answer is ${capped.text.length} bytes`);
    });

    test('error lists stop at 100 with truncated: true', async () => {
      const items = Array.from({ length: 300 }, (_, i) => ({ id: `l${i}`, quantity: 1, article: { sku: 'S' }, totalPrice: 'x' }));
      const answer = await api.post('/api/v3/orders', orderBody({ lineItems: { items, subTotal: 0 } }));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errors.length, 100);
      assert.equal(answer.body.truncated, true);
      const few = await api.post('/api/v3/orders', orderBody({ createdAt: 'x' }));
      assert.equal(few.body.truncated, undefined);
    });

    test('segment preview with a read key: a huge filter answers a small, capped error list', async () => {
      const read = await api.key('read');
      const filter = { or: Array.from({ length: 30_000 }, () => ({ hasOrder: { bogus: 1 } })) };
      const answer = await api.post('/api/v3/segments/preview', { filter }, read);
      assert.equal(answer.status, 400);
      assert.ok(answer.text.length < 20_000, `answer is ${answer.text.length} bytes`);
      assert.ok(answer.body.errors.length <= 100);
    });
  });
}
