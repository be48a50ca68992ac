// The claim is the queue's hot statement: its cost must not depend on how
// stale the statistics are, and claiming must not write index entries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { claimStatement } from '../../src/jobs/queue.js';
import { backendNames } from '../helpers/backends.js';
import { type TestService, startTestService } from '../helpers/service.js';

interface PlanNode {
  'Node Type': string;
  'Join Type'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** The columns a claim's UPDATE sets. */
const claimedColumns = ['status', 'attempts', 'retry_at', 'lease_until', 'started_at'];

for (const backend of backendNames()) {
  describe(`claiming jobs (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend);
      await api.service.worker!.stop(); // the jobs stay queued
    });
    after(async () => api?.stop());

    test('a burst queued after statistics saw an empty queue is claimed by index probes, not by comparing open jobs pairwise', async () => {
      const db = api.service.ctx.db;
      await sql`ANALYZE jobs`.execute(db); // the statistics of an idle service: no open job
      const queue = api.service.ctx.queue;
      await Promise.all(Array.from({ length: 1500 }, () => queue.accept({ orderId: `plan-${randomUUID()}`, operation: 'Create', payload: {} })));

      const compiled = claimStatement(32, 60_000, 16).compile(db);
      const plan = await explain(api, compiled.sql, compiled.parameters); // not run: EXPLAIN without ANALYZE only plans
      const all = nodes(plan);
      assert.deepEqual(
        all.filter((node) => node['Join Type'] === 'Anti' || node['Node Type'] === 'Materialize').map((node) => node['Node Type']),
        [],
        'the earlier-open-job test runs per candidate',
      );
      assert.equal((await queue.claim(32, 60_000, 16)).length, 32);
    });

    test('no index of the jobs table covers a column a claim sets, so a claim writes no index entry', async () => {
      const { rows } = await sql<{ index: string; column: string }>`
        SELECT i.indexrelid::regclass::text AS index, a.attname AS column
        FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid
        WHERE i.indrelid = 'jobs'::regclass
          AND (a.attnum = ANY(i.indkey)
               OR pg_get_expr(i.indpred, i.indrelid) ~ ('\\m' || a.attname || '\\M')
               OR pg_get_expr(i.indexprs, i.indrelid) ~ ('\\m' || a.attname || '\\M'))`.execute(api.service.ctx.db);
      assert.ok(rows.length > 0, 'the query sees the indexes');
      assert.deepEqual(
        rows.filter((row) => claimedColumns.includes(row.column)),
        [],
      );
    });
  });
}

async function explain(api: TestService, text: string, parameters: readonly unknown[]): Promise<PlanNode> {
  const { rows } = await api.service.ctx.database.pool.query(`EXPLAIN (FORMAT JSON) ${text}`, [...parameters]);
  const answer = rows[0]['QUERY PLAN'];
  return (typeof answer === 'string' ? JSON.parse(answer) : answer)[0].Plan;
}
