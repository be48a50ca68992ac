import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportContact, eraseContact } from '../../src/gdpr/erase.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { type SmtpSink, eventually, insertContact, startSmtpSink } from './helpers.js';

const confirmation = {
  type: 'email',
  subject: 'Order {{ order.orderId }} confirmed',
  text: 'Hi {{ contact.firstName }}! {% for line in order.lineItems.items %}{{ line.quantity }} x {{ line.article.name }}; {% endfor %}Total {{ order.lineItems.subTotal }} {{ order.currencyCode }}. Note: {{ action.data.note }} ({{ action.language }})',
  html: '<p>Hi {{ contact.firstName | escape }}</p>',
  templates: {
    'sv-SE': { subject: 'Order {{ order.orderId }} bekräftad', text: 'Hej {{ contact.firstName }}, status {{ order.status }}' },
    fi: { subject: 'Tilaus {{ order.orderId }} vahvistettu', text: 'Hei {{ contact.firstName }}' },
  },
};

for (const backend of backendNames()) {
  describe(`automation emails (${backend})`, () => {
    let api: TestService;
    let smtp: SmtpSink;
    const action = `Confirm-${uniqueId('email')}`; // own trigger name: other files' actions never match
    before(async () => {
      smtp = await startSmtpSink();
      api = await startTestService(backend, { smtpUrl: smtp.url, smtpFrom: 'Shop <shop@example.com>', automationBackoffMs: 50 });
      const created = await api.post('/api/v3/automations', { name: 'Order confirmation', trigger: { action }, steps: [confirmation] });
      assert.equal(created.status, 201, created.text);
    });
    after(async () => {
      await api?.stop();
      await smtp?.close();
    });

    async function contactWithOrder(email: string | null, orderAction?: Record<string, unknown>) {
      const memberNumber = uniqueId('member');
      const contactId = await insertContact(api.service.ctx.db, { email, firstName: 'Anna', memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' }, ...(orderAction ? { orderAction } : {}) });
      const job = await api.write('POST', '/api/v3/orders', body);
      assert.equal(job.status, 302, job.text);
      return { contactId, orderId: body.orderId as string, versionTag: job.body.versionTag as string };
    }

    async function runOf(orderId: string, status?: string) {
      return eventually(
        async () => {
          const runs = await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}${status ? `&status=${status}` : ''}`);
          return runs.body.items[0];
        },
        `a ${status ?? ''} run of ${orderId}`,
      );
    }

    test('an embedded ConfirmOrder action sends the default template, rendered with the order, contact and action data', async () => {
      const email = `${uniqueId('anna')}@example.com`;
      const { orderId } = await contactWithOrder(email, { action, language: 'de-DE', data: { note: 'gift wrap' } });
      const mail = await eventually(() => smtp.messages.find((m) => m.subject?.includes(orderId)), 'the email');
      assert.deepEqual(mail.envelopeTo, [email]);
      assert.equal(mail.subject, `Order ${orderId} confirmed`);
      assert.equal(mail.from?.text, '"Shop" <shop@example.com>');
      assert.equal(mail.text?.trim(), 'Hi Anna! 2 x Shirt; 1 x Socks; Total 448.9 SEK. Note: gift wrap (de-DE)');
      assert.match(String(mail.html), /<p>Hi Anna<\/p>/);
      const run = await runOf(orderId, 'Succeeded');
      assert.equal(run.action, action);
      assert.equal(run.deliveries[0].status, 'Delivered');
      assert.equal(mail.messageId, `<${run.deliveries[0].eventId}@engage-orders>`);
      assert.equal(run.deliveries[0].attempts, 1);
      assert.equal(run.deliveries[0].attemptLog[0].outcome, 'Delivered');
    });

    test('POST /action picks the exact language template (sv-SE), then the base language (fi-FI → fi)', async () => {
      const sv = await contactWithOrder(`${uniqueId('sv')}@example.com`);
      const accepted = await api.post(`/api/v3/orders/${sv.orderId}/action`, { action: action.toLowerCase(), versionTag: sv.versionTag, language: 'sv-SE' });
      assert.equal(accepted.status, 202, accepted.text);
      const svMail = await eventually(() => smtp.messages.find((m) => m.subject?.includes(sv.orderId)), 'the Swedish email');
      assert.equal(svMail.subject, `Order ${sv.orderId} bekräftad`);
      assert.equal(svMail.text?.trim(), 'Hej Anna, status Received');
      assert.equal(svMail.html, false); // the sv-SE template has no HTML: the default's HTML is not mixed in

      const fi = await contactWithOrder(`${uniqueId('fi')}@example.com`);
      assert.equal((await api.post(`/api/v3/orders/${fi.orderId}/action`, { action, versionTag: fi.versionTag, language: 'fi-FI' })).status, 202);
      const fiMail = await eventually(() => smtp.messages.find((m) => m.subject?.includes(fi.orderId)), 'the Finnish email');
      assert.equal(fiMail.subject, `Tilaus ${fi.orderId} vahvistettu`);
    });

    test('a contact without an email address: the delivery is skipped with a reason', async () => {
      const { orderId } = await contactWithOrder(null, { action });
      const run = await runOf(orderId, 'Succeeded');
      assert.equal(run.deliveries[0].status, 'Skipped');
      assert.match(run.deliveries[0].lastError, /has no email address/);
      assert.equal(
        smtp.messages.some((m) => m.subject?.includes(orderId)),
        false,
      );
    });

    test('a template that reaches for files or unbounded memory fails its delivery with a clear error; the service is unharmed', async () => {
      // Saved templates are validated; these rows stand for templates that got past it (e.g. an older version's).
      const hostileAction = `Hostile-${uniqueId('x')}`;
      const steps = [
        { type: 'email', subject: 'Leak', text: "{% include '/etc/passwd' %}" },
        { type: 'email', subject: 'Leak', text: "{% render '../../package.json' %}" },
        { type: 'email', subject: 'Bomb', text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' },
        { type: 'email', subject: 'Proto {{ contact.constructor.name }}{{ order.__proto__ }}', text: 'x' },
      ];
      await api.service.ctx.db
        .insertInto('automations')
        .values({ id: crypto.randomUUID(), name: 'Hostile', trigger_action: hostileAction, steps: JSON.stringify(steps) })
        .execute();
      const { orderId } = await contactWithOrder(`${uniqueId('h')}@example.com`, { action: hostileAction });
      const run = await runOf(orderId, 'Failed');
      const [include, render, bomb, proto] = run.deliveries;
      assert.equal(include.status, 'Failed');
      assert.match(include.lastError, /template error: .*include.*not allowed/);
      assert.equal(include.attempts, 1, 'a template error is not retried');
      assert.match(render.lastError, /template error: .*render.*not allowed/);
      assert.match(bomb.lastError, /template error: .*limit/);
      assert.equal(proto.status, 'Delivered');
      const protoMail = await eventually(() => smtp.messages.find((m) => m.subject?.startsWith('Proto')), 'the prototype email');
      assert.equal(protoMail.subject, 'Proto');
      assert.equal(
        smtp.messages.some((m) => /root:|"dependencies"/.test(String(m.text))),
        false,
      );
      assert.equal((await api.get('/healthz')).status, 200);
      assert.equal((await api.get('/api/v3/automations?count=1')).status, 200);
    });

    test('html templates escape every output by default; text and subject do not; | raw opts out', async () => {
      const htmlAction = `Html-${uniqueId('x')}`;
      const step = {
        type: 'email',
        subject: 'Html {{ order.lineItems.items[0].article.name }}',
        text: 'Text {{ order.lineItems.items[0].article.name }}',
        html: '<p>{{ order.lineItems.items[0].article.name }}</p><div>{{ contact.firstName }}</div><i>{{ order.externalStatus | raw }}</i><b>{{ order.externalStatus | escape }}</b>',
      };
      assert.equal((await api.post('/api/v3/automations', { name: 'Html', trigger: { action: htmlAction }, steps: [step] })).status, 201);
      const hostile = '<a href=x>win</a><img src="https://t.example/p.gif">';
      const memberNumber = uniqueId('member');
      await insertContact(api.service.ctx.db, { email: `${uniqueId('h')}@example.com`, firstName: '<img src=x>', memberNumber });
      const body = orderBody({
        contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' },
        externalStatus: '<u>ok</u>',
        orderAction: { action: htmlAction },
      });
      body.lineItems.items[0].article.name = hostile;
      assert.equal((await api.write('POST', '/api/v3/orders', body)).status, 302);
      const mail = await eventually(() => smtp.messages.find((m) => m.subject?.startsWith('Html ') && m.text?.includes(hostile)), 'the html email');
      const html = String(mail.html);
      assert.ok(html.includes('<p>&lt;a href=x&gt;win&lt;/a&gt;&lt;img src=&#34;https://t.example/p.gif&#34;&gt;</p>'), html);
      assert.ok(html.includes('<div>&lt;img src=x&gt;</div>'), html);
      assert.ok(!/<a |<img /.test(html), html);
      assert.ok(html.includes('<i><u>ok</u></i>'), 'raw opts out');
      assert.ok(html.includes('<b>&lt;u&gt;ok&lt;/u&gt;</b>'), 'an explicit escape is not escaped twice');
      assert.equal(mail.subject, `Html ${hostile}`);
      assert.equal(mail.text?.trim(), `Text ${hostile}`);
    });

    test("GDPR: the contact's runs are in their export (automationRuns) and erased with them", async () => {
      const { contactId, orderId } = await contactWithOrder(`${uniqueId('gdpr')}@example.com`, { action });
      const run = await runOf(orderId, 'Succeeded');
      const exported = await exportContact(api.service.ctx.db, api.service.ctx.parts, contactId);
      assert.deepEqual(
        (exported?.automationRuns as { runId: string }[]).map((r) => r.runId),
        [run.runId],
      );
      assert.equal(await eraseContact(api.service.ctx.db, api.service.ctx.parts, contactId), true);
      assert.deepEqual((await api.get(`/api/v3/automations/runs?orderId=${encodeURIComponent(orderId)}`)).body.items, []);
      const left = await api.service.ctx.db.selectFrom('automation_deliveries').select('id').where('run_id', '=', run.runId).execute();
      assert.deepEqual(left, []);
    });
  });
}
