// Conformance: the store register as Engage integrations use it (docs/compatibility.md).
// Each case names the rule it checks; the suite runs through the real HTTP stack.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`conformance: stores (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const find = (list: any[], externalId: string): any => list.find((store) => store.externalId === externalId);

    test('only externalId and name are required; timeZone is optional', async () => {
      const answer = await api.post('/api/v3/stores', { externalId: uniqueId('s'), name: 'Minimal' });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.timeZone, null);
      assert.equal(answer.body.type, 'RETAIL');
      const missing = await api.post('/api/v3/stores', {});
      assert.equal(missing.body.errorCode, 'InvalidStore');
      assert.deepEqual(missing.body.errors.map((e: { path: string }) => e.path).sort(), ['externalId', 'name']);
    });

    test('type accepts ECOMM/RETAIL in any case and Engage spellings ecom/retail', async () => {
      for (const [sent, stored] of [
        ['ecom', 'ECOMM'],
        ['retail', 'RETAIL'],
        ['Ecomm', 'ECOMM'],
        ['RETAIL', 'RETAIL'],
      ]) {
        const answer = await api.post('/api/v3/stores', { externalId: uniqueId('s'), name: 'T', type: sent });
        assert.equal(answer.status, 201, answer.text);
        assert.equal(answer.body.type, stored, sent);
      }
    });

    test('every other field is kept and returned; a time zone is kept as sent', async () => {
      const body = {
        externalId: uniqueId('s'),
        name: 'Visby',
        timeZone: 'W. Europe Standard Time',
        city: 'Visby',
        countryCode: 'SE',
        street: 'Hamngatan 1',
        zipCode: '62157',
        email: 'visby@example.com',
        phoneNumber: '+46498000000',
        openingHours: [{ day: 'Mon', from: '10:00' }],
      };
      const created = await api.post('/api/v3/stores', body);
      assert.equal(created.status, 201, created.text);
      const listed = find((await api.get('/api/v3/stores')).body, body.externalId);
      assert.deepEqual({ ...listed, createdAt: undefined }, { ...body, type: 'RETAIL', active: true, createdAt: undefined });
    });

    test('GET returns a bare JSON array; includeInactive=true adds stores with active: false', async () => {
      const inactive = uniqueId('s');
      await api.post('/api/v3/stores', { externalId: inactive, name: 'Closed', active: false });
      const list = await api.get('/api/v3/stores');
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(list.body));
      assert.equal(find(list.body, inactive), undefined);
      const all = (await api.get('/api/v3/stores?includeInactive=true')).body;
      assert.equal(find(all, inactive)?.active, false);
      const ids = all.map((store: { externalId: string }) => store.externalId);
      assert.deepEqual(ids, [...ids].sort(), 'ordered by externalId');
    });

    test('null in an optional field is the same as absent', async () => {
      const answer = await api.post('/api/v3/stores', { externalId: uniqueId('s'), name: 'N', timeZone: null, type: null, active: null });
      assert.equal(answer.status, 201, answer.text);
      assert.equal(answer.body.active, true);
      assert.equal(answer.body.type, 'RETAIL');
    });
  });
}
