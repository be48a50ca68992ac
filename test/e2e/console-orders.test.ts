// The Orders page (the console's home) in a real browser (Debian's Chromium via
// playwright-core) against the real service on a port, seeded through the public API:
// filters kept in the URL, badges, store names, amounts, links, "Load more", phone width.
// Embedded backend only, like test/e2e/console.test.ts; skipped with the reason without Chromium.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsole, skip } from '../helpers/console-browser.js';
import { orderBody } from '../helpers/fixtures.js';
import { ADMIN_KEY, type TestService } from '../helpers/service.js';

const shots = path.resolve('test-results', 'console-orders');
/** More than one page (25) of orders, so "Load more" has something to load. */
const BULK = 27;

describe('Orders page in Chromium (embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let api: TestService;
  let base: string;
  let page: Page;
  let browser: ConsoleBrowser | undefined;

  async function seed() {
    assert.equal(
      (await api.post('/api/v3/stores', { externalId: 'WEB-SE', name: 'Web shop Sweden', timeZone: 'Europe/Stockholm', type: 'ECOMM' })).status,
      201,
    );
    assert.equal(
      (await api.post('/api/v3/stores', { externalId: 'STHLM-1', name: 'Stockholm Drottninggatan', timeZone: 'Europe/Stockholm', type: 'RETAIL' })).status,
      201,
    );
    assert.equal((await api.post('/api/v3/contacts', { email: 'anna@example.com', firstName: 'Anna', lastName: 'Andersson' })).status, 201);
    const anna = { matchKey: 'anna@example.com', matchKeyType: 'Email' };
    const write = async (body: Record<string, any>) => assert.equal((await api.write('POST', '/api/v3/orders', body)).body.status, 'Succeeded');
    await write(
      orderBody({
        orderId: 'WEB-9001',
        contact: anna,
        status: 'InProgress',
        totalPrice: 1299,
        createdAt: '2025-12-03T15:15:19+01:00',
        lineItems: { items: [{ id: 'l1', quantity: 1, article: { sku: 'JACKET-1' }, totalPrice: 1299 }], subTotal: 1299 },
      }),
    );
    await write(
      orderBody({
        orderId: 'STORE-7001',
        contact: anna,
        externalStoreId: 'STHLM-1',
        status: 'Completed',
        channel: 'Store',
        createdAt: '2025-12-02T10:00:00+01:00',
        lineItems: { items: [{ id: 'r1', type: 'Return', quantity: 1, article: { sku: 'SHIRT-1' }, totalPrice: -199.5 }], subTotal: -199.5 },
      }),
    );
    const bulk = [];
    for (let i = 0; i < BULK; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const accepted = await api.post(
        '/api/v3/orders',
        orderBody({
          orderId: `BULK-${String(i).padStart(3, '0')}`,
          contact: { matchKey: `guest${i}@example.com`, matchKeyType: 'Email' },
          status: i % 3 ? 'Completed' : 'Received',
          createdAt: `2025-10-${day}T0${i % 10}:00:00Z`,
        }),
      );
      assert.equal(accepted.status, 202, accepted.text);
      bulk.push(accepted.body.jobId as string);
    }
    for (const jobId of bulk) await api.waitForJob(jobId);
  }

  before(async () => {
    if (skip) return;
    browser = await openConsole({ width: 1440, height: 900 });
    ({ api, base, page } = browser);
    await seed();
    mkdirSync(shots, { recursive: true });
  });

  after(async () => browser?.close());

  const rows = () => page.getByRole('region', { name: 'Orders', exact: true }).locator('tbody tr');
  const sek = (amount: number) => page.evaluate((n) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'SEK' }).format(n), amount);
  /** Waits until the list shows exactly `n` rows (the page's CSP forbids evaluating strings in it). */
  async function waitForRows(n: number) {
    const deadline = Date.now() + 10_000;
    while ((await rows().count()) !== n) {
      assert.ok(Date.now() < deadline, `the list at ${page.url()} shows ${await rows().count()} rows, not ${n}: ${(await orderIds()).slice(0, 3).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const orderIds = () => rows().locator('td[data-label="Order"] a').allInnerTexts();

  test('signing in lands on the Orders page: newest first, store names, badges, formatted amounts', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/orders');
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    await rows().first().waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).getAttribute('aria-current'), 'page');
    const first = rows().nth(0);
    assert.equal(await first.locator('td[data-label="Order"] a').innerText(), 'WEB-9001');
    assert.match(await first.locator('td[data-label="Store"]').innerText(), /Web shop Sweden/);
    assert.match(await first.locator('td[data-label="Contact"]').innerText(), /Anna Andersson/);
    assert.equal(await first.locator('td[data-label="Amount"]').innerText(), await sek(1299));
    assert.match(String(await first.locator('td[data-label="Status"] .badge').getAttribute('class')), /status-inprogress/);
    assert.match(String(await first.locator('td[data-label="Type"] .badge').getAttribute('class')), /purchase/);
    const second = rows().nth(1);
    assert.match(await second.locator('td[data-label="Store"]').innerText(), /Stockholm Drottninggatan/);
    assert.equal(await second.locator('td[data-label="Amount"]').innerText(), await sek(-199.5));
    assert.match(String(await second.locator('td[data-label="Type"] .badge').getAttribute('class')), /return/);
    // Amounts never break across lines.
    assert.equal(await first.locator('td[data-label="Amount"]').evaluate((cell: any) => (globalThis as any).getComputedStyle(cell).whiteSpace), 'nowrap');
    await page.screenshot({ path: path.join(shots, 'orders-desktop.png'), fullPage: true });
  });

  test('"Load more" follows the cursor: every order once', async () => {
    assert.equal(await rows().count(), 25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await waitForRows(BULK + 2);
    const ids = await orderIds();
    assert.equal(new Set(ids).size, BULK + 2);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0, 'no more to load');
  });

  test('filters are kept in the URL: a bookmarked view opens as it was left', async () => {
    await page.getByRole('checkbox', { name: 'Completed' }).check();
    await page.getByLabel('Type').selectOption('Return');
    await page.getByRole('button', { name: 'Show orders' }).click();
    await page.waitForURL(/status=Completed/);
    assert.match(page.url(), /orderType=Return/);
    await waitForRows(1);
    assert.deepEqual(await orderIds(), ['STORE-7001']);
    await page.goto(page.url()); // as a bookmark would
    await rows().first().waitFor();
    assert.deepEqual(await orderIds(), ['STORE-7001']);
    assert.equal(await page.getByRole('checkbox', { name: 'Completed' }).isChecked(), true);
    assert.equal(await page.getByLabel('Type').inputValue(), 'Return');
  });

  test('search and store filter; a row links to its order', async () => {
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByLabel('Search').fill('anna');
    await page.getByLabel('Store').selectOption({ label: 'Web shop Sweden' });
    await page.getByRole('button', { name: 'Show orders' }).click();
    await page.waitForURL(/q=anna/);
    assert.match(page.url(), /storeId=WEB-SE/);
    await waitForRows(1);
    assert.deepEqual(await orderIds(), ['WEB-9001']);
    await page.getByRole('link', { name: 'WEB-9001' }).click();
    await page.waitForURL('**/orders/WEB-9001');
    await page.goBack();
    await page.waitForURL(/q=anna/);
    assert.equal(await page.getByLabel('Search').inputValue(), 'anna');
  });

  test('a phone screen shows cards, with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/orders`);
    await rows().first().waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    assert.ok(Number(overflow) <= 0, `the page scrolls ${overflow}px sideways`);
    const regionOverflow = await page.getByRole('region', { name: 'Orders', exact: true }).evaluate((el: any) => el.scrollWidth - el.clientWidth);
    assert.ok(Number(regionOverflow) <= 0, `the list scrolls ${regionOverflow}px sideways`);
    await page.screenshot({ path: path.join(shots, 'orders-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
