// The console's contact pages and the integration log's resolve controls in a real
// browser (Debian's Chromium via playwright-core) against the real service on a
// port, seeded through the public API. Embedded backend only, as console.test.ts.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { type ConsoleBrowser, openConsole, skip } from '../helpers/console-browser.js';
import { browseEndpoints } from '../../web/src/api/contacts-browse-endpoints.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { ADMIN_KEY, type TestService, seedOk } from '../helpers/service.js';

const shots = path.resolve('test-results', 'console-contacts');

describe('console: contacts, contact card and integration-log resolve (Chromium, embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let api: TestService;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let browser: ConsoleBrowser | undefined;
  const ids = { anna: '', annaTwin: '', bo: '', segment: '', noStore: uniqueId('nostore'), other: uniqueId('other') };

  async function seed() {
    await seedOk(api.post('/api/v3/stores', { externalId: 'WEB-SE', name: 'Web shop', timeZone: 'Europe/Stockholm', type: 'ECOMM' }), 201);
    ids.anna = (
      await seedOk(
        api.post('/api/v3/contacts', {
          email: 'anna@example.com',
          firstName: 'Anna',
          lastName: 'Svensson',
          mobilePhone: '+46701234567',
          memberNumber: 'M-1001',
        }),
        201,
      )
    ).id;
    // The same person registered again as another contact type: the key lookup finds both.
    ids.annaTwin = (
      await seedOk(
        api.post('/api/v3/contacts?source=shop', { email: 'anna@example.com', firstName: 'Anna', lastName: 'Svensson', contactType: 'Contact' }),
        201,
      )
    ).id;
    ids.bo = (await seedOk(api.post('/api/v3/contacts', { email: 'bo@example.com', firstName: 'Bo', lastName: 'Ek' }), 201)).id;
    const anna = { matchKey: 'M-1001', matchKeyType: 'MemberNumber' };
    const write = async (body: Record<string, any>) => assert.equal((await api.write('PUT', `/api/v3/orders/${body.orderId}`, body)).status, 302);
    const lines = (amounts: number[]) => ({
      items: amounts.map((amount, i) => ({ id: `l${i}`, quantity: 1, article: { sku: 'SKU-1', name: 'Shirt' }, pricePerUnit: amount, totalPrice: amount })),
      subTotal: Number(amounts.reduce((s, a) => s + a, 0).toFixed(2)),
    });
    await write(
      orderBody({ orderId: uniqueId('A'), contact: anna, status: 'Completed', createdAt: '2025-11-01T10:00:00+01:00', lineItems: lines([399, 49.9]) }),
    );
    await write(
      orderBody({ orderId: uniqueId('A'), contact: anna, status: 'InProgress', createdAt: '2025-12-01T10:00:00+01:00', lineItems: lines([100.1, 0.2]) }),
    );
    ids.segment = (await seedOk(api.post('/api/v3/segments', { name: 'Anyone with an order', filter: { hasOrder: {} } }), 201)).id;
    // One order written three times names a store nobody registered: one entry, counted 3 times.
    const noStore = orderBody({ orderId: ids.noStore, contact: anna, externalStoreId: 'GHOST-STORE', lineItems: lines([10]) });
    for (const status of ['Received', 'InProgress', 'Completed']) await write({ ...noStore, status });
    await write(orderBody({ orderId: ids.other, contact: anna, externalStoreId: 'GHOST-2', lineItems: lines([20]) }));
  }

  before(async () => {
    if (skip) return;
    browser = await openConsole({ width: 1280, height: 900 });
    ({ api, base, context, page } = browser);
    await seed();
    mkdirSync(shots, { recursive: true });
  });

  after(async () => browser?.close());

  const sek = (amount: number) => page.evaluate((n) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'SEK' }).format(n), amount);
  const results = () => page.getByRole('region', { name: /^Contacts( matching|, newest first)/ });

  test('every route these pages call is in the OpenAPI document', async () => {
    const docs = await api.request('GET', '/api/docs/json', undefined, { key: null });
    for (const [name, { method, path: route }] of Object.entries(browseEndpoints)) {
      assert.ok(docs.body.paths[route]?.[method.toLowerCase()], `${name}: ${method} ${route}`);
      assert.ok(docs.body.paths[route][method.toLowerCase()].responses['200'], `${name} declares its 200 answer`);
    }
  });

  test('search as you type: "anna" finds both Annas, "anna sv" too, "bo e" finds Bo, nonsense finds nobody', async () => {
    await page.goto(`${base}/contacts`); // the home page is the Orders list
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await results().locator('tbody tr').nth(2).waitFor(); // everyone, newest first
    const box = page.getByLabel('Find contacts');
    await box.pressSequentially('anna', { delay: 30 });
    await page.waitForURL(/q=anna$/);
    await page.getByRole('region', { name: 'Contacts matching anna' }).waitFor();
    assert.equal(await results().locator('tbody tr').count(), 2);
    assert.match(await results().innerText(), /Anna Svensson[\s\S]*Anna Svensson/);
    await box.pressSequentially(' sv');
    await page.getByRole('region', { name: 'Contacts matching anna sv' }).waitFor();
    assert.equal(await results().locator('tbody tr').count(), 2);
    await box.fill('bo e');
    await page.getByRole('region', { name: 'Contacts matching bo e' }).waitFor();
    assert.deepEqual(await results().locator('tbody tr td:first-child').allInnerTexts(), ['Bo Ek']);
    await box.fill('zzz');
    await page.getByText('No contact matches “zzz”.').waitFor();
    await page.screenshot({ path: path.join(shots, 'contacts-search.png'), fullPage: true });
  });

  test('a key two contacts share lists both, and either opens', async () => {
    await page.getByLabel('Value').fill('anna@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    const both = page.getByRole('region', { name: 'Contacts with this key' });
    await both.waitFor();
    const links = both.getByRole('link', { name: 'Anna Svensson' });
    assert.equal(await links.count(), 2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs.sort(), [`/contacts/${ids.anna}`, `/contacts/${ids.annaTwin}`].sort());
    await page.getByRole('region', { name: 'Contacts with this key' }).locator(`a[href="/contacts/${ids.annaTwin}"]`).click();
    await page.waitForURL(`**/contacts/${ids.annaTwin}`);
    await page.getByText('In no saved segment.').waitFor();
  });

  test('the card leads with the summary figures and segments; Orders and Transactions tabs', async () => {
    await page.goto(`${base}/contacts/${ids.anna}`);
    await page.getByRole('heading', { name: 'Anna Svensson', level: 1 }).waitFor();
    const summary = page.getByRole('region', { name: 'Summary' });
    await summary.waitFor();
    assert.equal(await page.getByTestId('summary-orders').locator('dd').innerText(), '4');
    assert.equal(await page.getByTestId('summary-open').locator('dd').innerText(), '2', 'one InProgress, one Received');
    const sekFigures = await page.getByTestId('summary-SEK').innerText();
    // 399 + 49.9 + 100.1 + 0.2 + 10 + 20 = 579.2 exactly over 4 orders: 144.80.
    assert.ok(sekFigures.includes(await sek(579.2)), sekFigures);
    assert.ok(sekFigures.includes(await sek(144.8)), sekFigures);
    await summary.getByRole('link', { name: 'Anyone with an order' }).waitFor();
    assert.equal(await summary.getByRole('link', { name: 'Anyone with an order' }).getAttribute('href'), `/segments/${ids.segment}`);
    // The summary comes before the contact's fields and the tabs.
    const order = await page.evaluate(`[...document.querySelectorAll('#summary-heading, .fields, nav.tabs')].map((e) => e.className || e.id)`);
    assert.deepEqual(order, ['summary-heading', 'fields', 'tabs']);
    await page.getByRole('region', { name: 'Orders, newest first' }).locator('tbody tr').nth(3).waitFor();
    await page.screenshot({ path: path.join(shots, 'contact-card.png'), fullPage: true });
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('heading', { name: 'Transactions' }).waitFor();
  });

  test('edit contact: the changed name is saved with PATCH and shown', async () => {
    await page.getByRole('button', { name: 'Edit contact' }).click();
    const form = page.getByRole('form', { name: 'Edit contact' });
    await form.getByLabel('Last name').fill('Svensson-Berg');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await page.getByText('Contact saved.').waitFor();
    await page.getByRole('heading', { name: 'Anna Svensson-Berg', level: 1 }).waitFor();
    assert.equal((await api.get(`/api/v3/contacts/${ids.anna}`)).body.lastName, 'Svensson-Berg');
    await page.getByRole('button', { name: 'Edit contact' }).click();
    await form.getByLabel('Mobile phone').fill('0701234567');
    await form.getByRole('button', { name: 'Save contact' }).click();
    await form.getByText('mobilePhone').waitFor(); // the 400 names the field
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  test('integration log: counts, resolve one, then resolve the selection', async () => {
    await page.goto(`${base}/integration-log?resolved=false&errorCode=StoreMissing`);
    const table = page.getByRole('region', { name: 'Integration log entries, newest first' });
    const row = (orderId: string) => table.locator('tbody tr', { has: page.getByRole('link', { name: orderId }) });
    await row(ids.noStore).waitFor();
    assert.equal(await row(ids.noStore).getByTestId('log-count').innerText(), '3×');
    assert.equal(await row(ids.other).getByTestId('log-count').innerText(), '1×');
    await page.screenshot({ path: path.join(shots, 'integration-log.png'), fullPage: true });
    await row(ids.noStore)
      .getByRole('button', { name: /^Resolve entry/ })
      .click();
    await page.getByText(/^Entry \d+ resolved\.$/).waitFor();
    await row(ids.noStore).waitFor({ state: 'detached' }); // filtered to open entries
    const open = await api.get(`/api/v3/integration-log?orderId=${ids.noStore}&errorCode=StoreMissing`);
    assert.equal(open.body.items[0].resolvedBy, 'ADMIN_API_KEY');

    await page.goto(`${base}/integration-log?resolved=false`);
    await table.locator('tbody tr').first().waitFor();
    const before = await table.locator('tbody tr').count();
    assert.ok(before >= 2, `${before} open entries`);
    await page.getByLabel('Select all open on this page').check();
    await page.getByRole('button', { name: `Resolve selected (${before})` }).click();
    await page.getByText(`${before} resolved.`).waitFor();
    await page.getByText('None.').waitFor();
    assert.equal((await api.get('/api/v3/integration-log?resolved=false')).body.totalCount, 0);
    await page.goto(`${base}/integration-log?orderId=${encodeURIComponent(ids.noStore)}&errorCode=StoreMissing`);
    await table.getByText('by ADMIN_API_KEY').waitFor();
  });

  test('phone width: the contacts list and the card do not scroll sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const url of [`${base}/contacts/${ids.anna}`, `${base}/contacts?q=anna`]) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('tbody tr').first().waitFor();
      const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((e) => !e.closest('thead')).slice(0, 6).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
      assert.ok(
        await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'),
        `no horizontal overflow on ${url}: ${JSON.stringify(wide)}`,
      );
    }
    await page.screenshot({ path: path.join(shots, 'contact-card-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('a read key sees the figures but no Edit contact and no Resolve controls', async () => {
    // An open entry, so that a Resolve button would have somewhere to show.
    const open = orderBody({ orderId: uniqueId('open'), externalStoreId: 'GHOST-3' });
    assert.equal((await api.write('PUT', `/api/v3/orders/${open.orderId}`, open)).status, 302);
    const reader = await context.newPage(); // a new tab: its own sessionStorage, so its own sign-in
    try {
      await reader.goto(`${base}/contacts`);
      await reader.getByLabel('API key').fill(await api.key('read'));
      await reader.keyboard.press('Enter');
      await reader.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
      await reader.goto(`${base}/contacts/${ids.anna}`);
      await reader.getByRole('region', { name: 'Summary' }).waitFor();
      await reader.getByRole('region', { name: 'Orders, newest first' }).waitFor();
      assert.equal(await reader.getByRole('button', { name: 'Edit contact' }).count(), 0);
      await reader.goto(`${base}/integration-log`);
      const log = reader.getByRole('region', { name: 'Integration log entries, newest first' });
      await log
        .locator('tbody tr', { has: reader.getByRole('link', { name: open.orderId }) })
        .first()
        .getByText('Unresolved')
        .waitFor();
      assert.equal(await reader.getByRole('button', { name: /^Resolve/ }).count(), 0);
      assert.equal(await reader.getByRole('checkbox').count(), 0);
    } finally {
      await reader.close();
    }
  });
});
