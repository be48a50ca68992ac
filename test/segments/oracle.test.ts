// Segment answers checked against an independent computation: a seeded random world
// of contacts, articles and orders (written through the real API and its jobs, then
// partly replaced, re-statused and deleted) and many random filters, each answered
// by the service and by the plain-code oracle in world.ts. Set SEGMENTS_SEED to replay.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { type WorldContact, type WorldOrder, expected, makeArticles, makeFilter, makeOrder, orderDocument, pick, pools, rng, skuPool } from './world.js';

const FILTERS = 150;
const ORDERS = 60;

for (const backend of backendNames()) {
  describe(`segments agree with an independent oracle (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test(`${FILTERS} random filters over ${ORDERS} orders`, async () => {
      const seed = Number(process.env.SEGMENTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
      const r = rng(seed);
      const now = Date.now();
      const db = api.service.ctx.db;
      const run = `${seed}-${backend}`;

      // Registers are set up directly: they are the dimensions, not what this test is about.
      const contacts: WorldContact[] = Array.from({ length: 25 }, (_, i) => ({
        id: randomUUID(),
        email: `c${i}-${run}@seg.test`,
        contactType: r() < 0.7 ? 'Member' : 'Contact',
      }));
      for (const c of contacts) await sql`INSERT INTO contacts (id, contact_type, email) VALUES (${c.id}, ${c.contactType}, ${c.email})`.execute(db);
      const articles = makeArticles(r, 30);
      for (const a of articles) {
        await sql`INSERT INTO articles (sku, number, name, main_category, brand, color, size, product_category, season, gender, document)
          VALUES (${a.sku}, ${a.sku}, ${a.sku}, ${a.main_category}, ${a.brand}, ${a.color}, ${a.size}, ${a.product_category}, ${a.season}, ${a.gender}, '{}')`.execute(
          db,
        );
      }
      const emails = [...contacts.map((c) => c.email), ...['x1', 'x2', 'x3'].map((x) => `${x}-${run}@nobody.test`)];
      const skus = skuPool(articles);

      const orders = new Map<string, WorldOrder>();
      const accept = async (method: string, url: string, body?: unknown) => {
        const answer = await api.request(method, url, body);
        assert.equal(answer.status, 202, answer.text);
        return answer.body.jobId as string;
      };
      const finish = async (jobIds: string[]) => {
        for (const jobId of jobIds) assert.ok([200, 302].includes((await api.waitForJob(jobId, 60_000)).status), `job ${jobId}`);
      };

      const created: string[] = [];
      for (let i = 0; i < ORDERS; i++) {
        const order = makeOrder(r, `seg-${run}-${i}`, emails, skus, now);
        orders.set(order.orderId, order);
        created.push(await accept('POST', '/api/v3/orders', orderDocument(order)));
      }
      await finish(created);

      // Later changes must move the facts too: replace, change status, delete.
      const ids = [...orders.keys()];
      const changes: string[] = [];
      for (const [i, orderId] of ids.entries()) {
        if (i % 5 === 0) {
          const replacement = makeOrder(r, orderId, emails, skus, now);
          orders.set(orderId, replacement);
          changes.push(await accept('PUT', `/api/v3/orders/${orderId}`, orderDocument(replacement)));
        } else if (i % 7 === 1) {
          const status = pick(r, pools.status);
          orders.get(orderId)!.status = status;
          changes.push(await accept('POST', `/api/v3/orders/${orderId}/change-status`, { status }));
        } else if (i % 11 === 2) {
          orders.delete(orderId);
          changes.push(await accept('DELETE', `/api/v3/orders/${orderId}`));
        }
      }
      await finish(changes);

      const world = [...orders.values()];
      let nonTrivial = 0;
      for (let i = 0; i < FILTERS; i++) {
        const filter = makeFilter(r, skus, now);
        const answer = await api.post('/api/v3/segments/preview?count=1000', { filter });
        assert.equal(answer.status, 200, `seed ${seed} filter ${JSON.stringify(filter)}: ${answer.text}`);
        const want = expected(filter, contacts, world, articles, now);
        assert.deepEqual(
          { count: answer.body.count, ids: answer.body.contactIds },
          { count: want.length, ids: want },
          `seed ${seed}, filter #${i}: ${JSON.stringify(filter)}`,
        );
        if (want.length > 0 && want.length < contacts.length) nonTrivial += 1;
      }
      // The generator must produce discriminating filters, or agreement would prove little.
      assert.ok(nonTrivial > FILTERS / 3, `only ${nonTrivial} of ${FILTERS} filters split the contacts (seed ${seed})`);
    });
  });
}
