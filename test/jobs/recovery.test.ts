// Embedded database: jobs a crashed process left Processing are re-queued at the
// next start (the data-directory lock proves nobody else holds them), instead of
// waiting out JOB_LEASE_MS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { startService } from '../../src/service.js';
import { orderBody } from '../helpers/fixtures.js';

const KEY = 'recovery-test-key-0123456789abcdef';

describe('embedded crash recovery', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eo-recovery-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // A ten-minute lease: only the re-queue at start can finish the jobs within the test's deadline.
  const config = { ...loadConfig({}, []), dataDir, adminApiKey: KEY, logLevel: 'silent', rateLimitPerSecond: 100_000, jobLeaseMs: 600_000, workerPollMs: 50 };

  test('jobs claimed when the process died complete after a restart without waiting for their lease', async () => {
    const bodies = [orderBody(), orderBody(), orderBody()];
    const jobIds: string[] = [];
    {
      const database = await openDatabase({ dataDir });
      const api = await startService({ ...config, role: 'api' }, { database, logger: false });
      for (const body of bodies) {
        const answer = await api.app.inject({ method: 'POST', url: '/api/v3/orders', headers: { apikey: KEY }, payload: body });
        assert.equal(answer.statusCode, 202, answer.body);
        jobIds.push(answer.json().jobId);
      }
      // The "crashed" worker: it claimed the jobs and never finished them.
      const claimed = await api.ctx.queue.claim(10, config.jobLeaseMs);
      assert.equal(claimed.length, 3);
      await api.stop();
      await database.close();
    }

    const database = await openDatabase({ dataDir });
    const service = await startService({ ...config, role: 'all' }, { database, logger: false });
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const jobs = await Promise.all(jobIds.map((id) => service.ctx.queue.get(id)));
        if (jobs.every((job) => job?.status === 'Succeeded')) {
          assert.ok(
            jobs.every((job) => job!.attempts === 2),
            'each was claimed once more, not twice',
          );
          break;
        }
        if (Date.now() > deadline) throw new Error(`jobs still ${jobs.map((job) => job?.status).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      for (const body of bodies) {
        const order = await service.app.inject({ method: 'GET', url: `/api/v3/orders/${body.orderId}`, headers: { apikey: KEY } });
        assert.equal(order.statusCode, 200);
      }
    } finally {
      await service.stop();
      await database.close();
    }
  });
});
