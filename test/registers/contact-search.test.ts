import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { WALK_ROWS } from '../../src/contacts/search.js';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`contact search (${backend})`, () => {
    let api: TestService;
    const ids: Record<string, string> = {};
    before(async () => {
      api = await startTestService(backend);
      // Registered one after another, so "newest first" is Ola, Anders, Annika, Anna.
      const people = [
        { key: 'anna', firstName: 'Anna', lastName: 'Svensson', email: 'anna.s@example.com', mobilePhone: '+46701234567', memberNumber: 'M-1001' },
        { key: 'annika', firstName: 'Annika', lastName: 'Berg', email: 'ab@shop.example', mobilePhone: '+46709999999', memberNumber: 'M-2002' },
        { key: 'anders', firstName: 'Anders', lastName: 'Annersten', email: 'anders@example.org', memberNumber: 'X_77' },
        { key: 'ola', firstName: 'Ola', lastName: 'Nordmann', email: 'ola@example.no', mobilePhone: '+4791234567', contactType: 'Contact' },
      ];
      for (const { key, ...body } of people) {
        const created = await api.post('/api/v3/contacts', body);
        assert.equal(created.status, 201, created.text);
        ids[key] = created.body.id;
      }
    });
    after(async () => api?.stop());

    const search = async (query: string) => {
      const answer = await api.get(`/api/v3/contacts?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body;
    };
    const names = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).items.map((c: any) => c.firstName);

    test('prefix, any case, over first, last and full name', async () => {
      assert.deepEqual(await names('anna'), ['Anna']);
      assert.deepEqual(await names('ANN'), ['Anders', 'Annika', 'Anna'], 'Anders by his last name Annersten');
      assert.deepEqual(await names('anna sv'), ['Anna']);
      assert.deepEqual(await names('  Anna   Svensson '), ['Anna']);
      assert.deepEqual(await names('svens'), ['Anna']);
      assert.deepEqual(await names('nna'), [], 'a prefix search, not an infix one');
      assert.deepEqual(await names('anna berg'), []);
    });

    test('email, phone digits (spaces and + ignored) and member number', async () => {
      assert.deepEqual(await names('ANNA.S@'), ['Anna']);
      assert.deepEqual(await names('ab@shop'), ['Annika']);
      assert.deepEqual(await names('+46 70'), ['Annika', 'Anna']);
      assert.deepEqual(await names('4670123'), ['Anna']);
      assert.deepEqual(await names('47 912'), ['Ola']);
      assert.deepEqual(await names('m-2'), ['Annika']);
      assert.deepEqual(await names('x_7'), ['Anders']);
      // LIKE's wildcards are literal text: "%" and "_" match only themselves.
      assert.deepEqual(await names('%'), []);
      assert.deepEqual(await names('x%'), []);
      assert.deepEqual(await names('M_'), []);
    });

    test('the answer shape, and all contacts newest first without q', async () => {
      const { items, nextCursor } = await search('q=anna');
      assert.equal(nextCursor, null);
      assert.deepEqual(items[0], {
        id: ids.anna,
        firstName: 'Anna',
        lastName: 'Svensson',
        email: 'anna.s@example.com',
        mobilePhone: '+46701234567',
        memberNumber: 'M-1001',
        contactType: 'Member',
        createdAt: items[0].createdAt,
      });
      assert.ok(!Number.isNaN(Date.parse(items[0].createdAt)));
      const all = await search('');
      assert.deepEqual(
        all.items.map((c: any) => c.id),
        [ids.ola, ids.anders, ids.annika, ids.anna],
      );
      assert.equal(all.items[0].contactType, 'Contact');
      assert.equal(all.items[1].mobilePhone, null);
      assert.deepEqual((await search('q=')).items.length, 4, 'a blank q lists everyone');
    });

    test('keyset paging with a cursor visits every match once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: any = await search(`q=a&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((c: any) => c.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      assert.deepEqual(seen, [ids.anders, ids.annika, ids.anna]);
      const two = await search('limit=2');
      assert.equal(two.items.length, 2);
      const rest = await search(`limit=2&cursor=${two.nextCursor}`);
      assert.deepEqual(
        rest.items.map((c: any) => c.id),
        [ids.annika, ids.anna],
      );
      assert.equal(rest.nextCursor, null);
    });

    test('bad parameters are 400 problems naming them', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=x']) {
        const answer = await api.get(`/api/v3/contacts?${query}`);
        assert.equal(answer.status, 400, query);
        assert.match(JSON.stringify(answer.body.errors), /limit/);
      }
      const cursor = await api.get('/api/v3/contacts?cursor=bm90LWEtY3Vyc29y');
      assert.equal(cursor.status, 400);
      assert.equal(cursor.body.errorCode, 'InvalidSearchQuery');
      assert.equal(cursor.body.errors[0].path, 'cursor');
      assert.equal((await api.get(`/api/v3/contacts?q=${'a'.repeat(201)}`)).status, 400);
    });

    test('read scope suffices; PATCH changes what the search finds', async () => {
      const reader = await api.key('read');
      assert.equal((await api.get('/api/v3/contacts?q=anna', reader)).status, 200);
      const patched = await api.request('PATCH', `/api/v3/contacts/${ids.annika}`, { lastName: 'Lund' });
      assert.equal(patched.status, 200, patched.text);
      assert.deepEqual(await names('annika lu'), ['Annika']);
      assert.deepEqual(await names('berg'), []);
    });
  });

  describe(`contact search past the newest ${WALK_ROWS} contacts (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
      // The oldest contact is the only Zelda; every other is an Olle, newest last.
      await sql`INSERT INTO contacts (first_name, last_name, email, created_at)
        SELECT CASE WHEN g = 0 THEN 'Zelda' ELSE 'Olle' END, 'Nr' || g, 'c' || g || '@example.com', now() - (${WALK_ROWS + 200} - g) * interval '1 second'
        FROM generate_series(0, ${WALK_ROWS + 200}) g`.execute(api.service.ctx.db);
    });
    after(async () => api?.stop());

    test('a rare match older than the newest stretch is found; a common one pages newest first to the end', async () => {
      const zelda = (await api.get('/api/v3/contacts?q=zel')).body;
      assert.deepEqual(
        zelda.items.map((c: any) => c.lastName),
        ['Nr0'],
      );
      assert.equal(zelda.nextCursor, null);
      // Pages of 100 through every Olle: newest first, none twice, none left out.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = (await api.get(`/api/v3/contacts?q=olle&limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...page.items.map((c: any) => c.lastName));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, WALK_ROWS + 200);
      assert.equal(new Set(seen).size, seen.length);
      assert.equal(seen[0], `Nr${WALK_ROWS + 200}`);
      assert.equal(seen[seen.length - 1], 'Nr1');
    });
  });
}
