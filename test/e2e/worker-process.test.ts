// On PostgreSQL the all role applies jobs in a child process by default: the
// real program is started, its child is found and killed, and the parent must
// replace it, keep serving the child's metrics, and stop it with itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { type Deployment, deploy } from '../helpers/deployment.js';
import { waitUntil } from '../helpers/faults.js';
import { orderBody } from '../helpers/fixtures.js';
import type { Child } from '../helpers/process.js';

const skip = process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: set TEST_DATABASE_URL';

function childPids(parent: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function metric(text: string, name: string): number {
  const lines = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
  return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('the all role on PostgreSQL: processing in a supervised child process', { skip }, () => {
  let d: Deployment;
  let service: Child;
  before(async () => {
    d = await deploy();
    ({ child: service, base: d.base } = await d.start('all', { WORKER_POLL_MS: '60000' }));
  });
  after(async () => d?.close());

  async function applied(): Promise<void> {
    const order = orderBody();
    const accepted = await d.call('POST', '/api/v3/orders', order);
    assert.equal(accepted.status, 202);
    // With a 60 s poll, only a child that is alive and notified applies it (a new child claims once at start).
    await waitUntil(
      async () => (await d.call('GET', `/api/v3/orders/jobs/${accepted.body.jobId}`)).body?.status === 'Succeeded',
      'the job to succeed',
      120_000,
    );
  }

  test('jobs are applied by a child, whose metrics the parent serves', async () => {
    assert.match(service.output(), /"processing":"child process"/);
    // The child's own start line travels through a pipe and may arrive after the parent has logged it ready.
    const childStarted = /"role":"worker".*"processing":"this process \(child of the API process\)"/;
    await waitUntil(() => childStarted.test(service.output()), "the child's start line");
    assert.match(service.output(), childStarted);
    assert.equal(childPids(service.process.pid!).length, 1, 'one child process');
    await applied();
    const metrics = (await d.call('GET', '/metrics')).body as string;
    assert.ok(metric(metrics, 'orders_jobs_processed_total') >= 1, 'the child counted the job it applied');
    assert.equal(metric(metrics, 'worker_process_restarts_total'), 0);
  });

  test('a child that dies is replaced, and work goes on', async () => {
    const [first] = childPids(service.process.pid!);
    process.kill(first!, 'SIGKILL');
    await waitUntil(() => /job-processing process stopped unexpectedly/.test(service.output()), 'the parent to notice');
    await waitUntil(() => service.output().split('job-processing process ready').length === 3, 'a new child to be ready', 120_000);
    assert.notEqual(childPids(service.process.pid!)[0], first);
    await applied();
    const metrics = (await d.call('GET', '/metrics')).body as string;
    assert.equal(metric(metrics, 'worker_process_restarts_total'), 1);
    assert.equal(service.process.exitCode, null, 'the parent stays up');
  });

  test('SIGTERM stops the child with the parent, cleanly', async () => {
    const children = childPids(service.process.pid!);
    assert.equal(children.length, 1);
    assert.equal(await service.stop('SIGTERM'), 0);
    assert.equal(alive(children[0]!), false, 'the child is gone');
    assert.match(service.output(), /stopped cleanly[\s\S]*stopped cleanly/);
  });
});
