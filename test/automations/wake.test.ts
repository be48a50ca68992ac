// The delivery loop is woken, not polled: with a poll interval far beyond the
// deadlines here, a delivery is sent as soon as its order's job fires the action
// (the notification from the job's transaction), its retry is sent when due (the
// loop sleeps until the next retry, not a poll), and a re-drive is sent at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { eventually, insertContact, startReceiver } from './helpers.js';

for (const backend of backendNames()) {
  describe(`delivery wake-ups (${backend})`, () => {
    let api: TestService;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let answers: number[] = [];
    before(async () => {
      receiver = await startReceiver(() => answers.shift() ?? 200);
      api = await startTestService(backend, { workerPollMs: 60_000, webhookAllowPrivate: true, automationBackoffMs: 100, webhookMaxAttempts: 2 });
    });
    after(async () => {
      await api?.stop();
      await receiver?.close();
    });

    async function fire(path: string): Promise<string> {
      const action = `Wake-${uniqueId('wake')}`;
      const created = await api.post('/api/v3/automations', {
        name: `Wake ${path}`,
        trigger: { action },
        steps: [{ type: 'webhook', url: `${receiver.base}${path}`, secret: 'whsec-wake' }],
      });
      assert.equal(created.status, 201, created.text);
      const memberNumber = uniqueId('member');
      await insertContact(api.service.ctx.db, { email: `${memberNumber}@example.com`, memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' }, orderAction: { action } });
      assert.equal((await api.post('/api/v3/orders', body)).status, 202);
      return body.orderId as string;
    }

    const sentTo = (path: string) => receiver.requests.filter((request) => request.path === path).map((request) => request.answered);
    const run = async (orderId: string) => (await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`)).body.items[0];

    test('a delivery is sent once its job fires the action, and its retry when due, without waiting for the 60 s poll', async () => {
      answers = [503];
      const orderId = await fire('/retried');
      await eventually(async () => sentTo('/retried').length === 2, 'the first attempt and its retry', 20_000);
      assert.deepEqual(sentTo('/retried'), [503, 200]);
      await eventually(async () => (await run(orderId))?.status === 'Succeeded', 'the run to succeed', 20_000);
    });

    test('a re-driven delivery is sent at once', async () => {
      answers = [503, 503];
      const orderId = await fire('/redriven');
      const failed = await eventually(async () => {
        const found = await run(orderId);
        return found?.status === 'Failed' ? found : undefined;
      }, 'the delivery to fail after its two attempts');
      const redriven = await api.post(`/api/v3/automations/deliveries/${failed.deliveries[0].eventId}/retry`, {});
      assert.equal(redriven.status, 202, redriven.text);
      await eventually(async () => sentTo('/redriven').length === 3, 'the re-driven attempt', 20_000);
      assert.deepEqual(sentTo('/redriven'), [503, 503, 200]);
    });
  });
}
