// Conformance: what real Engage integrations send to Orders v3 (docs/compatibility.md).
// Each case names the rule it checks; the suite runs through the real HTTP stack.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { insertContact } from '../helpers/contacts.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`conformance: orders (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const read = (orderId: string) => api.get(`/api/v3/orders/${encodeURIComponent(orderId)}`);
    const logOf = (orderId: string, errorCode: string) =>
      api.get(`/api/v3/integration-log?orderId=${encodeURIComponent(orderId)}&errorCode=${errorCode}&count=100`).then((answer) => answer.body.items);

    test('generic: DELETE with Content-Type: application/json and an empty body is accepted', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      const answer = await api.request('DELETE', `/api/v3/orders/${body.orderId}`, '', { headers: { 'content-type': 'application/json' } });
      assert.equal(answer.status, 202, answer.text);
      assert.equal((await api.waitForJob(answer.body.jobId)).body.status, 'Succeeded');
    });

    test('generic: a body-less POST with Content-Type: application/json is a 400 naming the body, not InvalidJson', async () => {
      const answer = await api.request('POST', '/api/v3/orders', '', { headers: { 'content-type': 'application/json' } });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.errorCode, 'InvalidOrder');
      const broken = await api.request('POST', '/api/v3/orders', '{"orderId":', { headers: { 'content-type': 'application/json' } });
      assert.equal(broken.body.errorCode, 'InvalidJson', 'malformed JSON is still InvalidJson');
    });

    test('generic: null in an optional field (order, line, address, action) is the same as absent', async () => {
      const body = orderBody({ externalStatus: null, channel: null, lastChangedAt: null, delivery: null, payments: null, totalPrice: null, orderAction: null });
      body.contact.contactType = null;
      body.lineItems.items[0] = { ...body.lineItems.items[0], id: null, type: null, pricePerUnit: null, discounts: null, returnDetails: null, group: null };
      body.billingAddress = { city: 'Visby', countryCode: null };
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      const order = (await read(body.orderId)).body;
      for (const field of ['externalStatus', 'channel', 'lastChangedAt', 'delivery', 'payments', 'totalPrice']) assert.equal(field in order, false, field);
      assert.equal('contactType' in order.contact, false);
      assert.deepEqual(Object.keys(order.lineItems.items[0]).sort(), ['article', 'quantity', 'totalPrice']);
      assert.deepEqual(order.billingAddress, { city: 'Visby' });
    });

    test('generic: amounts sent as numeric strings are stored as numbers; a non-numeric string is still a 400', async () => {
      const body = orderBody();
      body.lineItems.items[0].totalPrice = '399.00';
      body.lineItems.items[0].quantity = '2';
      body.lineItems.subTotal = '448.90';
      await api.write('POST', '/api/v3/orders', body);
      const order = (await read(body.orderId)).body;
      assert.equal(order.lineItems.items[0].totalPrice, 399);
      assert.equal(order.lineItems.items[0].quantity, 2);
      assert.equal(order.lineItems.subTotal, 448.9);
      const bad = orderBody();
      bad.lineItems.subTotal = 'lots';
      const answer = await api.post('/api/v3/orders', bad);
      assert.equal(answer.status, 400);
      assert.deepEqual(
        answer.body.errors.map((e: { path: string }) => e.path),
        ['lineItems.subTotal'],
      );
    });

    test('generic: contactId must be a GUID (400, not 500), compared case-insensitively on every order route', async () => {
      const bad = await api.get('/api/v3/orders?contactId=abc');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errorCode, 'InvalidRequest');
      assert.equal((await api.get(`/api/v3/orders/x?contactId=abc`)).status, 400);
      const email = `${uniqueId('guid')}@example.com`;
      const contactId = await insertContact(api, email);
      const body = orderBody({ contact: { matchKey: contactId.toUpperCase(), matchKeyType: 'ContactId' } });
      await api.write('POST', '/api/v3/orders', body);
      const one = await api.get(`/api/v3/orders/${body.orderId}?contactId=${contactId.toUpperCase()}`);
      assert.equal(one.status, 200);
      assert.equal(one.body.contactId, contactId);
      const list = await api.get(`/api/v3/orders?contactId=${contactId.toUpperCase()}`);
      assert.deepEqual(
        list.body.items.map((o: { orderId: string }) => o.orderId),
        [body.orderId],
      );
      assert.equal((await api.get(`/api/v3/orders/${body.orderId}?contactId=${randomUUID().toUpperCase()}`)).status, 404);
    });

    test('status: known values in any case are canonicalized', async () => {
      const body = orderBody({ status: 'COMPLETED' });
      await api.write('POST', '/api/v3/orders', body);
      assert.equal((await read(body.orderId)).body.status, 'Completed');
      assert.deepEqual(await logOf(body.orderId, 'UnknownOrderStatus'), []);
    });

    test('status: any other value is kept as sent, counts as ongoing, and is logged UnknownOrderStatus once per order', async () => {
      const email = `${uniqueId('status')}@example.com`;
      const contactId = await insertContact(api, email);
      const body = orderBody({ status: 'ReadyForPickup', contact: { matchKey: email, matchKeyType: 'Email' } });
      await api.write('POST', '/api/v3/orders', body);
      assert.equal((await read(body.orderId)).body.status, 'ReadyForPickup');
      await api.write('PUT', `/api/v3/orders/${body.orderId}`, { ...body, externalStatus: 'changed' });
      const entries = await logOf(body.orderId, 'UnknownOrderStatus');
      assert.equal(entries.length, 1, 'once per order, not once per version');
      assert.equal(entries[0].severity, 'Warning');
      assert.equal(entries[0].details.status, 'ReadyForPickup');
      const preview = await api.post('/api/v3/segments/preview', { filter: { hasOrder: { ongoing: true } } });
      assert.ok(preview.body.contactIds.includes(contactId), 'an unknown status counts as ongoing');
    });

    test('payments, fees, discounts, line taxes and group accept any JSON and keep it; the order is never rejected for their shape', async () => {
      const body = orderBody({
        payments: [{ method: 'Klarna', sum: '448.90' }],
        fees: { shipping: 49 },
        discounts: 'SUMMER10',
        totalPrice: 12345, // not checkable against fees/discounts the service does not understand
      });
      body.lineItems.items[0].taxes = { vat: 25 };
      body.lineItems.items[0].discounts = [{ code: 'X' }];
      body.lineItems.items[0].group = { name: 'bundle-1' };
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      const order = (await read(body.orderId)).body;
      assert.deepEqual(order.payments, body.payments);
      assert.deepEqual(order.fees, body.fees);
      assert.equal(order.discounts, 'SUMMER10');
      assert.deepEqual(order.lineItems.items[0].taxes, { vat: 25 });
      assert.deepEqual(order.lineItems.items[0].group, { name: 'bundle-1' });
    });

    test('recognized amount lists are still summed: a wrong total beside them is a 400', async () => {
      const body = orderBody({ fees: { items: [{ type: 'Shipping', amount: 49 }] }, totalPrice: 1 });
      const answer = await api.post('/api/v3/orders', body);
      assert.equal(answer.status, 400);
      assert.deepEqual(
        answer.body.errors.map((e: { path: string }) => e.path),
        ['totalPrice'],
      );
    });

    test('lines: quantity 0 (a cancelled line) is accepted; a negative quantity only on a Return line', async () => {
      const cancelled = orderBody();
      cancelled.lineItems.items[1].quantity = 0;
      assert.equal((await api.write('POST', '/api/v3/orders', cancelled)).status, 302);
      const negativeReturn = orderBody();
      negativeReturn.lineItems.items[0] = { ...negativeReturn.lineItems.items[0], type: 'Return', quantity: -2 };
      assert.equal((await api.write('POST', '/api/v3/orders', negativeReturn)).status, 302);
      assert.equal((await read(negativeReturn.orderId)).body.orderType, 'Mixed');
      const negativePurchase = orderBody();
      negativePurchase.lineItems.items[0].quantity = -2;
      const refused = await api.post('/api/v3/orders', negativePurchase);
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors, [{ path: 'lineItems.items[0].quantity', message: 'may be negative only on a line of type Return' }]);
    });

    test('lines: a negative Return quantity counts as its absolute value in segments', async () => {
      const email = `${uniqueId('ret')}@example.com`;
      const contactId = await insertContact(api, email);
      const body = orderBody({ contact: { matchKey: email, matchKeyType: 'Email' } });
      body.lineItems.items = [{ id: 'r', type: 'Return', quantity: -3, article: { sku: 'RET-SKU' }, totalPrice: 30 }];
      body.lineItems.subTotal = 30;
      await api.write('POST', '/api/v3/orders', body);
      const rows = await api.service.ctx.db.selectFrom('segment_lines').select(['quantity', 'contact_id']).where('order_id', '=', body.orderId).execute();
      assert.deepEqual(
        rows.map((row) => [Number(row.quantity), row.contact_id]),
        [[3, contactId]],
      );
    });

    test('change-status keeps fields it does not name, on the order and on the addressed line', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      const lineId = body.lineItems.items[0].id;
      await api.write('POST', `/api/v3/orders/${body.orderId}/change-status`, {
        externalStatus: 'X3',
        statusSource: 'oms',
        lineItems: [{ id: lineId, externalStatus: 'Packed', packedBy: 7 }],
      });
      const order = (await read(body.orderId)).body;
      assert.equal(order.statusSource, 'oms');
      assert.equal(order.lineItems.items[0].externalStatus, 'Packed');
      assert.equal(order.lineItems.items[0].packedBy, 7);
    });

    test('change-delivery wrapped as { "delivery": {…} } is unwrapped', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      await api.write('POST', `/api/v3/orders/${body.orderId}/change-delivery`, { delivery: { trackingNumber: 'PN1', method: 'Postnord' } });
      const order = (await read(body.orderId)).body;
      assert.deepEqual(order.delivery, { trackingNumber: 'PN1', method: 'Postnord' });
      const bad = await api.post(`/api/v3/orders/${body.orderId}/change-delivery`, { delivery: { trackingUri: 'not a uri' } });
      assert.equal(bad.status, 400, 'the unwrapped fields are validated');
      assert.deepEqual([...new Set(bad.body.errors.map((e: { path: string }) => e.path))], ['trackingUri']);
      const onlyNull = await api.post(`/api/v3/orders/${body.orderId}/change-delivery`, { trackingNumber: null });
      assert.equal(onlyNull.status, 400);
      assert.match(onlyNull.body.errors[0].message, /at least one field to change \(a null counts as left out\)/);
    });

    test('round trip: PUT of what GET returned ignores the read-only fields and keeps the versionTag', async () => {
      const body = orderBody();
      await api.write('POST', '/api/v3/orders', body);
      const first = (await read(body.orderId)).body;
      const job = await api.write('PUT', `/api/v3/orders/${body.orderId}`, first);
      assert.equal(job.body.versionTag, first.versionTag);
      const again = (await read(body.orderId)).body;
      assert.equal(again.versionTag, first.versionTag);
      const stored = await api.service.ctx.db.selectFrom('orders').select('document').where('order_id', '=', body.orderId).executeTakeFirstOrThrow();
      for (const field of ['versionTag', 'orderType', 'contactId', 'processedAt', 'receipts']) assert.equal(field in stored.document, false, field);
      const versions = (await api.get(`/api/v3/orders/${body.orderId}/versions`)).body.items;
      assert.equal(versions.length, 1);
    });

    test('action data may be any JSON value, including a string', async () => {
      const email = `${uniqueId('act')}@example.com`;
      await insertContact(api, email);
      const body = orderBody({ contact: { matchKey: email, matchKeyType: 'Email' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      for (const data of ['gift wrap please', { note: 'x' }, [1, 2], 42]) {
        const answer = await api.post(`/api/v3/orders/${body.orderId}/action`, { action: 'ConfirmOrder', versionTag: job.body.versionTag, data });
        assert.equal(answer.status, 202, answer.text);
      }
      const actions = (await api.get(`/api/v3/orders/${body.orderId}/actions`)).body.items;
      assert.deepEqual(actions.map((a: { data: unknown }) => a.data).reverse(), ['gift wrap please', { note: 'x' }, [1, 2], 42]);
    });

    test('matchKeyType MemberNumberWithCardNumberAsFallback: the member number first, then the card id', async () => {
      const db = api.service.ctx.db;
      const shared = uniqueId('num');
      const byCard = randomUUID();
      const byMember = randomUUID();
      await db
        .insertInto('contacts')
        .values({ id: byCard, contact_type: 'Member', card_id: shared } as never)
        .execute();
      const cardOnly = orderBody({ contact: { matchKey: shared, matchKeyType: 'memberNumberWithCardNumberAsFallback' } });
      await api.write('POST', '/api/v3/orders', cardOnly);
      const first = (await read(cardOnly.orderId)).body;
      assert.equal(first.contact.matchKeyType, 'MemberNumberWithCardNumberAsFallback');
      assert.equal(first.contactId, byCard, 'falls back to the card id');
      await db
        .insertInto('contacts')
        .values({ id: byMember, contact_type: 'Member', member_number: shared } as never)
        .execute();
      const both = orderBody({ contact: { matchKey: shared, matchKeyType: 'MemberNumberWithCardNumberAsFallback' } });
      await api.write('POST', '/api/v3/orders', both);
      assert.equal((await read(both.orderId)).body.contactId, byMember, 'the member number wins');
      // Late binding: an order waiting for the key is linked when a contact with that card id is registered.
      const late = uniqueId('card');
      const waiting = orderBody({ contact: { matchKey: late, matchKeyType: 'MemberNumberWithCardNumberAsFallback' } });
      await api.write('POST', '/api/v3/orders', waiting);
      const created = await api.post('/api/v3/contacts', { cardId: late });
      assert.equal((await read(waiting.orderId)).body.contactId, created.body.id);
    });

    test('orderId "jobs" is refused on POST and PUT: /api/v3/orders/jobs is the job list, so such an order could never be read', async () => {
      for (const [method, path] of [
        ['POST', '/api/v3/orders'],
        ['PUT', '/api/v3/orders/jobs'],
      ] as const) {
        const answer = await api.request(method, path, orderBody({ orderId: 'jobs' }));
        assert.equal(answer.status, 400, `${method}: ${answer.text}`);
        assert.deepEqual(
          answer.body.errors.map((error: { path: string }) => error.path),
          ['orderId'],
        );
      }
      const jobs = await api.get('/api/v3/orders/jobs');
      assert.ok(Array.isArray(jobs.body.items), 'the job list is still the job list');
      assert.equal((await api.write('POST', '/api/v3/orders', orderBody({ orderId: 'Jobs' }))).status, 302, 'only the exact path segment collides');
    });

    test('GET /api/v3/orders/status lists the failed jobs (Engage fetches format errors there), never "Order status does not exist"', async () => {
      const missing = uniqueId('missing');
      const accepted = await api.post(`/api/v3/orders/${missing}/change-status`, { status: 'Completed' });
      await api.waitForJob(accepted.body.jobId);
      const answer = await api.get('/api/v3/orders/status?count=100');
      assert.equal(answer.status, 200, answer.text);
      const job = answer.body.items.find((item: { jobId: string }) => item.jobId === accepted.body.jobId);
      assert.equal(job.status, 'Failed');
      assert.equal(job.errorCode, 'OrderNotFound');
      assert.ok(answer.body.items.every((item: { status: string }) => item.status === 'Failed'));
    });
  });
}
