import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { insertContact } from '../helpers/contacts.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`order lifecycle (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    async function create(overrides: Record<string, unknown> = {}) {
      const body = orderBody(overrides);
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      return { body, versionTag: job.body.versionTag as string };
    }

    test('an identical POST is a safe retry; a different one fails with OrderAlreadyExists (422)', async () => {
      const { body, versionTag } = await create();
      const retry = await api.write('POST', '/api/v3/orders', body);
      assert.equal(retry.status, 302);
      assert.equal(retry.body.versionTag, versionTag);

      const conflicting = await api.write('POST', '/api/v3/orders', { ...body, status: 'Completed' });
      assert.equal(conflicting.status, 422);
      assert.equal(conflicting.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(conflicting.body.errorCode, 'OrderAlreadyExists');
      assert.equal(conflicting.body.orderId, body.orderId);
      assert.ok(conflicting.body.jobId);
      assert.ok(conflicting.body.errors.length > 0);
    });

    test('PUT of an unknown order creates it; a PUT that changes nothing keeps the versionTag', async () => {
      const body = orderBody();
      const created = await api.write('PUT', `/api/v3/orders/${body.orderId}`, body);
      assert.equal(created.status, 302);
      const same = await api.write('PUT', `/api/v3/orders/${body.orderId}`, body);
      assert.equal(same.body.versionTag, created.body.versionTag);
      const changed = await api.write('PUT', `/api/v3/orders/${body.orderId}`, { ...body, externalStatus: 'Packed' });
      assert.notEqual(changed.body.versionTag, created.body.versionTag);
      const versions = await api.get(`/api/v3/orders/${body.orderId}/versions`);
      assert.equal(versions.body.items.length, 2);
      assert.deepEqual(versions.body.items[0].changes, ['externalStatus']);
      assert.deepEqual(versions.body.items[1].changes, ['created']);
    });

    test('PUT with a body orderId different from the path is a 400', async () => {
      const body = orderBody();
      const answer = await api.put('/api/v3/orders/another-id', body);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errors[0].path, 'orderId');
    });

    test('a returned line makes the order Mixed; all returns make it Return', async () => {
      const { body } = await create();
      body.lineItems.items.push({
        id: 'r1',
        type: 'Return',
        quantity: 1,
        article: { sku: 'SKU-1' },
        totalPrice: 199.5,
        returnDetails: { type: 'complaint', reason: 'Too small' },
      });
      body.lineItems.subTotal = 648.4;
      await api.write('PUT', `/api/v3/orders/${body.orderId}`, body);
      const mixed = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(mixed.body.orderType, 'Mixed');
      assert.equal(mixed.body.lineItems.items[2].returnDetails.type, 'Complaint');

      const returns = orderBody({ lineItems: { items: [{ type: 'Return', quantity: 1, article: { sku: 'a' }, totalPrice: 10 }], subTotal: 10 } });
      const job = await api.write('POST', '/api/v3/orders', returns);
      assert.equal((await api.get(job.headers.location as string)).body.orderType, 'Return');
    });

    test('returnDetails on a purchase line is a 400', async () => {
      const body = orderBody();
      body.lineItems.items[0].returnDetails = { type: 'Normal' };
      const answer = await api.post('/api/v3/orders', body);
      assert.equal(answer.status, 400);
      assert.deepEqual(
        answer.body.errors.map((e: { path: string }) => e.path),
        ['lineItems.items[0].returnDetails'],
      );
    });

    test('change-status merges status, external status and line statuses', async () => {
      const { body, versionTag } = await create();
      const job = await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, {
        status: 'completed',
        lineItems: [{ id: 'l2', externalStatus: 'Shipped' }],
      });
      assert.equal(job.status, 302);
      assert.notEqual(job.body.versionTag, versionTag);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.status, 'Completed');
      assert.equal(order.body.lineItems.items[1].externalStatus, 'Shipped');
      assert.equal(order.body.channel, 'Ecom');

      const empty = await api.post(`/api/v3/orders/${body.orderId}/change-status`, {});
      assert.equal(empty.status, 400);
      const unknownLine = await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, { lineItems: [{ id: 'nope', externalStatus: 'x' }] });
      assert.equal(unknownLine.status, 422);
      assert.equal(unknownLine.body.errorCode, 'LineItemNotFound');
    });

    test('change-delivery merges into delivery; a non-http tracking URI is a 400', async () => {
      const { body } = await create({ delivery: { method: 'Postnord' } });
      const job = await api.write('POST', `/api/v3/orders/${body.orderId}/change-delivery`, {
        trackingNumber: 'PN123',
        trackingUri: 'https://track.example/PN123',
      });
      assert.equal(job.status, 302);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.deepEqual(order.body.delivery, { method: 'Postnord', trackingNumber: 'PN123', trackingUri: 'https://track.example/PN123' });
      const bad = await api.post(`/api/v3/orders/${body.orderId}/change-delivery`, { trackingUri: 'ftp://x/y' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, 'trackingUri');
    });

    test('writes to an unknown order fail their job with OrderNotFound', async () => {
      for (const [method, url, payload] of [
        ['DELETE', '/api/v3/orders/missing-1', undefined],
        ['POST', '/api/v3/orders/missing-1/change-status', { status: 'Completed' }],
        ['POST', '/api/v3/orders/missing-1/change-delivery', { method: 'Bike' }],
      ] as const) {
        const job = await api.write(method, url, payload);
        assert.equal(job.status, 422, `${method} ${url}`);
        assert.equal(job.body.errorCode, 'OrderNotFound');
      }
    });

    test('delete: the job answers 200 Succeeded, then the order is 404', async () => {
      const { body } = await create();
      const job = await api.write('DELETE', `/api/v3/orders/${body.orderId}`);
      assert.equal(job.status, 200);
      assert.equal(job.body.status, 'Succeeded');
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).status, 404);
    });

    test('If-Match: a stale versionTag fails the job with VersionTagMismatch; the current one applies', async () => {
      const { body, versionTag } = await create();
      const stale = await api.request(
        'PUT',
        `/api/v3/orders/${body.orderId}`,
        { ...body, externalStatus: 'A' },
        { headers: { 'if-match': '"bm90LXRoZS10YWc="' } },
      );
      const failed = await api.waitForJob(stale.body.jobId);
      assert.equal(failed.status, 422);
      assert.equal(failed.body.errorCode, 'VersionTagMismatch');
      const fresh = await api.request(
        'PUT',
        `/api/v3/orders/${body.orderId}`,
        { ...body, externalStatus: 'B' },
        { headers: { 'if-match': `"${versionTag}"` } },
      );
      assert.equal((await api.waitForJob(fresh.body.jobId)).status, 302);
    });

    test('If-Match: a list applies when it names the current versionTag; * applies to an existing order and fails for a missing one', async () => {
      const { body, versionTag } = await create();
      const put = (ifMatch: string, externalStatus: string) =>
        api.request('PUT', `/api/v3/orders/${body.orderId}`, { ...body, externalStatus }, { headers: { 'if-match': ifMatch } });
      const listed = await put(`"bm90LXRoZS10YWc=", W/"${versionTag}"`, 'listed');
      assert.equal((await api.waitForJob(listed.body.jobId)).status, 302);
      const unlisted = await put('"bm90LXRoZS10YWc=", "b3RoZXI="', 'unlisted');
      assert.equal((await api.waitForJob(unlisted.body.jobId)).body.errorCode, 'VersionTagMismatch');
      const any = await put('*', 'any');
      assert.equal((await api.waitForJob(any.body.jobId)).status, 302);
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}`)).body.externalStatus, 'any');

      const missing = orderBody();
      const created = await api.request('POST', '/api/v3/orders', missing, { headers: { 'if-match': '*' } });
      const failed = await api.waitForJob(created.body.jobId);
      assert.equal(failed.body.errorCode, 'VersionTagMismatch');
      assert.match(JSON.stringify(failed.body.errors), /If-Match \* needs an existing order/);
      assert.equal((await api.get(`/api/v3/orders/${missing.orderId}`)).status, 404);
    });

    test('If-Match that names no usable tag is a 400, never read as no precondition; an overlong one too', async () => {
      const { body } = await create();
      for (const ifMatch of ['', '""', 'W/""', 'W/', ',,,', '"*"', '*, "dGFn"']) {
        const answer = await api.request('PUT', `/api/v3/orders/${body.orderId}`, { ...body, externalStatus: 'x' }, { headers: { 'if-match': ifMatch } });
        assert.equal(answer.status, 400, `If-Match: ${ifMatch}`);
        assert.equal(answer.body.errorCode, 'InvalidRequest');
        assert.deepEqual(
          answer.body.errors.map((e: { path: string }) => e.path),
          ['if-match'],
        );
      }
      const long = await api.request('PUT', `/api/v3/orders/${body.orderId}`, body, { headers: { 'if-match': `"${'a'.repeat(2000)}"` } });
      assert.equal(long.status, 400);
      assert.ok(long.text.length < 1000, 'the answer does not echo the header');
      assert.equal((await api.get(`/api/v3/orders/jobs?orderId=${body.orderId}`)).body.totalCount, 1, 'only the create was accepted');
    });

    test('jobs: 404 for an unknown job, list filters by order and status, newest first', async () => {
      assert.equal((await api.get('/api/v3/orders/jobs/00000000-0000-0000-0000-000000000000')).status, 404);
      assert.equal((await api.get('/api/v3/orders/jobs/not-a-uuid')).status, 404);
      const { body } = await create();
      await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, { externalStatus: 'x' });
      const list = await api.get(`/api/v3/orders/jobs?orderId=${body.orderId}`);
      assert.equal(list.body.totalCount, 2);
      assert.deepEqual(
        list.body.items.map((j: { operation: string }) => j.operation),
        ['ChangeStatus', 'Create'],
      );
      const succeeded = await api.get(`/api/v3/orders/jobs?orderId=${body.orderId}&status=succeeded&count=1`);
      assert.equal(succeeded.body.items.length, 1);
      assert.deepEqual(
        succeeded.body.links.map((l: { rel: string }) => l.rel),
        ['next'],
      );
    });

    test('a pending job answers 200 with its status', async () => {
      const body = orderBody();
      await api.service.worker!.stop();
      try {
        const accepted = await api.post('/api/v3/orders', body);
        const pending = await api.get(`/api/v3/orders/jobs/${accepted.body.jobId}`);
        assert.equal(pending.status, 200);
        assert.deepEqual(Object.keys(pending.body).sort(), ['acceptedAt', 'jobId', 'operation', 'orderId', 'status']);
        assert.equal(pending.body.status, 'Pending');
      } finally {
        api.service.worker!.start();
      }
    });

    test('orders by contact: newest createdAt first, paged with links (without contactId the list browses every order)', async () => {
      assert.ok(Array.isArray((await api.get('/api/v3/orders')).body.items));
      const contactId = await insertContact(api, 'paged@example.com');
      for (const day of ['01', '03', '02']) {
        await api.write(
          'POST',
          '/api/v3/orders',
          orderBody({ contact: { matchKey: 'paged@example.com', matchKeyType: 'Email' }, createdAt: `2025-01-${day}T10:00:00+01:00` }),
        );
      }
      const first = await api.get(`/api/v3/orders?contactId=${contactId}&count=2`);
      assert.equal(first.body.totalCount, 3);
      assert.deepEqual(
        first.body.items.map((o: { createdAt: string }) => o.createdAt.slice(8, 10)),
        ['03', '02'],
      );
      assert.deepEqual(first.body.links, [{ rel: 'next', href: `/api/v3/orders?contactId=${contactId}&count=2&offset=2`, method: 'GET' }]);
      const second = await api.get(first.body.links[0].href);
      assert.equal(second.body.items.length, 1);
      assert.equal(second.body.links[0].rel, 'previous');
      const orderId = first.body.items[0].orderId;
      assert.equal((await api.get(`/api/v3/orders/${orderId}?contactId=${contactId}`)).status, 200);
      assert.equal((await api.get(`/api/v3/orders/${orderId}?contactId=00000000-0000-0000-0000-000000000000`)).status, 404);
    });
  });
}
