// Conformance: contacts as Engage integrations use them (docs/compatibility.md).
// Each case names the rule it checks; the suite runs through the real HTTP stack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`conformance: contacts (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const email = () => `${uniqueId('c')}@example.com`;
    const lookup = (query: string) => api.get(`/api/v3/contacts/id?${query}`);

    test('lookup with several keys: the contact matching all of them', async () => {
      const shared = email();
      const a = await api.post('/api/v3/contacts', { email: shared, mobilePhone: '+46701110001' });
      const b = await api.post('/api/v3/contacts', { email: shared, mobilePhone: '+46701110002', contactType: 'Contact' });
      const both = await lookup(`email=${encodeURIComponent(shared)}&mobilePhone=${encodeURIComponent('+46701110002')}`);
      assert.equal(both.status, 200, both.text);
      assert.equal(both.body, b.body.id);
      assert.equal((await lookup(`email=${encodeURIComponent(shared)}&mobilePhone=${encodeURIComponent('+46701110009')}`)).status, 404);
      const invalid = await lookup(`email=${encodeURIComponent(shared)}&mobilePhone=0701`);
      assert.equal(invalid.body.errorCode, 'InvalidPhoneNumber', 'every given key is validated');
      assert.ok(a.body.id);
    });

    test('409 MultipleMatches lists the candidate ids, oldest first', async () => {
      const shared = email();
      const ids = [];
      for (const contactType of ['Member', 'Contact', 'Employee']) ids.push((await api.post('/api/v3/contacts', { email: shared, contactType })).body.id);
      const answer = await lookup(`email=${encodeURIComponent(shared)}`);
      assert.equal(answer.status, 409);
      assert.equal(answer.body.errorCode, 'MultipleMatches');
      assert.deepEqual(answer.body.contactIds, ids);
      assert.equal((await lookup(`email=${encodeURIComponent(shared)}&contactType=employee`)).body, ids[2], 'a custom type narrows the search, in any case');
    });

    test('custom contact types are valid and kept as sent; Member and Contact are canonicalized', async () => {
      const custom = await api.post('/api/v3/contacts', { email: email(), contactType: 'Employee' });
      assert.equal(custom.status, 201, custom.text);
      assert.equal(custom.body.contactType, 'Employee');
      assert.equal((await api.post('/api/v3/contacts', { email: email(), contactType: 'MEMBER' })).body.contactType, 'Member');
      const found = await lookup(`email=${encodeURIComponent(custom.body.email)}&contactType=Employee`);
      assert.equal(found.body, custom.body.id);
    });

    test('Finnish personal identity codes (DDMMYY[-+A]NNNC with checksum) are valid social security numbers', async () => {
      const created = await api.post('/api/v3/contacts', { socialSecurityNumber: '131052-308T' });
      assert.equal(created.status, 201, created.text);
      assert.equal((await lookup('socialSecurityNumber=131052-308T')).body, created.body.id);
      const wrongCheck = await api.post('/api/v3/contacts', { socialSecurityNumber: '131052-308U' });
      assert.equal(wrongCheck.status, 400);
      assert.deepEqual(
        wrongCheck.body.errors.map((e: { path: string }) => e.path),
        ['socialSecurityNumber'],
      );
      assert.equal((await lookup('socialSecurityNumber=131052-308U')).body.errorCode, 'InvalidSocialSecurityNumber');
      assert.equal((await api.post('/api/v3/contacts', { socialSecurityNumber: '010101A123N' })).status, 201, '2000s century sign');
    });

    test('a second contact of the same type with an existing key is 409 ContactAlreadyExists naming the existing id', async () => {
      const first = await api.post('/api/v3/contacts', {
        email: email(),
        mobilePhone: '+46702220001',
        memberNumber: uniqueId('m'),
        socialSecurityNumber: '19670919-9530',
      });
      for (const [field, value] of [
        ['email', first.body.email.toUpperCase()],
        ['mobilePhone', '+46702220001'],
        ['memberNumber', first.body.memberNumber],
        ['socialSecurityNumber', '19670919-9530'],
      ]) {
        const again = await api.post('/api/v3/contacts', { [field]: value });
        assert.equal(again.status, 409, field);
        assert.equal(again.body.errorCode, 'ContactAlreadyExists');
        assert.equal(again.body.contactId, first.body.id);
      }
      assert.equal((await api.post('/api/v3/contacts', { email: first.body.email, contactType: 'Contact' })).status, 201, 'another type may share it');
    });

    test('concurrent creates with the same email: exactly one 201', async () => {
      const shared = email();
      const answers = await Promise.all(Array.from({ length: 6 }, () => api.post('/api/v3/contacts', { email: shared })));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409, 409]);
    });

    test('every field and the create parameters source, storeExternalId, createAsUnapproved are stored and returned', async () => {
      const body = {
        email: email(),
        firstName: 'Anna',
        countryCode: 'SE',
        street: 'Storgatan 1',
        zipCode: '11122',
        city: 'Stockholm',
        preferences: { newsletter: true },
      };
      const created = await api.post('/api/v3/contacts?source=POS&storeExternalId=STHLM-1&createAsUnapproved=true', body);
      assert.equal(created.status, 201, created.text);
      const read = (await api.get(`/api/v3/contacts/${created.body.id}`)).body;
      assert.deepEqual(
        { ...read, id: undefined, createdAt: undefined },
        {
          ...body,
          id: undefined,
          createdAt: undefined,
          contactType: 'Member',
          mobilePhone: null,
          memberNumber: null,
          externalId: null,
          socialSecurityNumber: null,
          cardId: null,
          lastName: null,
          source: 'POS',
          storeExternalId: 'STHLM-1',
          createAsUnapproved: true,
        },
      );
    });

    test('null in an optional field is the same as absent', async () => {
      const created = await api.post('/api/v3/contacts', { email: email(), mobilePhone: null, contactType: null, socialSecurityNumber: null });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.contactType, 'Member');
    });

    test('PATCH /api/v3/contacts/{id} updates the given fields, keeps the rest, and links orders waiting for a new key', async () => {
      const created = await api.post('/api/v3/contacts', { email: email(), firstName: 'Anna', city: 'Visby' });
      const memberNumber = uniqueId('late');
      const order = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' } });
      await api.write('POST', '/api/v3/orders', order);
      const patched = await api.request('PATCH', `/api/v3/contacts/${created.body.id.toUpperCase()}`, { memberNumber, city: 'Lund' });
      assert.equal(patched.status, 200, patched.text);
      assert.equal(patched.body.firstName, 'Anna');
      assert.equal(patched.body.city, 'Lund');
      assert.equal(patched.body.memberNumber, memberNumber);
      assert.equal((await api.get(`/api/v3/orders/${order.orderId}`)).body.contactId, created.body.id);
      assert.equal((await api.request('PATCH', `/api/v3/contacts/${created.body.id}`, { email: 'nope' })).body.errorCode, 'InvalidContact');
      const other = await api.post('/api/v3/contacts', { email: email() });
      const taken = await api.request('PATCH', `/api/v3/contacts/${other.body.id}`, { memberNumber });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.contactId, created.body.id);
      assert.equal((await api.request('PATCH', '/api/v3/contacts/00000000-0000-4000-8000-000000000000', { city: 'X' })).status, 404);
    });

    test('contact GUIDs compare case-insensitively: GET /contacts/{UPPER-CASE id}', async () => {
      const created = await api.post('/api/v3/contacts', { email: email() });
      const read = await api.get(`/api/v3/contacts/${created.body.id.toUpperCase()}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, created.body.id);
    });

    test('DELETE with Content-Type: application/json and an empty body is accepted', async () => {
      const created = await api.post('/api/v3/contacts', { email: email() });
      const answer = await api.request('DELETE', `/api/v3/contacts/${created.body.id}`, '', { headers: { 'content-type': 'application/json' } });
      assert.equal(answer.status, 204, answer.text);
    });

    test('customKey matches the member number, or the external id with CONTACT_CUSTOM_KEY=externalId', async () => {
      const externalId = uniqueId('ext');
      const memberNumber = uniqueId('mem');
      const created = await api.post('/api/v3/contacts', { externalId, memberNumber });
      assert.equal((await lookup(`customKey=${memberNumber}`)).body, created.body.id);
      assert.equal((await lookup(`customKey=${externalId}`)).status, 404);
      // The setting is read per request from the service's configuration (one service per file keeps the suite fast).
      const config = api.service.ctx.config;
      config.contactCustomKey = 'externalId';
      try {
        assert.equal((await lookup(`customKey=${externalId}`)).body, created.body.id);
        assert.equal((await lookup(`customKey=${memberNumber}`)).status, 404);
      } finally {
        config.contactCustomKey = 'memberNumber';
      }
    });
  });
}
