// An accepted action survives a crash before its deliveries go out: they are
// queued in the action's transaction, and a worker started later (even after a
// worker died holding them) delivers them, with the order as of the action.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { claimDeliveries } from '../../src/automations/runs.js';
import { listRuns } from '../../src/automations/runs-query.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { Worker } from '../../src/jobs/worker.js';
import { processJobs } from '../../src/orders/processing.js';
import { type Service, startService } from '../../src/service.js';
import { backendNames, freshDatabase, freshPostgresDatabase } from '../helpers/backends.js';
import { orderBody, uniqueId } from '../helpers/fixtures.js';
import { ADMIN_KEY } from '../helpers/service.js';
import { type SmtpSink, eventually, insertContact, startReceiver, startSmtpSink } from './helpers.js';

for (const backend of backendNames()) {
  describe(`automation deliveries survive a crash (${backend})`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let smtp: SmtpSink;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const services: Service[] = [];
    const base = (): Config => ({
      ...loadConfig({}, []),
      adminApiKey: ADMIN_KEY,
      workerPollMs: 50,
      logLevel: 'silent',
      automationBackoffMs: 50,
      webhookAllowPrivate: true,
    });

    before(async () => {
      ({ database, drop } = await freshDatabase(backend));
      smtp = await startSmtpSink();
      receiver = await startReceiver(() => 200);
    });
    after(async () => {
      for (const service of services) await service.stop();
      await database?.close().catch(() => {});
      await drop?.();
      await smtp?.close();
      await receiver?.close();
    });

    async function call(service: Service, method: string, url: string, body?: unknown) {
      const response = await service.app.inject({ method: method as never, url, headers: { apikey: ADMIN_KEY }, ...(body ? { payload: body as never } : {}) });
      return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
    }

    async function written(service: Service, method: string, url: string, body: unknown) {
      const accepted = await call(service, method, url, body);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      return eventually(async () => {
        const job = await call(service, 'GET', `/api/v3/orders/jobs/${accepted.body.jobId}`);
        return job.body.status === 'Succeeded' ? job.body : undefined;
      }, 'the job');
    }

    test('accepted while no delivery task runs, claimed by a worker that died, delivered after restart', async () => {
      // Phase 1: an API process (no delivery task) whose orders are processed by a job worker.
      const api = await startService({ ...base(), role: 'api' }, { database, logger: false });
      services.push(api);
      const jobs = new Worker(database, api.ctx.queue, (claimed) => processJobs(database.db, claimed, api.ctx.parts), api.ctx.metrics, api.app.log, {
        concurrency: 1,
        leaseMs: 30_000,
        pollMs: 50,
        retentionDays: 7,
      });
      jobs.start();
      const action = `Confirm-${uniqueId('crash')}`;
      const automation = await call(api, 'POST', '/api/v3/automations', {
        name: 'Confirmation',
        trigger: { action },
        steps: [
          { type: 'email', subject: 'Order {{ order.orderId }}', text: 'Status {{ order.status }}' },
          { type: 'webhook', url: `${receiver.base}/orders`, secret: 'k' },
        ],
      });
      assert.equal(automation.status, 201);
      const memberNumber = uniqueId('member');
      await insertContact(database.db, { email: `${memberNumber}@example.com`, memberNumber });
      const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' }, orderAction: { action } });
      const created = await written(api, 'POST', '/api/v3/orders', body);
      // The order moves on before anything is delivered: the deliveries must still show the version the action named.
      await written(api, 'POST', `/api/v3/orders/${body.orderId}/change-status`, { status: 'Completed' });
      const pending = await call(api, 'GET', `/api/v3/automations/runs?orderId=${body.orderId}`);
      assert.equal(pending.body.items[0].status, 'Pending');
      assert.deepEqual(
        pending.body.items[0].deliveries.map((d: { attempts: number }) => d.attempts),
        [0, 0],
      );
      await jobs.stop();
      await api.stop();

      // A delivery worker claims both deliveries and dies before sending (its lease runs out).
      const claimed = await claimDeliveries(database.db, 10, 1);
      assert.equal(claimed.length, 2);
      assert.equal(smtp.messages.length + receiver.requests.length, 0);

      // Phase 2: a worker-role service on the same database reclaims and delivers.
      const worker = await startService({ ...base(), role: 'worker', smtpUrl: smtp.url }, { database, logger: false });
      services.push(worker);
      const mail = await eventually(() => smtp.messages.find((m) => m.subject === `Order ${body.orderId}`), 'the email after restart');
      assert.equal(mail.text?.trim(), 'Status Received');
      const hook = await eventually(() => receiver.requests.find((r) => JSON.parse(r.body).orderId === body.orderId), 'the webhook after restart');
      assert.equal(JSON.parse(hook.body).versionTag, created.versionTag);
      assert.equal(JSON.parse(hook.body).order.status, 'Received');
      const run = await eventually(async () => {
        const runs = await listRuns(database.db, { orderId: body.orderId }, 0, 10);
        return runs.items[0]?.status === 'Succeeded' ? runs.items[0] : undefined;
      }, 'the run to succeed');
      assert.deepEqual(
        run.deliveries.map((d) => [d.status, d.attempts]),
        [
          ['Delivered', 2],
          ['Delivered', 2],
        ],
      );
      assert.equal(hook.headers['x-event-id'], run.deliveries[1]!.eventId);
    });
  });
}

/** `npm start -- --role worker` as a real process, in its own process group so it can be killed outright. */
function spawnWorker(databaseUrl: string): ChildProcess {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    ADMIN_API_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_TIMEOUT_MS: '1000',
    JOB_LEASE_MS: '100',
    WORKER_POLL_MS: '100',
    AUTOMATION_BACKOFF_MS: '50',
  };
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', 'worker'], { env, detached: true, stdio: 'ignore' });
}

function kill(child: ChildProcess): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

if (backendNames().includes('postgres')) {
  describe('a worker process killed mid-delivery (postgres)', () => {
    test('SIGKILL while the webhook is in flight → a new worker process redelivers the same eventId', async () => {
      const { url, drop } = await freshPostgresDatabase();
      const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
      const hits = new Map<string, number>();
      const receiver = await startReceiver((request) => {
        const id = String(request.headers['x-event-id']);
        hits.set(id, (hits.get(id) ?? 0) + 1);
        return hits.get(id) === 1 ? 'hang' : 200; // the first attempt never gets an answer: its worker dies waiting
      });
      const children: ChildProcess[] = [];
      try {
        const api = await startService(
          { ...loadConfig({}, []), adminApiKey: ADMIN_KEY, logLevel: 'silent', workerPollMs: 50, role: 'api' },
          { database, logger: false },
        );
        const jobs = new Worker(database, api.ctx.queue, (claimed) => processJobs(database.db, claimed, api.ctx.parts), api.ctx.metrics, api.app.log, {
          concurrency: 1,
          leaseMs: 30_000,
          pollMs: 50,
          retentionDays: 7,
        });
        jobs.start();
        const action = `Ship-${uniqueId('kill')}`;
        const headers = { apikey: ADMIN_KEY };
        const created = await api.app.inject({
          method: 'POST',
          url: '/api/v3/automations',
          headers,
          payload: { name: 'Hook', trigger: { action }, steps: [{ type: 'webhook', url: `${receiver.base}/x`, secret: 'k' }] },
        });
        assert.equal(created.statusCode, 201);
        const memberNumber = uniqueId('member');
        await insertContact(database.db, { memberNumber });
        const body = orderBody({ contact: { matchKey: memberNumber, matchKeyType: 'MemberNumber' }, orderAction: { action } });
        const accepted = await api.app.inject({ method: 'POST', url: '/api/v3/orders', headers, payload: body });
        assert.equal(accepted.statusCode, 202);
        await eventually(async () => (await listRuns(database.db, { orderId: body.orderId }, 0, 1)).items[0], 'the queued run');
        await jobs.stop();
        await api.stop();

        const first = spawnWorker(url);
        children.push(first);
        await eventually(() => receiver.requests.length === 1, 'the first worker process to send', 60_000);
        kill(first);
        const second = spawnWorker(url);
        children.push(second);
        const run = await eventually(
          async () => {
            const runs = await listRuns(database.db, { orderId: body.orderId }, 0, 1);
            return runs.items[0]?.status === 'Succeeded' ? runs.items[0] : undefined;
          },
          'redelivery by the second worker process',
          60_000,
        );
        const delivery = run.deliveries[0]!;
        assert.equal(delivery.status, 'Delivered');
        assert.equal(delivery.attempts, 2);
        assert.deepEqual(
          receiver.requests.map((r) => r.headers['x-event-id']),
          [delivery.eventId, delivery.eventId],
        );
      } finally {
        children.forEach(kill);
        await receiver.close();
        await database.close().catch(() => {});
        await drop();
      }
    });
  });
}
