// Preview and test send: rendered exactly as a delivery renders (the same email the
// SMTP server receives), clear 4xx answers, admin only, and nothing recorded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { type SmtpSink, eventually, insertContact, startSmtpSink } from './helpers.js';

const email = {
  type: 'email',
  subject: 'Order {{ order.orderId }} for {{ contact.firstName }}',
  text: 'Hi {{ contact.firstName }}! {% for line in order.lineItems.items %}{{ line.quantity }} x {{ line.article.name }}; {% endfor %}Total {{ order.lineItems.subTotal }} {{ order.currencyCode }} ({{ action.name }}, {{ action.language }}, {{ action.data.note }})',
  html: '<p>Hi {{ contact.firstName }}</p>',
  templates: { sv: { subject: 'Order {{ order.orderId }} till {{ contact.firstName }}', text: 'Hej {{ contact.firstName }}' } },
};

for (const backend of backendNames()) {
  describe(`automation preview and test send (${backend})`, () => {
    let api: TestService;
    let smtp: SmtpSink;
    let automationId: string;
    let orderId: string;
    let versionTag: string;
    let contactEmail: string;
    const action = `Preview-${uniqueId('act')}`;
    before(async () => {
      smtp = await startSmtpSink();
      api = await startTestService(backend, { smtpUrl: smtp.url, smtpFrom: 'Shop <shop@example.com>' });
      const created = await api.post('/api/v3/automations', {
        name: 'Confirmation',
        trigger: { action },
        steps: [email, { type: 'webhook', url: 'https://hooks.example.com/x', secret: 's3cret' }],
      });
      assert.equal(created.status, 201, created.text);
      automationId = created.body.id;
      const memberNumber = uniqueId('member');
      contactEmail = `${uniqueId('anna')}@example.com`;
      await insertContact(api.service.ctx.db, { email: contactEmail, firstName: 'Anna <b>', memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' } });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      orderId = body.orderId;
      versionTag = job.body.versionTag;
    });
    after(async () => {
      await api?.stop();
      await smtp?.close();
    });

    const noRuns = async () => {
      const runs = await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`);
      assert.equal(runs.status, 200);
      assert.equal(runs.body.totalCount, 0, 'a preview or test send records no run');
      const order = await api.get(`/api/v3/orders/${encodeURIComponent(orderId)}`);
      assert.equal(order.body.versionTag, versionTag, 'the order is untouched');
      assert.deepEqual((await api.get(`/api/v3/orders/${encodeURIComponent(orderId)}/actions`)).body.items ?? [], []);
    };

    test('previews a saved automation: the email as the delivery renders it (HTML escaped) and the webhook body', async () => {
      const answer = await api.post('/api/v3/automations/preview', { automationId, orderId, data: { note: 'gift' }, language: 'de' });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.versionTag, versionTag);
      assert.equal(answer.body.action, action, "the trigger's action by default");
      const [mail, hook] = answer.body.steps;
      assert.equal(mail.type, 'email');
      assert.equal(mail.to, contactEmail);
      assert.equal(mail.template, 'default');
      assert.equal(mail.skipped, null);
      assert.equal(mail.subject, `Order ${orderId} for Anna <b>`);
      assert.equal(mail.text, `Hi Anna <b>! 2 x Shirt; 1 x Socks; Total 448.9 SEK (${action}, de, gift)`);
      assert.equal(mail.html, '<p>Hi Anna &lt;b&gt;</p>');
      assert.equal(hook.type, 'webhook');
      assert.equal(hook.url, 'https://hooks.example.com/x');
      assert.equal(hook.body.orderId, orderId);
      assert.equal(hook.body.order.versionTag, versionTag);
      assert.equal(hook.body.order.lineItems.subTotal, 448.9);
      assert.equal(hook.body.eventId, 'preview');
      await noRuns();
    });

    test('previews unsaved steps (a draft whose webhook secret is blank) and picks the language template', async () => {
      const answer = await api.post('/api/v3/automations/preview', {
        orderId,
        language: 'sv-SE',
        action: 'Custom',
        steps: [email, { type: 'webhook', url: 'https://hooks.example.com/y', secret: '' }],
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.action, 'Custom');
      assert.equal(answer.body.steps[0].template, 'sv');
      assert.equal(answer.body.steps[0].subject, `Order ${orderId} till Anna <b>`);
      assert.equal(answer.body.steps[0].text, 'Hej Anna <b>');
      assert.equal(answer.body.steps[0].html, undefined);
      assert.equal(answer.body.steps[1].body.action, 'Custom');
    });

    test('an unknown order is 404 OrderNotFound; an unknown automation 404 AutomationNotFound', async () => {
      const missing = await api.post('/api/v3/automations/preview', { automationId, orderId: 'no-such-order' });
      assert.equal(missing.status, 404, missing.text);
      assert.equal(missing.body.errorCode, 'OrderNotFound');
      assert.match(missing.body.detail, /no-such-order/);
      const noAutomation = await api.post('/api/v3/automations/preview', { automationId: '00000000-0000-4000-8000-000000000000', orderId });
      assert.equal(noAutomation.status, 404);
      assert.equal(noAutomation.body.errorCode, 'AutomationNotFound');
      const neither = await api.post('/api/v3/automations/preview', { orderId });
      assert.equal(neither.status, 400);
      assert.deepEqual(neither.body.errors, [{ path: 'automationId', message: 'or steps is required' }]);
    });

    test('a template that does not parse is 400 naming the field and line; one that fails to render is 422 naming the field', async () => {
      const broken = await api.post('/api/v3/automations/preview', {
        orderId,
        steps: [{ type: 'email', subject: 'Hi', text: 'line one\n{% if x %}never closed' }],
      });
      assert.equal(broken.status, 400, broken.text);
      assert.equal(broken.body.errorCode, 'InvalidAutomation');
      assert.equal(broken.body.errors[0].path, 'steps[0].text');
      assert.match(broken.body.errors[0].message, /line:2/);
      // Parses, but the loop exceeds the render limit against this order.
      const heavy = {
        type: 'email',
        subject: 'Hi',
        text: 'ok',
        templates: { sv: { subject: 'Hej', text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' } },
      };
      const failed = await api.post('/api/v3/automations/preview', { orderId, language: 'sv', steps: [heavy] });
      assert.equal(failed.status, 422, failed.text);
      assert.equal(failed.body.errorCode, 'TemplateRenderFailed');
      assert.equal(failed.body.errors[0].path, 'steps[0].templates.sv.text');
      assert.match(failed.body.errors[0].message, /template error: .*line:1/);
    });

    test('a contact without an email address: the preview says the delivery would skip it', async () => {
      const memberNumber = uniqueId('member');
      await insertContact(api.service.ctx.db, { email: null, firstName: 'Nils', memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' } });
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      const answer = await api.post('/api/v3/automations/preview', { automationId, orderId: body.orderId });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.steps[0].to, null);
      assert.match(answer.body.steps[0].skipped, /has no email address/);
      assert.equal(answer.body.steps[0].subject, `Order ${body.orderId} for Nils`);
    });

    test('test send: the SMTP server receives the rendered email at the given address; no run, the order untouched', async () => {
      const to = `${uniqueId('tester')}@example.com`;
      const answer = await api.post(`/api/v3/automations/${automationId}/test-send`, { orderId, to, data: { note: 'gift' } });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.to, to);
      assert.equal(answer.body.sent.length, 1, 'only the email step is sent');
      assert.equal(answer.body.sent[0].where, 'smtp');
      const mail = await eventually(() => smtp.messages.find((m) => m.envelopeTo.includes(to)), 'the test email');
      assert.deepEqual(mail.envelopeTo, [to], 'never the contact');
      assert.equal(mail.subject, `Order ${orderId} for Anna <b>`);
      assert.equal(mail.text?.trim(), `Hi Anna <b>! 2 x Shirt; 1 x Socks; Total 448.9 SEK (${action}, , gift)`);
      assert.match(String(mail.html), /<p>Hi Anna &lt;b&gt;<\/p>/);
      assert.equal(mail.messageId, answer.body.sent[0].messageId);
      assert.equal(mail.from?.text, '"Shop" <shop@example.com>');
      assert.ok(!smtp.messages.some((m) => m.envelopeTo.includes(contactEmail)));
      await noRuns();
    });

    test('test send refuses a bad address (400), an unknown automation or order (404); a mail server that refuses is 502 TestSendFailed', async () => {
      const bad = await api.post(`/api/v3/automations/${automationId}/test-send`, { orderId, to: 'not an address' });
      assert.equal(bad.status, 400, bad.text);
      assert.equal(bad.body.errorCode, 'InvalidAutomation');
      const unknown = await api.post('/api/v3/automations/00000000-0000-4000-8000-000000000000/test-send', { orderId, to: 'a@example.com' });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.errorCode, 'AutomationNotFound');
      const noOrder = await api.post(`/api/v3/automations/${automationId}/test-send`, { orderId: 'nope', to: 'a@example.com' });
      assert.equal(noOrder.status, 404);
      assert.equal(noOrder.body.errorCode, 'OrderNotFound');

      const down = await startSmtpSink();
      await down.close(); // nothing listens on its port any more
      const offline = await startTestService(backend, { smtpUrl: down.url, webhookTimeoutMs: 2000 });
      try {
        const created = await offline.post('/api/v3/automations', { name: 'x', trigger: { action }, steps: [email] });
        const memberNumber = uniqueId('member');
        await insertContact(offline.service.ctx.db, { email: 'x@example.com', memberNumber });
        const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' } });
        assert.equal((await offline.write('POST', '/api/v3/orders', body)).status, 302);
        const refused = await offline.post(`/api/v3/automations/${created.body.id}/test-send`, { orderId: body.orderId, to: 'b@example.com' });
        assert.equal(refused.status, 502, refused.text);
        assert.equal(refused.body.errorCode, 'TestSendFailed');
        assert.match(refused.body.detail, /b@example\.com/);
      } finally {
        await offline.stop();
      }
    });

    test('preview and test send need an admin key', async () => {
      const write = await api.key('write');
      const preview = await api.request('POST', '/api/v3/automations/preview', { automationId, orderId }, { key: write });
      assert.equal(preview.status, 403);
      const send = await api.request('POST', `/api/v3/automations/${automationId}/test-send`, { orderId, to: 'a@example.com' }, { key: write });
      assert.equal(send.status, 403);
      assert.equal(smtp.messages.filter((m) => m.envelopeTo.includes('a@example.com')).length, 0);
    });
  });
}
