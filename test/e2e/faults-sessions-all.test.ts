// The real program in the all role on PostgreSQL while every session of its
// database is killed mid-load (pg_terminate_backend, as an operator or a
// failover does): the process stays up and every accepted write is applied
// exactly once. Only sessions of this file's own test database are terminated.
import { after, before, describe, test } from 'node:test';
import { type Deployment, assertAlive, assertAllAppliedOnce, deploy, killEverySessionMidLoad } from '../helpers/deployment.js';
import { waitUntil } from '../helpers/faults.js';
import type { Child } from '../helpers/process.js';

const skip = process.env.TEST_DATABASE_URL ? false : 'needs PostgreSQL: set TEST_DATABASE_URL';

describe('every session killed mid-load, one process in the all role', { skip }, () => {
  let d: Deployment;
  let all: Child;
  before(async () => {
    d = await deploy();
    ({ child: all, base: d.base } = await d.start('all'));
  });
  after(async () => d?.close());

  test('the process stays up; every accepted write is applied exactly once', async () => {
    const accepted = await killEverySessionMidLoad(d);
    await assertAllAppliedOnce(d, accepted);
    assertAlive([all]);
    await waitUntil(() => /notification connection re-established/.test(all.output()), 'the listener reconnect to be logged');
  });
});
