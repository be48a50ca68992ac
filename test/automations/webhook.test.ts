import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { type Received, eventually, insertContact, startReceiver } from './helpers.js';

const SECRET = 'whsec-test';

function verified(request: Received): boolean {
  const timestamp = String(request.headers['x-timestamp']);
  const expected = createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex');
  return request.headers['x-signature'] === expected && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

for (const backend of backendNames()) {
  describe(`automation webhooks (${backend})`, () => {
    let api: TestService;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const seen = new Map<string, number>();
    before(async () => {
      // /flaky fails each event's first two attempts; /slow hangs on the first; /down always fails.
      // The 5 s send timeout is only ever reached by /slow: a busy machine must not turn a 500 into a timeout.
      receiver = await startReceiver((request) => {
        if (!verified(request)) return 401;
        const id = String(request.headers['x-event-id']);
        const n = (seen.get(`${request.path}:${id}`) ?? 0) + 1;
        seen.set(`${request.path}:${id}`, n);
        const path = request.path.split('?')[0];
        if (path === '/flaky') return n <= 2 ? 500 : 204;
        if (path === '/slow') return n === 1 ? 'hang' : 200;
        if (path === '/down') return 503;
        return 200;
      });
      api = await startTestService(backend, { webhookAllowPrivate: true, automationBackoffMs: 50, webhookTimeoutMs: 5000, webhookMaxAttempts: 4 });
    });
    after(async () => {
      await api?.stop();
      await receiver?.close();
    });

    async function orderWithAutomation(path: string) {
      const action = `Ship-${uniqueId('hook')}`;
      const created = await api.post('/api/v3/automations', {
        name: `Webhook ${path}`,
        trigger: { action },
        steps: [{ type: 'webhook', url: `${receiver.base}${path}?token=hidden`, secret: SECRET }],
      });
      assert.equal(created.status, 201, created.text);
      const memberNumber = uniqueId('member');
      const contactId = await insertContact(api.service.ctx.db, { email: `${memberNumber}@example.com`, memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      return { action, contactId, orderId: body.orderId as string, versionTag: job.body.versionTag as string };
    }

    async function finishedRun(orderId: string) {
      return eventually(async () => {
        const runs = await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`);
        const run = runs.body.items[0];
        return run && run.status !== 'Pending' ? run : undefined;
      }, `a finished run of ${orderId}`);
    }

    test('POST /action → signed JSON POST; failures are retried with one eventId until the receiver says 2xx', async () => {
      const { action, contactId, orderId, versionTag } = await orderWithAutomation('/flaky');
      const accepted = await api.post(`/api/v3/orders/${orderId}/action`, { action, versionTag, language: 'sv-SE', data: { carrier: 'PostNord' } });
      assert.equal(accepted.status, 202, accepted.text);
      const run = await finishedRun(orderId);
      assert.equal(run.status, 'Succeeded', JSON.stringify(run.deliveries));
      const [delivery] = run.deliveries;
      assert.equal(delivery.status, 'Delivered');
      assert.equal(delivery.attempts, 3);
      assert.deepEqual(
        delivery.attemptLog.map((a: { outcome: string; statusCode: number }) => [a.outcome, a.statusCode]),
        [
          ['Error', 500],
          ['Error', 500],
          ['Delivered', 204],
        ],
      );
      assert.equal(delivery.lastError, null);
      assert.equal(delivery.target, `${receiver.base}/flaky?token=hidden`, 'admin keys see the whole URL');
      const forRead = await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`, await api.key('read'));
      assert.equal(forRead.body.items[0].deliveries[0].target, new URL(receiver.base).origin, 'read keys see no path or query (tokens)');

      const requests = receiver.requests.filter((r) => r.path.startsWith('/flaky') && JSON.parse(r.body).orderId === orderId);
      assert.equal(requests.length, 3);
      assert.ok(requests.every(verified));
      assert.deepEqual(new Set(requests.map((r) => r.headers['x-event-id'])), new Set([delivery.eventId]));
      const event = JSON.parse(requests[2]!.body);
      assert.equal(event.eventId, delivery.eventId);
      assert.equal(event.actionId, accepted.body.actionId);
      assert.equal(event.action, action);
      assert.equal(event.versionTag, versionTag);
      assert.equal(event.contactId, contactId);
      assert.equal(event.language, 'sv-SE');
      assert.deepEqual(event.data, { carrier: 'PostNord' });
      assert.equal(event.order.orderId, orderId);
      assert.equal(event.order.lineItems.items.length, 2);
      assert.match(event.occurredAt, /^\d{4}-\d\d-\d\dT/);
      assert.equal(requests[0]!.headers['content-type'], 'application/json');
    });

    test('an embedded action fires the webhook; a receiver that does not answer in time is retried', async () => {
      const { action, orderId } = await orderWithAutomation('/slow');
      const job = await api.write('POST', `/api/v3/orders/${orderId}/change-status`, { status: 'Completed', orderAction: { action } });
      assert.equal(job.status, 302, job.text);
      const run = await finishedRun(orderId);
      assert.equal(run.status, 'Succeeded', JSON.stringify(run.deliveries));
      assert.equal(run.versionTag, job.body.versionTag);
      assert.equal(run.deliveries[0].attempts, 2);
      assert.match(run.deliveries[0].attemptLog[0].error, /no answer within 5000 ms/);
      const delivered = receiver.requests.filter((r) => r.path.startsWith('/slow') && JSON.parse(r.body).orderId === orderId);
      assert.equal(JSON.parse(delivered[1]!.body).order.status, 'Completed');
    });

    test('a receiver that keeps failing: the delivery fails after the configured attempts, with the last error', async () => {
      const { action, orderId, versionTag } = await orderWithAutomation('/down');
      assert.equal((await api.post(`/api/v3/orders/${orderId}/action`, { action, versionTag })).status, 202);
      const run = await finishedRun(orderId);
      assert.equal(run.status, 'Failed', JSON.stringify(run.deliveries));
      assert.equal(run.deliveries[0].status, 'Failed');
      assert.equal(run.deliveries[0].attempts, 4);
      assert.match(run.deliveries[0].lastError, /HTTP 503 .*gave up after 4 attempts/);
      assert.ok(run.deliveries[0].finishedAt);
      const failed = await api.get(`/api/v3/automations/runs?status=Failed&action=${action.toUpperCase()}`);
      assert.deepEqual(
        failed.body.items.map((r: { orderId: string }) => r.orderId),
        [orderId],
      );
    });
  });
}
