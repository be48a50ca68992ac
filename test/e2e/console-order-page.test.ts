// The order page in Chromium at desktop (1440×900) and phone (390×844) width: two
// columns, amounts on one line, empty sections left out, the store by name, one clear
// message for an unknown order, and an edit that is confirmed, reported in a toast and
// followed by a refreshed history. Embedded backend only: the page adds no SQL.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type ConsoleBrowser, fitsWidth, openConsole, shots, signIn, skip } from '../helpers/console-browser.js';
import { seedOk } from '../helpers/service.js';

describe('order page in Chromium (embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let browser: ConsoleBrowser;
  let page: Page;
  const ids = { mixed: uniqueId('mixed'), plain: uniqueId('plain'), older: uniqueId('older') };
  const orderUrl = (id: string) => `${browser.base}/orders/${encodeURIComponent(id)}`;

  async function seed() {
    const { api } = browser;
    await seedOk(api.post('/api/v3/stores', { externalId: 'WEB-SE', name: 'Web shop Sweden', timeZone: 'Europe/Stockholm', type: 'ECOMM' }), 201);
    await seedOk(
      api.post('/api/v3/contacts', {
        email: 'anna.andersson-lindqvist@example.com',
        firstName: 'Anna',
        lastName: 'Andersson-Lindqvist',
        mobilePhone: '+46701234567',
      }),
      201,
    );
    const anna = { matchKey: 'anna.andersson-lindqvist@example.com', matchKeyType: 'Email' };
    const write = async (body: Record<string, any>) => assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
    await write(orderBody({ orderId: ids.older, contact: anna }));
    // Large amounts (a thousands separator, so a bad layout would break them) and every list filled.
    await write(
      orderBody({
        orderId: ids.mixed,
        contact: anna,
        status: 'InProgress',
        references: [ids.older],
        lineItems: {
          items: [
            {
              id: 'p1',
              quantity: 1,
              article: { sku: 'COAT-1', name: 'Winter coat with a rather long product name' },
              pricePerUnit: 12999,
              originalPricePerUnit: 14999,
              totalPrice: 12999,
              originalTotalPrice: 14999,
              discounts: [{ type: 'Campaign', amount: 2000 }],
              taxes: [{ percent: 25, amount: 2599.8 }],
            },
            {
              id: 'r1',
              type: 'Return',
              quantity: 1,
              article: { sku: 'SCARF-1', name: 'Scarf' },
              pricePerUnit: 1299,
              totalPrice: -1299,
              returnDetails: { type: 'Normal', reason: 'Wrong colour' },
            },
          ],
          subTotal: 11700,
        },
        fees: { items: [{ type: 'Shipping', amount: 49 }], total: 49 },
        payments: { items: [{ type: 'Card', amount: 11749, reference: 'PSP-1' }], total: 11749 },
        totalPrice: 11749,
        delivery: { method: 'Parcel', trackingNumber: 'TRK-123456789', trackingUri: 'https://tracking.example.com/TRK-123456789' },
        shippingAddress: {
          firstname: 'Anna',
          lastname: 'Andersson-Lindqvist',
          street: 'Storgatan 1',
          zipCode: '111 22',
          city: 'Stockholm',
          countryCode: 'SE',
          email: 'anna.andersson-lindqvist@example.com',
        },
      }),
    );
    // A simple order: one line, nothing else.
    await write(
      orderBody({
        orderId: ids.plain,
        contact: anna,
        lineItems: { items: [{ id: 'l1', quantity: 1, article: { sku: 'SOCK-1', name: 'Socks' }, totalPrice: 99 }], subTotal: 99 },
      }),
    );
    await seedOk(
      api.post('/api/v3/automations', {
        name: 'Order confirmation email',
        trigger: { action: 'ConfirmOrder' },
        steps: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's3cret' }],
      }),
      201,
    );
  }

  before(async () => {
    if (skip) return;
    browser = await openConsole();
    page = browser.page;
    await seed();
    await signIn(page, browser.base);
  });
  after(async () => browser?.close());

  /** Every amount is one line box (an inline element split over lines has several) and inside the window. */
  async function amountsOnOneLine() {
    const report = (await page.evaluate(`[...document.querySelectorAll('.amount, .when')].map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent, lines: e.getClientRects().length, right: r.right, width: document.documentElement.clientWidth };
    })`)) as { text: string; lines: number; right: number; width: number }[];
    assert.ok(report.length > 5, 'amounts and dates are marked');
    const broken = report.filter((a) => a.lines !== 1 || a.right > a.width + 0.5);
    assert.deepEqual(broken, [], 'amounts and dates stay on one line inside the window');
  }

  test('desktop: two columns, store by name, coloured status, Last changed filled, amounts on one line', async () => {
    await page.goto(orderUrl(ids.mixed));
    await page.getByRole('region', { name: 'Purchase lines', exact: true }).waitFor();
    const main = await page.locator('.order-main').boundingBox();
    const side = await page.locator('.order-side').boundingBox();
    assert.ok(main && side && side.x >= main.x + main.width - 1 && Math.abs(side.y - main.y) < 2, `side by side: ${JSON.stringify({ main, side })}`);
    const details = page.getByRole('region', { name: 'Details' });
    assert.match(await details.innerText(), /Web shop Sweden/);
    assert.equal(await details.locator('.badge', { hasText: 'InProgress' }).getAttribute('class'), 'badge warning');
    const lastChanged = await details
      .locator('div', { has: page.locator('dt', { hasText: /^Last changed$/ }) })
      .locator('dd')
      .innerText();
    assert.match(lastChanged, /\d/, `Last changed shows a date: ${lastChanged}`);
    assert.match(await page.getByRole('region', { name: 'Contact' }).innerText(), /Anna Andersson-Lindqvist/);
    // The side column holds contact, store, delivery and addresses; lines and amounts are on the left.
    for (const name of ['Contact', 'Delivery', 'Shipping address', 'Referenced orders'])
      assert.equal(await page.locator('.order-side').getByRole('region', { name, exact: true }).count(), 1, name);
    for (const name of ['Purchase lines', 'Return lines', 'Amounts'])
      assert.equal(await page.locator('.order-main').getByRole('region', { name, exact: true }).count(), 1, name);
    await amountsOnOneLine();
    assert.ok(await fitsWidth(page), 'no sideways scrolling');
    for (const name of ['Purchase lines', 'Return lines']) {
      assert.ok(
        await page.evaluate(
          `(() => { const e = document.querySelector('[role=region][aria-label=${JSON.stringify(name)}]'); return e.scrollWidth <= e.clientWidth; })()`,
        ),
        `${name}: every column visible without scrolling the table`,
      );
    }
    await page.screenshot({ path: path.join(shots, 'order-page-desktop.png'), fullPage: true });
  });

  test('a simple order shows no empty sections', async () => {
    await page.goto(orderUrl(ids.plain));
    await page.getByRole('region', { name: 'Purchase lines', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Versions, newest first' }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /None\.|No delivery details/);
    for (const name of [
      'Return lines',
      'Payments',
      'Discounts',
      'Fees',
      'Taxes',
      'Delivery',
      'Billing address',
      'Shipping address',
      'Referenced orders',
      'Receipts of this order',
      'Action events, newest first',
    ]) {
      assert.equal(await page.getByRole('region', { name, exact: true }).count(), 0, `${name} is left out`);
    }
    await page.screenshot({ path: path.join(shots, 'order-page-simple.png'), fullPage: true });
  });

  test('an unknown order shows one not-found message and no retry', async () => {
    await page.goto(orderUrl('no-such-order'));
    await page.getByTestId('order-not-found').waitFor();
    assert.equal(await page.locator('main .state').count(), 1, 'one message');
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
    assert.match(await page.locator('main').innerText(), /No order with this id/);
  });

  test('the timeline is shown when the service offers it, and left out quietly when it does not', async () => {
    const route = await browser.api.get(`/api/v3/orders/${encodeURIComponent(ids.mixed)}/timeline`);
    await page.goto(orderUrl(ids.mixed));
    await page.getByRole('region', { name: 'Versions, newest first' }).waitFor();
    if (route.status === 404) {
      assert.equal(await page.getByRole('heading', { name: 'Timeline' }).count(), 0);
      assert.equal(await page.locator('main [role=alert]').count(), 0, 'no error for a missing route');
    } else {
      assert.equal(route.status, 200, route.text);
      const timeline = page.getByRole('list', { name: 'Timeline, oldest first' });
      await timeline.waitFor();
      assert.equal(await timeline.locator(':scope > li').count(), route.body.items.length);
      // Each version names the key that made it, as the API sends it.
      const version = route.body.items.find((item: { kind: string; apiKeyName?: string }) => item.kind === 'version' && item.apiKeyName);
      assert.ok(version, 'the seeded order has a version made by a named key');
      assert.match(await timeline.locator(':scope > li[data-kind=version]').first().innerText(), new RegExp(` by ${version.apiKeyName}`));
    }
  });

  test('the timeline reads every kind of entry tolerantly, oldest first', async () => {
    // The answer is given by the browser's network layer: the field names of the documented shape
    // (GET /api/v3/orders/{id}/timeline), some entries partial, plus a kind and fields the page does not know.
    const items = [
      { at: '2025-12-03T14:20:00Z', kind: 'action', action: 'ConfirmOrder' },
      {
        at: '2025-12-03T14:15:19Z',
        kind: 'version',
        versionTag: 'v1',
        apiKeyName: 'ADMIN_API_KEY',
        changes: [
          { path: 'status', before: 'Received', after: 'InProgress' },
          { path: 'lineItems[p1]', after: { quantity: 2 } },
        ],
      },
      { at: '2025-12-03T14:21:00Z', kind: 'delivery', status: 'Failed', stepType: 'webhook', attempts: 3 },
      { at: '2025-12-03T14:22:00Z', kind: 'receipt', uniqueReceiptId: 'R-555', receiptNumber: null },
      { at: '2025-12-03T14:23:00Z', kind: 'log', errorCode: 'StoreMissing', severity: 'Warning', message: 'Store X is not registered' },
      { at: '2025-12-03T14:24:00Z', kind: 'somethingNew', detail: { any: 'shape' } },
      { at: '2025-12-03T14:25:00Z', kind: 'version' },
    ];
    await page.route('**/api/v3/orders/*/timeline', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ orderId: ids.mixed, items }) }),
    );
    try {
      await page.goto(orderUrl(ids.mixed));
      const entries = page.getByRole('list', { name: 'Timeline, oldest first' }).locator(':scope > li');
      await entries.first().waitFor();
      assert.equal(await entries.count(), items.length);
      const texts = await entries.allInnerTexts();
      assert.match(texts[0]!, /version[\s\S]*v1 by ADMIN_API_KEY[\s\S]*status: Received → InProgress[\s\S]*lineItems\[p1\]: — → \{"quantity":2\}/);
      assert.match(texts[1]!, /action\s+Action ConfirmOrder/);
      assert.match(texts[2]!, /webhook\s+Failed\s+3 attempts/);
      assert.match(texts[3]!, /Receipt R-555/);
      assert.match(texts[4]!, /Warning StoreMissing: Store X is not registered/);
      assert.match(texts[5]!, /somethingNew/);
      await page.screenshot({ path: path.join(shots, 'order-page-timeline.png'), fullPage: true });
    } finally {
      await page.unroute('**/api/v3/orders/*/timeline');
    }
  });

  test('phone: lines, action events and versions are cards, nothing scrolls sideways', async () => {
    await browser.api.post(`/api/v3/orders/${encodeURIComponent(ids.mixed)}/action`, {
      action: 'Note',
      versionTag: (await browser.api.get(`/api/v3/orders/${encodeURIComponent(ids.mixed)}`)).body.versionTag,
    });
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(orderUrl(ids.mixed));
      await page.getByRole('region', { name: 'Action events, newest first' }).waitFor();
      await page.getByRole('region', { name: 'Versions, newest first' }).waitFor();
      assert.ok(await fitsWidth(page), 'no page-wide horizontal overflow');
      for (const name of ['Purchase lines', 'Return lines', 'Action events, newest first', 'Versions, newest first']) {
        const fits = await page.evaluate(`(() => {
          const region = document.querySelector('[role=region][aria-label=${JSON.stringify(name)}]');
          return region.scrollWidth <= region.clientWidth && getComputedStyle(region.querySelector('tbody tr')).display === 'block';
        })()`);
        assert.ok(fits, `${name}: rows are cards without sideways scrolling`);
      }
      await amountsOnOneLine();
      // One column: the side column comes below the lines.
      const main = await page.locator('.order-main').boundingBox();
      const side = await page.locator('.order-side').boundingBox();
      assert.ok(main && side && side.y >= main.y + main.height - 1, 'one column');
      await page.screenshot({ path: path.join(shots, 'order-page-phone.png'), fullPage: true });
      await page.goto(orderUrl(ids.plain));
      await page.getByRole('region', { name: 'Purchase lines', exact: true }).waitFor();
      assert.ok(await fitsWidth(page), 'a simple order fits too');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  test('a status change is confirmed, sent once, reported in a toast, and the history refreshes', async () => {
    await page.goto(orderUrl(ids.mixed));
    const versions = page.getByRole('region', { name: 'Versions, newest first' }).locator('tbody tr');
    await versions.first().waitFor();
    const before = (await browser.api.get(`/api/v3/orders/${encodeURIComponent(ids.mixed)}/versions`)).body.items.length as number;
    assert.equal(await versions.count(), before);
    await page.getByLabel('Status', { exact: true }).selectOption('Completed');
    await page.getByRole('button', { name: 'Change status' }).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Change the status?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /InProgress → Completed/);
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Status changed' }).waitFor();
    await versions.nth(before).waitFor(); // the new version, without reloading the page
    assert.equal(await versions.count(), before + 1);
    assert.equal((await browser.api.get(`/api/v3/orders/${encodeURIComponent(ids.mixed)}/versions`)).body.items.length, before + 1, 'sent once');
    assert.equal(await page.getByRole('region', { name: 'Details' }).locator('.badge', { hasText: 'Completed' }).getAttribute('class'), 'badge ok');
    await page.screenshot({ path: path.join(shots, 'order-page-status-changed.png') });
  });

  test('an action names the automation it starts before it is sent, and the action list refreshes', async () => {
    const actions = page.getByRole('region', { name: 'Action events, newest first' }).locator('tbody tr');
    await actions.first().waitFor();
    const before = await actions.count();
    await page.getByLabel('Action', { exact: true }).fill('ConfirmOrder');
    await page.getByRole('button', { name: 'Trigger action' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trigger ConfirmOrder?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Order confirmation email/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await browser.api.get(`/api/v3/orders/${encodeURIComponent(ids.mixed)}/actions`)).body.items.length, before, 'cancel sends nothing');
    await page.getByRole('button', { name: 'Trigger action' }).click();
    await dialog.getByRole('button', { name: 'Trigger action' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Action ConfirmOrder triggered' }).waitFor();
    await actions.nth(before).waitFor();
    assert.match(await actions.first().innerText(), /ConfirmOrder/);
    // The page follows the run it started: the webhook to a private address is refused, and a toast says so.
    await page.getByRole('alert').filter({ hasText: 'ConfirmOrder: Order confirmation email failed' }).waitFor();
  });

  test('a refused edit is reported in an error toast', async () => {
    // Another client changes the order meanwhile: the page's versionTag is stale, and the API refuses the action.
    const mixed = encodeURIComponent(ids.mixed);
    await browser.api.write('POST', `/api/v3/orders/${mixed}/change-status`, { externalStatus: 'Shipped' });
    // Error notices stay until closed: close the earlier ones.
    while ((await page.getByRole('button', { name: 'Close notice' }).count()) > 0) await page.getByRole('button', { name: 'Close notice' }).first().click();
    await page.getByLabel('Action', { exact: true }).fill('ConfirmShipment');
    await page.getByRole('button', { name: 'Trigger action' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Trigger action' }).click();
    const toast = page.getByRole('alert').filter({ hasText: 'The change failed' });
    await toast.waitFor();
    assert.match(await toast.innerText(), /\(\w+\)/, 'names the error code');
  });
});
