// One driver, one code path: node-postgres against PostgreSQL, or against the
// embedded PGlite in a thread of its own (embedded.ts).
//
// PostgreSQL can go away (restart, failover, a terminated session) and come
// back; the process must outlive that. So: every pooled client has an 'error'
// listener (a FATAL between two statements of a transaction is otherwise an
// uncaught exception), connections and statements have timeouts, start-up waits
// for the database, and the LISTEN connection reconnects by itself.
import { EventEmitter } from 'node:events';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openEmbeddedSession } from './embedded.js';
import { type DbLog, errorKey, isOutage, repeatedErrors, silentLog } from './log.js';
import { migrateToLatest } from './migrate.js';
import type { Db } from './schema.js';

/** Live connection health, read by the metrics endpoint. */
export interface DatabaseHealth {
  /** false while the notification (LISTEN) connection is down and being re-established. */
  listenerConnected: boolean;
  /** Times the LISTEN connection was re-established after a loss. */
  listenerReconnects: number;
  /** Errors seen on pooled connections (each such connection is dropped and replaced). */
  clientErrors: number;
}

// bigint columns (bigserial ids, counts) arrive as strings; keep them so, and parse numerics ourselves.
export interface Database {
  kind: 'postgres' | 'embedded';
  db: Db;
  pool: pg.Pool;
  health: DatabaseHealth;
  /**
   * Wakes listeners in this process and, on PostgreSQL, in every other process.
   * Inside a transaction, `SELECT pg_notify(channel, '')` does the same at commit,
   * on both backends: the one wake-up mechanism, whoever made the work.
   */
  notify(channel: string): void;
  /** Also called once after the LISTEN connection comes back, so work notified during the gap is picked up. */
  onNotify(channel: string, listener: () => void): () => void;
  /** Where connection trouble is logged: the service hands its logger over once it has one. */
  setLog(log: DbLog): void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Embedded data directory; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  migrate?: boolean;
  /** Longest wait for a new connection, or for a free one from the pool (PostgreSQL). */
  connectTimeoutMs?: number;
  /** Server-side limit per statement; 0 turns it off (PostgreSQL). */
  statementTimeoutMs?: number;
  /** How long start-up waits for an unreachable database before giving up (PostgreSQL). */
  startupTimeoutMs?: number;
  /**
   * Client-side deadline of one query; 0 turns it off (PostgreSQL). A server that stops
   * answering (frozen, cut off) cannot enforce its own statement timeout: this fails the
   * query instead of hanging the request, and the connection is dropped. Set it above
   * the longest statement timeout in use.
   */
  queryTimeoutMs?: number;
  log?: DbLog;
}

export const DATABASE_DEFAULTS = { connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, startupTimeoutMs: 60_000, queryTimeoutMs: 35_000 };
/** application_name of the LISTEN connection: lets operators (and tests) tell it from pooled ones. */
export const LISTENER_APPLICATION_NAME = 'engage-orders-listener';
const KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 10_000 };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options.databaseUrl) {
    const database = await openEmbedded(options.dataDir ?? 'memory://');
    if (options.migrate !== false) await migrateToLatest(database.db);
    return database;
  }
  const settings = { ...DATABASE_DEFAULTS, ...definedOnly(options) };
  const log = options.log ?? silentLog;
  const database = openPostgres(options.databaseUrl, options.poolSize ?? 20, settings, log);
  try {
    await untilReachable(() => prepare(options.databaseUrl!, settings.connectTimeoutMs, options.migrate !== false), settings.startupTimeoutMs, log);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function definedOnly(options: DatabaseOptions): Partial<typeof DATABASE_DEFAULTS> {
  const { connectTimeoutMs, statementTimeoutMs, startupTimeoutMs, queryTimeoutMs } = options;
  return Object.fromEntries(
    Object.entries({ connectTimeoutMs, statementTimeoutMs, startupTimeoutMs, queryTimeoutMs }).filter(([, value]) => value !== undefined),
  );
}

/** Migrates (or just connects) over a connection of its own without the statement timeout: a migration may take long. */
async function prepare(connectionString: string, connectTimeoutMs: number, migrate: boolean): Promise<void> {
  const pool = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {})); // surfaces as the failed query below
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    if (migrate) await migrateToLatest(db);
    else await pool.query('SELECT 1');
  } finally {
    await db.destroy().catch(() => {});
  }
}

/** Retries `step` while the database is away (refused, starting up, shutting down), with backoff, up to `timeoutMs`. */
async function untilReachable(step: () => Promise<void>, timeoutMs: number, log: DbLog): Promise<void> {
  const started = Date.now();
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      if (attempt > 1) log.info({ attempts: attempt, waitedMs: Date.now() - started }, 'database reachable; starting');
      return;
    } catch (error) {
      const cause = (error as Error).cause ?? error;
      if (!isOutage(cause)) throw error;
      const waited = Date.now() - started;
      const reason = (cause as Error).message || (cause as { code?: string }).code || String(cause);
      if (waited + delay > timeoutMs) {
        throw new Error(`The database is not reachable after ${Math.round(waited / 1000)} s (DATABASE_STARTUP_TIMEOUT_MS=${timeoutMs}): ${reason}`, {
          cause: error,
        });
      }
      log.warn({ attempt, waitedMs: waited, retryInMs: delay, reason }, 'waiting for the database: not reachable yet');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

function openPostgres(connectionString: string, max: number, settings: typeof DATABASE_DEFAULTS, initialLog: DbLog): Database {
  let log = initialLog;
  const health: DatabaseHealth = { listenerConnected: true, listenerReconnects: 0, clientErrors: 0 };
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    ...(settings.queryTimeoutMs > 0 ? { query_timeout: settings.queryTimeoutMs } : {}),
    ...KEEPALIVE,
  });
  // pg-pool listens for errors only while a client is idle, and Kysely adds no
  // listener while it holds one: this one stays for the client's whole life. The
  // query in flight fails on its own; the dead client is dropped on release.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      health.clientErrors++;
      repeatedErrors.report(errorKey(error, 'pool'), (repeats) =>
        log.warn({ err: error, ...(repeats ? { repeats } : {}) }, 'database connection lost; it is replaced on next use'),
      );
    });
    // A FATAL answer to a running query (57P01…) means the server closes this session, but the socket
    // closes a moment later: a client released in between would go back to the pool and fail the next
    // query too. pg-pool drops a released client that is not queryable (the flag it reads itself).
    const unusable = () => ((client as unknown as { _queryable: boolean })._queryable = false);
    (client as unknown as { connection: EventEmitter }).connection.on('errorMessage', (message: { severity?: string }) => {
      if (message.severity === 'FATAL') unusable();
    });
    // A query past its client-side deadline is still running on the server (or the server is
    // frozen): the session must not serve the next query, so it is dropped on release too.
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) result.catch((error: Error) => error?.message === 'Query read timeout' && unusable());
      return result;
    };
  });
  pool.on('error', () => {}); // idle client: already logged by its own listener above
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const listener = new Listener(connectionString, settings.connectTimeoutMs, local, health, () => log);

  return {
    kind: 'postgres',
    pool,
    db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    health,
    notify(channel) {
      local.emit(channel);
      pool.query('SELECT pg_notify($1, $2)', [channel, '']).catch(() => {}); // a lost notification is covered by polling
    },
    onNotify(channel, fn) {
      local.on(channel, fn);
      listener.listen(channel);
      return () => local.off(channel, fn);
    },
    setLog(next) {
      log = next;
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * The one LISTEN connection of a process. When it is lost (server restart,
 * terminated session) it reconnects with backoff, LISTENs to every channel
 * again and wakes every channel's listeners once: whatever was notified while
 * it was away is claimed right then instead of at the next poll.
 */
class Listener {
  private channels = new Set<string>();
  private client: pg.Client | undefined;
  private loop: Promise<void> | undefined;
  private closing = false;
  private cancelSleep: (() => void) | undefined;

  constructor(
    private connectionString: string,
    private connectTimeoutMs: number,
    private local: EventEmitter,
    private health: DatabaseHealth,
    private log: () => DbLog,
  ) {}

  listen(channel: string): void {
    if (this.channels.has(channel) || this.closing) return;
    this.channels.add(channel);
    // If this fails the connection is going down, and the reconnect LISTENs to every channel.
    this.client?.query(`LISTEN ${quoteIdent(channel)}`).catch(() => {});
    this.loop ??= this.run();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.cancelSleep?.();
    await this.client?.end().catch(() => {});
    await this.loop;
  }

  private async run(): Promise<void> {
    let delay = 100;
    let lostAt: number | undefined;
    let failures = 0;
    while (!this.closing) {
      const client = new pg.Client({
        connectionString: this.connectionString,
        connectionTimeoutMillis: this.connectTimeoutMs,
        application_name: LISTENER_APPLICATION_NAME,
        ...KEEPALIVE,
      });
      let markLost: (error: unknown) => void = () => {};
      const lost = new Promise<unknown>((resolve) => (markLost = resolve));
      client.on('error', (error) => markLost(error)); // stays attached: a second error must not crash either
      client.on('end', () => markLost(new Error('connection ended')));
      client.on('notification', (message) => this.local.emit(message.channel));
      try {
        await client.connect();
        for (const channel of this.channels) await client.query(`LISTEN ${quoteIdent(channel)}`);
        if (this.closing) break;
        this.client = client;
        this.health.listenerConnected = true;
        if (lostAt !== undefined) {
          this.health.listenerReconnects++;
          this.log().info(
            { downMs: Date.now() - lostAt, attempts: failures + 1, channels: [...this.channels] },
            'notification connection re-established; checking for work notified meanwhile',
          );
          for (const channel of this.channels) this.local.emit(channel);
        }
        delay = 100;
        failures = 0;
        const error = await lost;
        this.client = undefined;
        if (this.closing) break;
        lostAt = Date.now();
        this.health.listenerConnected = false;
        this.log().warn({ err: error }, 'notification connection lost; reconnecting (workers poll meanwhile)');
      } catch (error) {
        if (this.closing) break;
        // After a loss the drop was logged already; a first connection that fails is logged once.
        if (lostAt === undefined) this.log().warn({ err: error }, 'notification connection failed; retrying with backoff');
        lostAt ??= Date.now();
        failures++;
        this.health.listenerConnected = false;
      } finally {
        if (this.client !== client) client.end().catch(() => {});
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay + Math.floor(Math.random() * delay * 0.2));
        this.cancelSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const session = await openEmbeddedSession(dataDir);
  const { pool } = session;
  // Notifications raised inside transactions (pg_notify) arrive at commit, in the session's answers.
  const local = session.notifications;
  const listening = new Set<string>();
  return {
    kind: 'embedded',
    pool,
    db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    // One session inside this process: there is no connection to lose.
    health: { listenerConnected: true, listenerReconnects: 0, clientErrors: 0 },
    notify: (channel) => local.emit(channel),
    onNotify(channel, fn) {
      local.on(channel, fn);
      if (!listening.has(channel)) {
        listening.add(channel);
        pool.query(`LISTEN ${quoteIdent(channel)}`).catch(() => listening.delete(channel)); // polling covers a failed LISTEN
      }
      return () => local.off(channel, fn);
    },
    setLog() {},
    close: () => session.close(),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
