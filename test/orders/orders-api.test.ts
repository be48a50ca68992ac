import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`orders API (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('create → 202 with Location → job 302 to the order → order with versionTag and ETag', async () => {
      const body = orderBody({ unknownField: { kept: true } });
      const accepted = await api.post('/api/v3/orders', body);
      assert.equal(accepted.status, 202);
      assert.equal(accepted.headers.location, `/api/v3/orders/jobs/${accepted.body.jobId}`);
      assert.equal(accepted.body.status, 'Pending');
      assert.equal(accepted.body.orderId, body.orderId);
      assert.deepEqual(accepted.body.links, [{ rel: 'status', href: accepted.headers.location, method: 'GET' }]);

      const job = await api.waitForJob(accepted.body.jobId);
      assert.equal(job.status, 302);
      assert.equal(job.headers.location, `/api/v3/orders/${body.orderId}`);
      assert.equal(job.body.status, 'Succeeded');
      assert.match(job.body.versionTag, /^[A-Za-z0-9+/]{22}==$/);

      const order = await api.get(job.headers.location as string);
      assert.equal(order.status, 200);
      assert.equal(order.headers.etag, `"${job.body.versionTag}"`);
      assert.equal(order.body.versionTag, job.body.versionTag);
      assert.equal(order.body.orderType, 'Purchase');
      assert.deepEqual(order.body.unknownField, { kept: true });
      assert.equal(order.body.contactId, null);
    });

    test('format errors are a 400 listing every error, and nothing is stored', async () => {
      // status: '' (an unknown status is kept as sent, an empty one is an error); quantity -1 on a Purchase line.
      const body = orderBody({ status: '', currencyCode: 'XYZ', createdAt: '2025-12-03T15:15:19' });
      body.lineItems.subTotal = 1;
      body.lineItems.items[0].quantity = -1;
      delete body.externalStoreId;
      const answer = await api.post('/api/v3/orders', body);
      assert.equal(answer.status, 400);
      assert.equal(answer.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(answer.body.errorCode, 'InvalidOrder');
      const paths = answer.body.errors.map((e: { path: string }) => e.path).sort();
      assert.deepEqual(paths, ['createdAt', 'currencyCode', 'externalStoreId', 'lineItems.items[0].quantity', 'lineItems.subTotal', 'status']);
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).status, 404);
    });

    test('sums are exact decimals: 0.1 + 0.2 = 0.3', async () => {
      const body = orderBody();
      body.lineItems = {
        items: [
          { quantity: 1, article: { sku: 'a' }, totalPrice: 0.1 },
          { quantity: 1, article: { sku: 'b' }, totalPrice: 0.2 },
        ],
        subTotal: 0.3,
      };
      body.totalPrice = 0.3;
      assert.equal((await api.post('/api/v3/orders', body)).status, 202);
    });

    test('enum values are accepted in any case and written back canonically', async () => {
      const body = orderBody({ status: 'inprogress', contact: { matchKey: 'x@example.com', matchKeyType: 'EMAIL' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      const order = await api.get(job.headers.location as string);
      assert.equal(order.body.status, 'InProgress');
      assert.equal(order.body.contact.matchKeyType, 'Email');
    });
  });
}
