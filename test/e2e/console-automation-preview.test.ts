// The automation editor's preview and test send, and the contact card's Timeline
// tab, in Chromium against the real service with a real SMTP server. Seeded through
// the public API; embedded backend only, as the other console tests.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type ConsoleBrowser, openConsole, shots, signIn, skip } from '../helpers/console-browser.js';
import { eventually } from '../helpers/eventually.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { receiptBody } from '../receipts/fixtures.js';
import { type SmtpSink, startSmtpSink } from '../automations/helpers.js';

describe('automation preview, test send and the contact timeline in Chromium (embedded backend)', () => {
  const test = (name: string, fn: () => Promise<void>) => it(name, { skip }, fn);
  let browser: ConsoleBrowser;
  let page: Page;
  let smtp: SmtpSink;
  let contactId: string;
  const orderId = uniqueId('PREVIEW');
  const returnId = uniqueId('RETURN');
  const toast = (text: string | RegExp) => page.getByTestId('toast').filter({ hasText: text }).waitFor();

  before(async () => {
    if (skip) return;
    smtp = await startSmtpSink();
    browser = await openConsole({ width: 1280, height: 900 }, { smtpUrl: smtp.url, smtpFrom: 'Shop <shop@example.com>' });
    page = browser.page;
    const { api } = browser;
    contactId = (await api.post('/api/v3/contacts', { email: 'greta@example.com', firstName: 'Greta', lastName: 'Lind' })).body.id;
    const contact = { matchKey: 'greta@example.com', matchKeyType: 'Email' };
    assert.equal((await api.write('POST', '/api/v3/orders', orderBody({ orderId, contact }))).status, 302);
    const returned = orderBody({
      orderId: returnId,
      contact,
      lineItems: {
        items: [{ id: 'r1', type: 'Return', quantity: -1, article: { sku: 'SKU-1', name: 'Shirt' }, pricePerUnit: 199.5, totalPrice: -199.5 }],
        subTotal: -199.5,
      },
    });
    assert.equal((await api.write('POST', '/api/v3/orders', returned)).status, 302);
    assert.ok(
      (await api.post('/api/v3/receipts', receiptBody({ orderId, contact, receiptNumber: 'R-77', createdDate: new Date().toISOString() }))).status < 300,
    );
    await signIn(page, browser.base);
  });
  after(async () => {
    await browser?.close();
    await smtp?.close();
  });

  test('the editor previews the draft against a chosen order, shows template errors, and sends a test email', async () => {
    const { api } = browser;
    const created = await api.post('/api/v3/automations', {
      name: 'Thanks',
      trigger: { action: 'SayThanks' },
      steps: [{ type: 'email', subject: 'Thanks for {{ order.orderId }}', text: 'Hi {{ contact.firstName }}, {{ order.lineItems.items.size }} lines.' }],
    });
    assert.equal(created.status, 201, created.text);
    await page.goto(`${browser.base}/admin/automations/${created.body.id}`);
    await page.getByRole('heading', { name: 'Edit “Thanks”' }).waitFor();
    await page.getByText('Choose an order to see the preview.').waitFor();
    // The order list's search suggests orders as you type a contact's name.
    await page.getByLabel('Order id').fill('greta');
    await page.locator(`#preview-order-suggestions option[value="${orderId}"]`).waitFor({ state: 'attached' });
    await page.getByLabel('Order id').fill(orderId);
    await page
      .getByTestId('preview-subject')
      .filter({ hasText: `Thanks for ${orderId}` })
      .waitFor();
    await page.getByTestId('preview-text').filter({ hasText: 'Hi Greta, 2 lines.' }).waitFor();
    await page.getByTestId('preview').getByText('greta@example.com', { exact: true }).waitFor();

    // Editing the draft updates the preview without saving.
    await page.getByLabel('Plain-text body (Liquid template)').fill('Hej {{ contact.lastName }}!');
    await page.getByTestId('preview-text').filter({ hasText: 'Hej Lind!' }).waitFor();
    await page.getByLabel('Plain-text body (Liquid template)').fill('Hej\n{% if x %}open');
    await page.getByTestId('preview-error').filter({ hasText: 'steps[0].text' }).filter({ hasText: 'line:2' }).waitFor();
    await page.getByLabel('Plain-text body (Liquid template)').fill('Hej {{ contact.lastName }}!');
    await page.getByTestId('preview-text').filter({ hasText: 'Hej Lind!' }).waitFor();
    // An unknown order is said plainly.
    await page.getByLabel('Order id').fill('no-such-order');
    await page.getByTestId('preview-error').filter({ hasText: 'OrderNotFound' }).waitFor();
    await page.getByLabel('Order id').fill(orderId);
    await page.getByTestId('preview-text').filter({ hasText: 'Hej Lind!' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'automation-preview.png'), fullPage: true });

    await page.getByLabel('Send a test to').fill('qa@example.com');
    await page.getByRole('button', { name: 'Send test' }).click();
    await toast('Test email sent to qa@example.com (1 message).');
    const mail = await eventually('the test email', () => smtp.messages.find((m) => m.envelopeTo.includes('qa@example.com')));
    assert.equal(mail.subject, `Thanks for ${orderId}`);
    assert.equal(mail.text?.trim(), 'Hej Lind!', 'the draft on screen is what was sent');
    assert.equal(smtp.messages.filter((m) => m.envelopeTo.includes('greta@example.com')).length, 0, 'never to the contact');
    assert.equal((await api.get(`/api/v3/automations/runs?orderId=${orderId}`)).body.totalCount, 0, 'no run recorded');
    const saved = await api.get(`/api/v3/automations/${created.body.id}`);
    assert.match(saved.body.steps[0].text, /\{\{ contact.firstName \}\}/, 'the automation itself is unchanged');
  });

  test('a failed test send is reported in an error toast', async () => {
    const dead = await startSmtpSink();
    await dead.close();
    const { api } = browser;
    // The mail server is part of the service's configuration: point this service's at a closed port.
    const created = await api.post('/api/v3/automations', { name: 'Broken', trigger: { action: 'X' }, steps: [{ type: 'email', subject: 'S', text: 'T' }] });
    const config = api.service.ctx.config;
    const before = config.smtpUrl;
    config.smtpUrl = dead.url;
    try {
      await page.goto(`${browser.base}/admin/automations/${created.body.id}`);
      await page.getByLabel('Order id').fill(orderId);
      await page.getByTestId('preview-subject').filter({ hasText: 'S' }).waitFor();
      await page.getByLabel('Send a test to').fill('qa2@example.com');
      await page.getByRole('button', { name: 'Send test' }).click();
      await toast(/The test email was not sent: .*TestSendFailed/);
    } finally {
      config.smtpUrl = before;
    }
  });

  test('the contact card Timeline tab lists the events newest first and links to the orders', async () => {
    const { api } = browser;
    await api.post('/api/v3/automations', { name: 'Greet', trigger: { action: 'Greet' }, steps: [{ type: 'email', subject: 'Hi', text: 'Hi' }] });
    const order = await api.get(`/api/v3/orders/${orderId}`);
    assert.equal((await api.post(`/api/v3/orders/${orderId}/action`, { action: 'Greet', versionTag: order.body.versionTag })).status, 202);
    await eventually('the delivery', async () => smtp.messages.find((m) => m.envelopeTo.includes('greta@example.com')));
    await page.goto(`${browser.base}/contacts/${contactId}`);
    await page.getByRole('navigation', { name: 'Contact sections' }).getByRole('link', { name: 'Timeline' }).click();
    await page.waitForURL(/tab=timeline/);
    const events = page.getByRole('region', { name: 'Events, newest first' });
    await events.locator('tr[data-kind="delivery"]').filter({ hasText: 'Greet' }).waitFor();
    const kinds = await events.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    assert.deepEqual(kinds, ['delivery', 'action', 'receipt', 'order', 'order'], 'newest first');
    await events.locator('tr[data-kind="order"]').filter({ hasText: returnId }).getByText('Return', { exact: true }).waitFor();
    await events.locator('tr[data-kind="receipt"]').getByText('Receipt R-77').waitFor();
    await page.screenshot({ path: path.join(shots, 'contact-timeline.png'), fullPage: true });
    await events.locator('tr[data-kind="order"]').filter({ hasText: returnId }).getByRole('link', { name: returnId }).click();
    await page.waitForURL(`**/orders/${returnId}`);
  });
});
