// Keyset cursors are base64 a client can forge. Whatever a forged cursor decodes
// to must be refused as "not a cursor" (400 naming it), never reach the database
// as a value it refuses (a 500): NUL characters, impossible dates, numbers out of
// the database's range.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => b64(JSON.stringify(value));

for (const backend of backendNames()) {
  describe(`forged cursors are a 400, never a 500 (${backend})`, () => {
    let api: TestService;
    let contactId: string;
    before(async () => {
      api = await startTestService(backend);
      contactId = (await api.post('/api/v3/contacts', { email: 'cursor@example.com' })).body.id;
    });
    after(async () => api?.stop());

    const refused = async (url: string, param: string) => {
      const answer = await api.get(url);
      assert.equal(answer.status, 400, `${url}: ${answer.text}`);
      assert.deepEqual(
        answer.body.errors.map((error: { path: string }) => error.path),
        [param],
        url,
      );
    };

    test('the orders list', async () => {
      for (const cursor of [
        ['createdAt', 'desc', '2025-12-03T14:15:19.000000Z', 'x\u0000'],
        ['createdAt', 'desc', '9999-99-99T99:99:99.000000Z', 'a'],
        ['createdAt', 'desc', '0000-01-01T00:00:00.000000Z', 'a'],
        ['createdAt', 'desc', '2022-02-30T00:00:00.000000Z', 'a'],
      ]) {
        await refused(`/api/v3/orders?cursor=${json(cursor)}`, 'cursor');
      }
    });

    test('the contacts list', async () => {
      for (const at of ['2025-13-45T00:00:00.000000Z', '0000-01-01T00:00:00.000000Z']) {
        await refused(`/api/v3/contacts?cursor=${json([at, contactId])}`, 'cursor');
      }
    });

    test('the contact timeline', async () => {
      for (const cursor of [
        ['99999999999999999999', 'a'],
        ['9223372036854775808', 'a'],
        ['1', 'a\u0000'],
      ]) {
        await refused(`/api/v3/contacts/${contactId}/timeline?cursor=${json(cursor)}`, 'cursor');
      }
      assert.equal((await api.get(`/api/v3/contacts/${contactId}/timeline?cursor=${json(['9223372036854775807', 'a'])}`)).status, 200);
    });

    test('the automation runs', async () => {
      for (const at of ['1', '0000-01-01T00:00:00Z', '2022-02-30T00:00:00Z', '+275760-09-13T00:00:00Z']) {
        await refused(`/api/v3/automations/runs?after=${b64(`${at}|00000000-0000-4000-8000-000000000000`)}`, 'after');
      }
    });
  });
}
