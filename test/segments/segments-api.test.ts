// The segments API: saved segments, paging, 400s that name the offending path,
// and segments that follow every change — order jobs (visible as soon as the job
// has succeeded: same transaction), late-bound contacts and article edits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`segments API (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const newContact = async (overrides: Record<string, unknown> = {}) => {
      const email = `${uniqueId('c')}@seg.test`;
      const answer = await api.post('/api/v3/contacts', { email, ...overrides });
      assert.equal(answer.status, 201, answer.text);
      return { id: answer.body.id as string, email };
    };
    const article = async (sku: string, brand: string, color = 'Red') => {
      const answer = await api.put(`/api/v3/articles/${sku}`, { sku, number: sku, name: sku, mainCategory: 'Shoes', brand, color });
      assert.ok([200, 201].includes(answer.status), answer.text);
    };
    const order = (email: string, sku: string, status = 'Received') =>
      orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        status,
        lineItems: { items: [{ quantity: 1, article: { sku }, totalPrice: 100 }], subTotal: 100 },
      });
    const preview = async (filter: unknown) => {
      const answer = await api.post('/api/v3/segments/preview?count=1000', { filter });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.contactIds as string[];
    };

    test('an order change is in the segments as soon as its job has succeeded', async () => {
      const sku = uniqueId('sku');
      const { id, email } = await newContact();
      const body = order(email, sku);
      const ongoing = { hasOrder: { ongoing: true, lineItem: { sku: [sku] } } };
      assert.deepEqual(await preview(ongoing), []);
      // No polling after the job: the facts commit with the order or not at all.
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      assert.deepEqual(await preview(ongoing), [id]);
      await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, { status: 'Completed' });
      assert.deepEqual(await preview(ongoing), []);
      assert.deepEqual(await preview({ hasOrder: { status: ['completed'], lineItem: { sku: [sku] } } }), [id]);
      assert.ok((await preview({ not: ongoing })).includes(id));
      await api.write('DELETE', `/api/v3/orders/${body.orderId}`);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [sku] } } }), []);
    });

    test("a cancelled line is not bought, a return totals as a positive amount, and a status of the client's own is a filter value", async () => {
      const [kept, cancelled] = [uniqueId('sku'), uniqueId('sku')];
      const { id, email } = await newContact();
      const body = orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        status: 'Shipped',
        lineItems: {
          items: [
            { quantity: 1, article: { sku: kept }, totalPrice: 100 },
            { quantity: 0, article: { sku: cancelled }, totalPrice: 0 },
          ],
          subTotal: 100,
        },
      });
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [kept] } } }), [id]);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [cancelled] } } }), [], 'the cancelled line was never bought');
      assert.deepEqual(await preview({ hasOrder: { status: ['Shipped'], lineItem: { sku: [kept] } } }), [id]);
      assert.deepEqual(await preview({ hasOrder: { status: ['shipped'], lineItem: { sku: [kept] } } }), [], 'a status of its own matches as written');
      assert.deepEqual(await preview({ hasOrder: { ongoing: true, lineItem: { sku: [kept] } } }), [id], 'an unknown status counts as ongoing');

      const returned = orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        lineItems: { items: [{ type: 'Return', quantity: -1, article: { sku: kept }, totalPrice: -1200 }], subTotal: -1200 },
      });
      assert.equal((await api.write('POST', '/api/v3/orders', returned)).status, 302);
      assert.deepEqual(await preview({ hasOrder: { orderType: ['Return'], totalPrice: { min: 1000 }, lineItem: { sku: [kept] } } }), [id]);
      assert.deepEqual(await preview({ hasOrder: { orderType: ['Return'], totalPrice: { max: 0 }, lineItem: { sku: [kept] } } }), []);

      // On the contact card, a mixed order's cancelled purchase line adds nothing to what was spent.
      const mixed = orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        lineItems: {
          items: [
            { quantity: 1, article: { sku: kept }, totalPrice: 50 },
            { quantity: 0, article: { sku: cancelled }, totalPrice: 150 },
            { type: 'Return', quantity: 1, article: { sku: kept }, totalPrice: -30 },
          ],
          subTotal: 170,
        },
      });
      assert.equal((await api.write('POST', '/api/v3/orders', mixed)).status, 302);
      const { totals } = (await api.get(`/api/v3/contacts/${id}/summary`)).body;
      assert.deepEqual(
        totals.map((t: { spent: string; returned: string }) => [t.spent, t.returned]),
        [['150', '1230']],
      );
    });

    test('a contact registered after its order (late binding) joins the segment', async () => {
      const sku = uniqueId('sku');
      const email = `${uniqueId('late')}@seg.test`;
      const filter = { hasOrder: { lineItem: { sku: [sku] } } };
      await api.write('POST', '/api/v3/orders', order(email, sku));
      assert.deepEqual(await preview(filter), [], 'an order without a contact selects nobody');
      const { id } = await newContact({ email });
      const deadline = Date.now() + 10_000;
      while ((await preview(filter)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(await preview(filter), [id]);
    });

    test('article attributes are read from the register at query time: edits and late articles count at once', async () => {
      const sku = uniqueId('sku');
      const brand = uniqueId('Brand');
      const other = uniqueId('Brand');
      const { id, email } = await newContact();
      await api.write('POST', '/api/v3/orders', order(email, sku));
      assert.deepEqual(await preview({ hasOrder: { lineItem: { brand: [brand] } } }), [], 'unknown article: no attributes');
      await article(sku, brand);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { brand: [brand], color: ['Red'] } } }), [id]);
      await article(sku, other, 'Blue');
      assert.deepEqual(await preview({ hasOrder: { lineItem: { brand: [brand] } } }), []);
      assert.deepEqual(await preview({ hasOrder: { ongoing: true, lineItem: { brand: [other], color: ['Blue'] } } }), [id]);
      assert.ok(!(await preview({ not: { hasOrder: { ongoing: true, lineItem: { brand: [other] } } } })).includes(id));
    });

    test('erasing a contact (GDPR) takes it out of every segment', async () => {
      const sku = uniqueId('sku');
      const { id, email } = await newContact();
      await api.write('POST', '/api/v3/orders', order(email, sku));
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [sku] } } }), [id]);
      assert.equal((await api.del(`/api/v3/contacts/${id}`)).status, 204);
      assert.deepEqual(await preview({ hasOrder: { lineItem: { sku: [sku] } } }), []);
      assert.ok(!(await preview({ not: { hasOrder: { lineItem: { sku: [sku] } } } })).includes(id));
    });

    test('saved segments: create, get, list, page their contacts in contact-id order, delete', async () => {
      const sku = uniqueId('sku');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { id, email } = await newContact();
        ids.push(id);
        await api.write('POST', '/api/v3/orders', order(email, sku));
      }
      ids.sort();
      const filter = { hasOrder: { lineItem: { sku: [sku] } } };
      const created = await api.post('/api/v3/segments', { name: 'Has the sku', filter });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.location, `/api/v3/segments/${created.body.id}`);
      assert.deepEqual(created.body.filter, filter);
      const got = await api.get(created.headers.location as string);
      assert.deepEqual(got.body, created.body);
      const list = await api.get('/api/v3/segments?count=100');
      assert.ok(list.body.items.some((s: { id: string }) => s.id === created.body.id));

      const first = await api.get(`/api/v3/segments/${created.body.id}/contacts?offset=0&count=2`);
      assert.equal(first.status, 200);
      assert.equal(first.body.totalCount, 5);
      assert.deepEqual(
        first.body.items.map((item: { contactId: string }) => item.contactId),
        ids.slice(0, 2),
      );
      assert.deepEqual(
        first.body.links.map((l: { rel: string }) => l.rel),
        ['next'],
      );
      const last = await api.get(`/api/v3/segments/${created.body.id}/contacts?offset=4&count=2`);
      assert.deepEqual(
        last.body.items.map((item: { contactId: string }) => item.contactId),
        [ids[4]],
      );
      assert.deepEqual(
        last.body.links.map((l: { rel: string }) => l.rel),
        ['previous'],
      );
      const previewed = await api.post('/api/v3/segments/preview?count=2', { filter });
      assert.deepEqual({ count: previewed.body.count, ids: previewed.body.contactIds }, { count: 5, ids: ids.slice(0, 2) });
      assert.ok(previewed.body.links.some((l: { rel: string; method: string }) => l.rel === 'next' && l.method === 'POST'));

      assert.equal((await api.del(`/api/v3/segments/${created.body.id}`)).status, 204);
      const gone = await api.get(`/api/v3/segments/${created.body.id}`);
      assert.equal(gone.status, 404);
      assert.equal(gone.body.errorCode, 'SegmentNotFound');
      assert.equal((await api.del(`/api/v3/segments/${created.body.id}`)).status, 404);
      assert.equal((await api.get('/api/v3/segments/not-a-uuid/contacts')).status, 404);
    });

    test('invalid filters are a 400 InvalidFilter naming every offending path, and nothing is saved', async () => {
      const bad = await api.post('/api/v3/segments/preview', { filter: { and: [{ hasOrder: { ongoing: true } }, { hasOrder: { orderType: ['Gift'] } }] } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorCode, 'InvalidFilter');
      assert.deepEqual(
        bad.body.errors.map((e: { path: string }) => e.path),
        ['filter.and[1].hasOrder.orderType[0]'],
      );

      const before = (await api.get('/api/v3/segments')).body.totalCount;
      const both = await api.post('/api/v3/segments', { filter: { not: { hasOrder: { lineItem: { colour: ['Red'] }, totalPrice: { min: 'x' } } } } });
      assert.equal(both.status, 400);
      assert.equal(both.body.errorCode, 'InvalidFilter');
      assert.deepEqual(both.body.errors.map((e: { path: string }) => e.path).sort(), [
        'filter.not.hasOrder.lineItem.colour',
        'filter.not.hasOrder.totalPrice.min',
        'name',
      ]);
      assert.equal((await api.get('/api/v3/segments')).body.totalCount, before);

      const missing = await api.post('/api/v3/segments/preview', {});
      assert.deepEqual(
        missing.body.errors.map((e: { path: string }) => e.path),
        ['filter'],
      );
      const notObject = await api.post('/api/v3/segments/preview', { filter: [] });
      assert.deepEqual(
        notObject.body.errors.map((e: { path: string }) => e.path),
        ['filter'],
      );
    });

    test('a read key may preview and list but not save', async () => {
      const read = await api.key('read');
      const filter = { contact: { contactType: ['Member'] } };
      assert.equal((await api.request('POST', '/api/v3/segments/preview', { filter }, { key: read })).status, 200);
      assert.equal((await api.get('/api/v3/segments', read)).status, 200);
      assert.equal((await api.request('POST', '/api/v3/segments', { name: 'x', filter }, { key: read })).status, 403);
    });
  });
}
