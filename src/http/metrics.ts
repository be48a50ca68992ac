// Prometheus metrics. One registry per service instance, so tests can run many.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  jobsAccepted: Counter<'operation'>;
  jobsProcessed: Counter<'operation'>;
  jobsFailed: Counter<'operation' | 'error_code'>;
  jobLatency: Histogram<'operation'>;
  queueDepth: Gauge<'status'>;
}

export function createMetrics(queueDepth: () => Promise<{ pending: number; processing: number }>, options: { nodeVersion?: boolean } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // /metrics needs no key: the exact Node.js version only helps someone match known flaws (METRICS_NODE_VERSION=true shows it).
  if (!options.nodeVersion) registry.removeSingleMetric('nodejs_version_info');
  return {
    registry,
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
      async collect() {
        const depth = await queueDepth();
        this.set({ status: 'Pending' }, depth.pending);
        this.set({ status: 'Processing' }, depth.processing);
      },
    }),
  };
}
