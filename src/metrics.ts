// Prometheus metrics. One registry per service instance, so tests can run many.
// What each metric is for, with alert rules: docs/operations.md.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Database } from './db/database.js';

export interface Metrics {
  registry: Registry;
  jobsAccepted: Counter<'operation'>;
  jobsProcessed: Counter<'operation'>;
  jobsFailed: Counter<'operation' | 'error_code'>;
  jobLatency: Histogram<'operation'>;
  queueDepth: Gauge<'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status_class'>;
  httpRejections: Counter<'code'>;
  deliveries: Counter<'step_type' | 'outcome'>;
  deliveryDuration: Histogram<'step_type' | 'outcome'>;
  /** One finished delivery attempt: `status` is where the attempt left the delivery. */
  observeDelivery(stepType: string, status: string, durationMs: number): void;
  /** Other processes of this service whose metrics /metrics adds (the job-processing child). */
  children: Array<() => Promise<MetricObjectWithValues<MetricValue<string>>[]>>;
}

/**
 * The text /metrics serves: this process's metrics, plus its children's added in.
 * Counters and histograms add up; figures read from the database (the same for
 * every process) are declared with `aggregator: 'max'` so that they do not.
 */
export async function scrape(metrics: Metrics): Promise<string> {
  if (metrics.children.length === 0) return metrics.registry.metrics();
  const parts = await Promise.all([metrics.registry.getMetricsAsJSON(), ...metrics.children.map((read) => read())]);
  return AggregatorRegistry.aggregate(parts.filter((part) => part.length > 0)).metrics();
}

/**
 * Scrape-time queries wait a turn, so that the pool gauges (read synchronously)
 * see the pool as the service uses it, not queued up with the scrape's own queries.
 */
const poolReadFirst = () => nextTurn();

/**
 * Runs a gauge's scrape-time query; a failed read leaves the gauge empty rather
 * than failing the scrape: the other metrics (the pool, the notification
 * connection) matter most exactly when the database is in trouble.
 */
async function readOrEmpty(gauge: Gauge<string>, query: () => Promise<void>): Promise<void> {
  try {
    await poolReadFirst();
    await query();
  } catch {
    gauge.reset();
  }
}

/** Answers that are refusals rather than errors: counted by code so an alert can tell abuse from outage. */
const REJECTIONS = new Set([401, 403, 413, 415, 429]);
const DELIVERY_OUTCOMES: Record<string, string> = { Delivered: 'delivered', Skipped: 'skipped', Pending: 'retry', Failed: 'failed' };

export function createMetrics(queueDepth: () => Promise<{ pending: number; processing: number }>, options: { nodeVersion?: boolean } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // /metrics needs no key: the exact Node.js version only helps someone match known flaws (METRICS_NODE_VERSION=true shows it).
  if (!options.nodeVersion) registry.removeSingleMetric('nodejs_version_info');
  const deliveries = new Counter({
    name: 'automation_deliveries_total',
    help: 'Automation delivery attempts by step type and outcome (delivered, skipped, retry, failed: failed for good)',
    labelNames: ['step_type', 'outcome'],
    registers: [registry],
  });
  const deliveryDuration = new Histogram({
    name: 'automation_delivery_duration_seconds',
    help: 'Time one delivery attempt took (rendering and sending the email or webhook)',
    labelNames: ['step_type', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    registry,
    children: [],
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class (2xx, 4xx, …)',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    httpRejections: new Counter({
      name: 'http_rejections_total',
      help: 'Requests refused with 401, 403, 413, 415 or 429, by status code',
      labelNames: ['code'],
      registers: [registry],
    }),
    deliveries,
    deliveryDuration,
    observeDelivery(stepType, status, durationMs) {
      const labels = { step_type: stepType, outcome: DELIVERY_OUTCOMES[status] ?? status.toLowerCase() };
      deliveries.inc(labels);
      deliveryDuration.observe(labels, durationMs / 1000);
    },
    jobsAccepted: new Counter({ name: 'orders_jobs_accepted_total', help: 'Order writes accepted as jobs', labelNames: ['operation'], registers: [registry] }),
    jobsProcessed: new Counter({ name: 'orders_jobs_processed_total', help: 'Jobs that succeeded', labelNames: ['operation'], registers: [registry] }),
    jobsFailed: new Counter({ name: 'orders_jobs_failed_total', help: 'Jobs that failed', labelNames: ['operation', 'error_code'], registers: [registry] }),
    jobLatency: new Histogram({
      name: 'orders_job_latency_seconds',
      help: 'Time from a job being accepted to it being finished',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'orders_jobs_queue_depth',
      help: 'Jobs waiting or being processed',
      labelNames: ['status'],
      registers: [registry],
      aggregator: 'max',
      async collect() {
        await readOrEmpty(this, async () => {
          const depth = await queueDepth();
          this.set({ status: 'Pending' }, depth.pending);
          this.set({ status: 'Processing' }, depth.processing);
        });
      },
    }),
  };
}

/** Records one HTTP answer; `route` is the route template (never the raw URL, which may hold ids or keys). */
export function observeRequest(metrics: Metrics, method: string, route: string, status: number, seconds: number): void {
  metrics.httpDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  if (REJECTIONS.has(status)) metrics.httpRejections.inc({ code: String(status) });
}

/** Gauges read from the database and the pool at scrape time (`readOrEmpty`). */
export function registerStateGauges(registry: Registry, database: Database): void {
  new Gauge({
    name: 'orders_jobs_oldest_open_age_seconds',
    help: 'Age of the oldest job not yet finished (Pending or Processing); 0 when there is none',
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await readOrEmpty(this, async () => {
        const { rows } = await sql<{ age: string | null }>`
          SELECT extract(epoch FROM now() - min(accepted_at)) AS age FROM jobs WHERE finished_at IS NULL`.execute(database.db);
        this.set(Math.max(0, Number(rows[0]?.age ?? 0)));
      });
    },
  });
  new Gauge({
    name: 'automation_deliveries_pending',
    help: 'Automation deliveries not yet finished: waiting (Pending, including retries) or being sent (Delivering)',
    labelNames: ['status'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await readOrEmpty(this, async () => {
        const { rows } = await sql<{ status: string; n: string }>`
          SELECT status, count(*) AS n FROM automation_deliveries WHERE status IN ('Pending', 'Delivering') GROUP BY status`.execute(database.db);
        for (const status of ['Pending', 'Delivering']) this.set({ status }, Number(rows.find((row) => row.status === status)?.n ?? 0));
      });
    },
  });
  new Gauge({
    name: 'integration_log_unresolved',
    help: 'Integration-log entries not yet resolved (e.g. orders waiting for a contact, store or article), by error code',
    labelNames: ['code'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await readOrEmpty(this, async () => {
        const { rows } = await sql<{ code: string; n: string }>`
          SELECT error_code AS code, count(*) AS n FROM integration_log WHERE resolved_at IS NULL GROUP BY error_code`.execute(database.db);
        this.reset(); // a code whose entries were all resolved disappears
        for (const row of rows) this.set({ code: row.code }, Number(row.n));
      });
    },
  });
  const pool = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  pool('db_pool_connections', 'Connections the database pool holds (in use and idle)', () => database.pool.totalCount);
  pool('db_pool_idle', 'Idle connections in the database pool', () => database.pool.idleCount);
  pool('db_pool_waiting', 'Queries waiting for a free pool connection', () => database.pool.waitingCount);
}
