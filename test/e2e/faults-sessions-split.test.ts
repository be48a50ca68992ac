// The real program as separate api and worker processes on PostgreSQL while
// every session of its database is killed mid-load: both stay up, every
// accepted write is applied exactly once, and the worker's metrics show its
// notification connection back. Only this file's own test database is touched.
import { after, before, describe, test } from 'node:test';
import { type Deployment, assertAlive, assertAllAppliedOnce, deploy, killEverySessionMidLoad } from '../helpers/deployment.js';
import { waitUntil } from '../helpers/faults.js';
import type { Child } from '../helpers/process.js';

const skip = process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: set TEST_DATABASE_URL';

describe('every session killed mid-load, api and worker processes', { skip }, () => {
  let d: Deployment;
  let api: Child;
  let worker: Child;
  let workerBase: string;
  before(async () => {
    d = await deploy();
    ({ child: api, base: d.base } = await d.start('api'));
    ({ child: worker, base: workerBase } = await d.start('worker'));
  });
  after(async () => d?.close());

  test('both processes stay up; every accepted write is applied exactly once; the worker counts its reconnects', async () => {
    const accepted = await killEverySessionMidLoad(d);
    await assertAllAppliedOnce(d, accepted);
    assertAlive([api, worker]);
    await waitUntil(async () => {
      const metrics = String((await d.call('GET', '/metrics', undefined, workerBase)).body);
      return /db_listener_connected 1/.test(metrics) && Number(metrics.match(/db_listener_reconnects_total (\d+)/)?.[1] ?? 0) >= 1;
    }, 'the worker metrics to show the listener back');
  });
});
