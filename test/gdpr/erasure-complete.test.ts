// Erasure leaves nothing behind: an order that moved to another contact, a
// deleted order, a failed write, a sent email and a marketer's test send of one
// (outbox .eml files) all named the person; after DELETE /api/v3/contacts/{id} no table row and no file in the
// data directory holds their email, phone or name. Export listed the same set.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { eventually } from '../automations/helpers.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Every row of every table as text, lower-cased. */
async function dumpAllTables(api: TestService): Promise<string> {
  const db = api.service.ctx.db;
  const { rows: tables } = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  assert.ok(tables.length > 10, 'every table is searched');
  let text = '';
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(name)} t`.execute(db);
    text += rows.map((row) => `${name}: ${row.row}`).join('\n');
  }
  return text.toLowerCase();
}

for (const backend of backendNames()) {
  describe(`GDPR erasure is complete (${backend})`, () => {
    let api: TestService;
    let dataDir: string;
    const tag = uniqueId('p').replace(/[^a-z0-9]/gi, '');
    const anna = {
      id: '',
      email: `Anna.${tag}@Example.com`,
      phone: `+4670${String(Date.now()).slice(-7)}`,
      firstName: `Annabel${tag}`,
      lastName: `Lindqvist${tag}`,
    };
    const bert = { id: '', email: `bert.${tag}@example.com` };
    const secrets = () => [anna.email.toLowerCase(), anna.phone, anna.firstName.toLowerCase(), anna.lastName.toLowerCase()];
    const action = `Confirm${tag}`;
    const address = { firstname: anna.firstName, lastname: anna.lastName, street: 'Storgatan 1', city: 'Lund', email: anna.email, mobilePhone: anna.phone };
    const moved = orderBody({ contact: { matchKey: anna.email, matchKeyType: 'Email' }, shippingAddress: address, orderAction: { action } });
    const deleted = orderBody({ contact: { matchKey: anna.phone, matchKeyType: 'MobilePhone' }, billingAddress: address });

    before(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'eo-gdpr-'));
      api = await startTestService(backend, { dataDir, smtpUrl: undefined, automationBackoffMs: 50 });
      const automation = await api.post('/api/v3/automations', {
        name: 'Confirmation',
        trigger: { action },
        steps: [
          {
            type: 'email',
            subject: 'Thanks {{ contact.firstName }}',
            text: 'Hi {{ contact.firstName }} {{ contact.lastName }}, shipping to {{ order.shippingAddress.street }}',
          },
        ],
      });
      assert.equal(automation.status, 201, automation.text);
      const created = await api.post('/api/v3/contacts', { email: anna.email, mobilePhone: anna.phone, firstName: anna.firstName, lastName: anna.lastName });
      assert.equal(created.status, 201, created.text);
      anna.id = created.body.id;
      bert.id = (await api.post('/api/v3/contacts', { email: bert.email, firstName: 'Bert' })).body.id;

      // 1. An order of Anna's, confirmed by email (to the outbox), then moved to Bert.
      assert.equal((await api.write('POST', '/api/v3/orders', moved)).status, 302);
      await eventually(
        () => filesUnder(dataDir).some((file) => file.endsWith('.eml') && readFileSync(file, 'utf8').includes(anna.firstName)),
        'the email in the outbox',
      );
      const { orderAction: _, shippingAddress: __, ...rest } = moved;
      assert.equal(
        (await api.write('PUT', `/api/v3/orders/${moved.orderId}`, { ...rest, contact: { matchKey: bert.email, matchKeyType: 'Email' } })).status,
        302,
      );
      // 2. A test send of the automation rendered from an order of hers, to a marketer (outbox, never recorded).
      const hers = orderBody({ contact: { matchKey: anna.email, matchKeyType: 'Email' } });
      assert.equal((await api.write('POST', '/api/v3/orders', hers)).status, 302);
      const testSend = await api.post(`/api/v3/automations/${automation.body.id}/test-send`, { orderId: hers.orderId, to: 'marketer@example.com' });
      assert.equal(testSend.status, 200, testSend.text);
      const testFile = path.join(dataDir, testSend.body.sent[0].where);
      assert.ok(readFileSync(testFile, 'utf8').includes(anna.firstName), 'the test email shows her name');
      // 3. An order naming her by phone, then deleted.
      assert.equal((await api.write('POST', '/api/v3/orders', deleted)).status, 302);
      assert.equal((await api.write('DELETE', `/api/v3/orders/${deleted.orderId}`)).body.status, 'Succeeded');
      // 4. Writes naming her that failed: a POST over Bert's order, a PUT with a stale If-Match.
      const clash = await api.write('POST', '/api/v3/orders', { ...moved, orderAction: undefined, status: 'Completed' });
      assert.equal(clash.body.errorCode, 'OrderAlreadyExists', clash.text);
      const never = uniqueId('never');
      const stale = await api.request('PUT', `/api/v3/orders/${never}`, { ...deleted, orderId: never }, { headers: { 'if-match': 'stale' } });
      assert.equal(stale.status, 202, stale.text);
      assert.equal((await api.waitForJob(stale.body.jobId)).body.errorCode, 'VersionTagMismatch');
    });
    after(async () => {
      await api?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test("before erasure: her export lists what names her; Bert's export of the moved order does not show her version", async () => {
      const dump = await dumpAllTables(api);
      for (const secret of secrets()) assert.ok(dump.includes(secret), `the setup stored ${secret}`);
      const mine = await api.get(`/api/v3/contacts/${anna.id}/export`);
      assert.equal(mine.status, 200);
      assert.ok(mine.body.orderHistory.some((v: any) => v.orderId === moved.orderId && v.document?.shippingAddress?.firstname === anna.firstName));
      assert.ok(mine.body.jobs.length >= 4, `jobs naming her: ${mine.body.jobs.length}`);
      assert.ok(mine.body.automationRuns.length >= 1);
      const his = await api.get(`/api/v3/contacts/${bert.id}/export`, await api.key('read'));
      assert.equal(his.status, 200);
      const order = his.body.orders.find((o: any) => o.orderId === moved.orderId);
      assert.equal(order.versions.length, 2);
      assert.ok(order.versions.some((v: any) => v.document === null && v.documentOmitted));
      for (const secret of secrets()) assert.ok(!his.text.toLowerCase().includes(secret), `Bert's export shows ${secret}`);
    });

    test('after erasure no table and no file in the data directory holds her email, phone or name', async () => {
      assert.equal((await api.del(`/api/v3/contacts/${anna.id}`)).status, 204);
      const dump = await dumpAllTables(api);
      for (const secret of secrets()) {
        const at = dump.indexOf(secret);
        assert.equal(at, -1, `${secret} is still stored: …${dump.slice(Math.max(0, at - 200), at + 50)}`);
      }
      for (const file of filesUnder(dataDir)) {
        const text = readFileSync(file, 'utf8').toLowerCase();
        for (const secret of secrets()) assert.ok(!text.includes(secret), `${file} holds ${secret}`);
      }
      // Bert's order stays, at its current version.
      const order = await api.get(`/api/v3/orders/${moved.orderId}`);
      assert.equal(order.status, 200);
      assert.equal(order.body.contactId, bert.id);
      assert.equal((await api.get(`/api/v3/orders/${moved.orderId}/versions`)).body.items.length, 1);
    });
  });
}
