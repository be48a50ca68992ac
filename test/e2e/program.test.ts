// Starts the real program as a child process on a temporary data directory and
// drives it over HTTP exactly as an integration would.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { orderBody } from '../helpers/fixtures.js';
import { type Child, callProgram, startProgram } from '../helpers/process.js';

const KEY = 'e2e-admin-key-0123456789abcdef';

describe('the real program, end to end (embedded database)', () => {
  let dataDir: string;
  let program: Child;
  let base: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'engage-orders-e2e-'));
    program = startProgram([], { DATA_DIR: dataDir, PORT: '0', ADMIN_API_KEY: KEY, WORKER_POLL_MS: '200' });
    const line = await program.waitFor(/"address":"http:\/\/[^"]+"/, 180_000);
    base = line.match(/http:\/\/[^"]+/)![0];
  });
  after(async () => {
    await program?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = (method: string, url: string, body?: unknown) => callProgram(base, KEY, method, url, body);

  /** Polls the job as a client would until it is no longer pending. */
  async function follow(location: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const job = await call('GET', location);
      if (job.status !== 200 || job.body.status === 'Succeeded') return job;
      if (Date.now() > deadline) throw new Error(`job still ${job.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test('create → poll → 302 → versionTag → action → replace (Mixed) → change status → change delivery with action → delete', async () => {
    const contact = await call('POST', '/api/v3/contacts', { email: 'e2e@example.com', firstName: 'Eva' });
    assert.equal(contact.status, 201, JSON.stringify(contact.body));

    const order = orderBody({ contact: { matchKey: 'e2e@example.com', matchKeyType: 'Email' } });
    const created = await call('POST', '/api/v3/orders', order);
    assert.equal(created.status, 202);
    const job = await follow(created.headers.get('location')!);
    assert.equal(job.status, 302);
    const orderUrl = job.headers.get('location')!;
    assert.equal(orderUrl, `/api/v3/orders/${order.orderId}`);

    const stored = await call('GET', orderUrl);
    assert.equal(stored.status, 200);
    const versionTag = stored.body.versionTag;
    assert.equal(stored.headers.get('etag'), `"${versionTag}"`);
    assert.equal(stored.body.contactId, contact.body.id);

    const action = await call('POST', `${orderUrl}/action`, { action: 'ConfirmOrder', versionTag, language: 'en-US' });
    assert.equal(action.status, 202);

    order.lineItems.items.push({ id: 'r1', type: 'Return', quantity: 1, article: { sku: 'SKU-2' }, totalPrice: 49.9, returnDetails: { type: 'Normal' } });
    order.lineItems.subTotal = 498.8;
    const replaced = await follow((await call('PUT', orderUrl, order)).headers.get('location')!);
    assert.equal(replaced.status, 302);
    assert.notEqual(replaced.body.versionTag, versionTag);
    assert.equal((await call('GET', orderUrl)).body.orderType, 'Mixed');

    const statusChanged = await follow(
      (await call('POST', `${orderUrl}/change-status`, { status: 'Completed', externalStatus: 'Delivered' })).headers.get('location')!,
    );
    assert.equal(statusChanged.status, 302);

    const delivery = await call('POST', `${orderUrl}/change-delivery`, {
      trackingNumber: 'PN1',
      trackingUri: 'https://track.example/PN1',
      orderAction: { action: 'ConfirmShipment' },
    });
    const deliveryJob = await follow(delivery.headers.get('location')!);
    assert.equal(deliveryJob.status, 302);
    const actions = await call('GET', `${orderUrl}/actions`);
    assert.deepEqual(
      actions.body.items.map((a: { action: string }) => a.action),
      ['ConfirmShipment', 'ConfirmOrder'],
    );
    assert.equal(actions.body.items[0].versionTag, deliveryJob.body.versionTag);
    const final = await call('GET', orderUrl);
    assert.equal(final.body.status, 'Completed');
    assert.equal(final.body.delivery.trackingNumber, 'PN1');

    const deleted = await follow((await call('DELETE', orderUrl)).headers.get('location')!);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.status, 'Succeeded');
    assert.equal((await call('GET', orderUrl)).status, 404);
    assert.match(program.output(), /"route":"\/api\/v3\/orders","status":202[^\n]*"msg":"request"/, 'requests are logged, one line each, by route template');
    assert.ok(!program.output().includes(KEY), 'the API key never appears in the logs');
  });

  test('a second process on the same data directory fails with a clear message', async () => {
    const second = startProgram([], { DATA_DIR: dataDir, PORT: '0', ADMIN_API_KEY: KEY });
    const exit = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`second process still running:\n${second.output()}`)), 30_000);
      second.process.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    }).finally(() => second.stop('SIGKILL'));
    assert.notEqual(exit, 0);
    assert.match(second.output(), /is in use by process \d+/);
  });

  test('SIGTERM shuts down cleanly, and a restart finds every order', async () => {
    const order = orderBody();
    const accepted = await call('POST', '/api/v3/orders', order);
    assert.equal(accepted.status, 202);
    assert.equal(await program.stop('SIGTERM'), 0);
    program = startProgram([], { DATA_DIR: dataDir, PORT: '0', ADMIN_API_KEY: KEY, WORKER_POLL_MS: '200' });
    base = (await program.waitFor(/"address":"http:\/\/[^"]+"/, 180_000)).match(/http:\/\/[^"]+/)![0];
    const job = await follow(accepted.headers.get('location')!);
    assert.equal(job.status, 302);
    assert.equal((await call('GET', `/api/v3/orders/${order.orderId}`)).status, 200);
  });
});
