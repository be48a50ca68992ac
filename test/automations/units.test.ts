// Pieces of the automations capability that need no database: the address guard
// against a real local receiver, the .eml outbox, templates, backoff, signatures.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { automationSettings } from '../../src/automations/config.js';
import { backoffMs } from '../../src/automations/deliver.js';
import { loadConfig } from '../../src/config.js';
import { createMailer } from '../../src/automations/mailer.js';
import { isPrivateAddress } from '../../src/automations/net-guard.js';
import { pickTemplate, renderEmail } from '../../src/automations/templates.js';
import { sendWebhook, signature } from '../../src/automations/webhook.js';
import { startReceiver } from './helpers.js';

describe('webhook targets on private addresses are blocked without WEBHOOK_ALLOW_PRIVATE', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver(() => 200);
  });
  after(async () => receiver?.close());

  test('literal and resolved loopback addresses are refused before any request is made', async () => {
    const port = new URL(receiver.base).port;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://0x7f000001:${port}/`,
    ]) {
      const result = await sendWebhook(url, 's', 'e1', {}, { allowPrivate: false, timeoutMs: 2000 });
      assert.equal(result.ok, false, url);
      assert.ok(!result.ok && result.permanent, url);
      assert.match(!result.ok ? result.error : '', /loopback, link-local or private/, url);
    }
    assert.equal(receiver.requests.length, 0);
    const allowed = await sendWebhook(`http://localhost:${port}/`, 's', 'e2', { a: 1 }, { allowPrivate: true, timeoutMs: 2000 });
    assert.deepEqual(allowed, { ok: true, statusCode: 200 });
  });

  test('address ranges', () => {
    for (const blocked of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:10.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::7f00:1',
      'ff02::1',
      'not-an-ip',
    ]) {
      assert.equal(isPrivateAddress(blocked), true, blocked);
    }
    for (const open of ['8.8.8.8', '172.32.0.1', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPrivateAddress(open), false, open);
  });
});

test('the signature is hex HMAC-SHA256 of `${timestamp}.${body}`', () => {
  assert.equal(signature('key', '1700000000', '{"a":1}'), 'a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03'); // openssl dgst -sha256 -hmac key
});

test('backoff doubles per attempt, stays within 50–100 % of it (jitter) and is capped at four hours', () => {
  assert.equal(
    backoffMs(50, 1, () => 1),
    50,
  );
  assert.equal(
    backoffMs(50, 3, () => 1),
    200,
  );
  assert.equal(
    backoffMs(50, 3, () => 0),
    100,
  );
  assert.equal(
    backoffMs(30_000, 30, () => 1),
    4 * 3_600_000,
  );
});

test('by default a failing delivery is retried for about a day (16–33 h, with jitter) before it is Failed', () => {
  const settings = automationSettings(loadConfig({}, []));
  const horizonMs = (random: () => number) =>
    Array.from({ length: settings.maxAttempts - 1 }, (_, i) => backoffMs(settings.backoffMs, i + 1, random)).reduce((sum, ms) => sum + ms, 0);
  const hours = (ms: number) => ms / 3_600_000;
  assert.ok(hours(horizonMs(() => 0)) >= 16, `shortest: ${hours(horizonMs(() => 0))} h`);
  assert.ok(hours(horizonMs(() => 1)) <= 33, `longest: ${hours(horizonMs(() => 1))} h`);
});

test('language choice: exact (case-insensitive), then the base language, then the default', () => {
  const step = {
    type: 'email' as const,
    subject: 'default',
    text: 'd',
    templates: { 'sv-SE': { subject: 'sv-SE', text: 's' }, fi: { subject: 'fi', text: 'f' } },
  };
  assert.equal(pickTemplate(step, 'sv-se').content.subject, 'sv-SE');
  assert.equal(pickTemplate(step, 'fi-FI').content.subject, 'fi');
  assert.equal(pickTemplate(step, 'sv-FI').content.subject, 'default');
  assert.equal(pickTemplate(step, null).content.subject, 'default');
});

test('a rendered subject cannot inject header lines', async () => {
  const rendered = await renderEmail({ subject: '{{ action.data.s }}', text: 'x' }, { action: { data: { s: 'Hi\r\nBcc: evil@example.com' } } });
  assert.equal(rendered.subject, 'Hi Bcc: evil@example.com');
});

test('without SMTP_URL each message is written as a .eml file under <dataDir>/outbox/', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'eo-outbox-'));
  try {
    const mailer = createMailer({ smtpUrl: undefined, dataDir, timeoutMs: 1000 });
    const sent = await mailer.send({ eventId: 'evt-1', from: 'shop@example.com', to: 'anna@example.com', subject: 'Tack för din order', text: 'Hej Anna' });
    assert.equal(sent.where, 'outbox/evt-1.eml', 'named relative to the data directory: the server path is not shown');
    assert.deepEqual(await readdir(path.join(dataDir, 'outbox')), ['evt-1.eml']);
    const mail = await simpleParser(await readFile(path.join(dataDir, sent.where)));
    assert.equal(mail.subject, 'Tack för din order');
    assert.equal(mail.text?.trim(), 'Hej Anna');
    assert.equal(mail.messageId, '<evt-1@engage-orders>');
    assert.equal((mail.to as { text: string }).text, 'anna@example.com');
    mailer.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
