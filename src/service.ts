// The composition root: builds the running service from configuration and the
// capability list, per role — database, context, HTTP app (API roles), job worker
// and background tasks (worker roles). main.ts and the tests both start it here.
import type { FastifyInstance } from 'fastify';
import type { BackgroundTask, Capability } from './app/capability.js';
import { capabilities as allCapabilities } from './app/capabilities.js';
import { compose } from './app/compose.js';
import type { Config } from './config.js';
import type { AppContext } from './app/capability.js';
import { type Database, openDatabase } from './db/database.js';
import { lineLog, quietErrors } from './db/log.js';
import { registerDatabaseMetrics } from './db/metrics.js';
import { buildApp } from './http/app.js';
import { lineWriter } from './http/log-format.js';
import { createMetrics } from './metrics.js';
import { Admission } from './jobs/admission.js';
import { JobQueue } from './jobs/queue.js';
import { Worker } from './jobs/worker.js';
import { KeyStore, ensureAdminKey } from './keys/keys.js';
import { applyOrderSettings } from './orders/config.js';
import { processJobs } from './orders/processing.js';

export interface Service {
  ctx: AppContext;
  app: FastifyInstance;
  worker: Worker | undefined;
  /** Set when this start created the first admin key: shown once, never stored in clear. */
  createdAdminKey: string | undefined;
  stop(): Promise<void>;
}

export async function createContext(config: Config, database: Database, capabilities: readonly Capability[] = allCapabilities): Promise<AppContext> {
  const admission = new Admission(database.db, { maxBacklog: config.maxBacklog, maxBacklogAgeMs: config.maxBacklogAgeMs });
  const queue = new JobQueue(database, admission);
  const metrics = createMetrics(() => queue.depth(), { nodeVersion: config.metricsNodeVersion });
  registerDatabaseMetrics(metrics.registry, database.health);
  admission.register(metrics.registry);
  return { config, database, db: database.db, queue, keys: new KeyStore(database.db), metrics, parts: compose(capabilities) };
}

/** Past the longest server-side limit (segment queries have their own): only a server that stopped answering hits it. */
function queryTimeoutMs(config: Config): number {
  const limits = [config.databaseStatementTimeoutMs, config.segmentStatementTimeoutMs ?? 0];
  return limits.includes(0) ? 0 : Math.max(...limits) + 5_000;
}

/** `capabilities` defaults to the service's own list; a test may add one of its own. */
export async function startService(
  config: Config,
  options: { database?: Database; logger?: boolean; capabilities?: readonly Capability[] } = {},
): Promise<Service> {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: config.databaseConnectTimeoutMs,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      startupTimeoutMs: config.databaseStartupTimeoutMs,
      queryTimeoutMs: queryTimeoutMs(config),
      log: lineLog(config.logLevel, lineWriter(config)), // the HTTP app's logger does not exist yet
    }));
  const ctx = await createContext(config, database, options.capabilities);
  applyOrderSettings(config);
  const app = await buildApp(ctx, { api: config.role !== 'worker', logger: options.logger });
  await app.ready();
  // Last of the start's steps that can fail: a first admin key made before a failed start would never be shown.
  const createdAdminKey = await ensureAdminKey(ctx.db, config.adminApiKey);
  database.setLog(app.log);
  // The worker loop and background tasks log an outage once per interval, with a count, not once per cycle.
  const log = quietErrors(app.log);
  const worker =
    config.role === 'api'
      ? undefined
      : new Worker(database, ctx.queue, (jobs) => processJobs(database.db, jobs, ctx.parts), ctx.metrics, log, {
          concurrency: database.kind === 'embedded' ? 1 : config.workerConcurrency,
          leaseMs: config.jobLeaseMs,
          pollMs: config.workerPollMs,
          retentionDays: config.jobRetentionDays,
          retryBackoffMs: config.jobRetryBackoffMs,
        });
  worker?.start();
  const tasks: BackgroundTask[] =
    config.role === 'api' ? [] : ctx.parts.capabilities.flatMap((capability) => capability.backgroundTasks ?? []).map((task) => task(ctx, log));
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
