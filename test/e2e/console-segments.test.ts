// The Segments pages in a real browser (Debian's Chromium via playwright-core)
// against the real service on a port, with a small shop seeded through the public
// API: value pickers from the article register, values in any letter case, the
// filter in words, members by name, the CSV download, and a phone-width layout.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, fitsWidth, openConsole, signIn, skip } from '../helpers/console-browser.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, seedOk } from '../helpers/service.js';

const shots = path.resolve('test-results', 'console-segments');

describe('console: segments (Chromium, embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let browser: ConsoleBrowser | undefined;
  let api: TestService;
  let base: string;
  let page: Page;
  const people: Record<string, { id: string; email: string }> = {};
  const cspViolations: string[] = [];

  async function seed() {
    const articles = [
      { sku: 'STR-1', brand: 'Stride', color: 'Black', size: '42' },
      { sku: 'STR-2', brand: 'Stride', color: 'White', size: '43' },
      { sku: 'STO-1', brand: 'Stoneway', color: 'Blue', size: '42' },
      { sku: 'ACM-1', brand: 'Acme', color: 'Black', size: 'M' },
    ];
    for (const a of articles)
      await seedOk(api.put(`/api/v3/articles/${a.sku}`, { number: a.sku, name: `${a.brand} ${a.color}`, mainCategory: 'Shoes', ...a }), 200, 201);
    const contacts = {
      anna: { email: 'anna@example.com', firstName: 'Anna', lastName: 'Svensson' },
      bo: { email: 'bo@example.com', firstName: 'Bo', lastName: 'Ek' },
      // A name a spreadsheet would run as a formula, with a comma and quotes: the CSV must neutralise and escape it.
      eve: { email: 'eve@example.com', firstName: '=HYPERLINK("http://evil.test")', lastName: 'Berg, "E"' },
      dan: { email: 'dan@example.com', firstName: 'Dan', lastName: 'Acme-only' },
    };
    for (const [key, fields] of Object.entries(contacts))
      people[key] = { id: (await seedOk(api.post('/api/v3/contacts', fields), 201)).id, email: fields.email };
    const buy = async (email: string, sku: string) => {
      const body = orderBody({
        orderId: uniqueId('S'),
        contact: { matchKey: email, matchKeyType: 'Email' },
        status: 'InProgress',
        lineItems: { items: [{ id: 'l0', quantity: 1, article: { sku }, totalPrice: 100 }], subTotal: 100 },
      });
      assert.equal((await api.write('PUT', `/api/v3/orders/${body.orderId}`, body)).status, 302);
    };
    await buy('anna@example.com', 'STR-1');
    await buy('bo@example.com', 'STR-2');
    await buy('eve@example.com', 'STR-1');
    await buy('dan@example.com', 'ACM-1');
  }

  before(async () => {
    if (skip) return;
    browser = await openConsole({ width: 1440, height: 900 });
    ({ api, base, page } = browser);
    mkdirSync(shots, { recursive: true });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await seed();
  });
  after(async () => browser?.close());

  const condition = () => page.locator('fieldset', { hasText: 'Order condition 1' });
  const freshCount = (n: number) => page.locator('.count[data-fresh="true"] [data-testid=segment-count]').filter({ hasText: new RegExp(`^${n}$`) });

  test('the brand picker suggests register values by prefix in any case; picking one counts its buyers', async () => {
    await signIn(page, base);
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    const brand = condition().getByRole('combobox', { name: 'Brand' });
    await brand.pressSequentially('st', { delay: 30 });
    const suggestions = condition().getByRole('listbox', { name: 'Suggestions' });
    await suggestions.getByRole('option').filter({ hasText: 'Stride' }).waitFor();
    const options = (await suggestions.getByRole('option').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.deepEqual(options, ['Stoneway 1 article', 'Stride 2 articles'], 'alphabetical, with article counts; Acme does not start with "st"');
    await page.screenshot({ path: path.join(shots, 'picker.png'), fullPage: true });
    await suggestions.getByRole('option').filter({ hasText: 'Stride' }).click();
    assert.equal(await brand.inputValue(), 'Stride');
    assert.equal(await suggestions.isVisible(), false, 'the list closes once a value is picked');
    await freshCount(3).waitFor();
  });

  test('a lower-case value still counts, keyboard picking completes the last entry, and the draft reads as a sentence', async () => {
    const brand = condition().getByRole('combobox', { name: 'Brand' });
    await brand.fill('stride');
    await freshCount(3).waitFor();
    assert.equal((await api.post('/api/v3/segments/preview', { filter: { hasOrder: { lineItem: { brand: ['stride'] } } } })).body.count, 3);
    // Free text stays allowed: a value missing from the register is still a value (it selects nobody here).
    const color = condition().getByRole('combobox', { name: 'Color' });
    await color.pressSequentially('white, bl', { delay: 30 });
    // The list answers "bl" once White is gone from it (before, it may still show every color).
    await condition().getByRole('option').filter({ hasText: 'Blue' }).waitFor();
    await condition().getByRole('option').filter({ hasText: 'White' }).waitFor({ state: 'detached' });
    await color.press('ArrowDown'); // Black (alphabetical)
    await color.press('Enter');
    assert.equal(await color.inputValue(), 'white, Black');
    await freshCount(3).waitFor(); // Anna and Eve bought black, Bo white
    await page.getByTestId('filter-summary').filter({ hasText: 'Contacts who have an order with a line of brand stride, color white or Black.' }).waitFor();
  });

  test('a saved segment shows its filter in words and its members by name with links to their cards', async () => {
    await page.getByLabel('Segment name').fill('Stride buyers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Stride buyers', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('filter-summary').innerText(), 'Contacts who have an order with a line of brand stride, color white or Black.');
    await page.getByTestId('segment-total').getByText('3 contacts match now.').waitFor();
    const members = page.getByRole('region', { name: 'Contacts in this segment' });
    for (const [key, name] of [
      ['anna', 'Anna Svensson'],
      ['bo', 'Bo Ek'],
      ['eve', '=HYPERLINK("http://evil.test") Berg, "E"'],
    ] as const) {
      assert.equal(await members.getByRole('link', { name, exact: true }).getAttribute('href'), `/contacts/${people[key]!.id}`);
      const row = members.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
      assert.match(await row.innerText(), new RegExp(people[key]!.email.replace('.', '\\.')));
    }
    assert.equal(await members.getByText('Dan').count(), 0);
    await page.screenshot({ path: path.join(shots, 'segment-page.png'), fullPage: true });
    await members.getByRole('link', { name: 'Bo Ek' }).click();
    await page.getByRole('heading', { name: 'Bo Ek' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Stride buyers', level: 1 }).waitFor();
  });

  test('Download CSV saves every member, escaped and with the formula neutralised', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    assert.equal(download.suggestedFilename(), 'segment-Stride-buyers.csv');
    const bytes = readFileSync((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the UTF-8 byte order mark that Excel needs');
    const text = bytes.subarray(3).toString('utf8');
    const expected = [
      'contactId,firstName,lastName,email,mobilePhone,memberNumber',
      ...[
        [people.anna!.id, 'Anna,Svensson,anna@example.com,,'],
        [people.bo!.id, 'Bo,Ek,bo@example.com,,'],
        [people.eve!.id, `"'=HYPERLINK(""http://evil.test"")","Berg, ""E""",eve@example.com,,`],
      ]
        .sort(([a], [b]) => (a! < b! ? -1 : 1))
        .map(([id, rest]) => `${id},${rest}`),
    ];
    assert.equal(text, `${expected.join('\r\n')}\r\n`);
  });

  test('a number is read as people write it; "1,000" is neither guessed nor dropped: the field says why and nothing is counted or saved', async () => {
    await page.getByRole('link', { name: 'Segments' }).first().click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    await condition().getByRole('combobox', { name: 'Brand' }).fill('Stride');
    await freshCount(3).waitFor();
    const min = condition().getByLabel('Total price min');
    await min.fill('1,000');
    await condition().getByRole('alert').filter({ hasText: '"1,000" could be read two ways: write 1000 or 1' }).waitFor();
    assert.equal(await min.getAttribute('aria-invalid'), 'true');
    await page.getByText('Not counted: a number field needs fixing.').waitFor();
    await page.screenshot({ path: path.join(shots, 'number-field.png'), fullPage: true });
    await page.getByLabel('Segment name').fill('Big Stride orders');
    assert.equal(await page.getByRole('button', { name: 'Save segment' }).isDisabled(), true, 'a filter missing the typed condition is not saved');
    await min.fill('1 000,50');
    await freshCount(0).waitFor(); // every order totals 100
    assert.match((await page.getByTestId('filter-json').textContent()) ?? '', /"min": 1000\.5/);
    await min.fill('99,5');
    await freshCount(3).waitFor();
    assert.equal(await condition().getByRole('alert').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save segment' }).isDisabled(), false);
    await page.getByRole('link', { name: 'Stride buyers' }).click(); // back where the next test starts
    await page.getByRole('heading', { name: 'Stride buyers', level: 1 }).waitFor();
  });

  test('at phone width (390×844) neither page scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('segment-total').waitFor();
    assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'segment page fits');
    assert.ok(await fitsWidth(page));
    await page.screenshot({ path: path.join(shots, 'segment-page-phone.png'), fullPage: true });
    await page.getByRole('link', { name: 'Segments' }).first().click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    await condition().getByRole('combobox', { name: 'Brand' }).pressSequentially('s', { delay: 30 });
    await condition().getByRole('option').filter({ hasText: 'Stride' }).waitFor();
    await page.getByRole('link', { name: 'Stride buyers' }).waitFor();
    assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'), 'builder with open suggestions fits');
    await page.screenshot({ path: path.join(shots, 'segments-phone.png'), fullPage: true });
    assert.deepEqual(cspViolations, []);
  });
});
