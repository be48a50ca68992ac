// Every environment variable the service reads, parsed and typed in one place.
import path from 'node:path';
import { customKeyOf } from './contacts/config.js';
import { MIN_KEY_LENGTH } from './keys/keys.js';

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
  /** WORKER_MODE: in the all role on PostgreSQL, `process` applies jobs in a child process, `inline` in the API's own. */
  workerMode: 'process' | 'inline';
  /** JOB_RETRY_BACKOFF_MS: first retry delay of a job whose processing threw; doubles per attempt. */
  jobRetryBackoffMs: number;
  logLevel: string;
  /** Requests per minute per client address without a valid API key (missing or unknown). */
  unauthenticatedLimitPerMinute: number;
  /** Closes a socket on which nothing moved for this long (0: never). */
  connectionTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this (0: no limit). */
  requestTimeoutMs: number;
  /** The request headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Show the Node.js version (nodejs_version_info) on /metrics. */
  metricsNodeVersion: boolean;
  /** DATABASE_CONNECT_TIMEOUT_MS: longest wait for a PostgreSQL connection, new or from the pool. */
  databaseConnectTimeoutMs: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS: server-side limit per statement (0 = none). */
  databaseStatementTimeoutMs: number;
  /** DATABASE_STARTUP_TIMEOUT_MS: how long start-up waits for an unreachable database. */
  databaseStartupTimeoutMs: number;
  /** READY_TIMEOUT_MS: /readyz answers 503 when the database does not answer within this. */
  readyTimeoutMs: number;
  /** MAX_BACKLOG: open jobs above which order writes answer 503 Overloaded (0 = off). */
  maxBacklog: number;
  /** MAX_BACKLOG_AGE_MS: age of the oldest open job above which order writes answer 503 Overloaded (0 = off). */
  maxBacklogAgeMs: number;
}

// The longest delay a Node.js timer takes; every millisecond setting is a timer somewhere.
const MAX_TIMER = 2_147_483_647;

/** A whole number in [min, max]; unset or blank gives the default. Anything else stops the start with one sentence. */
function int(env: NodeJS.ProcessEnv, name: string, fallback: number, { min = 0, max = MAX_TIMER } = {}): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${env[name]}"`);
  return value;
}

/** true/false, also as 1/0 or yes/no in any case; unset or blank gives the default. */
function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(raw: string | undefined): string {
  const value = raw?.trim() || 'info';
  if (!logLevels.includes(value)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${raw}"`);
  return value;
}

function workerMode(raw: string | undefined): 'process' | 'inline' {
  const value = raw || 'process';
  if (value !== 'process' && value !== 'inline') throw new Error(`WORKER_MODE must be process or inline, got "${value}"`);
  return value;
}

function role(raw: string | undefined): Role {
  const value = raw?.trim() || 'all';
  if (value !== 'api' && value !== 'worker' && value !== 'all') throw new Error(`role must be api, worker or all, got "${value}"`);
  return value;
}

function adminApiKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < MIN_KEY_LENGTH)
    throw new Error(`ADMIN_API_KEY must be at least ${MIN_KEY_LENGTH} characters long (got ${raw.length}); generate one with: openssl rand -base64 32`);
  return raw;
}

function timeouts(env: NodeJS.ProcessEnv) {
  const values = {
    connectionTimeoutMs: int(env, 'CONNECTION_TIMEOUT_MS', 90_000),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 120_000),
    headersTimeoutMs: int(env, 'HEADERS_TIMEOUT_MS', 20_000, { min: 1 }),
    keepAliveTimeoutMs: int(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000),
  };
  // Node refuses a headers timeout longer than the request timeout.
  if (values.requestTimeoutMs > 0 && values.headersTimeoutMs > values.requestTimeoutMs) {
    throw new Error(`HEADERS_TIMEOUT_MS (${values.headersTimeoutMs}) must not exceed REQUEST_TIMEOUT_MS (${values.requestTimeoutMs})`);
  }
  return values;
}

function logFormat(raw: string | undefined): 'json' | 'pretty' {
  if (raw === 'json' || raw === 'pretty') return raw;
  if (raw) throw new Error(`LOG_FORMAT must be json or pretty, got "${raw}"`);
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** Reads the configuration; `--role X` on the command line wins over ROLE. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const roleFlag = argv.indexOf('--role');
  const config = {
    host: env.HOST || '127.0.0.1',
    logFormat: logFormat(env.LOG_FORMAT),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 20_000, { min: 1 }),
    port: int(env, 'PORT', 3000, { max: 65_535 }),
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminApiKey: adminApiKey(env.ADMIN_API_KEY),
    role: role(roleFlag >= 0 ? argv[roleFlag + 1] : env.ROLE),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1024 * 1024, { min: 1 }),
    rateLimitPerSecond: int(env, 'RATE_LIMIT_PER_SECOND', 200, { min: 1 }),
    jobRetentionDays: int(env, 'JOB_RETENTION_DAYS', 7),
    jobLeaseMs: int(env, 'JOB_LEASE_MS', 30_000, { min: 1 }),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 8, { min: 1 }),
    workerPollMs: int(env, 'WORKER_POLL_MS', 1000, { min: 10 }),
    workerMode: workerMode(env.WORKER_MODE),
    jobRetryBackoffMs: int(env, 'JOB_RETRY_BACKOFF_MS', 1000),
    logLevel: logLevel(env.LOG_LEVEL),
    unauthenticatedLimitPerMinute: int(env, 'UNAUTHENTICATED_LIMIT_PER_MINUTE', 60, { min: 1 }),
    ...timeouts(env),
    metricsNodeVersion: bool(env, 'METRICS_NODE_VERSION', false),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    webhookAllowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    webhookMaxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 17, { min: 1 }),
    webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, { min: 1 }),
    automationBackoffMs: int(env, 'AUTOMATION_BACKOFF_MS', 30_000),
    automationRetentionDays: int(env, 'AUTOMATION_RETENTION_DAYS', 30),
    articleFeedLimitBytes: int(env, 'ARTICLE_FEED_LIMIT_BYTES', 200 * 1024 * 1024, { min: 1 }),
    segmentStatementTimeoutMs: int(env, 'SEGMENT_STATEMENT_TIMEOUT_MS', 15_000),
    segmentPreviewConcurrency: int(env, 'SEGMENT_PREVIEW_CONCURRENCY', 2, { min: 1 }),
    databaseConnectTimeoutMs: int(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000),
    databaseStatementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000),
    databaseStartupTimeoutMs: int(env, 'DATABASE_STARTUP_TIMEOUT_MS', 60_000),
    readyTimeoutMs: int(env, 'READY_TIMEOUT_MS', 2_000, { min: 1 }),
    maxBacklog: int(env, 'MAX_BACKLOG', 0),
    maxBacklogAgeMs: int(env, 'MAX_BACKLOG_AGE_MS', 0),
    unknownOrderStatusOngoing: bool(env, 'UNKNOWN_ORDER_STATUS_ONGOING', true),
    contactCustomKey: customKeyOf(env.CONTACT_CUSTOM_KEY),
  };
  // The embedded database opens in one process only, so the API and the worker cannot run apart on it:
  // an api-only process would accept writes that nothing ever applies.
  if (!config.databaseUrl && config.role !== 'all')
    throw new Error(`role ${config.role} needs DATABASE_URL: the embedded database opens in one process only, so run role all`);
  return config;
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
  {
    name: 'WORKER_MODE',
    default: 'process',
    meaning: 'All role on PostgreSQL: process applies jobs in a child process (a core of its own), inline in the API process',
  },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'LOG_FORMAT', default: 'auto', meaning: 'json or pretty; unset: pretty on a terminal, JSON otherwise' },
  { name: 'SHUTDOWN_TIMEOUT_MS', default: '20000', meaning: 'Longest graceful stop after SIGTERM/SIGINT before exiting anyway' },
  { name: 'SMTP_URL', default: '', meaning: 'SMTP server for automation emails (unset: emails go to DATA_DIR/outbox)' },
  { name: 'SMTP_FROM', default: '', meaning: 'Sender address of automation emails' },
  { name: 'WEBHOOK_ALLOW_PRIVATE', default: 'false', meaning: 'true lets webhooks reach private and loopback addresses' },
  { name: 'WEBHOOK_MAX_ATTEMPTS', default: '17', meaning: 'Delivery attempts before a delivery fails for good' },
  { name: 'WEBHOOK_TIMEOUT_MS', default: '10000', meaning: 'Timeout of one webhook or SMTP send' },
  { name: 'AUTOMATION_BACKOFF_MS', default: '30000', meaning: 'First retry delay of a failed delivery; doubles per attempt' },
  { name: 'UNAUTHENTICATED_LIMIT_PER_MINUTE', default: '60', meaning: 'Requests per minute per client address without a valid key before 429' },
  { name: 'CONNECTION_TIMEOUT_MS', default: '90000', meaning: 'A socket where nothing moves is closed after this' },
  { name: 'REQUEST_TIMEOUT_MS', default: '120000', meaning: 'A whole request must arrive within this, else 408' },
  { name: 'HEADERS_TIMEOUT_MS', default: '20000', meaning: 'Request headers must arrive within this' },
  { name: 'KEEP_ALIVE_TIMEOUT_MS', default: '72000', meaning: 'An idle keep-alive connection is closed after this' },
  { name: 'METRICS_NODE_VERSION', default: 'false', meaning: 'true shows the Node.js version on /metrics' },
  { name: 'JOB_RETRY_BACKOFF_MS', default: '1000', meaning: 'First retry delay of a job whose processing threw; doubles per attempt' },
  { name: 'DATABASE_CONNECT_TIMEOUT_MS', default: '5000', meaning: 'Longest wait for a PostgreSQL connection, new or pooled' },
  {
    name: 'DATABASE_STATEMENT_TIMEOUT_MS',
    default: '30000',
    meaning: 'PostgreSQL server-side limit per statement (0: none); a query with no answer 5 s past the longest limit fails client-side',
  },
  { name: 'DATABASE_STARTUP_TIMEOUT_MS', default: '60000', meaning: 'How long start-up waits for an unreachable database' },
  { name: 'READY_TIMEOUT_MS', default: '2000', meaning: '/readyz answers 503 when the database does not answer within this' },
  { name: 'MAX_BACKLOG', default: '0', meaning: 'Open jobs at which order writes answer 503 Overloaded (0: off)' },
  { name: 'MAX_BACKLOG_AGE_MS', default: '0', meaning: 'Age of the oldest open job at which order writes answer 503 Overloaded (0: off)' },
  { name: 'ARTICLE_FEED_LIMIT_BYTES', default: '209715200', meaning: 'Body limit of the XML article feed, counted while it streams' },
  { name: 'SEGMENT_STATEMENT_TIMEOUT_MS', default: '15000', meaning: 'Longest a segment query may run on PostgreSQL (0: none)' },
  { name: 'SEGMENT_PREVIEW_CONCURRENCY', default: '2', meaning: 'Segment previews evaluated at once per process' },
  { name: 'AUTOMATION_RETENTION_DAYS', default: '30', meaning: 'Finished automation runs and deliveries are pruned after this many days' },
  { name: 'UNKNOWN_ORDER_STATUS_ONGOING', default: 'true', meaning: 'Whether an order status the service does not know counts as ongoing for segmentation' },
  { name: 'CONTACT_CUSTOM_KEY', default: 'memberNumber', meaning: "The contact field a lookup's customKey searches: memberNumber or externalId" },
];
