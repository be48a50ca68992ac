// Group commit: one write that the database refuses must fail alone, not take
// down the other clients' writes that shared its multi-row INSERT.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backendNames } from '../helpers/backends.js';
import { uniqueId } from '../helpers/fixtures.js';
import { type TestService, startTestService } from '../helpers/service.js';

for (const backend of backendNames()) {
  describe(`group commit isolates a failing item (${backend})`, () => {
    let api: TestService;
    before(async () => {
      api = await startTestService(backend, { role: 'api' });
    });
    after(async () => api?.stop());

    test('a batch with a payload jsonb refuses: the good items are accepted, only the bad one fails', async () => {
      const queue = api.service.ctx.queue;
      // Enough first writes to fill every in-flight slot, so the rest wait and go as one batch.
      const primers = Array.from({ length: 4 }, () => queue.accept({ orderId: uniqueId(), operation: 'Create', payload: { ok: true } }));
      const good = Array.from({ length: 12 }, () => uniqueId());
      const accepts = good.map((orderId) => queue.accept({ orderId, operation: 'Create', payload: { ok: true } }));
      // The guard at the HTTP edge refuses \u0000 now; here the queue is called directly to prove the second line of defence.
      // Its rejection is expected from the start: it may come before the primers are done.
      const bad = assert.rejects(queue.accept({ orderId: uniqueId(), operation: 'Create', payload: { name: 'a\u0000b' } }));
      const late = good.slice(0, 3).map((_, i) => queue.accept({ orderId: `${good[i]}-late`, operation: 'Create', payload: { ok: true } }));
      await Promise.all(primers);
      await bad;
      const results = await Promise.all([...accepts, ...late]);
      assert.equal(results.length, 15);
      const ids = results.map((result) => result.id);
      const stored = await api.service.ctx.db.selectFrom('jobs').select('id').where('id', 'in', ids).execute();
      assert.equal(stored.length, 15);
    });
  });
}
