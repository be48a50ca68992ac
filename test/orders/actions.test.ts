import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { insertContact } from '../helpers/contacts.js';

for (const backend of backendNames()) {
  describe(`order actions (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
      await insertContact(api, 'actions@example.com');
    });
    after(async () => api?.stop());

    const withContact = (overrides: Record<string, unknown> = {}) =>
      orderBody({ contact: { matchKey: 'Actions@Example.com', matchKeyType: 'Email' }, ...overrides });

    test('an action on the current versionTag is 202 and stored as an action event', async () => {
      const body = withContact();
      const job = await api.write('POST', '/api/v3/orders', body);
      const answer = await api.post(`/api/v3/orders/${body.orderId}/action`, {
        action: 'ConfirmOrder',
        versionTag: job.body.versionTag,
        language: 'sv-SE',
        data: { coupon: 'X1' },
      });
      assert.equal(answer.status, 202, answer.text);
      assert.ok(answer.body.actionId);
      const events = await api.get(`/api/v3/orders/${body.orderId}/actions`);
      assert.equal(events.body.items.length, 1);
      assert.equal(events.body.items[0].actionId, answer.body.actionId);
      assert.equal(events.body.items[0].versionTag, job.body.versionTag);
      assert.equal(events.body.items[0].language, 'sv-SE');
      assert.deepEqual(events.body.items[0].data, { coupon: 'X1' });
      assert.ok(events.body.items[0].createdAt);
    });

    test('400 for a malformed action, 404 for an unknown order', async () => {
      const bad = await api.post('/api/v3/orders/whatever/action', { action: '' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorCode, 'InvalidAction');
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['action', 'versionTag']);
      const missing = await api.post('/api/v3/orders/no-such-order/action', { action: 'ConfirmOrder', versionTag: 'abc' });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.errorCode, 'OrderNotFound');
    });

    test('a stale versionTag is 404 while a newer write is pending, and after it', async () => {
      const body = withContact();
      const first = await api.write('POST', '/api/v3/orders', body);
      await api.service.worker!.stop();
      try {
        const pending = await api.post(`/api/v3/orders/${body.orderId}/change-status`, { status: 'InProgress' });
        assert.equal(pending.status, 202);
        const during = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ConfirmOrder', versionTag: first.body.versionTag });
        assert.equal(during.status, 404);
        assert.equal(during.body.errorCode, 'VersionTagMismatch');
      } finally {
        api.service.worker!.start();
      }
      const jobs = await api.get(`/api/v3/orders/jobs?orderId=${body.orderId}`);
      for (const job of jobs.body.items) await api.waitForJob(job.jobId);
      const afterwards = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ConfirmOrder', versionTag: first.body.versionTag });
      assert.equal(afterwards.status, 404);
      const current = await api.get(`/api/v3/orders/${body.orderId}`);
      const ok = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ConfirmOrder', versionTag: current.body.versionTag });
      assert.equal(ok.status, 202);
    });

    test('an order with an unknown contact is stored, logged as ContactMissing, and answers 422 to actions', async () => {
      const body = orderBody({ contact: { matchKey: 'nobody@example.com', matchKeyType: 'Email' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.contactId, null);
      const log = await api.service.ctx.db
        .selectFrom('integration_log')
        .selectAll()
        .where('order_id', '=', body.orderId)
        .where('error_code', '=', 'ContactMissing')
        .execute();
      assert.equal(log.length, 1);
      assert.equal(log[0]!.severity, 'Warning');
      const answer = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ConfirmOrder', versionTag: job.body.versionTag });
      assert.equal(answer.status, 422);
      assert.equal(answer.body.errorCode, 'OrderHasNoContact');
    });

    test('an embedded action fires after the job, against the version it produced', async () => {
      const body = withContact({ orderAction: { action: 'ConfirmOrder', language: 'en-US' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      const order = await api.get(`/api/v3/orders/${body.orderId}`);
      assert.equal(order.body.orderAction, undefined, 'orderAction is not stored on the order');
      const events = await api.get(`/api/v3/orders/${body.orderId}/actions`);
      assert.equal(events.body.items.length, 1);
      assert.equal(events.body.items[0].versionTag, job.body.versionTag);
      assert.equal(events.body.items[0].jobId, job.body.jobId);

      const shipped = await api.write('POST', `/api/v3/orders/${body.orderId}/change-delivery`, {
        trackingNumber: 'T1',
        orderAction: { action: 'ConfirmShipment' },
      });
      const after = await api.get(`/api/v3/orders/${body.orderId}/actions`);
      assert.deepEqual(
        after.body.items.map((e: { action: string }) => e.action),
        ['ConfirmShipment', 'ConfirmOrder'],
      );
      assert.equal(after.body.items[0].versionTag, shipped.body.versionTag);
    });

    test('a resent write does not fire its embedded action again; other data or the action endpoint does', async () => {
      const body = withContact({ orderAction: { action: 'ConfirmOrder', language: 'sv-SE', data: { coupon: 'A' } } });
      const first = await api.write('POST', '/api/v3/orders', body);
      const resent = await api.write('POST', '/api/v3/orders', body); // the client lost the first 202
      assert.equal(resent.status, 302, resent.text);
      assert.equal(resent.body.versionTag, first.body.versionTag);
      const actions = async () => (await api.get(`/api/v3/orders/${body.orderId}/actions`)).body.items as { jobId: string | null }[];
      assert.deepEqual(
        (await actions()).map((event) => event.jobId),
        [first.body.jobId],
        'the customer gets one confirmation',
      );

      const { orderId, orderAction, ...document } = body;
      void orderAction;
      const otherData = await api.write('PUT', `/api/v3/orders/${orderId}`, {
        orderId,
        ...document,
        orderAction: { action: 'ConfirmOrder', language: 'sv-SE', data: { coupon: 'B' } },
      });
      assert.equal(otherData.body.versionTag, first.body.versionTag, 'the document did not change');
      assert.equal((await actions()).length, 2, 'the same action with other data is another action');

      const onPurpose = await api.post(`/api/v3/orders/${orderId}/action`, {
        action: 'ConfirmOrder',
        versionTag: first.body.versionTag,
        language: 'sv-SE',
        data: { coupon: 'A' },
      });
      assert.equal(onPurpose.status, 202, onPurpose.text);
      assert.equal((await actions()).length, 3, 'the action endpoint fires on purpose');
    });

    test('an embedded action on an order without contact: job succeeds, ActionSkippedNoContact logged', async () => {
      const body = orderBody({ contact: { matchKey: 'ghost@example.com', matchKeyType: 'Email' }, orderAction: { action: 'ConfirmOrder' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302);
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}/actions`)).body.items.length, 0);
      const log = await api.service.ctx.db.selectFrom('integration_log').select('error_code').where('order_id', '=', body.orderId).execute();
      assert.ok(log.some((entry) => entry.error_code === 'ActionSkippedNoContact'));
    });
  });
}
