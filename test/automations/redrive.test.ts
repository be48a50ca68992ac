// Re-driving failed deliveries: a receiver that is down past the retry horizon
// leaves its delivery Failed; once it is back, re-driving (one, or in bulk)
// delivers with the same eventId.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { eventually, insertContact, startReceiver } from './helpers.js';

for (const backend of backendNames()) {
  describe(`re-driving failed deliveries (${backend})`, () => {
    let api: TestService;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let receiverUp = false;
    before(async () => {
      receiver = await startReceiver(() => (receiverUp ? 200 : 503));
      api = await startTestService(backend, { webhookAllowPrivate: true, automationBackoffMs: 20, webhookTimeoutMs: 10_000, webhookMaxAttempts: 2 });
    });
    after(async () => {
      await api?.stop();
      await receiver?.close();
    });

    /** An automation on a fresh action, and an order whose action fired it; returns the run's delivery once Failed. */
    async function automation(path: string) {
      const action = `Notify-${uniqueId('redrive')}`;
      const created = await api.post('/api/v3/automations', {
        name: `Redrive ${path}`,
        trigger: { action },
        steps: [{ type: 'webhook', url: `${receiver.base}${path}`, secret: 'whsec-redrive' }],
      });
      assert.equal(created.status, 201, created.text);
      return { id: created.body.id as string, action };
    }

    async function failedDelivery(action: string) {
      const memberNumber = uniqueId('member');
      await insertContact(api.service.ctx.db, { email: `${memberNumber}@example.com`, memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' }, orderAction: { action } });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      const run = await eventually(async () => {
        const runs = await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(body.orderId)}`);
        const found = runs.body.items[0];
        return found && found.status !== 'Pending' ? found : undefined;
      }, `a finished run of ${body.orderId}`);
      assert.equal(run.status, 'Failed', JSON.stringify(run.deliveries));
      assert.equal(run.deliveries[0].attempts, 2);
      return { orderId: body.orderId as string, eventId: run.deliveries[0].eventId as string };
    }

    async function deliveryOf(orderId: string) {
      return (await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`)).body.items[0].deliveries[0];
    }

    test('one delivery: Failed → re-driven → Delivered with the same eventId; re-driving it again is a 409', async () => {
      receiverUp = false;
      const { action } = await automation('/one');
      const { orderId, eventId } = await failedDelivery(action);

      receiverUp = true;
      const readKey = await api.key('read');
      assert.equal((await api.post(`/api/v3/automations/deliveries/${eventId}/retry`, {}, readKey)).status, 403);
      const redriven = await api.post(`/api/v3/automations/deliveries/${eventId}/retry`, {});
      assert.equal(redriven.status, 202, redriven.text);
      assert.equal(redriven.body.eventId, eventId);
      assert.ok(['Pending', 'Delivering', 'Delivered'].includes(redriven.body.status), redriven.body.status);

      const delivered = await eventually(async () => {
        const delivery = await deliveryOf(orderId);
        return delivery.status === 'Delivered' ? delivery : undefined;
      }, 'the re-driven delivery');
      assert.equal(delivered.attempts, 1, 'a fresh set of attempts');
      assert.deepEqual(
        delivered.attemptLog.map((entry: { outcome: string }) => entry.outcome),
        ['Error', 'Error', 'Redriven', 'Delivered'],
      );
      assert.equal(delivered.attemptLog[2].previousAttempts, 2);
      for (const entry of delivered.attemptLog) assert.match(entry.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, "every entry's time in one format");
      const sent = receiver.requests.filter((r) => r.path === '/one' && r.headers['x-event-id'] === eventId);
      assert.deepEqual(
        sent.map((r) => r.answered),
        [503, 503, 200],
      );
      assert.equal((await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`)).body.items[0].status, 'Succeeded');

      const again = await api.post(`/api/v3/automations/deliveries/${eventId}/retry`, {});
      assert.equal(again.status, 409);
      assert.equal(again.body.errorCode, 'DeliveryNotFailed');
      const unknown = await api.post('/api/v3/automations/deliveries/00000000-0000-4000-8000-000000000000/retry', {});
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.errorCode, 'DeliveryNotFound');
      assert.equal((await api.post('/api/v3/automations/deliveries/not-a-uuid/retry', {})).status, 404);
    });

    test('bulk: the failed deliveries of one automation are re-driven; another automation’s stay Failed', async () => {
      receiverUp = false;
      const chosen = await automation('/bulk');
      const other = await automation('/other');
      const first = await failedDelivery(chosen.action);
      const second = await failedDelivery(chosen.action);
      const untouched = await failedDelivery(other.action);

      const invalid = await api.post('/api/v3/automations/deliveries/retry', { automationId: 'nope', colour: 'red' });
      assert.equal(invalid.status, 400, invalid.text);
      const none = await api.post('/api/v3/automations/deliveries/retry', { automationId: chosen.id, since: new Date(Date.now() + 3_600_000).toISOString() });
      assert.deepEqual(none.body, { redriven: 0, eventIds: [] });
      const backwards = await api.post('/api/v3/automations/deliveries/retry', { since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' });
      assert.equal(backwards.status, 400, 'a window that ends before it starts is a mistake, not an empty window');
      assert.deepEqual(
        backwards.body.errors.map((e: { path: string }) => e.path),
        ['until'],
      );

      receiverUp = true;
      const refused = await api.post('/api/v3/automations/deliveries/retry', { automationId: chosen.id }, await api.key('read'));
      assert.equal(refused.status, 403, 'a bulk re-drive needs the admin scope');
      assert.equal((await deliveryOf(first.orderId)).status, 'Failed', 'and a refused one re-drives nothing');
      const bulk = await api.post('/api/v3/automations/deliveries/retry', { automationId: chosen.id });
      assert.equal(bulk.status, 202, bulk.text);
      assert.equal(bulk.body.redriven, 2);
      assert.deepEqual([...bulk.body.eventIds].sort(), [first.eventId, second.eventId].sort());
      for (const { orderId } of [first, second]) {
        await eventually(async () => (await deliveryOf(orderId)).status === 'Delivered', `delivery of ${orderId}`);
      }
      assert.equal((await deliveryOf(untouched.orderId)).status, 'Failed');
    });
  });
}
