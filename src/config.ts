// Every environment variable the service reads, parsed and typed in one place.
import path from 'node:path';
import { customKeyOf } from './contacts/config.js';

export type Role = 'api' | 'worker' | 'all';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminApiKey: string | undefined;
  role: Role;
  bodyLimitBytes: number;
  rateLimitPerSecond: number;
  jobRetentionDays: number;
  jobLeaseMs: number;
  workerConcurrency: number;
  workerPollMs: number;
  logLevel: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function role(raw: string | undefined): Role {
  const value = raw ?? 'all';
  if (value !== 'api' && value !== 'worker' && value !== 'all') throw new Error(`role must be api, worker or all, got "${value}"`);
  return value;
}

/** Reads the configuration; `--role X` on the command line wins over ROLE. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const roleFlag = argv.indexOf('--role');
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminApiKey: env.ADMIN_API_KEY || undefined,
    role: role(roleFlag >= 0 ? argv[roleFlag + 1] : env.ROLE),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    rateLimitPerSecond: int(env, 'RATE_LIMIT_PER_SECOND', 200),
    jobRetentionDays: int(env, 'JOB_RETENTION_DAYS', 7),
    jobLeaseMs: int(env, 'JOB_LEASE_MS', 30_000),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 8),
    workerPollMs: int(env, 'WORKER_POLL_MS', 1000),
    logLevel: env.LOG_LEVEL || 'info',
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookMaxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 8),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
    automationBackoffMs: int(env, 'AUTOMATION_BACKOFF_MS', 30_000),
    unknownOrderStatusOngoing: env.UNKNOWN_ORDER_STATUS_ONGOING !== 'false',
    contactCustomKey: customKeyOf(env.CONTACT_CUSTOM_KEY),
  };
}
