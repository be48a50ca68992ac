// The runs list at scale (keyset paging, capped counts, status through the
// deliveries) and the retention of finished runs, on real databases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { RUNS_COUNT_CAP } from '../../src/automations/runs-query.js';
import { pruneRuns } from '../../src/automations/retention.js';
import { DeliveryTask } from '../../src/automations/task.js';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';
import { eventually } from './helpers.js';

const silent = { info() {}, warn() {}, error() {} };

for (const backend of backendNames()) {
  describe(`automation runs list and retention (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend, { automationRetentionDays: 30 });
    });
    after(async () => api?.stop());

    /** Inserts runs of one action, `ageDays` old (one second apart), each with deliveries of the given statuses. */
    async function insertRuns(action: string, statuses: string[][], ageDays = 0): Promise<string[]> {
      const ids: string[] = [];
      for (const [i, deliveries] of statuses.entries()) {
        const id = randomUUID();
        ids.push(id);
        await sql`
          INSERT INTO automation_runs (id, automation_id, automation_name, action_event_id, action, order_id, version_tag, occurred_at, created_at)
          VALUES (${id}, ${randomUUID()}, 'Bench', ${randomUUID()}, ${action}, ${`o-${action}`}, 'v',
            now() - ${ageDays} * interval '1 day' - ${i} * interval '1 second', now() - ${ageDays} * interval '1 day' - ${i} * interval '1 second')`.execute(
          api.service.ctx.db,
        );
        for (const [step, status] of deliveries.entries()) {
          // Far-future attempts: the running delivery task must leave these rows alone.
          await sql`
            INSERT INTO automation_deliveries (id, run_id, step_index, step, status, next_attempt_at)
            VALUES (${randomUUID()}, ${id}, ${step}, '{"type":"email","subject":"s","text":"t"}'::jsonb, ${status}, now() + interval '1 day')`.execute(
            api.service.ctx.db,
          );
        }
      }
      return ids;
    }

    test('next links carry a keyset cursor: following them visits every run once, newest first; status comes from the deliveries', async () => {
      const action = uniqueId('Paging');
      const statuses = Array.from({ length: 25 }, (_, i) =>
        i % 7 === 3 ? ['Delivered', 'Failed'] : i % 11 === 5 ? ['Delivered', 'Pending'] : ['Delivered', 'Skipped'],
      );
      const ids = await insertRuns(action, statuses);
      const seen: string[] = [];
      let url: string | undefined = `/api/v3/automations/runs?action=${action}&count=10`;
      while (url) {
        const answer = await api.get(url);
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.body.totalCount, 25);
        seen.push(...answer.body.items.map((run: any) => run.runId));
        const next: any = answer.body.links.find((link: any) => link.rel === 'next');
        if (next) assert.match(next.href, /after=/);
        url = next?.href;
      }
      assert.deepEqual(seen, ids);
      const failed = await api.get(`/api/v3/automations/runs?action=${action}&status=Failed&count=100`);
      assert.deepEqual(
        failed.body.items.map((run: any) => run.runId),
        ids.filter((_, i) => i % 7 === 3 && i % 11 !== 5),
      );
      assert.equal(failed.body.totalCount, failed.body.items.length);
      const pending = await api.get(`/api/v3/automations/runs?action=${action}&status=Pending`);
      assert.deepEqual(
        pending.body.items.map((run: any) => run.runId),
        ids.filter((_, i) => i % 11 === 5),
      );
      const succeeded = await api.get(`/api/v3/automations/runs?action=${action}&status=Succeeded&count=100`);
      assert.equal(succeeded.body.totalCount, 25 - failed.body.totalCount - pending.body.totalCount);
      assert.ok(succeeded.body.items.every((run: any) => run.status === 'Succeeded'));
      // Offsets still work (without a cursor), and agree with the cursor pages.
      const third = await api.get(`/api/v3/automations/runs?action=${action}&offset=20&count=10`);
      assert.deepEqual(
        third.body.items.map((run: any) => run.runId),
        ids.slice(20),
      );
      const bad = await api.get(`/api/v3/automations/runs?after=not-a-cursor`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, 'after');
    });

    test(`counts stop at ${RUNS_COUNT_CAP} (totalCountCapped) and the next link still leads on`, async () => {
      const action = uniqueId('Many');
      await sql`
        INSERT INTO automation_runs (id, automation_id, automation_name, action_event_id, action, order_id, version_tag, occurred_at, created_at)
        SELECT gen_random_uuid(), gen_random_uuid(), 'Many', gen_random_uuid(), ${action}, 'o', 'v', now(), now() - i * interval '1 second'
        FROM generate_series(1, ${RUNS_COUNT_CAP + 5}) i`.execute(api.service.ctx.db);
      const first = await api.get(`/api/v3/automations/runs?action=${action}&count=100`);
      assert.equal(first.body.totalCount, RUNS_COUNT_CAP);
      assert.equal(first.body.totalCountCapped, true);
      const last = await api.get(`/api/v3/automations/runs?action=${action}&offset=${RUNS_COUNT_CAP - 100}&count=100`);
      const next = last.body.links.find((link: any) => link.rel === 'next');
      assert.ok(next, 'a next link past the cap');
      const beyond = await api.get(next.href);
      assert.equal(beyond.body.items.length, 5);
    });

    test('retention: the delivery task prunes finished runs older than AUTOMATION_RETENTION_DAYS, with their deliveries; open or recent runs stay', async () => {
      const action = uniqueId('Old');
      const [oldDone, oldFailed] = await insertRuns(action, [['Delivered', 'Skipped'], ['Failed']], 31);
      const [oldOpen] = await insertRuns(action, [['Delivered', 'Pending']], 40);
      const [recent] = await insertRuns(action, [['Delivered']], 29);
      // A delivery task as the service starts one: it prunes when it starts.
      const task = new DeliveryTask(api.service.ctx, silent);
      task.start();
      try {
        await eventually(async () => {
          const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM automation_runs WHERE id = ANY(${[oldDone, oldFailed]}::uuid[])`.execute(
            api.service.ctx.db,
          );
          return Number(rows[0]!.n) === 0;
        }, 'the old finished runs pruned');
      } finally {
        await task.stop();
      }
      const { rows: left } = await sql<{ id: string }>`SELECT id FROM automation_runs WHERE action = ${action} ORDER BY created_at DESC`.execute(
        api.service.ctx.db,
      );
      assert.deepEqual(
        left.map((row) => row.id),
        [recent, oldOpen],
      );
      const { rows: orphans } = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM automation_deliveries WHERE run_id = ANY(${[oldDone, oldFailed]}::uuid[])`.execute(api.service.ctx.db);
      assert.equal(Number(orphans[0]!.n), 0);
      assert.equal(await pruneRuns(api.service.ctx.db, 30), 0, 'nothing more to prune');
      assert.equal(await pruneRuns(api.service.ctx.db, 28), 1, 'the 29-day-old run goes with a shorter retention');
    });
  });
}
