// What every capability gets handed: configuration, the database and the
// process-wide services. Built once in main.ts (or by a test).
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Db } from './db/schema.js';
import type { Metrics } from './http/metrics.js';
import type { JobQueue } from './jobs/queue.js';
import type { KeyStore } from './keys/keys.js';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  metrics: Metrics;
  keys: KeyStore;
  queue: JobQueue;
}
