import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

const emailStep = { type: 'email', subject: 'Order {{ order.orderId }}', text: 'Hi {{ contact.firstName }}' };
const webhookStep = { type: 'webhook', url: 'https://hooks.example.com/orders', secret: 's3cret' };

for (const backend of backendNames()) {
  describe(`automations API (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(async () => api?.stop());

    test('create → 201 with Location; get, list, replace, delete; the webhook secret is never returned', async () => {
      const created = await api.post('/api/v3/automations', { name: 'Confirmation', trigger: { action: 'ConfirmOrder' }, steps: [emailStep, webhookStep] });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.headers.location, `/api/v3/automations/${created.body.id}`);
      assert.deepEqual(created.body.trigger, { action: 'ConfirmOrder' });
      assert.deepEqual(created.body.steps[1], { type: 'webhook', url: webhookStep.url });
      assert.ok(!created.text.includes('s3cret'));

      const got = await api.get(created.headers.location as string);
      assert.equal(got.status, 200);
      assert.deepEqual(got.body, created.body);
      const list = await api.get('/api/v3/automations?count=100');
      assert.ok(list.body.items.some((a: { id: string }) => a.id === created.body.id));

      const replaced = await api.put(created.headers.location as string, { name: 'Shipped', trigger: { action: 'ConfirmShipment' }, steps: [emailStep] });
      assert.equal(replaced.status, 200, replaced.text);
      assert.equal(replaced.body.name, 'Shipped');
      assert.equal(replaced.body.steps.length, 1);

      assert.equal((await api.del(created.headers.location as string)).status, 204);
      const gone = await api.get(created.headers.location as string);
      assert.equal(gone.status, 404);
      assert.equal(gone.body.errorCode, 'AutomationNotFound');
      assert.equal((await api.del(created.headers.location as string)).status, 404);
      assert.equal((await api.put('/api/v3/automations/not-a-uuid', { name: 'x', trigger: { action: 'A' }, steps: [emailStep] })).status, 404);
    });

    test('an email step needs only a subject: text and html are both optional', async () => {
      const created = await api.post('/api/v3/automations', {
        name: 'Ping',
        trigger: { action: 'Ping' },
        steps: [{ type: 'email', subject: 'Order {{ order.orderId }}' }],
      });
      assert.equal(created.status, 201, created.text);
    });

    test('an invalid automation is a 400 InvalidAutomation naming every step path, templates included', async () => {
      const answer = await api.post('/api/v3/automations', {
        name: 'Broken',
        trigger: { action: 'ConfirmOrder' },
        steps: [
          {
            type: 'email',
            subject: 'Hi {{ order.orderId ',
            text: '{% include "/etc/passwd" %}',
            templates: { 'sv-SE': { subject: 'Hej', html: '{{ x | no_such_filter }}' }, 'not a language': { subject: 'x', text: 'y' } },
          },
          { type: 'email', subject: 'ok', text: '{% render "secrets" %}' },
          { type: 'webhook', url: 'ftp://example.com/x' },
          { type: 'sms' },
        ],
      });
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.body.errorCode, 'InvalidAutomation');
      const byPath = new Map<string, string>(answer.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
      assert.match(byPath.get('steps[0].subject') ?? '', /template error/);
      assert.match(byPath.get('steps[0].text') ?? '', /include.*not allowed/);
      assert.match(byPath.get('steps[0].templates.sv-SE.html') ?? '', /no_such_filter/);
      assert.ok(byPath.has('steps[0].templates.not a language'));
      assert.match(byPath.get('steps[1].text') ?? '', /render.*not allowed/);
      assert.match(byPath.get('steps[2].url') ?? '', /http or https/);
      assert.equal(byPath.get('steps[2].secret'), 'is required');
      assert.ok(byPath.has('steps[3].type'));
      assert.equal((await api.get('/api/v3/automations?count=100')).body.items.filter((a: { name: string }) => a.name === 'Broken').length, 0);
    });

    test('definitions need the admin scope, reads included; the runs list is open to read keys', async () => {
      const read = await api.key('read');
      const write = await api.key('write');
      const created = await api.post('/api/v3/automations', { name: 'Scoped', trigger: { action: 'ConfirmOrder' }, steps: [emailStep] });
      for (const [method, url, key] of [
        ['GET', '/api/v3/automations', read],
        ['GET', `/api/v3/automations/${created.body.id}`, read],
        ['POST', '/api/v3/automations', write],
        ['PUT', `/api/v3/automations/${created.body.id}`, write],
        ['DELETE', `/api/v3/automations/${created.body.id}`, write],
      ] as const) {
        const answer = await api.request(
          method,
          url,
          method === 'POST' || method === 'PUT' ? { name: 'x', trigger: { action: 'A' }, steps: [emailStep] } : undefined,
          { key },
        );
        assert.equal(answer.status, 403, `${method} ${url}`);
      }
      const runs = await api.request('GET', '/api/v3/automations/runs?status=pending', undefined, { key: read });
      assert.equal(runs.status, 200, runs.text);
      assert.deepEqual(runs.body.items, []);
      assert.equal((await api.request('GET', '/api/v3/automations/runs?status=Bogus', undefined, { key: read })).status, 400);
    });
  });
}
