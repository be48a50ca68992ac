// A social security number written in different spellings (with or without the
// century, with or without a separator) names one person: contacts, orders,
// receipts, the lookup, the duplicate check, late binding and erasure agree.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isFinnishPersonalIdentityCode, ssnMatchKey, ssnSpellings } from '../../src/domain/personal-numbers.js';
import * as migration from '../../src/db/migrations/0550_ssn_match_key.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { eventually } from '../helpers/eventually.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { receiptBody } from '../receipts/fixtures.js';

/** A valid Swedish personnummer born in `year`, as twelve digits (YYYYMMDDNNNN). */
function personnummer(year: number): string {
  const date = `${year}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const nine = date.slice(2) + String(randomInt(0, 1000)).padStart(3, '0');
  return `${date}${nine.slice(6)}${luhnDigit(nine)}`;
}

/** The Luhn check digit over the first nine digits of the ten-digit form. */
function luhnDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const doubled = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** The spellings a client may send: 19670919-9530, 196709199530, 670919-9530, 6709199530. */
const spell = (twelve: string) => ({
  long: `${twelve.slice(0, 8)}-${twelve.slice(8)}`,
  plain: twelve,
  short: `${twelve.slice(2, 8)}-${twelve.slice(8)}`,
  shortPlain: twelve.slice(2),
});

describe('ssnMatchKey: the form a social security number is matched by', () => {
  const today = new Date('2026-12-02T12:00:00Z');
  test('every spelling of a Swedish number gives its twelve digits', () => {
    for (const value of ['19670919-9530', '196709199530', '670919-9530', '6709199530']) assert.equal(ssnMatchKey(value, today), '196709199530', value);
  });
  test('a ten-digit number gets the century that makes its holder under 100, or 100 and over after a +', () => {
    assert.equal(ssnMatchKey('670919-9530', today), '196709199530');
    assert.equal(ssnMatchKey('670919+9530', today), '186709199530');
    const born2020 = personnummer(2020);
    assert.equal(ssnMatchKey(born2020.slice(2), today), born2020);
  });
  test('a birthday later this year means the previous century', () => {
    const nine = '261231123';
    const ten = nine + luhnDigit(nine);
    assert.equal(ssnMatchKey(ten, today), `19${ten}`, 'on 2 December 2026 nobody is born on 31 December 2026 yet');
    assert.equal(ssnMatchKey(ten, new Date('2027-01-01T00:00:00Z')), `20${ten}`);
  });
  test('a value that is both a Swedish number and a Finnish code is read as Swedish, so its other spellings match it', () => {
    assert.equal(isFinnishPersonalIdentityCode('210402+8036'), true);
    assert.equal(ssnMatchKey('210402+8036', today), '192104028036');
    assert.equal(ssnMatchKey('19210402-8036', today), '192104028036');
  });
  test('a Finnish code in upper case; anything else as sent', () => {
    assert.equal(ssnMatchKey('131052-308t', today), '131052-308T');
    assert.equal(ssnMatchKey('not a number'), 'not a number');
    assert.equal(ssnMatchKey('19670919-9531'), '19670919-9531', 'a wrong check digit is not a Swedish number');
  });
  test('the spellings of a key include every form a client may have sent', () => {
    assert.deepEqual(
      new Set(ssnSpellings('196709199530')),
      new Set(['196709199530', '19670919-9530', '19670919+9530', '6709199530', '670919-9530', '670919+9530']),
    );
  });
});

for (const backend of backendNames()) {
  describe(`a social security number in any spelling names one contact (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const orderNaming = (ssn: string) => orderBody({ contact: { matchKey: ssn, matchKeyType: 'SocialSecurityNumber' } });
    const contactOf = async (orderId: string) => (await api.get(`/api/v3/orders/${orderId}`)).body.contactId;

    test('lookup, duplicate check, orders and receipts match a contact stored in another spelling', async () => {
      const ssn = spell(personnummer(1967));
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: ssn.short });
      assert.equal(created.status, 201);
      assert.equal(created.body.socialSecurityNumber, ssn.short, 'kept as sent');

      for (const form of [ssn.long, ssn.plain, ssn.short, ssn.shortPlain]) {
        assert.equal((await api.get(`/api/v3/contacts/id?socialSecurityNumber=${form}`)).body, created.body.id, form);
      }
      const twin = await api.post('/api/v3/contacts', { socialSecurityNumber: ssn.plain });
      assert.equal(twin.status, 409);
      assert.equal(twin.body.errorCode, 'ContactAlreadyExists');
      assert.equal(twin.body.contactId, created.body.id);

      const order = orderNaming(ssn.long);
      assert.equal((await api.write('POST', '/api/v3/orders', order)).status, 302);
      assert.equal(await contactOf(order.orderId), created.body.id);
      const receipt = receiptBody({ contact: { matchKey: ssn.shortPlain, matchKeyType: 'SocialSecurityNumber' } });
      assert.equal((await api.post('/api/v3/receipts', receipt)).status, 201);
      const receipts = (await api.get(`/api/v3/contacts/${created.body.id}/receipts`)).body.items;
      assert.deepEqual(
        receipts.map((r: { uniqueReceiptId: string }) => r.uniqueReceiptId),
        [receipt.uniqueReceiptId],
      );
    });

    test("a centenarian's number with its +, unencoded in the lookup's query, finds the contact", async () => {
      const born = personnummer(1921);
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: `${born.slice(0, 8)}-${born.slice(8)}` });
      assert.equal((await api.get(`/api/v3/contacts/id?socialSecurityNumber=${born.slice(2, 8)}+${born.slice(8)}`)).body, created.body.id);
      assert.equal((await api.get(`/api/v3/contacts/id?any=${born.slice(2, 8)}%2B${born.slice(8)}`)).body, created.body.id);
    });

    test('an order waiting for a contact is linked when the contact is registered in another spelling, and its warning resolved', async () => {
      const ssn = spell(personnummer(1985));
      const order = orderNaming(ssn.plain);
      await api.write('POST', '/api/v3/orders', order);
      assert.equal(await contactOf(order.orderId), null);
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: ssn.short });
      assert.equal(await contactOf(order.orderId), created.body.id);
      const log = await api.get(`/api/v3/integration-log?orderId=${order.orderId}&count=100`);
      const missing = log.body.items.filter((entry: { errorCode: string }) => entry.errorCode === 'ContactMissing');
      assert.equal(missing.length, 1);
      assert.notEqual(missing[0].resolvedAt, null);
    });

    test('an order stored before keys were matched by their normal form, holding the number as sent, is still linked', async () => {
      const ssn = spell(personnummer(1990));
      const order = orderNaming(ssn.long);
      await api.write('POST', '/api/v3/orders', order);
      await sql`UPDATE orders SET match_key = ${ssn.long} WHERE order_id = ${order.orderId}`.execute(api.service.ctx.db);
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: ssn.shortPlain });
      await eventually('the order to be linked', async () => ((await contactOf(order.orderId)) === created.body.id ? true : undefined), 10_000);
    });

    test('the migration gives contacts registered before it their match key', async () => {
      const db = api.service.ctx.db as unknown as Parameters<typeof migration.up>[0];
      const ssn = spell(personnummer(1962));
      await migration.down(db);
      const contactId = randomUUID();
      await sql`INSERT INTO contacts (id, social_security_number) VALUES (${contactId}, ${ssn.short})`.execute(db);
      await migration.up(db);
      assert.equal((await api.get(`/api/v3/contacts/id?socialSecurityNumber=${ssn.plain}`)).body, contactId);
    });

    test('erasing the contact removes the waiting order that named it in another spelling', async () => {
      const ssn = spell(personnummer(1975));
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: ssn.long, contactType: 'Contact' });
      // Named with another contact type, the order cannot link; only its key ties it to the person.
      const order = orderBody({ contact: { matchKey: ssn.shortPlain, matchKeyType: 'SocialSecurityNumber', contactType: 'Member' } });
      await api.write('POST', '/api/v3/orders', order);
      assert.equal(await contactOf(order.orderId), null);
      assert.equal((await api.del(`/api/v3/contacts/${created.body.id}`)).status < 300, true);
      assert.equal((await api.get(`/api/v3/orders/${order.orderId}`)).status, 404);
    });
  });
}
