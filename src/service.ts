// Builds the running service from configuration: database, context, HTTP app
// and worker, per role. main.ts and the tests both start it through here.
import type { FastifyInstance } from 'fastify';
import { type BackgroundTask, backgroundTaskFactories } from './background.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { type Database, openDatabase } from './db/database.js';
import { lineLog, quietErrors } from './db/log.js';
import { registerDatabaseMetrics } from './db/metrics.js';
import { buildApp } from './http/app.js';
import { createMetrics } from './http/metrics.js';
import { Admission } from './jobs/admission.js';
import { JobQueue } from './jobs/queue.js';
import { Worker } from './jobs/worker.js';
import { KeyStore, ensureAdminKey } from './keys/keys.js';
import { applyOrderSettings } from './orders/config.js';

export interface Service {
  ctx: AppContext;
  app: FastifyInstance;
  worker: Worker | undefined;
  /** Set when this start created the first admin key: shown once, never stored in clear. */
  createdAdminKey: string | undefined;
  stop(): Promise<void>;
}

export async function createContext(config: Config, database: Database): Promise<AppContext> {
  const admission = new Admission(database.db, { maxBacklog: config.maxBacklog, maxBacklogAgeMs: config.maxBacklogAgeMs });
  const queue = new JobQueue(database, admission);
  const metrics = createMetrics(() => queue.depth(), { nodeVersion: config.metricsNodeVersion });
  registerDatabaseMetrics(metrics.registry, database.health);
  admission.register(metrics.registry);
  return { config, database, db: database.db, queue, keys: new KeyStore(database.db), metrics };
}

/** Past the longest server-side limit (segment queries have their own): only a server that stopped answering hits it. */
function queryTimeoutMs(config: Config): number {
  const limits = [config.databaseStatementTimeoutMs, config.segmentStatementTimeoutMs ?? 0];
  return limits.includes(0) ? 0 : Math.max(...limits) + 5_000;
}

export async function startService(config: Config, options: { database?: Database; logger?: boolean } = {}): Promise<Service> {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      startupTimeoutMs: config.databaseStartupTimeoutMs,
      queryTimeoutMs: queryTimeoutMs(config),
      log: lineLog(config.logLevel), // the HTTP app's logger does not exist yet
    }));
  const ctx = await createContext(config, database);
  applyOrderSettings(config);
  const createdAdminKey = await ensureAdminKey(ctx.db, config.adminApiKey);
  const app = await buildApp(ctx, { api: config.role !== 'worker', logger: options.logger });
  await app.ready();
  database.setLog(app.log);
  // The worker loop and background tasks log an outage once per interval, with a count, not once per cycle.
  const log = quietErrors(app.log);
  const worker =
    config.role === 'api'
      ? undefined
      : new Worker(database, ctx.queue, ctx.metrics, log, {
          concurrency: database.kind === 'embedded' ? 1 : config.workerConcurrency,
          leaseMs: config.jobLeaseMs,
          pollMs: config.workerPollMs,
          retentionDays: config.jobRetentionDays,
          retryBackoffMs: config.jobRetryBackoffMs,
        });
  worker?.start();
  const tasks: BackgroundTask[] = config.role === 'api' ? [] : backgroundTaskFactories.map((factory) => factory(ctx, log));
  for (const task of tasks) task.start();
  let stopped = false;
  return {
    ctx,
    app,
    worker,
    createdAdminKey,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close(); // stops taking requests, lets in-flight ones finish
      await worker?.stop(); // finishes the jobs it holds
      await Promise.all(tasks.map((task) => task.stop()));
      if (!options.database) await database.close();
    },
  };
}
