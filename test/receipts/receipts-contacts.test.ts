// Receipts and contacts: missing contacts in the integration log, late binding, GDPR.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { linkContact } from '../../src/contacts/late-binding.js';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from './fixtures.js';

for (const backend of backendNames()) {
  describe(`receipts and contacts (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const db = () => api.service.ctx.db;
    const receiptsProvider = () => api.service.ctx.parts.contactData.find((part) => part.id === 'receipts')!;
    const logOf = (uniqueReceiptId: string) =>
      db().selectFrom('integration_log').selectAll().where('type', '=', 'Receipts').where('version_tag', '=', uniqueReceiptId).execute();
    const stored = (uniqueReceiptId: string) => db().selectFrom('receipts').selectAll().where('unique_receipt_id', '=', uniqueReceiptId).executeTakeFirst();
    async function newContact(fields: Record<string, unknown>, link = false): Promise<string> {
      const contact = { id: randomUUID(), contact_type: 'Member', created_at: new Date(), ...fields };
      await db()
        .transaction()
        .execute(async (tx) => {
          await tx
            .insertInto('contacts')
            .values(contact as never)
            .execute();
          if (link) await linkContact(tx, api.service.ctx.parts, contact.id);
        });
      return contact.id;
    }

    test('unknown contact: the receipt is stored without a contact and one ContactMissing entry is logged', async () => {
      const email = `Ghost-${randomUUID()}@Example.com`;
      const body = receiptBody({ contact: { matchKey: email, matchKeyType: 'Email' } });
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201);
      assert.equal(answer.body.contactId, null);
      assert.equal((await api.post('/api/v3/receipts', body)).status, 200); // a repeat logs nothing new
      assert.equal((await api.post('/api/v3/receipts', { ...body, receiptNumber: 'other' })).status, 200); // a duplicate, ignored
      const entries = await logOf(body.uniqueReceiptId);
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.error_code, 'ContactMissing');
      assert.equal(entries[0]!.severity, 'Warning');
      assert.equal(entries[0]!.ref_key, `Email:${email.toLowerCase()}`);
      assert.equal(entries[0]!.details.uniqueReceiptId, body.uniqueReceiptId);
      assert.equal(entries[0]!.resolved_at, null);
      const row = await stored(body.uniqueReceiptId);
      assert.deepEqual([row!.contact_id, row!.match_key_type, row!.match_key], [null, 'Email', email.toLowerCase()]);
    });

    test('a receipt without a contact is stored anonymously and logs nothing', async () => {
      const body = receiptBody();
      delete body.contact;
      const answer = await api.post('/api/v3/receipts', body);
      assert.equal(answer.status, 201);
      assert.equal(answer.body.contactId, null);
      assert.deepEqual(await logOf(body.uniqueReceiptId), []);
      assert.equal((await stored(body.uniqueReceiptId))!.match_key_type, null);
    });

    test('linking a contact links the receipts naming a contact registered later, and resolves their entries', async () => {
      const phone = `+4670${Math.floor(Math.random() * 1e7)}`;
      const email = `late-${randomUUID()}@example.com`;
      const byEmail = receiptBody({ contact: { matchKey: email.toUpperCase(), matchKeyType: 'Email' } });
      const byPhone = receiptBody({ contact: { matchKey: phone, matchKeyType: 'MobilePhone' } });
      const otherType = receiptBody({ contact: { matchKey: email, matchKeyType: 'Email', contactType: 'Contact' } });
      for (const body of [byEmail, byPhone, otherType]) assert.equal((await api.post('/api/v3/receipts', body)).status, 201);

      const contactId = await newContact({ email, mobile_phone: phone }, true);
      for (const body of [byEmail, byPhone]) {
        assert.equal((await stored(body.uniqueReceiptId))!.contact_id, contactId);
        assert.notEqual((await logOf(body.uniqueReceiptId))[0]!.resolved_at, null);
      }
      // A receipt that named another contact type is not this Member's.
      assert.equal((await stored(otherType.uniqueReceiptId))!.contact_id, null);
      const listed = await api.get(`/api/v3/contacts/${contactId}/receipts`);
      assert.equal(listed.body.totalCount, 2);
    });

    test('the background sweep links a receipt whose contact was registered without the link step', async () => {
      const email = `swept-${randomUUID()}@example.com`;
      const body = receiptBody({ contact: { matchKey: email, matchKeyType: 'Email' } });
      assert.equal((await api.post('/api/v3/receipts', body)).status, 201);
      const contactId = await newContact({ email }, false);
      const deadline = Date.now() + 10_000;
      while ((await stored(body.uniqueReceiptId))!.contact_id !== contactId) {
        assert.ok(Date.now() < deadline, 'the sweep did not link the receipt within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    test('over HTTP: unknown contact logged → contact registered → receipt linked → exported → erased with the contact', async () => {
      const email = `journey-${randomUUID()}@example.com`;
      const body = receiptBody({ contact: { matchKey: email, matchKeyType: 'Email' } });
      assert.equal((await api.post('/api/v3/receipts', body)).body.contactId, null);
      const logged = async () =>
        (await api.get('/api/v3/integration-log?type=Receipts&errorCode=ContactMissing&count=100')).body.items.find(
          (entry: { details: { uniqueReceiptId?: string } }) => entry.details.uniqueReceiptId === body.uniqueReceiptId,
        );
      assert.equal((await logged()).resolvedAt, null);

      const contact = await api.post('/api/v3/contacts', { email });
      assert.equal(contact.status, 201, contact.text);
      const contactId = contact.body.id;
      const deadline = Date.now() + 10_000;
      while ((await api.get(`/api/v3/contacts/${contactId}/receipts`)).body.totalCount !== 1) {
        assert.ok(Date.now() < deadline, 'the receipt was not linked within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.notEqual((await logged()).resolvedAt, null);
      const exported = await api.get(`/api/v3/contacts/${contactId}/export`);
      assert.deepEqual(
        exported.body.receipts.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [body.uniqueReceiptId],
      );

      assert.equal((await api.del(`/api/v3/contacts/${contactId}`)).status, 204);
      assert.equal(await stored(body.uniqueReceiptId), undefined);
      const log = await api.get('/api/v3/integration-log?type=Receipts&count=100');
      assert.doesNotMatch(log.text, new RegExp(email));
    });

    test('GDPR: export lists the contact receipts; erase deletes them and scrubs their log entries', async () => {
      const email = `gdpr-${randomUUID()}@example.com`;
      const mine = [receiptBody({ contact: { matchKey: email, matchKeyType: 'Email' } }), receiptBody({ contact: { matchKey: email, matchKeyType: 'Email' } })];
      const someoneElse = receiptBody();
      for (const body of [...mine, someoneElse]) assert.equal((await api.post('/api/v3/receipts', body)).status, 201);
      const contactId = await newContact({ email }, true);

      const exported = (await receiptsProvider().export(db(), contactId)) as { uniqueReceiptId: string }[];
      assert.deepEqual(exported.map((r) => r.uniqueReceiptId).sort(), mine.map((r) => r.uniqueReceiptId).sort());

      await db()
        .transaction()
        .execute((tx) => receiptsProvider().erase(tx, contactId, api.service.ctx.parts));
      for (const body of mine) {
        assert.equal(await stored(body.uniqueReceiptId), undefined);
        // The entry stays (the fact that a contact was missing), but it names nobody.
        const [entry] = await logOf(body.uniqueReceiptId);
        assert.deepEqual(entry!.details, { uniqueReceiptId: body.uniqueReceiptId, erased: true });
        assert.doesNotMatch(`${entry!.message} ${entry!.ref_key}`, new RegExp(email));
      }
      assert.ok(await stored(someoneElse.uniqueReceiptId));
      assert.equal((await logOf(someoneElse.uniqueReceiptId))[0]!.details.matchKey, 'nobody@example.com');
    });
  });
}
