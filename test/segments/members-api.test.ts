// What a marketer sees of a segment: attribute values that match in any letter
// case (served by the expression indexes), value pickers from the article
// register, members with names and emails, and the CSV export of every member.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { compileFilter } from '../../src/segments/compile.js';
import { exportMembersCsv } from '../../src/segments/members.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

/** RFC 4180 lines → cells (enough for these tests: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += ch;
  }
  assert.equal(cell + row.join(''), '', 'the file ends with CRLF');
  return rows;
}

for (const backend of backendNames()) {
  describe(`segment members, values and export (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    const newContact = async (fields: Record<string, unknown> = {}) => {
      const email = `${uniqueId('c')}@seg.test`;
      const answer = await api.post('/api/v3/contacts', { email, ...fields });
      assert.equal(answer.status, 201, answer.text);
      return { id: answer.body.id as string, email: answer.body.email as string };
    };
    const article = async (sku: string, fields: Record<string, unknown>) => {
      const answer = await api.put(`/api/v3/articles/${sku}`, { sku, number: sku, name: sku, mainCategory: 'Shoes', ...fields });
      assert.ok([200, 201].includes(answer.status), answer.text);
    };
    const buys = async (email: string, sku: string) => {
      const body = orderBody({
        contact: { matchKey: email, matchKeyType: 'Email' },
        status: 'Received',
        lineItems: { items: [{ quantity: 1, article: { sku }, totalPrice: 100 }], subTotal: 100 },
      });
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
    };
    const count = async (filter: unknown) => {
      const answer = await api.post('/api/v3/segments/preview', { filter });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.count as number;
    };
    const save = async (name: string, filter: unknown) => {
      const answer = await api.post('/api/v3/segments', { name, filter });
      assert.equal(answer.status, 201, answer.text);
      return answer.body.id as string;
    };

    test('article attribute values match in any letter case ("stride" finds the Stride buyers)', async () => {
      const brand = uniqueId('Stride');
      const sku = uniqueId('sku');
      await article(sku, { brand, color: 'Navy Blue', size: 'XL', season: 'AW25', gender: 'Unisex', productCategory: 'Sneakers' });
      for (let i = 0; i < 3; i++) await buys((await newContact()).email, sku);
      const line = (lineItem: Record<string, string[]>) => ({ hasOrder: { ongoing: true, lineItem } });
      assert.equal(await count(line({ brand: [brand] })), 3);
      assert.equal(await count(line({ brand: [brand.toLowerCase()] })), 3, 'the lower-case spelling from the issue');
      assert.equal(await count(line({ brand: [brand.toUpperCase()], color: ['navy blue'], size: ['xl'], season: ['aw25'] })), 3);
      assert.equal(await count(line({ gender: ['UNISEX'], productCategory: ['sneakers'], mainCategory: ['SHOES'], brand: [brand] })), 3);
      assert.equal(await count(line({ brand: [`${brand}x`] })), 0, 'still whole values, not prefixes');
      assert.equal(await count(line({ brand: [brand], color: ['navy'] })), 0);
    });

    test('the attribute expression indexes can answer a filter (no table scan needed)', async () => {
      const filter = compileFilter({ hasOrder: { lineItem: { brand: ['stride'], color: ['red'] } } }, { now: new Date() });
      const plan = await api.service.ctx.db.transaction().execute(async (tx) => {
        // With scans priced out, an index that cannot serve lower(column) = ANY(...) would leave a Seq Scan.
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        const { rows } = await sql<Record<string, string>>`EXPLAIN ${filter}`.execute(tx);
        return rows.map((row) => Object.values(row).join(' ')).join('\n');
      });
      assert.match(plan, /segment_articles_(brand|color)_ci/, plan);
      assert.doesNotMatch(plan, /Seq Scan on articles/, plan);
    });
  });
}
