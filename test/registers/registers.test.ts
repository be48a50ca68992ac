import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`contacts, stores and articles (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const lookup = (query: string) => api.get(`/api/v3/contacts/id?${query}`);

    test('POST a contact → 201 with a GUID id, GET returns it, contactType defaults to Member', async () => {
      const email = `${uniqueId('c')}@example.com`;
      const created = await api.post('/api/v3/contacts', { email, mobilePhone: '+46701234567', firstName: 'Anna', memberNumber: uniqueId('m') });
      assert.equal(created.status, 201);
      assert.match(created.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(created.body.contactType, 'Member');
      const read = await api.get(`/api/v3/contacts/${created.body.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.email, email);
      assert.equal(read.body.firstName, 'Anna');
      const typed = await api.post('/api/v3/contacts', { contactType: 'contact', email: `${uniqueId('c')}@example.com` });
      assert.equal(typed.body.contactType, 'Contact');
    });

    test('an invalid contact is a 400 InvalidContact listing every bad field', async () => {
      // A custom contact type is valid (Engage allows configured types); an empty one is not.
      const answer = await api.post('/api/v3/contacts', { email: 'nope', mobilePhone: '0701234567', socialSecurityNumber: '811228-9875', contactType: '' });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'InvalidContact');
      assert.deepEqual(answer.body.errors.map((e: { path: string }) => e.path).sort(), ['contactType', 'email', 'mobilePhone', 'socialSecurityNumber']);
    });

    test('GET an unknown or non-GUID contact → 404 ContactNotFound', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-guid']) {
        const answer = await api.get(`/api/v3/contacts/${id}`);
        assert.equal(answer.status, 404);
        assert.equal(answer.body.errorCode, 'ContactNotFound');
      }
    });

    test('lookup by each key → 200 with the id as a JSON string; email is case-insensitive', async () => {
      const email = `${uniqueId('Look')}@Example.com`;
      const memberNumber = uniqueId('mem');
      const { body } = await api.post('/api/v3/contacts', { email, mobilePhone: '+46709990001', socialSecurityNumber: '19670919-9530', memberNumber });
      for (const query of [
        `email=${encodeURIComponent(email.toLowerCase())}`,
        `mobilePhone=${encodeURIComponent('+46709990001')}`,
        `socialSecurityNumber=19670919-9530`,
        `customKey=${memberNumber}`,
        `any=${encodeURIComponent(email)}`,
        `any=19670919-9530`,
        `any=${encodeURIComponent('+46709990001')}`,
        // An unencoded + reads as a space; a phone number never has one, so it is read as the + it was.
        'mobilePhone=+46709990001',
        'any=+46709990001',
        `any=${memberNumber}`,
        `email=${encodeURIComponent(email)}&contactType=member`,
      ]) {
        const answer = await lookup(query);
        assert.equal(answer.status, 200, query);
        assert.equal(answer.text, JSON.stringify(body.id), query);
      }
    });

    test('lookup failures: 400 for each invalid kind and bad queries, 404 none, 409 several', async () => {
      const cases: [string, number, string][] = [
        ['email=not-an-email', 400, 'InvalidEmailAddress'],
        ['mobilePhone=0701234567', 400, 'InvalidPhoneNumber'],
        ['mobilePhone=070+123+45+67', 400, 'InvalidPhoneNumber'],
        ['socialSecurityNumber=811228-9875', 400, 'InvalidSocialSecurityNumber'],
        ['email=a@example.com&contactType=', 400, 'InvalidContactType'],
        ['', 400, 'InvalidSearchQuery'],
        ['any=a@example.com&mobilePhone=%2B46701234567', 400, 'InvalidSearchQuery'],
        ['any=', 400, 'InvalidSearchQuery'],
        [`email=${uniqueId('none')}@example.com`, 404, 'ContactNotFound'],
        [`any=${uniqueId('none')}`, 404, 'ContactNotFound'],
      ];
      const paths: Record<string, string> = {
        InvalidEmailAddress: 'email',
        InvalidPhoneNumber: 'mobilePhone',
        InvalidSocialSecurityNumber: 'socialSecurityNumber',
        InvalidContactType: 'contactType',
      };
      for (const [query, status, code] of cases) {
        const answer = await lookup(query);
        assert.equal(answer.status, status, query);
        assert.equal(answer.body.errorCode, code, query);
        // A 400 names the parameter at fault.
        if (status === 400)
          assert.deepEqual(
            answer.body.errors.map((e: { path: string }) => e.path),
            [paths[code] ?? (query.includes('any=') ? 'any' : 'query')],
            query,
          );
      }
      // A second contact of the same type cannot take the email (ContactAlreadyExists); one of another type can.
      const email = `${uniqueId('twice')}@example.com`;
      const member = await api.post('/api/v3/contacts', { email });
      const contact = await api.post('/api/v3/contacts', { email, contactType: 'Contact' });
      const several = await lookup(`email=${encodeURIComponent(email)}`);
      assert.equal(several.status, 409);
      assert.equal(several.body.errorCode, 'MultipleMatches');
      assert.deepEqual(several.body.contactIds, [member.body.id, contact.body.id]);
      // contactType narrows the search: a Contact with the same email is not a Member.
      const other = `${uniqueId('typed')}@example.com`;
      await api.post('/api/v3/contacts', { email: other, contactType: 'Contact' });
      assert.equal((await lookup(`email=${encodeURIComponent(other)}&contactType=Member`)).status, 404);
      assert.equal((await lookup(`email=${encodeURIComponent(other)}&contactType=Contact`)).status, 200);
    });

    test('any stops at the first kind the value is valid for: a valid email is never tried as a customKey', async () => {
      // memberNumber looks like an email: `any` searches emails only, so it is not found.
      const memberNumber = `${uniqueId('m')}@example.com`;
      await api.post('/api/v3/contacts', { memberNumber });
      assert.equal((await lookup(`any=${encodeURIComponent(memberNumber)}`)).status, 404);
      assert.equal((await lookup(`customKey=${encodeURIComponent(memberNumber)}`)).status, 200);
    });

    test('stores: 201, bare-array list, 409 StoreAlreadyExists, 400 InvalidStore for a missing name or an unknown type', async () => {
      const externalId = uniqueId('store');
      const created = await api.post('/api/v3/stores', { externalId, name: 'Web', timeZone: 'Europe/Stockholm', type: 'ecomm' });
      assert.equal(created.status, 201);
      assert.equal(created.body.type, 'ECOMM');
      const again = await api.post('/api/v3/stores', { externalId, name: 'Web 2', timeZone: 'UTC' });
      assert.equal(again.status, 409);
      assert.equal(again.body.errorCode, 'StoreAlreadyExists');
      const bad = await api.post('/api/v3/stores', { externalId: uniqueId('store'), name: 'X', type: 'KIOSK' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorCode, 'InvalidStore');
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['type']);
      const missing = await api.post('/api/v3/stores', { timeZone: 'UTC' });
      assert.deepEqual(missing.body.errors.map((e: { path: string }) => e.path).sort(), ['externalId', 'name']);
      const list = await api.get('/api/v3/stores');
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(list.body));
      const mine = list.body.find((store: { externalId: string }) => store.externalId === externalId);
      assert.deepEqual(
        { ...mine, createdAt: undefined },
        { externalId, name: 'Web', timeZone: 'Europe/Stockholm', type: 'ECOMM', active: true, createdAt: undefined },
      );
    });

    test('PUT an article: 201 then 200, fields and unknown fields kept; max lengths enforced', async () => {
      const sku = uniqueId('sku');
      const article = {
        number: 'N1',
        name: 'Shirt',
        mainCategory: 'Tops',
        gender: 'Female',
        awardsBonus: true,
        dateSpare1: '2025-01-31',
        spare3: 'x',
        extra: { a: 1 },
      };
      const created = await api.put(`/api/v3/articles/${sku}`, article);
      assert.equal(created.status, 201);
      assert.equal((await api.put(`/api/v3/articles/${sku}`, { ...article, name: 'Shirt 2' })).status, 200);
      const read = await api.get(`/api/v3/articles/${sku}`);
      assert.deepEqual(read.body, { ...article, sku, name: 'Shirt 2' });
      const bad = await api.put(`/api/v3/articles/${sku}`, {
        sku: 'other',
        number: 'N',
        name: 'x'.repeat(256),
        mainCategory: 'T',
        gender: 'Unisexx',
        gtin: '1'.repeat(21),
        dateSpare2: 'tomorrow',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorCode, 'InvalidArticle');
      assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['dateSpare2', 'gender', 'gtin', 'name']);
      const mismatch = await api.put(`/api/v3/articles/${sku}`, { ...article, sku: 'other' });
      assert.equal(mismatch.status, 400);
      assert.equal((await api.get(`/api/v3/articles/${uniqueId('none')}`)).body.errorCode, 'ArticleNotFound');
      // A SKU may be 255 characters long, and is addressable at every length it may have.
      const longSku = `${uniqueId('long')}-`.padEnd(255, 'x');
      assert.equal((await api.put(`/api/v3/articles/${longSku}`, { ...article, sku: longSku })).status, 201);
      assert.equal((await api.get(`/api/v3/articles/${longSku}`)).body.sku, longSku);
    });

    test('bulk JSON import: valid articles imported, per-article errors with index, sku and field', async () => {
      const ok1 = uniqueId('bulk');
      const ok2 = uniqueId('bulk');
      const badSku = uniqueId('bulk');
      const answer = await api.post('/api/v3/articles', [
        { sku: ok1, number: '1', name: 'A', mainCategory: 'C' },
        { sku: badSku, number: '2', name: 'B', mainCategory: 'C', color: 'c'.repeat(256) },
        { sku: ok2, number: '3', name: 'C', mainCategory: 'C', brand: 'B' },
        { number: '4', name: 'D' },
        'not an article',
      ]);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.imported, 2);
      assert.equal(answer.body.failed, 3);
      const errors = answer.body.errors.map((e: any) => `${e.index}|${e.sku}|${e.field}`).sort();
      assert.deepEqual(errors, [`1|${badSku}|color`, '3|null|mainCategory', '3|null|sku', '4|null|']);
      assert.equal((await api.get(`/api/v3/articles/${ok2}`)).body.brand, 'B');
      assert.equal((await api.get(`/api/v3/articles/${badSku}`)).status, 404);
      const notArray = await api.post('/api/v3/articles', { sku: 'x' });
      assert.equal(notArray.status, 400);
      assert.equal(notArray.body.errorCode, 'InvalidArticle');
      // The error list is capped like the XML feed's; every failed article is still counted.
      const many = await api.post(
        '/api/v3/articles',
        Array.from({ length: 1500 }, () => ({ sku: '' })),
      );
      assert.equal(many.status, 200);
      assert.equal(many.body.failed, 1500);
      assert.equal(many.body.errors.length, 1000);
      assert.equal(many.body.errorsTruncated, true);
    });

    test('a read key cannot register; a write key can', async () => {
      const read = await api.key('read');
      assert.equal((await api.post('/api/v3/stores', { externalId: uniqueId('s'), name: 'N', timeZone: 'UTC' }, read)).status, 403);
      const write = await api.key('write');
      assert.equal((await api.post('/api/v3/contacts', { email: `${uniqueId('w')}@example.com` }, write)).status, 201);
    });
  });
}
