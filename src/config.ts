// Every environment variable the service reads, parsed and typed in one place.
import path from 'node:path';

export type Role = 'api' | 'worker' | 'all';

export interface Config {
  host: string;
  /** LOG_FORMAT: `pretty` (one readable line per entry) or `json`; unset: pretty on a terminal, else JSON. */
  logFormat: 'json' | 'pretty';
  /** SHUTDOWN_TIMEOUT_MS: how long a stop may take to finish in-flight work before the process exits anyway. */
  shutdownTimeoutMs: number;
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

function logFormat(raw: string | undefined): 'json' | 'pretty' {
  if (raw === 'json' || raw === 'pretty') return raw;
  if (raw) throw new Error(`LOG_FORMAT must be json or pretty, got "${raw}"`);
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** Reads the configuration; `--role X` on the command line wins over ROLE. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const roleFlag = argv.indexOf('--role');
  return {
    host: env.HOST || '127.0.0.1',
    logFormat: logFormat(env.LOG_FORMAT),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 20_000),
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
  };
}

export interface EnvironmentVariable {
  name: string;
  default: string;
  meaning: string;
}

/**
 * Every environment variable loadConfig reads, one line each, for `--help`.
 * A test holds this table to the variables read above: add a line with each new one.
 */
export const environmentVariables: EnvironmentVariable[] = [
  { name: 'HOST', default: '127.0.0.1', meaning: 'Address the HTTP API listens on (0.0.0.0 in a container)' },
  { name: 'PORT', default: '3000', meaning: 'Port the HTTP API listens on (0: any free port)' },
  { name: 'DATA_DIR', default: './data', meaning: 'Embedded database directory (one process at a time)' },
  { name: 'DATABASE_URL', default: '', meaning: 'PostgreSQL URL; when set, used instead of the embedded database' },
  { name: 'ADMIN_API_KEY', default: '', meaning: 'Guarantees an admin key with this value' },
  { name: 'ROLE', default: 'all', meaning: 'api (HTTP only), worker (jobs and deliveries), all (both); --role wins' },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', meaning: 'Larger request bodies get 413' },
  { name: 'RATE_LIMIT_PER_SECOND', default: '200', meaning: 'Requests per second per API key before 429' },
  { name: 'JOB_RETENTION_DAYS', default: '7', meaning: 'Finished jobs are pruned after this many days' },
  { name: 'JOB_LEASE_MS', default: '30000', meaning: 'A job held by a worker that died is claimed again after this' },
  { name: 'WORKER_CONCURRENCY', default: '8', meaning: 'Job batches a worker applies at once (PostgreSQL)' },
  { name: 'WORKER_POLL_MS', default: '1000', meaning: 'Fallback poll interval for new jobs' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'LOG_FORMAT', default: 'auto', meaning: 'json or pretty; unset: pretty on a terminal, JSON otherwise' },
  { name: 'SHUTDOWN_TIMEOUT_MS', default: '20000', meaning: 'Longest graceful stop after SIGTERM/SIGINT before exiting anyway' },
  { name: 'SMTP_URL', default: '', meaning: 'SMTP server for automation emails (unset: emails go to DATA_DIR/outbox)' },
  { name: 'SMTP_FROM', default: '', meaning: 'Sender address of automation emails' },
  { name: 'WEBHOOK_ALLOW_PRIVATE', default: 'false', meaning: 'true lets webhooks reach private and loopback addresses' },
  { name: 'WEBHOOK_MAX_ATTEMPTS', default: '8', meaning: 'Delivery attempts before a delivery fails for good' },
  { name: 'WEBHOOK_TIMEOUT_MS', default: '10000', meaning: 'Timeout of one webhook or SMTP send' },
  { name: 'AUTOMATION_BACKOFF_MS', default: '30000', meaning: 'First retry delay of a failed delivery; doubles per attempt' },
];
