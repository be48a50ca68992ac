// GET /api/v3/orders without contactId: every filter, free text over each field, both sorts,
// keyset paging while orders keep arriving, bad input, and the contactId answer unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browseOrders } from '../../src/orders/browse.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

const line = (id: string, sku: string, totalPrice: number, type: 'Purchase' | 'Return' = 'Purchase') => ({
  id,
  type,
  quantity: 1,
  article: { sku, name: sku },
  totalPrice,
});

for (const backend of backendNames()) {
  describe(`orders browse (${backend})`, () => {
    let api: TestService;
    let annaId: string;
    // Written in the order A, B, C, D, E (so processed in that order); created in the order B, D, A, E, C.
    const ids = { A: 'SE-1001', B: 'SE-1002', C: 'NO-2001', D: 'SE-1101', E: 'DK-3001' };
    const browse = async (query: string) => {
      const answer = await api.get(`/api/v3/orders?${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body as { items: any[]; nextCursor: string | null };
    };
    const idsOf = async (query: string) => (await browse(query)).items.map((item) => item.orderId);
    const named = (...keys: (keyof typeof ids)[]) => keys.map((key) => ids[key]);

    before(async () => {
      api = await startTestService(backend);
      assert.equal(
        (await api.post('/api/v3/stores', { externalId: 'STORE-A', name: 'Stockholm City', timeZone: 'Europe/Stockholm', type: 'retail' })).status,
        201,
      );
      for (const sku of ['SKU-RED-1', 'SKU-RED-2', 'SKU-BLUE-1', 'SKU-GREEN-1']) {
        assert.equal((await api.put(`/api/v3/articles/${sku}`, { sku, number: sku, name: sku, mainCategory: 'Tops' })).status < 300, true);
      }
      annaId = (await api.post('/api/v3/contacts', { email: 'Anna.Svensson@example.com', firstName: 'Anna', lastName: 'Svensson' })).body.id;
      assert.ok(annaId);
      assert.equal((await api.post('/api/v3/contacts', { email: 'bo@example.com', firstName: 'Bo', lastName: 'Berg' })).status, 201);
      const anna = { matchKey: 'anna.svensson@example.com', matchKeyType: 'Email' };
      const bo = { matchKey: 'bo@example.com', matchKeyType: 'Email' };
      const orders = [
        orderBody({
          orderId: ids.A,
          contact: anna,
          externalStoreId: 'STORE-A',
          status: 'Received',
          channel: 'Ecom',
          createdAt: '2025-03-01T10:00:00Z',
          totalPrice: 100,
          lineItems: { items: [line('l1', 'SKU-RED-1', 100)], subTotal: 100 },
          delivery: { trackingNumber: 'TRK-111' },
        }),
        // An unregistered store: a StoreMissing warning stays open.
        orderBody({
          orderId: ids.B,
          contact: bo,
          externalStoreId: 'STORE-B',
          status: 'Completed',
          channel: 'Store',
          createdAt: '2025-01-01T10:00:00Z',
          lineItems: { items: [line('l1', 'SKU-BLUE-1', 50)], subTotal: 50 },
        }),
        // A status of the client's own, a Return, and nobody registered with the email: warnings too.
        orderBody({
          orderId: ids.C,
          contact: { matchKey: 'nobody@example.com', matchKeyType: 'Email' },
          externalStoreId: 'STORE-A',
          status: 'Shipped',
          channel: 'App',
          currencyCode: 'NOK',
          createdAt: '2025-05-01T10:00:00Z',
          lineItems: { items: [line('r1', 'SKU-GREEN-1', -30, 'Return')], subTotal: -30 },
        }),
        orderBody({
          orderId: ids.D,
          contact: anna,
          externalStoreId: 'STORE-A',
          status: 'InProgress',
          channel: 'ecom',
          createdAt: '2025-02-01T10:00:00Z',
          lineItems: { items: [line('l1', 'SKU-RED-2', 80), line('r1', 'SKU-RED-1', -100, 'Return')], subTotal: -20 },
        }),
        orderBody({
          orderId: ids.E,
          contact: bo,
          externalStoreId: 'STORE-A',
          status: 'Cancelled',
          channel: 'Store',
          createdAt: '2025-04-01T12:00:00Z',
          lineItems: { items: [line('l1', 'SKU-BLUE-1', 50)], subTotal: 50 },
        }),
      ];
      for (const body of orders) assert.equal((await api.write('POST', '/api/v3/orders', body)).body.status, 'Succeeded');
    });
    after(async () => api?.stop());

    test('the list item: names, store, amounts, line count, warnings; newest created first by default', async () => {
      const { items, nextCursor } = await browse('');
      assert.deepEqual(
        items.map((item) => item.orderId),
        named('C', 'E', 'A', 'D', 'B'),
      );
      assert.equal(nextCursor, null);
      const a = items.find((item) => item.orderId === ids.A);
      assert.deepEqual(
        { ...a, processedAt: undefined },
        {
          orderId: ids.A,
          status: 'Received',
          orderType: 'Purchase',
          contactId: annaId,
          contactName: 'Anna Svensson',
          contactEmail: 'Anna.Svensson@example.com',
          storeId: 'STORE-A',
          storeName: 'Stockholm City',
          channel: 'Ecom',
          currency: 'SEK',
          totalGrossPrice: 100,
          lineCount: 1,
          createdAt: '2025-03-01T10:00:00.000Z',
          processedAt: undefined,
          unresolvedWarnings: 0,
        },
      );
      const c = items.find((item) => item.orderId === ids.C);
      assert.equal(c.contactId, null);
      assert.equal(c.contactName, null);
      assert.equal(c.contactEmail, 'nobody@example.com', 'an unlinked order shows the email it was placed with');
      assert.equal(c.totalGrossPrice, -30, 'without totalPrice the subTotal is the amount');
      assert.ok(c.unresolvedWarnings >= 1);
      const b = items.find((item) => item.orderId === ids.B);
      assert.equal(b.storeName, null, 'an unregistered store has no name');
      assert.ok(b.unresolvedWarnings >= 1);
    });

    test("status: one or more, any case, statuses of the client's own included", async () => {
      assert.deepEqual(await idsOf('status=received'), named('A'));
      assert.deepEqual(await idsOf('status=Completed,%20cancelled'), named('E', 'B'));
      assert.deepEqual(await idsOf('status=SHIPPED'), named('C'));
      assert.deepEqual(await idsOf('status=Nothing'), []);
    });

    test('orderType, storeId, channel', async () => {
      assert.deepEqual(await idsOf('orderType=Return'), named('C'));
      assert.deepEqual(await idsOf('orderType=mixed'), named('D'));
      assert.deepEqual(await idsOf('orderType=Purchase'), named('E', 'A', 'B'));
      assert.deepEqual(await idsOf('storeId=STORE-A'), named('C', 'E', 'A', 'D'));
      assert.deepEqual(await idsOf('storeId=STORE-B'), named('B'));
      assert.deepEqual(await idsOf('channel=ECOM'), named('A', 'D'));
      assert.deepEqual(await idsOf('status=inprogress&channel=ecom&storeId=STORE-A&orderType=Mixed'), named('D'));
    });

    test('createdAt range: whole days, or instants', async () => {
      assert.deepEqual(await idsOf('createdFrom=2025-03-01&createdTo=2025-04-01'), named('E', 'A'));
      assert.deepEqual(await idsOf('createdFrom=2025-03-01T10:00:01Z'), named('C', 'E'));
      assert.deepEqual(await idsOf('createdTo=2025-02-01T10:00:00%2B00:00'), named('D', 'B'));
    });

    test('processedAt range: when the current version was processed', async () => {
      const { items } = await browse('sort=processedAt&order=asc');
      const c = items.find((item) => item.orderId === ids.C);
      const at = encodeURIComponent(c.processedAt);
      const from = await idsOf(`processedFrom=${at}&sort=processedAt&order=asc`);
      const to = await idsOf(`processedTo=${at}&sort=processedAt&order=asc`);
      // Versions processed in one batch share an instant; C is in both halves and together they cover every order once more.
      assert.ok(from.includes(ids.C) && to.includes(ids.C));
      assert.deepEqual([...new Set([...to, ...from])], named('A', 'B', 'C', 'D', 'E'));
      assert.ok(!from.includes(ids.A) && !to.includes(ids.E));
    });

    test('hasWarnings: unresolved integration-log entries', async () => {
      assert.deepEqual(await idsOf('hasWarnings=true'), named('C', 'B'));
      assert.deepEqual(await idsOf('hasWarnings=false'), named('E', 'A', 'D'));
      // Registering the store resolves B's warning.
      assert.equal((await api.post('/api/v3/stores', { externalId: 'STORE-B', name: 'Bergen', timeZone: 'Europe/Oslo', type: 'retail' })).status, 201);
      const deadline = Date.now() + 10_000;
      while ((await idsOf('hasWarnings=true')).includes(ids.B)) {
        assert.ok(Date.now() < deadline, 'B still has an open warning after its store was registered');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal((await browse('storeId=STORE-B')).items[0].storeName, 'Bergen');
    });

    test('q: order id prefix', async () => {
      assert.deepEqual(await idsOf('q=SE-10'), named('A', 'B'));
      assert.deepEqual(await idsOf('q=SE-1101'), named('D'));
    });

    test('q: contact email and name prefixes, any case; the email of an unlinked order', async () => {
      assert.deepEqual(await idsOf('q=ANNA.SV'), named('A', 'D'));
      assert.deepEqual(await idsOf('q=svens'), named('A', 'D'));
      assert.deepEqual(await idsOf('q=anna%20SVE'), named('A', 'D'));
      assert.deepEqual(await idsOf('q=berg'), named('E', 'B'));
      assert.deepEqual(await idsOf('q=nobody@'), named('C'));
      assert.deepEqual(await idsOf('q=anna%20berg'), []);
    });

    test('q: SKU exact or prefix, tracking number exact', async () => {
      assert.deepEqual(await idsOf('q=SKU-GREEN-1'), named('C'));
      assert.deepEqual(await idsOf('q=SKU-RED'), named('A', 'D'));
      assert.deepEqual(await idsOf('q=SKU-RED-2'), named('D'));
      assert.deepEqual(await idsOf('q=TRK-111'), named('A'));
      assert.deepEqual(await idsOf('q=TRK-11'), [], 'tracking numbers match exactly');
      assert.deepEqual(await idsOf('q=SKU-RED&status=received'), named('A'), 'q combines with filters');
    });

    test('q: a search naming many orders (tested order by order along the index) finds the same orders', async () => {
      const db = api.service.ctx.db;
      for (const q of ['SE-10', 'ANNA.SV', 'svens', 'anna SVE', 'berg', 'nobody@', 'SKU-RED', 'SKU-GREEN-1', 'TRK-111', 'TRK-11', 'zzz']) {
        const bySet = await browseOrders(db, { q });
        const byRow = await browseOrders(db, { q }, { broadSearch: 0 });
        assert.deepEqual(
          byRow.items.map((item) => item.orderId),
          bySet.items.map((item) => item.orderId),
          `q=${q}`,
        );
      }
      const paged = await browseOrders(db, { q: 'SKU-RED', limit: 1 }, { broadSearch: 0 });
      assert.deepEqual(
        paged.items.map((item) => item.orderId),
        named('A'),
      );
      const next = await browseOrders(db, { q: 'SKU-RED', limit: 1, cursor: paged.nextCursor! }, { broadSearch: 0 });
      assert.deepEqual(
        next.items.map((item) => item.orderId),
        named('D'),
      );
    });

    test('both sorts, both directions', async () => {
      assert.deepEqual(await idsOf('order=asc'), named('B', 'D', 'A', 'E', 'C'));
      const processed = await browse('sort=processedAt');
      const times = processed.items.map((item) => Date.parse(item.processedAt));
      assert.deepEqual(
        times,
        [...times].sort((x, y) => y - x),
      );
      assert.deepEqual(await idsOf('sort=processedAt&order=asc'), (await idsOf('sort=processedAt')).reverse());
    });

    test('cursor paging: every order once, none skipped, while new orders arrive', async () => {
      for (const [sort, order] of [
        ['createdAt', 'desc'],
        ['processedAt', 'asc'],
        ['createdAt', 'asc'],
      ] as const) {
        const before = await idsOf(`sort=${sort}&order=${order}&limit=100&q=SE-`);
        const seen: string[] = [];
        let cursor: string | null = null;
        let arrived = 0;
        do {
          const answer: { items: any[]; nextCursor: string | null } = await browse(
            `sort=${sort}&order=${order}&limit=1&q=SE-${cursor ? `&cursor=${cursor}` : ''}`,
          );
          seen.push(...answer.items.map((item) => item.orderId));
          cursor = answer.nextCursor;
          // New orders between the first pages: created now, so newest by either time.
          if (arrived < 3) {
            arrived += 1;
            await api.write('POST', '/api/v3/orders', orderBody({ orderId: `SE-9${sort}${order}${arrived}`, createdAt: new Date().toISOString() }));
          }
        } while (cursor);
        assert.equal(new Set(seen).size, seen.length, `no duplicates (${sort} ${order})`);
        for (const id of before) assert.ok(seen.includes(id), `${id} was not skipped (${sort} ${order})`);
        if (order === 'desc') assert.deepEqual(seen, before, 'newest-first pages do not take in orders newer than the first page');
        else assert.deepEqual(seen.slice(0, before.length), before, 'oldest-first pages go on with the orders that arrived');
        if (order === 'asc') assert.equal(seen.length, before.length + arrived, 'and take in every one that arrived');
      }
    });

    test('a bad cursor, limit, date or orderType is a 400 naming it', async () => {
      const problem = async (query: string, path: string) => {
        const answer = await api.get(`/api/v3/orders?${query}`);
        assert.equal(answer.status, 400, `${query}: ${answer.text}`);
        assert.equal(answer.body.errorCode, 'InvalidRequest');
        assert.ok(
          answer.body.errors.some((error: { path: string }) => error.path === path),
          `${query}: ${answer.text}`,
        );
      };
      await problem('cursor=garbage', 'cursor');
      await problem(`cursor=${Buffer.from('["createdAt","desc","yesterday","x"]').toString('base64url')}`, 'cursor');
      const { nextCursor } = await browse('limit=1');
      assert.ok(nextCursor);
      await problem(`cursor=${nextCursor}&sort=processedAt`, 'cursor');
      await problem(`cursor=${nextCursor}&order=asc`, 'cursor');
      await problem('limit=0', 'limit');
      await problem('limit=101', 'limit');
      await problem('limit=ten', 'limit');
      await problem('createdFrom=yesterday', 'createdFrom');
      await problem('processedTo=2025-02-30', 'processedTo');
      await problem('orderType=Exchange', 'orderType');
      await problem('sort=total', 'sort');
      await problem('hasWarnings=maybe', 'hasWarnings');
    });

    test("with contactId: the Engage-compatible offset page of that contact's orders, as before", async () => {
      const answer = await api.get(`/api/v3/orders?contactId=${annaId.toUpperCase()}&count=1`);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.totalCount, 2);
      assert.equal(answer.body.offset, 0);
      assert.equal(answer.body.count, 1);
      assert.equal(answer.body.nextCursor, undefined);
      assert.deepEqual(
        answer.body.links.map((link: { rel: string }) => link.rel),
        ['next'],
      );
      assert.equal(answer.body.items[0].orderId, ids.A, 'newest created first');
      assert.equal(answer.body.items[0].channel, 'Ecom');
      assert.ok(answer.body.items[0].versionTag);
      assert.deepEqual(answer.body.items[0].lineItems.items[0].article, { sku: 'SKU-RED-1', name: 'SKU-RED-1' });
      const bad = await api.get('/api/v3/orders?contactId=not-a-guid');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.errors.some((error: { path: string }) => error.path === 'contactId'));
    });

    test('a read key may browse; no key may not', async () => {
      assert.equal((await api.get('/api/v3/orders', await api.key('read'))).status, 200);
      assert.equal((await api.request('GET', '/api/v3/orders', undefined, { key: null })).status, 401);
    });
  });
}
