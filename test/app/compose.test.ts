// The composition root: step order is explicit and checked at start-up, an
// unknown semantic check stops the service, and a worker-only service runs
// every capability's steps without building the API.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Capability } from '../../src/app/capability.js';
import { capabilities } from '../../src/app/capabilities.js';
import { compose, orderSteps } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { backendNames, freshDatabase } from '../helpers/backends.js';
import { eventually } from '../helpers/eventually.js';
import { orderBody } from '../helpers/fixtures.js';

const step = (id: string, order: { before?: string[]; after?: string[] } = {}) => ({ id, ...order });

describe('step order', () => {
  test('before and after are honoured; unconstrained steps keep the list order', () => {
    const ordered = orderSteps('test', [step('a'), step('b', { before: ['a'] }), step('c'), step('d', { after: ['c'] }), step('e', { before: ['c'] })]);
    assert.deepEqual(
      ordered.map((s) => s.id),
      ['b', 'a', 'e', 'c', 'd'],
    );
  });

  test('a duplicate id, an unknown reference and a cycle are refused with a message', () => {
    assert.throws(() => orderSteps('onOrderChanged', [step('a'), step('a')]), /onOrderChanged: two steps are named "a"/);
    assert.throws(() => orderSteps('onOrderChanged', [step('a', { after: ['nope'] })]), /runs after "nope", which does not exist/);
    assert.throws(() => orderSteps('onOrderChanged', [step('a', { after: ['b'] }), step('b', { after: ['a'] })]), /"a", "b" wait on each other/);
  });

  test('the service composes: GDPR parts in erase order, two capabilities of one name refused', () => {
    const parts = compose(capabilities);
    assert.deepEqual(
      parts.contactData.map((part) => part.id),
      ['integrationLog', 'jobs', 'orderHistory', 'orders', 'receipts', 'automationRuns'],
    );
    assert.throws(() => compose([...capabilities, { name: 'orders' }]), /two capabilities are named "orders"/);
  });
});

for (const backend of backendNames()) {
  describe(`composition per role (${backend})`, () => {
    test('a route schema naming a semantic check nobody declares stops the start', async () => {
      const { database, drop } = await freshDatabase(backend);
      const typo: Capability = {
        name: 'typo',
        async routes(app) {
          app.post('/api/v3/typo', { schema: { body: { type: 'object', 'x-semantic': 'ordre' } } }, async () => ({}));
        },
      };
      try {
        await assert.rejects(
          startService({ ...loadConfig({}, []), logLevel: 'silent' }, { database, logger: false, capabilities: [...capabilities, typo] }),
          /names the semantic check "ordre", which no capability declares/,
        );
      } finally {
        await database.close();
        await drop();
      }
    });

    test('a worker-only service (no API) runs every capability step: segment facts and automation deliveries are written', async () => {
      const { database, drop } = await freshDatabase(backend);
      const service = await startService({ ...loadConfig({}, []), role: 'worker', logLevel: 'silent', workerPollMs: 50 }, { database, logger: false });
      try {
        assert.equal(service.app.hasRoute({ method: 'POST', url: '/api/v3/orders' }), false, 'no API in the worker role');
        const email = `worker-only-${randomUUID()}@example.com`;
        await sql`INSERT INTO contacts (id, contact_type, email) VALUES (${randomUUID()}, 'Member', ${email})`.execute(database.db);
        const step = { type: 'webhook', url: 'https://hooks.example.com/orders', secret: 'worker-only-secret' };
        await sql`INSERT INTO automations (id, name, trigger_action, steps) VALUES (${randomUUID()}, 'Confirm', 'Confirm', ${JSON.stringify([step])}::jsonb)`.execute(
          database.db,
        );
        const order = orderBody({ contact: { matchKey: email, matchKeyType: 'Email' }, orderAction: { action: 'Confirm' } });
        const { id } = await service.ctx.queue.accept({ orderId: order.orderId, operation: 'Create', payload: order });
        await eventually('the job to succeed', async () => (await service.ctx.queue.get(id))?.status === 'Succeeded');
        const { rows } = await sql<{ facts: number; deliveries: number }>`
          SELECT (SELECT count(*)::int FROM segment_orders WHERE order_id = ${order.orderId}) AS facts,
                 (SELECT count(*)::int FROM automation_deliveries d JOIN automation_runs r ON r.id = d.run_id WHERE r.order_id = ${order.orderId}) AS deliveries`.execute(
          database.db,
        );
        assert.deepEqual(rows[0], { facts: 1, deliveries: 1 }, 'the segments and automations steps ran in the worker');
      } finally {
        await service.stop();
        await database.close();
        await drop();
      }
    });
  });
}
