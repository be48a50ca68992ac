// What an operator scrapes from /metrics: request durations by route template,
// refusals by code, deliveries by step and outcome, and the state gauges read at
// scrape time (oldest open job, pending deliveries, unresolved integration log, pool).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { prettyLine } from '../../src/http/log-format.js';
import { lineLog } from '../../src/db/log.js';
import { backendNames } from '../helpers/backends.js';
import { orderBody } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

/** The value of one sample line, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const backend of backendNames()) {
  describe(`metrics (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
    });
    after(() => api?.stop());

    async function scrape(): Promise<string> {
      const answer = await api.request('GET', '/metrics', undefined, { key: null });
      assert.equal(answer.status, 200);
      return answer.text;
    }

    test('HTTP durations by route template and status class; refusals by code', async () => {
      const before = await scrape();
      const series = 'http_request_duration_seconds_count{method="GET",route="/api/v3/orders/:orderId",status_class="4xx"}';
      const rejected = 'http_rejections_total{code="401"}';
      await api.get('/api/v3/orders/no-such-order');
      await api.request('GET', '/api/v3/orders/no-such-order', undefined, { key: null });
      const text = await scrape();
      assert.equal((sample(text, series) ?? 0) - (sample(before, series) ?? 0), 2, 'the route template, never the raw URL');
      assert.equal((sample(text, rejected) ?? 0) - (sample(before, rejected) ?? 0), 1);
      assert.doesNotMatch(text, /no-such-order/);
    });

    test('state gauges: oldest open job, unresolved integration-log entries by code, pending deliveries, pool', async () => {
      // An order whose contact does not exist: stored, with an open integration-log entry.
      const job = await api.write('POST', '/api/v3/orders', orderBody({ contact: { matchKey: 'nobody@example.com', matchKeyType: 'Email' } }));
      assert.equal(job.status, 302);
      const text = await scrape();
      assert.ok((sample(text, 'integration_log_unresolved{code="ContactMissing"}') ?? 0) >= 1, text.match(/^integration_log.*$/gm)?.join('\n'));
      assert.equal(sample(text, 'orders_jobs_oldest_open_age_seconds'), 0, 'no open job left');
      assert.equal(sample(text, 'automation_deliveries_pending{status="Delivering"}'), 0);
      assert.ok((sample(text, 'db_pool_connections') ?? -1) >= 1);
      // Background tasks (worker, deliveries, late binding) may hold the connection at any moment: only the gauge's presence is certain.
      assert.ok((sample(text, 'db_pool_waiting') ?? -1) >= 0);
    });

    test('a delivery that fails for good is counted by step type and outcome', async () => {
      const contact = await api.post('/api/v3/contacts', { email: 'metrics@example.com', firstName: 'Mia' });
      assert.equal(contact.status, 201);
      const order = orderBody({ contact: { matchKey: 'metrics@example.com', matchKeyType: 'Email' } });
      assert.equal((await api.write('POST', '/api/v3/orders', order)).status, 302);
      // A webhook to a private address is refused at once: a permanent failure.
      const automation = await api.post('/api/v3/automations', {
        name: 'metrics hook',
        trigger: { action: 'ConfirmOrder' },
        steps: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's3cret' }],
      });
      assert.equal(automation.status, 201, automation.text);
      const stored = await api.get(`/api/v3/orders/${order.orderId}`);
      assert.equal((await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmOrder', versionTag: stored.body.versionTag })).status, 202);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const text = await scrape();
        const failed = sample(text, 'automation_deliveries_total{step_type="webhook",outcome="failed"}');
        if (failed === 1) {
          assert.match(text, /^automation_delivery_duration_seconds_count\{step_type="webhook",outcome="failed"\} 1$/m);
          break;
        }
        if (Date.now() > deadline) throw new Error(`no failed delivery counted:\n${text.match(/^automation_.*$/gm)?.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  });
}

describe('pretty log lines', () => {
  test('time, level, message and fields on one line; an error stack below', () => {
    const line = prettyLine(
      JSON.stringify({ level: 40, time: '2026-12-01T16:00:00.123Z', pid: 1, hostname: 'h', msg: 'job failed', jobId: 'j1', errorCode: 'OrderAlreadyExists' }),
      false,
    );
    assert.equal(line, '16:00:00.123 WARN  job failed jobId=j1 errorCode=OrderAlreadyExists\n');
    const withError = prettyLine(
      JSON.stringify({ level: 50, time: '2026-12-01T16:00:00.123Z', msg: 'boom', err: { message: 'x', stack: 'Error: x\n    at y' } }),
      false,
    );
    assert.equal(withError, '16:00:00.123 ERROR boom\nError: x\n    at y\n');
    assert.equal(prettyLine('not json', false), 'not json');
  });

  test('lines logged before the logger exists (the wait for the database) carry ISO times, so they print the same way', () => {
    const lines: string[] = [];
    lineLog('info', (line) => lines.push(line)).warn({ attempt: 1 }, 'waiting for the database');
    lineLog('error', (line) => lines.push(line)).warn({ attempt: 2 }, 'below the level');
    assert.equal(lines.length, 1);
    assert.match(JSON.parse(lines[0]!).time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.match(prettyLine(lines[0]!, false), /^\d\d:\d\d:\d\d\.\d{3} WARN {2}waiting for the database attempt=1\n$/);
  });
});
