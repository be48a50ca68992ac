// Every console page at phone width (390×844) in Chromium, with a seeded shop:
// nothing scrolls sideways and no table is wider than the screen (tables become
// cards). A screenshot of each page goes to test-results/console-phone/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsole, signIn, skip } from '../helpers/console-browser.js';
import { seedOk } from '../helpers/service.js';
import { eventually } from '../helpers/eventually.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { receiptBody } from '../receipts/fixtures.js';

const shots = path.resolve('test-results', 'console-phone');

/** What overflows the window, described for the failure message; empty when everything fits. Strings: the root tsconfig has no DOM types. */
const overflow = (page: Page) =>
  page.evaluate(`(() => {
    const width = window.innerWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const table of document.querySelectorAll('table')) {
      const box = table.getBoundingClientRect();
      if (box.width > width || box.right > width + 0.5) found.push('table "' + (table.caption ? table.caption.textContent : '') + '" is ' + Math.round(box.width) + ' px wide, right edge at ' + Math.round(box.right));
    }
    for (const element of document.querySelectorAll('main *')) {
      // Headers of tables shown as cards stay for screen readers, in a 1 px clipped box.
      const hidden = element.closest('thead, .sr-only');
      if (hidden && hidden.getBoundingClientRect().width <= 1) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5 && getComputedStyle(element).position !== 'fixed') {
        found.push(element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' reaches ' + Math.round(box.right) + ' px: ' + (element.textContent || '').slice(0, 60));
        if (found.length > 8) break;
      }
    }
    return found;
  })()`) as Promise<string[]>;

describe('every console page fits a phone (390×844, Chromium, embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let browser: ConsoleBrowser;
  let page: Page;
  const ids = { contact: '', order: uniqueId('PHONE-ORDER-WITH-A-LONG-ID'), mixed: uniqueId('MIXED'), segment: '', automation: '' };

  async function seed() {
    const { api } = browser;
    await seedOk(api.post('/api/v3/stores', { externalId: 'WEB-SE', name: 'Webbutiken Sverige', timeZone: 'Europe/Stockholm', type: 'ECOMM' }));
    await seedOk(
      api.put('/api/v3/articles/SKU-1', {
        name: 'Merino wool base layer long sleeve',
        number: 'A-1',
        mainCategory: 'Tops',
        brand: 'Stride',
        color: 'Navy',
        size: 'M',
      }),
    );
    ids.contact = (
      await seedOk(
        api.post('/api/v3/contacts', {
          email: 'margareta.johansson-lindqvist@example.com',
          firstName: 'Margareta',
          lastName: 'Johansson-Lindqvist',
          mobilePhone: '+46701234567',
          memberNumber: 'M-2002',
        }),
      )
    ).id;
    const contact = { matchKey: 'M-2002', matchKeyType: 'MemberNumber' };
    ids.automation = (
      await seedOk(
        api.post('/api/v3/automations', {
          name: 'Order confirmation with a long descriptive name',
          trigger: { action: 'ConfirmOrder' },
          steps: [
            { type: 'email', subject: 'Order {{ order.orderId }}', text: 'Hi {{ contact.firstName }}' },
            { type: 'webhook', url: 'https://hooks.example.com/a/rather/long/path/for/the/receiver', secret: 's' },
          ],
        }),
      )
    ).id;
    const body = orderBody({
      orderId: ids.order,
      contact,
      delivery: { method: 'Home delivery', trackingNumber: 'TRACK-0123456789-SE' },
      lineItems: {
        items: [
          { id: 'l1', quantity: 2, article: { sku: 'SKU-1', name: 'Merino wool base layer long sleeve' }, pricePerUnit: 1299.5, totalPrice: 2599 },
          { id: 'l2', quantity: 1, article: { sku: 'SKU-2', name: 'Socks' }, pricePerUnit: 49.9, totalPrice: 49.9 },
        ],
        subTotal: 2648.9,
      },
    });
    await seedOk(api.write('POST', '/api/v3/orders', body));
    const changed = await seedOk(api.write('POST', `/api/v3/orders/${ids.order}/change-status`, { status: 'Completed' }));
    await seedOk(api.post(`/api/v3/orders/${ids.order}/action`, { action: 'ConfirmOrder', versionTag: changed.versionTag }));
    const mixed = orderBody({
      orderId: ids.mixed,
      contact,
      externalStoreId: 'UNKNOWN-STORE', // an integration-log entry
      lineItems: {
        items: [
          { id: 'p1', quantity: 1, article: { sku: 'SKU-1', name: 'Merino' }, pricePerUnit: 1299.5, totalPrice: 1299.5 },
          { id: 'r1', type: 'Return', quantity: -1, article: { sku: 'SKU-2', name: 'Socks' }, pricePerUnit: 49.9, totalPrice: -49.9 },
        ],
        subTotal: 1249.6,
      },
    });
    await seedOk(api.write('POST', '/api/v3/orders', mixed));
    await seedOk(api.post('/api/v3/receipts', receiptBody({ orderId: ids.order, contact, receiptNumber: 'R-2002' })));
    ids.segment = (await seedOk(api.post('/api/v3/segments', { name: 'Stride buyers', filter: { hasOrder: {} } }))).id;
    // The webhook fails (no such host is reachable): its delivery shows an error on the runs page.
    await eventually('the automation run', async () => (await api.get(`/api/v3/automations/runs?orderId=${ids.order}`)).body.items?.[0]);
  }

  before(async () => {
    if (skip) return;
    browser = await openConsole({ width: 390, height: 844 });
    page = browser.page;
    await seed();
    mkdirSync(shots, { recursive: true });
    await signIn(page, browser.base);
  });
  after(async () => browser?.close());

  const pages: [name: string, url: () => string, ready: (page: Page) => Promise<unknown>][] = [
    ['orders', () => '/orders', (p) => p.getByRole('link', { name: ids.order }).first().waitFor()],
    ['order', () => `/orders/${ids.order}`, (p) => p.getByText('Merino wool base layer long sleeve').first().waitFor()],
    ['order-mixed', () => `/orders/${ids.mixed}`, (p) => p.getByText('UNKNOWN-STORE').first().waitFor()],
    ['contacts', () => '/contacts', (p) => p.getByText('Johansson-Lindqvist').first().waitFor()],
    ['contact-orders', () => `/contacts/${ids.contact}?tab=orders`, (p) => p.getByRole('link', { name: ids.mixed }).first().waitFor()],
    ['contact-transactions', () => `/contacts/${ids.contact}?tab=transactions`, (p) => p.getByText('R-2002').first().waitFor()],
    ['contact-timeline', () => `/contacts/${ids.contact}?tab=timeline`, (p) => p.getByText('Receipt R-2002').first().waitFor()],
    ['integration-log', () => '/integration-log', (p) => p.getByText('UNKNOWN-STORE').first().waitFor()],
    ['segments', () => '/segments', (p) => p.getByText('Stride buyers').first().waitFor()],
    ['segment', () => `/segments/${ids.segment}`, (p) => p.getByRole('heading', { name: 'Stride buyers' }).waitFor()],
    ['jobs', () => '/jobs', (p) => p.getByText(ids.order).first().waitFor()],
    ['automations', () => '/automations', (p) => p.getByText(ids.order).first().waitFor()],
    ['admin-stores', () => '/admin/stores', (p) => p.getByText('Webbutiken Sverige').first().waitFor()],
    ['admin-articles', () => '/admin/articles?sku=SKU-1', (p) => p.getByRole('heading', { name: 'Article SKU-1' }).waitFor()],
    ['admin-automations', () => '/admin/automations', (p) => p.getByRole('heading', { name: 'New automation' }).waitFor()],
    ['admin-automation', () => `/admin/automations/${ids.automation}`, (p) => p.getByRole('heading', { name: /^Edit / }).waitFor()],
    ['admin-keys', () => '/admin/keys', (p) => p.getByText('ADMIN_API_KEY').first().waitFor()],
  ];

  for (const [name, url, ready] of pages) {
    test(`${name} fits 390 px`, async () => {
      await page.goto(`${browser.base}${url()}`);
      await ready(page);
      await page.locator('.state.loading').first().waitFor({ state: 'detached' });
      if (name === 'admin-automation') {
        await page.getByLabel('Order id').fill(ids.order);
        await page.getByTestId('preview').waitFor();
      }
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
      assert.deepEqual(await overflow(page), [], `${name} at 390×844`);
    });
  }
});
