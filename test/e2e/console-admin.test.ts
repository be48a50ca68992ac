// The administration pages in Chromium: register a store, create and update an
// article, create, edit and delete an automation, create an API key whose secret is
// shown once (and works), revoke it; a read key is told plainly what it may not do;
// the pages fit a phone. Everything is checked against the API as well.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, fitsWidth, openConsole, shots, signIn, skip } from '../helpers/console-browser.js';

describe('administration pages in Chromium (embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let browser: ConsoleBrowser;
  let page: Page;
  const toast = (text: string) => page.getByTestId('toast').filter({ hasText: text }).waitFor();

  before(async () => {
    if (skip) return;
    browser = await openConsole();
    page = browser.page;
    await signIn(page, browser.base);
  });
  after(async () => browser?.close());

  test('registers a store through the page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin/stores');
    await page.getByText('No stores yet.').waitFor();
    await page.getByLabel('External id').fill('GBG-1');
    await page.getByLabel('Name', { exact: true }).fill('Göteborg Nordstan');
    await page.getByLabel('Type').selectOption('RETAIL');
    await page.getByRole('button', { name: 'Register store' }).click();
    await toast('Store Göteborg Nordstan (GBG-1) registered.');
    await page.getByRole('region', { name: 'Stores' }).getByText('Göteborg Nordstan').waitFor();
    const stores = (await browser.api.get('/api/v3/stores')).body as { externalId: string; name: string; type: string }[];
    assert.deepEqual(
      stores.map((s) => [s.externalId, s.name, s.type]),
      [['GBG-1', 'Göteborg Nordstan', 'RETAIL']],
    );
    // The same id again: the API's refusal is shown, nothing is added.
    await page.getByLabel('External id').fill('GBG-1');
    await page.getByLabel('Name', { exact: true }).fill('Again');
    await page.getByRole('button', { name: 'Register store' }).click();
    await page.getByRole('alert').filter({ hasText: 'StoreAlreadyExists' }).waitFor();
    assert.equal((await browser.api.get('/api/v3/stores')).body.length, 1);
  });

  test('creates an article by SKU, then updates it', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Articles' }).click();
    await page.getByLabel('SKU').fill('BOOT-42');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(/sku=BOOT-42/);
    await page.getByRole('heading', { name: 'New article BOOT-42' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Hiking boot');
    await page.getByLabel('Article number').fill('B42');
    await page.getByLabel('Main category').fill('Shoes');
    await page.getByLabel('Brand').fill('Acme');
    await page.getByRole('button', { name: 'Create article' }).click();
    await toast('Article BOOT-42 created.');
    await page.getByRole('heading', { name: 'Article BOOT-42' }).waitFor();
    // A field the form does not show, set by a feed: saving from the page must keep it.
    const stored = (await browser.api.get('/api/v3/articles/BOOT-42')).body;
    assert.equal((await browser.api.put('/api/v3/articles/BOOT-42', { ...stored, spare1: 'from the feed' })).status < 300, true);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { name: 'Article BOOT-42' }).waitFor();
    await page.getByLabel('Brand').fill('');
    await page.getByLabel('Colour').fill('Brown');
    await page.getByRole('button', { name: 'Save article' }).click();
    await toast('Article BOOT-42 saved.');
    const article = (await browser.api.get('/api/v3/articles/BOOT-42')).body;
    assert.equal(article.name, 'Hiking boot');
    assert.equal(article.brand, undefined, 'an emptied field is removed');
    assert.equal(article.color, 'Brown');
    assert.equal(article.spare1, 'from the feed');
  });

  test('creates, edits and deletes an automation', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Automations' }).click();
    await page.getByText('No automations yet.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Shipping notice');
    await page.getByLabel('When this action is triggered').fill('ConfirmShipment');
    await page.getByLabel('Subject (Liquid template)').fill('Your order {{ order.orderId }} is on its way');
    await page.getByLabel('Plain-text body (Liquid template)').fill('Hello!');
    await page.getByRole('button', { name: 'Add step' }).click();
    await page.getByLabel('Type').nth(1).selectOption('webhook');
    await page.getByLabel('URL').fill('https://hooks.example.com/shipping');
    await page.getByLabel('Signing secret').fill('hook-secret');
    await page.getByRole('button', { name: 'Create automation' }).click();
    await toast('Automation “Shipping notice” created.');
    await page.waitForURL(/\/admin\/automations\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    let saved = (await browser.api.get(`/api/v3/automations/${id}`)).body;
    assert.equal(saved.trigger.action, 'ConfirmShipment');
    assert.deepEqual(
      saved.steps.map((s: { type: string }) => s.type),
      ['email', 'webhook'],
    );
    assert.equal(saved.steps[0].subject, 'Your order {{ order.orderId }} is on its way');

    await page.getByRole('heading', { name: 'Edit “Shipping notice”' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Shipping notice v2');
    await page.getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByRole('button', { name: 'Save automation' }).click();
    await toast('Automation “Shipping notice v2” saved.');
    saved = (await browser.api.get(`/api/v3/automations/${id}`)).body;
    assert.equal(saved.name, 'Shipping notice v2');
    assert.equal(saved.steps.length, 1);
    await page.getByRole('region', { name: 'Automations to edit' }).getByRole('link', { name: 'Shipping notice v2' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-automations.png'), fullPage: true });

    await page.getByRole('button', { name: 'Delete Shipping notice v2' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete automation' }).click();
    await toast('Automation “Shipping notice v2” deleted.');
    await page.waitForURL('**/admin/automations');
    assert.equal((await browser.api.get(`/api/v3/automations/${id}`)).status, 404);
  });

  test('creates an API key whose secret is shown once and works, then revokes it', async () => {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name (who or what uses it)').fill('pos till');
    await page.getByLabel('Scope').selectOption('write');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('key-secret').innerText()).trim();
    assert.ok(secret.length >= 20, secret);
    const me = await browser.api.get('/api/v3/keys/me', secret);
    assert.deepEqual(me.body, { name: 'pos till', scope: 'write' });
    const row = page.getByRole('region', { name: 'API keys' }).locator('tr', { hasText: 'pos till' });
    await row.waitFor();
    await page.screenshot({ path: path.join(shots, 'admin-keys.png'), fullPage: true });
    // Shown once: leaving the page and coming back, the secret is nowhere.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Stores' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API keys' }).click();
    await row.waitFor();
    assert.equal(await page.getByTestId('key-secret').count(), 0);
    assert.ok(!(await page.locator('main').innerText()).includes(secret));

    await page.getByRole('button', { name: 'Revoke pos till' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await toast('Key “pos till” revoked');
    await row.waitFor({ state: 'detached' });
    assert.equal((await browser.api.get('/api/v3/keys/me', secret)).status, 401);
  });

  test('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [tab, ready] of [
        ['/admin/stores', 'Göteborg Nordstan'],
        ['/admin/articles?sku=BOOT-42', 'Article'],
        ['/admin/automations', 'New automation'],
        ['/admin/keys', 'Create a key'],
      ] as const) {
        await page.goto(`${browser.base}${tab}`);
        await page.getByText(ready).first().waitFor();
        assert.ok(await fitsWidth(page), `${tab} fits 390 px`);
      }
      await page.goto(`${browser.base}/admin/stores`);
      await page.getByText('Göteborg Nordstan').first().waitFor();
      await page.screenshot({ path: path.join(shots, 'admin-stores-phone.png'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  test('a read key sees the registers and is told plainly it may not manage keys or automations', async () => {
    const readKey = await browser.api.key('read');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, browser.base, readKey);
    await page.goto(`${browser.base}/admin/stores`);
    await page.getByRole('region', { name: 'Stores' }).getByText('Göteborg Nordstan').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Register store' }).count(), 0);
    await page.goto(`${browser.base}/admin/keys`);
    await page.getByText('Not allowed.').waitFor();
    await page.goto(`${browser.base}/admin/automations`);
    await page.getByText('Not allowed.').waitFor();
  });
});
