// The web console in a real browser (Debian's Chromium via playwright-core) against
// the real service listening on a port, seeded through the public API. Embedded
// backend only: the console adds no SQL, so the second backend would test nothing new.
// Without Chromium the suite is reported as skipped, with the reason.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { ADMIN_KEY, type TestService, startTestService, seedOk } from '../helpers/service.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skip = existsSync(executablePath) ? false : `Chromium not found at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`;
// Code run in the page is given as strings: the root tsconfig has no DOM types.
const shots = path.resolve('test-results', 'console');
const shirtImage = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#4a78c2"/></svg>')}`;

describe('web console in Chromium (embedded backend)', () => {
  // Each test carries the skip reason, so the summary counts them as skipped.
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let api: TestService;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  let readKey: string;
  const cspViolations: string[] = [];
  const ids = { anna: '', bo: '', late: '', older: uniqueId('A'), mixed: uniqueId('B'), ghost: uniqueId('ghost'), lateOrder: uniqueId('late') };

  async function seed() {
    await seedOk(api.post('/api/v3/stores', { externalId: 'WEB-SE', name: 'Web shop', timeZone: 'Europe/Stockholm', type: 'ECOMM' }), 201, 200);
    await seedOk(api.post('/api/v3/stores', { externalId: 'STHLM-1', name: 'Stockholm', timeZone: 'Europe/Stockholm', type: 'RETAIL' }), 201, 200);
    await seedOk(
      api.post('/api/v3/articles', [
        { sku: 'SHIRT-1', number: 'S1', name: 'Oxford shirt', mainCategory: 'Shirts', brand: 'Acme', color: 'Blue', size: 'M' },
        { sku: 'JACKET-1', number: 'J1', name: 'Rain jacket', mainCategory: 'Outerwear', brand: 'Acme', color: 'Yellow', size: 'L' },
        { sku: 'SOCK-1', number: 'K1', name: 'Wool socks', mainCategory: 'Socks', brand: 'Zeta' },
      ]),
      200,
      201,
      202,
    );
    ids.anna = (
      await seedOk(
        api.post('/api/v3/contacts', {
          email: 'anna@example.com',
          memberNumber: 'M-1001',
          mobilePhone: '+46701234567',
          firstName: 'Anna',
          lastName: 'Andersson',
        }),
        201,
      )
    ).id;
    ids.bo = (await seedOk(api.post('/api/v3/contacts', { email: 'bo@example.com', firstName: 'Bo' }), 201)).id;
    const anna = { matchKey: 'anna@example.com', matchKeyType: 'Email' };
    const shirt = (extra: object) => ({ quantity: 1, article: { sku: 'SHIRT-1', name: 'Oxford shirt', imageUri: shirtImage }, pricePerUnit: 199.5, ...extra });
    const write = async (body: Record<string, any>) => assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
    await write(
      orderBody({
        orderId: ids.older,
        contact: anna,
        status: 'Completed',
        createdAt: '2025-11-01T10:00:00+01:00',
        lineItems: { items: [shirt({ id: 'p1', quantity: 2, totalPrice: 399 })], subTotal: 399 },
      }),
    );
    // The Mixed order: one purchase, one return (negative, Engage style), fees, discounts, payments, taxes, delivery.
    await write(
      orderBody({
        orderId: ids.mixed,
        contact: anna,
        status: 'InProgress',
        externalStatus: 'Packed',
        channel: 'Ecom',
        references: [ids.older],
        createdAt: '2025-12-03T15:15:19+01:00',
        lineItems: {
          items: [
            {
              id: 'p1',
              quantity: 1,
              article: { sku: 'JACKET-1', name: 'Rain jacket' },
              pricePerUnit: 899,
              originalPricePerUnit: 999,
              totalPrice: 899,
              originalTotalPrice: 999,
              discounts: [{ type: 'Campaign', amount: 100 }],
              taxes: [{ percent: 25, amount: 179.8 }],
            },
            shirt({ id: 'r1', type: 'Return', totalPrice: -199.5, returnDetails: { type: 'Normal', reason: 'Too small' } }),
          ],
          subTotal: 699.5,
        },
        fees: { items: [{ type: 'Shipping', amount: 49 }], total: 49 },
        discounts: { items: [{ type: 'Voucher', description: 'WELCOME50', amount: 50 }], total: 50 },
        payments: { items: [{ type: 'Card', amount: 698.5, reference: 'PSP-1' }], total: 698.5 },
        taxes: [{ description: 'VAT', percent: 25, amount: 139.7 }],
        totalPrice: 698.5,
        delivery: { method: 'Parcel', trackingNumber: 'TRK-1', trackingUri: 'https://tracking.example.com/TRK-1' },
      }),
    );
    await write(
      orderBody({
        orderId: uniqueId('bo'),
        contact: { matchKey: 'bo@example.com', matchKeyType: 'Email' },
        externalStoreId: 'STHLM-1',
        channel: 'Store',
        lineItems: { items: [{ quantity: 3, article: { sku: 'SOCK-1' }, totalPrice: 150 }], subTotal: 150 },
      }),
    );
    await write(orderBody({ orderId: ids.ghost, contact: { matchKey: 'ghost@example.com', matchKeyType: 'Email' } }));
    await write(orderBody({ orderId: ids.lateOrder, contact: { matchKey: 'late@example.com', matchKeyType: 'Email' } }));
    // A job that fails: the same orderId again with different content.
    const dup = await api.post('/api/v3/orders', orderBody({ orderId: ids.older, status: 'Cancelled' }));
    assert.equal((await api.waitForJob(dup.body.jobId)).status, 422);
    ids.late = (await seedOk(api.post('/api/v3/contacts', { email: 'late@example.com' }), 201)).id; // resolves its ContactMissing
    await seedOk(
      api.post('/api/v3/receipts', {
        contact: anna,
        uniqueReceiptId: uniqueId('rcpt'),
        receiptNumber: 'R-555',
        createdDate: '2025-12-04T09:00:00+01:00',
        storeExternalId: 'WEB-SE',
        currency: 'SEK',
        totalGrossPrice: 899,
        paymentMethods: [{ type: 'Card', value: 899 }],
        orderId: ids.mixed,
        items: [
          {
            type: 'PURCHASE',
            sku: 'JACKET-1',
            quantity: 1,
            grossPaidPrice: 899,
            taxAmount: 179.8,
            taxPercent: 25,
            articleNumber: 'J1',
            articleName: 'Rain jacket',
          },
        ],
      }),
      201,
    );
    // A webhook to a private address: the delivery is refused, so the run has an outcome to show.
    await seedOk(
      api.post('/api/v3/automations', {
        name: 'Order confirmation hook',
        trigger: { action: 'ConfirmOrder' },
        steps: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's3cret' }],
      }),
      201,
    );
    const mixed = await api.get(`/api/v3/orders/${ids.mixed}`);
    await seedOk(api.post(`/api/v3/orders/${ids.mixed}/action`, { action: 'ConfirmOrder', versionTag: mixed.body.versionTag }), 202);
  }

  before(async () => {
    if (skip) return;
    const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { encoding: 'utf8' });
    assert.equal(build.status, 0, `web build failed: ${build.stdout}${build.stderr}`);
    api = await startTestService('embedded');
    base = (await api.service.app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
    await seed();
    readKey = await api.key('read');
    mkdirSync(shots, { recursive: true });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      locale: 'sv-SE',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    // The security headers' policy must never block the console itself.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  after(async () => {
    await context?.close();
    await api?.stop();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** What the browser's own Intl writes for an amount: the console must show exactly that. */
  const sek = (amount: number) => page.evaluate((n) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'SEK' }).format(n), amount);
  const amountRow = (label: string) =>
    page
      .getByRole('region', { name: 'Amounts' })
      .locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
      .locator('dd');

  async function signIn(key: string) {
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill(key);
    await page.keyboard.press('Enter'); // keyboard only
  }

  test('signs in with an API key kept in sessionStorage', async () => {
    await signIn(ADMIN_KEY);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.match(await page.locator('.who').innerText(), /admin/);
    assert.equal(await page.evaluate("sessionStorage.getItem('engage-orders.apikey')"), ADMIN_KEY);
    assert.equal(await page.evaluate('localStorage.length'), 0);
  });

  test('finds a contact by member number and lists their orders newest first, typed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click(); // the home page is Orders
    await page.getByLabel('Search by').selectOption('customKey');
    await page.getByLabel('Value').fill('M-1001');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`**/contacts/${ids.anna}`);
    await page.getByRole('heading', { name: 'Anna Andersson' }).waitFor();
    const rows = page.getByRole('region', { name: 'Orders, newest first' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    const first = await rows.nth(0).innerText();
    assert.ok(first.includes(ids.mixed) && first.includes('Mixed') && first.includes('InProgress') && first.includes('Packed'), first);
    assert.ok(first.includes(await sek(698.5)), `total 698,50 kr in ${first}`);
    assert.ok((await rows.nth(1).innerText()).includes('Purchase'));
    await page.screenshot({ path: path.join(shots, 'contact-card.png'), fullPage: true });
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('region', { name: 'Receipts, newest first' }).getByText('R-555').waitFor();
  });

  test('shows a Mixed order with purchase and return lines apart and exact totals', async () => {
    await page.goto(`${base}/orders/${encodeURIComponent(ids.mixed)}`);
    const purchases = page.getByRole('region', { name: 'Purchase lines', exact: true });
    const returns = page.getByRole('region', { name: 'Return lines', exact: true });
    await purchases.waitFor();
    assert.match(await purchases.innerText(), /Rain jacket/);
    assert.doesNotMatch(await purchases.innerText(), /Oxford shirt/);
    const returnText = await returns.innerText();
    assert.ok(returnText.includes('Oxford shirt') && returnText.includes('Normal: Too small'), returnText);
    assert.equal(await amountRow('Purchases').innerText(), await sek(899));
    assert.equal(await amountRow('Returns').innerText(), await sek(-199.5));
    assert.equal(await amountRow('Total').innerText(), await sek(698.5));
    assert.equal(await amountRow('Paid').innerText(), await sek(698.5));
    assert.equal(await page.getByRole('link', { name: 'Track the parcel' }).getAttribute('href'), 'https://tracking.example.com/TRK-1');
    await page.getByRole('region', { name: 'Receipts of this order' }).getByText('R-555').waitFor();
    await page.getByRole('region', { name: 'Action events, newest first' }).getByText('ConfirmOrder').waitFor();
    assert.ok((await page.getByRole('region', { name: 'Versions, newest first' }).locator('tbody tr').count()) >= 1);
    assert.equal(await page.getByRole('button', { name: 'Change status' }).count(), 1, 'an admin key sees edit controls');
    await page.screenshot({ path: path.join(shots, 'order-view.png'), fullPage: true });
  });

  test('follows a reference link to the referenced order', async () => {
    await page.getByRole('region', { name: 'Referenced orders' }).getByRole('link', { name: ids.older }).click();
    await page.waitForURL(`**/orders/${ids.older}`);
    // The heading shows the id at once and the order type once the order has loaded: wait for both.
    await page.getByRole('heading', { level: 1, name: new RegExp(`${ids.older}.*Purchase`, 's') }).waitFor();
  });

  test('filters the integration log to unresolved ContactMissing entries, linked to their orders', async () => {
    await page.getByRole('link', { name: 'Integration log' }).click();
    await page.getByLabel('Code').fill('ContactMissing');
    await page.getByLabel('Resolved').selectOption('false');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/errorCode=ContactMissing/);
    const table = page.getByRole('region', { name: 'Integration log entries, newest first' });
    await table.getByRole('link', { name: ids.ghost }).waitFor();
    const text = await table.innerText();
    assert.ok(!text.includes(ids.lateOrder), 'the resolved entry is filtered out');
    assert.equal(await table.locator('tbody tr').count(), 1);
    await table.getByRole('link', { name: ids.ghost }).click();
    await page.waitForURL(`**/orders/${ids.ghost}`);
  });

  test('builds a segment whose live count matches the API, saves it and pages its contacts', async () => {
    await page.getByRole('link', { name: 'Segments' }).click();
    const count = page.getByTestId('segment-count');
    const fresh = page.locator('.count[data-fresh="true"]');
    const apiCount = async () => {
      const filter = JSON.parse((await page.getByTestId('filter-json').textContent()) ?? 'null');
      return (await api.post('/api/v3/segments/preview', { filter })).body.count as number;
    };
    await fresh.waitFor();
    assert.equal(Number(await count.innerText()), await apiCount()); // {hasOrder:{}}: everyone with an order
    await page.getByLabel('Brand').fill('Acme');
    await page.locator('.count[data-fresh="true"]').waitFor();
    await page.locator('[data-testid=segment-count]').filter({ hasText: /^1$/ }).waitFor(); // no string eval: the CSP forbids it
    assert.equal(await apiCount(), 1);
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Contacts must match').selectOption('or');
    await page.locator('fieldset', { hasText: 'Order condition 2' }).getByLabel('Channels (comma-separated)').fill('Store');
    await page.locator('[data-testid=segment-count]').filter({ hasText: /^2$/ }).waitFor(); // no string eval: the CSP forbids it
    await fresh.waitFor();
    assert.equal(Number(await count.innerText()), await apiCount());
    assert.match((await page.getByTestId('filter-json').textContent()) ?? '', /"or"[\s\S]*"brand"[\s\S]*"channel"/);
    await page.screenshot({ path: path.join(shots, 'segment-builder.png'), fullPage: true });
    await page.getByLabel('Segment name').fill('Acme or store buyers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByTestId('segment-total').getByText('2 contacts').waitFor();
    await page.getByRole('link', { name: 'Anna Andersson' }).click(); // members are listed by name (issue 14)
    await page.getByRole('heading', { name: 'Anna Andersson' }).waitFor();
  });

  test('fits a phone screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/contacts/${ids.anna}`);
    await page.getByRole('heading', { name: 'Anna Andersson' }).waitFor();
    await page.getByRole('region', { name: 'Orders, newest first' }).waitFor();
    assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), 'no page-wide horizontal overflow');
    await page.screenshot({ path: path.join(shots, 'contact-card-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('lists failed jobs with their errors', async () => {
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByLabel('Status').selectOption('Failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=Failed/);
    const rows = page.getByRole('region', { name: 'Jobs, newest first' }).locator('tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    const text = await rows.first().innerText();
    assert.ok(text.includes(ids.older) && text.includes('OrderAlreadyExists') && text.includes('Failed'), text);
    await page.screenshot({ path: path.join(shots, 'jobs.png'), fullPage: true });
  });

  test('lists automations and their runs with delivery outcomes', async () => {
    await page.getByRole('link', { name: 'Automations' }).click();
    await page.getByRole('region', { name: 'Automations', exact: true }).getByText('Order confirmation hook').waitFor();
    const run = page.getByRole('region', { name: 'Automation runs, newest first' }).locator('tbody tr').first();
    await run.waitFor();
    const text = await run.innerText();
    assert.ok(text.includes(ids.mixed) && text.includes('ConfirmOrder') && text.includes('webhook') && /attempt/.test(text), text);
    await page.screenshot({ path: path.join(shots, 'automations.png'), fullPage: true });
  });

  test('shows "not available" when an API route is missing', async () => {
    await page.route('**/api/v3/automations/runs*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 404, errorCode: 'RouteNotFound', title: 'No such route' }),
      }),
    );
    await page.goto(`${base}/automations`);
    await page.getByText('Not available.').waitFor();
    await page.unroute('**/api/v3/automations/runs*');
  });

  test('gives a read-only key everything to see and no edit controls', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(readKey);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    assert.match(await page.locator('.who').innerText(), /read/);
    await page.goto(`${base}/orders/${encodeURIComponent(ids.mixed)}`);
    await page.getByRole('region', { name: 'Return lines', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Change status' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Trigger action' }).count(), 0);
    await page.goto(`${base}/segments`);
    await page.locator('.count[data-fresh="true"]').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save segment' }).count(), 0);
    await page.getByRole('link', { name: 'Acme or store buyers' }).click();
    await page.getByTestId('segment-total').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete segment' }).count(), 0);
  });

  test('the content security policy blocked nothing the console does', async () => {
    assert.match(String((await page.request.get(base)).headers()['content-security-policy']), /frame-ancestors 'none'/);
    assert.deepEqual(cspViolations, []);
  });
});
