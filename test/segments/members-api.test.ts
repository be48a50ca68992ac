// What a marketer sees of a segment: attribute values that match in any letter
// case (served by the expression indexes), value pickers from the article
// register, members with names and emails, and the CSV export of every member.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { compileFilter } from '../../src/segments/compile.js';
import { exportMembersCsv } from '../../src/segments/members.js';
import { backendNames } from '../helpers/backends.js';
import { eventually } from '../helpers/eventually.js';
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
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
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

    test('values with array syntax, quotes, backslashes and letters beyond A–Z match in any case too', async () => {
      const sku = uniqueId('sku');
      const odd = `Åre "Ö", {x} \\ ${uniqueId('B')}`;
      await article(sku, { brand: odd, color: 'NULL' });
      await buys((await newContact()).email, sku);
      const line = (lineItem: Record<string, string[]>) => ({ hasOrder: { lineItem } });
      assert.equal(await count(line({ brand: [odd] })), 1);
      assert.equal(await count(line({ brand: ['other', odd.toLowerCase()], color: ['null'] })), 1);
      assert.equal(await count(line({ brand: [odd.toUpperCase()] })), 1);
      assert.equal(await count(line({ brand: [odd], color: ['NUL'] })), 0);
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

    test('value pickers: distinct register values by prefix in any letter case, with article counts, capped', async () => {
      const stem = uniqueId('Pick').replace(/[^A-Za-z0-9]/g, '');
      await article(uniqueId('sku'), { brand: `${stem}Stride` });
      await article(uniqueId('sku'), { brand: `${stem}Stride` });
      await article(uniqueId('sku'), { brand: `${stem.toLowerCase()}stride`, color: `${stem}_Red` });
      await article(uniqueId('sku'), { brand: `${stem}Strong`, color: `${stem}XRed` });
      await article(uniqueId('sku'), { brand: `${stem}Apex` });
      const values = async (query: string) => {
        const answer = await api.get(`/api/v3/segments/values?${query}`);
        assert.equal(answer.status, 200, answer.text);
        return answer.body.items as { value: string; articles: number }[];
      };
      // The case variants are one value (as filters treat them), shown in the more common spelling.
      assert.deepEqual(await values(`attribute=brand&q=${stem.toLowerCase()}st`), [
        { value: `${stem}Stride`, articles: 3 },
        { value: `${stem}Strong`, articles: 1 },
      ]);
      assert.deepEqual(await values(`attribute=brand&q=${stem.toUpperCase()}STRI`), [{ value: `${stem}Stride`, articles: 3 }]);
      assert.deepEqual(await values(`attribute=brand&q=${stem}&count=1`), [{ value: `${stem}Apex`, articles: 1 }], 'alphabetical, capped');
      // LIKE's wildcards in the prefix are literal characters.
      assert.deepEqual(await values(`attribute=color&q=${stem}_`), [{ value: `${stem}_Red`, articles: 1 }]);
      assert.deepEqual(await values(`attribute=color&q=${encodeURIComponent(`${stem}%`)}`), []);
      const all = await values('attribute=mainCategory&count=100');
      assert.ok(all.some((v) => v.value === 'Shoes' && v.articles >= 5));

      const bad = await api.get('/api/v3/segments/values?attribute=colour');
      assert.equal(bad.status, 400, bad.text);
      assert.ok(
        bad.body.errors.some((e: { path: string }) => e.path.includes('attribute')),
        bad.text,
      );
      assert.equal((await api.get('/api/v3/segments/values?attribute=brand&count=101')).status, 400);
      assert.equal((await api.get('/api/v3/segments/values?attribute=brand', await api.key('read'))).status, 200);
    });

    test("a saved segment's members come with their names and emails, paged in contact-id order", async () => {
      const sku = uniqueId('sku');
      const people = [await newContact({ firstName: 'Anna', lastName: 'Berg' }), await newContact({ firstName: 'Björn' }), await newContact()];
      for (const p of people) await buys(p.email, sku);
      const id = await save('Named', { hasOrder: { lineItem: { sku: [sku] } } });
      const names = new Map([
        [people[0]!.id, ['Anna', 'Berg']],
        [people[1]!.id, ['Björn', null]],
        [people[2]!.id, [null, null]],
      ]);
      const expected = people
        .map((p) => ({ contactId: p.id, firstName: names.get(p.id)![0], lastName: names.get(p.id)![1], email: p.email }))
        .sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
      const first = await api.get(`/api/v3/segments/${id}/contacts?count=2`);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.totalCount, 3);
      assert.deepEqual(first.body.items, expected.slice(0, 2));
      const rest = await api.get(`/api/v3/segments/${id}/contacts?offset=2&count=2`);
      assert.deepEqual(rest.body.items, expected.slice(2));
    });

    test('CSV export: every member, escaped, formula cells neutralised, streamed past one chunk', async () => {
      const type = uniqueId('Export');
      const db = api.service.ctx.db;
      // 2,500 members (more than two cursor chunks of 1,000) written directly: the registers are not what this tests.
      await sql`INSERT INTO contacts (contact_type, email, first_name, last_name)
        SELECT ${type}, 'bulk' || i || '@seg.test', 'Bulk', 'No ' || i FROM generate_series(1, 2500) i`.execute(db);
      const tricky = await newContact({ contactType: type, firstName: '=HYPERLINK("http://x.test")', lastName: 'Smith, "Jr"\nline two' });
      const id = await save('Export, "all" åäö', { contact: { contactType: [type] } });

      const answer = await api.get(`/api/v3/segments/${id}/contacts.csv`);
      assert.equal(answer.status, 200, answer.text.slice(0, 500));
      assert.match(String(answer.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.equal(answer.headers['content-disposition'], 'attachment; filename="segment-Export-all-aao.csv"');
      assert.ok(answer.text.startsWith('\uFEFF'), 'a byte order mark first, so that Excel reads the names as UTF-8');
      const rows = parseCsv(answer.text.slice(1));
      assert.deepEqual(rows[0], ['contactId', 'firstName', 'lastName', 'email', 'mobilePhone', 'memberNumber']);
      assert.equal(rows.length, 1 + 2501);
      const ids = rows.slice(1).map((r) => r[0]!);
      assert.deepEqual(ids, [...ids].sort(), 'ordered by contact id');
      assert.equal(new Set(ids).size, 2501);
      const mine = rows.find((r) => r[0] === tricky.id)!;
      assert.deepEqual(mine, [tricky.id, '\'=HYPERLINK("http://x.test")', 'Smith, "Jr"\nline two', tricky.email, '', '']);
      assert.ok(rows.some((r) => r[3] === 'bulk2500@seg.test' && r[2] === 'No 2500'));

      const empty = await save('Nobody', { contact: { contactType: [uniqueId('None')] } });
      assert.equal((await api.get(`/api/v3/segments/${empty}/contacts.csv`)).text, '\uFEFFcontactId,firstName,lastName,email,mobilePhone,memberNumber\r\n');
      const missing = await api.get('/api/v3/segments/00000000-0000-4000-8000-000000000000/contacts.csv');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.errorCode, 'SegmentNotFound');
    });

    test('an export whose reader stops reading or goes away ends its transaction, freeing the database', async () => {
      const type = uniqueId('Stall');
      const db = api.service.ctx.db;
      await sql`INSERT INTO contacts (contact_type, email) SELECT ${type}, 'stall' || i || '@seg.test' FROM generate_series(1, 3000) i`.execute(db);
      const filter = { contact: { contactType: [type] } };
      const free = async () => {
        // Any statement that completes proves the export no longer holds the (embedded: only) connection.
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM contacts WHERE contact_type = ${type}`.execute(db);
        return rows[0]!.n;
      };

      // Never read: the export gives up after its stall limit (a parameter, here 200 ms).
      const stalled = await exportMembersCsv(db, filter, new Date(), 15_000, { stallMs: 200 });
      const error = await new Promise<Error>((resolve) => stalled.once('error', resolve));
      assert.match(error.message, /took nothing for 200 ms/);
      assert.equal(await free(), 3000);

      // Read one chunk, then go away.
      const left = await exportMembersCsv(db, filter, new Date(), 15_000, { stallMs: 60_000 });
      await new Promise((resolve) => left.once('readable', resolve));
      left.read();
      left.destroy();
      assert.equal(await free(), 3000);

      // Not paced by the reader (how the embedded database, with its one connection, exports): the whole
      // export is read while nobody reads it, so a slow client never holds the connection.
      const buffered = await exportMembersCsv(db, filter, new Date(), 15_000, { paceByReader: false });
      // Embedded: the next statement waits for the only connection, so it completing proves the export let go.
      // PostgreSQL: its session must leave the transaction although nobody has read a byte.
      if (backend === 'postgres')
        await eventually('the unread export to end its transaction', async () => {
          const { rows } = await sql<{ n: number }>`
            SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND query LIKE 'FETCH%'`.execute(
            db,
          );
          return rows[0]!.n === 0;
        });
      assert.equal(await free(), 3000);
      const lines = (await buffered.toArray()).join('').split('\r\n').filter(Boolean);
      assert.equal(lines.length, 3001, 'the header and every member');
    });
  });
}
