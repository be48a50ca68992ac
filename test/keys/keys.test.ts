// API keys: the admin API (list, create, revoke), ADMIN_API_KEY's replacement
// and minimum length, and that key secrets never reach the log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { buildApp, serializeRequest } from '../../src/http/app.js';
import { KeyStore, createKey, ensureAdminKey, hashKey } from '../../src/keys/keys.js';
import { createContext } from '../../src/service.js';
import { backendNames, freshDatabase } from '../helpers/backends.js';
import { ADMIN_KEY, type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`API keys over HTTP (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('create answers the secret once; list never shows secrets or hashes; the new key works at once', async () => {
      const created = await api.post('/api/v3/keys', { name: 'shop', scope: 'write' });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'id', 'name', 'scope', 'secret']);
      assert.equal(created.body.scope, 'write');
      assert.ok(created.body.secret.length >= 24);
      assert.deepEqual((await api.get('/api/v3/keys/me', created.body.secret)).body, { name: 'shop', scope: 'write' });

      const list = await api.get('/api/v3/keys');
      assert.equal(list.status, 200);
      const shop = list.body.items.find((key: { id: string }) => key.id === created.body.id);
      assert.deepEqual(shop, { id: created.body.id, name: 'shop', scope: 'write', createdAt: created.body.createdAt });
      assert.ok(list.body.items.some((key: { name: string }) => key.name === 'ADMIN_API_KEY'));
      const hashes = (await api.service.ctx.db.selectFrom('api_keys').select('key_hash').execute()).map((row) => row.key_hash);
      for (const secretish of [created.body.secret, ADMIN_KEY, ...hashes]) assert.ok(!list.text.includes(secretish));
    });

    test('unknown keys cannot push a real key out of the key cache', async () => {
      const { db } = api.service.ctx;
      const store = new KeyStore(db, 60_000, 50);
      const { key, secret } = await createKey(db, 'cached', 'read');
      assert.deepEqual(await store.find(secret), key);
      for (let i = 0; i < 120; i++) assert.equal(await store.find(`random-key-${i}-${'x'.repeat(20)}`), null);
      // Gone from the database behind the cache's back: still known means the cache kept it.
      await db.deleteFrom('api_keys').where('id', '=', key.id).execute();
      assert.deepEqual(await store.find(secret), key);
      store.forget();
      assert.equal(await store.find(secret), null);
    });

    test('revoke: the key stops working at once; unknown ids are a 404 problem', async () => {
      const created = await api.post('/api/v3/keys', { name: 'to revoke', scope: 'read' });
      assert.equal((await api.get('/api/v3/orders/jobs', created.body.secret)).status, 200); // now remembered by the key cache
      assert.equal((await api.del(`/api/v3/keys/${created.body.id}`)).status, 204);
      const after = await api.get('/api/v3/orders/jobs', created.body.secret);
      assert.equal(after.status, 401);
      assert.equal(after.body.errorCode, 'InvalidApiKey');
      assert.ok(!(await api.get('/api/v3/keys')).body.items.some((key: { id: string }) => key.id === created.body.id));
      for (const id of [created.body.id, 'not-a-uuid']) {
        const missing = await api.del(`/api/v3/keys/${id}`);
        assert.equal(missing.status, 404, id);
        assert.equal(missing.body.errorCode, 'ApiKeyNotFound');
      }
    });

    test('managing keys needs the admin scope; keys/me works for every key', async () => {
      for (const scope of ['read', 'write'] as const) {
        const key = await api.key(scope);
        assert.equal((await api.get('/api/v3/keys', key)).status, 403, scope);
        assert.equal((await api.post('/api/v3/keys', { name: 'x', scope: 'admin' }, key)).status, 403, scope);
        assert.equal((await api.del('/api/v3/keys/00000000-0000-4000-8000-000000000000', key)).status, 403, scope);
        assert.equal((await api.get('/api/v3/keys/me', key)).body.scope, scope);
      }
    });

    test('bad create bodies are 400 problems; the ADMIN_API_KEY name is reserved', async () => {
      for (const body of [
        {},
        { name: '', scope: 'read' },
        { name: 'x', scope: 'root' },
        { name: 'x', scope: 'read', secret: 'mine' },
        { name: 'ADMIN_API_KEY', scope: 'admin' },
      ]) {
        const answer = await api.post('/api/v3/keys', body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.ok(answer.body.errors.length > 0, JSON.stringify(body));
      }
    });
  });

  describe(`ADMIN_API_KEY (${backend})`, () => {
    test('a changed value replaces the key the old value created; other keys stay', async () => {
      const { database, drop } = await freshDatabase(backend);
      try {
        const first = 'first-admin-key-0123456789abcdef';
        const second = 'second-admin-key-0123456789abcdef';
        await ensureAdminKey(database.db, first);
        await ensureAdminKey(database.db, first); // a restart with the same value changes nothing
        await database.db
          .insertInto('api_keys')
          .values({ id: crypto.randomUUID(), name: 'shop', scope: 'write', key_hash: hashKey('some-shop-key-0123456789abcdef') })
          .execute();
        await ensureAdminKey(database.db, second);
        const rows = await database.db.selectFrom('api_keys').select(['name', 'key_hash', 'scope']).orderBy('name').execute();
        assert.deepEqual(rows, [
          { name: 'ADMIN_API_KEY', key_hash: hashKey(second), scope: 'admin' },
          { name: 'shop', key_hash: hashKey('some-shop-key-0123456789abcdef'), scope: 'write' },
        ]);
      } finally {
        await database.close();
        await drop();
      }
    });
  });
}

describe('ADMIN_API_KEY length', () => {
  test('shorter than 24 characters is a clear start-up error', async () => {
    assert.throws(() => loadConfig({ ADMIN_API_KEY: 'x' }, []), /ADMIN_API_KEY must be at least 24 characters/);
    assert.throws(() => loadConfig({ ADMIN_API_KEY: 'a'.repeat(23) }, []), /at least 24/);
    assert.equal(loadConfig({ ADMIN_API_KEY: 'a'.repeat(24) }, []).adminApiKey, 'a'.repeat(24));
    const { database } = await freshDatabase('embedded');
    try {
      await assert.rejects(ensureAdminKey(database.db, 'short'), /at least 24/);
      assert.equal((await database.db.selectFrom('api_keys').select('id').execute()).length, 0);
    } finally {
      await database.close();
    }
  });
});

describe('keys in the log', () => {
  test('a key in the query string or a header is never logged', async () => {
    const { database } = await freshDatabase('embedded');
    const lines: string[] = [];
    try {
      const config = { ...loadConfig({}, []), adminApiKey: ADMIN_KEY, logLevel: 'info' };
      await ensureAdminKey(database.db, ADMIN_KEY);
      const app = await buildApp(await createContext(config, database), { logStream: { write: (line) => void lines.push(line) } });
      await app.ready();
      const secret = 'query-secret-0123456789abcdef';
      for (const url of [
        `/api/v3/orders/jobs?apikey=${secret}`,
        `/api/v3/orders/jobs?count=5&x-api-key=${secret}`,
        `/api/v3/orders/jobs?APIKEY=${secret}&count=1`,
        `/healthz?api%6Bey=${secret}`,
      ]) {
        await app.inject({ method: 'GET', url, headers: { apikey: ADMIN_KEY } });
      }
      await app.close();
      const log = lines.join('');
      assert.match(log, /"msg":"request"/, 'requests were logged');
      // The request line names the route template, never the URL; where a request is
      // serialized with its URL (errors), key parameters are redacted and others stay.
      const serialized = serializeRequest({ method: 'GET', url: `/api/v3/orders/jobs?count=5&apikey=${secret}&x-api-key=${secret}` });
      assert.match(serialized.url, /apikey=\[REDACTED\]/);
      assert.match(serialized.url, /count=5/, 'other parameters stay');
      assert.ok(!serialized.url.includes(secret));
      assert.ok(!log.includes(secret), 'the query-string key is not in the log');
      assert.ok(!log.includes(ADMIN_KEY), 'the header key is not in the log');
    } finally {
      await database.close();
    }
  });
});
