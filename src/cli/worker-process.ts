// On PostgreSQL, `serve` in the all role applies jobs in a child process
// (`serve --role worker --supervised`): processing then never competes with
// accepting requests for the one JavaScript thread, and both use a core each.
// The parent restarts a child that dies, stops it on shutdown, and serves the
// child's metrics on its own /metrics. The child answers metric requests over
// the IPC channel and stops when that channel closes (its parent is gone).
import { type ChildProcess, fork } from 'node:child_process';
import { Counter, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

/** One process's metrics as prom-client JSON (what `registry.getMetricsAsJSON()` gives). */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** The child's command-line flag: no HTTP port, metrics over IPC, stop with the parent. */
export const SUPERVISED_FLAG = '--supervised';

interface Log {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

interface MetricsRequest {
  type: 'metrics';
  id: number;
}

interface MetricsAnswer extends MetricsRequest {
  metrics: MetricsJson;
}

/** The child's first message: it is applying jobs. */
interface Ready {
  type: 'ready';
}

const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A child that ran this long before dying is restarted at once again (not a crash loop). */
const HEALTHY_RUN_MS = 60_000;
const METRICS_TIMEOUT_MS = 2_000;

export class WorkerProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restartDelayMs = FIRST_RESTART_DELAY_MS;
  private restartTimer: NodeJS.Timeout | undefined;
  private nextRequest = 1;
  private waiting = new Map<number, (metrics: MetricsJson) => void>();
  /** How many times a child died and was replaced (shown as a metric). */
  restarts = 0;

  constructor(private log: Log) {}

  start(): void {
    const startedAt = Date.now();
    const child = fork(process.argv[1]!, ['serve', '--role', 'worker', SUPERVISED_FLAG], { execArgv: process.execArgv, stdio: 'inherit' });
    this.child = child;
    child.on('message', (message: MetricsAnswer | Ready) => {
      if (message?.type === 'ready') this.log.info({ pid: child.pid }, 'job-processing process ready');
      if (message?.type !== 'metrics') return;
      this.waiting.get(message.id)?.(message.metrics);
      this.waiting.delete(message.id);
    });
    child.on('error', (error) => this.log.error({ err: error }, 'could not signal the job-processing process'));
    child.on('exit', (code, signal) => {
      this.child = undefined;
      for (const answer of this.waiting.values()) answer([]);
      this.waiting.clear();
      if (this.stopping) return;
      if (Date.now() - startedAt > HEALTHY_RUN_MS) this.restartDelayMs = FIRST_RESTART_DELAY_MS;
      this.restarts++;
      this.log.error(
        { code, signal, restartInMs: this.restartDelayMs },
        'the job-processing process stopped unexpectedly; starting a new one (accepted jobs wait meanwhile, none is lost)',
      );
      this.restartTimer = setTimeout(() => this.start(), this.restartDelayMs);
      this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
    });
  }

  /** worker_process_restarts_total on the parent's registry. */
  registerMetrics(registry: Registry): void {
    let seen = 0;
    // prom-client calls collect() with the counter as `this`: the count comes in through a closure.
    const restarts = () => this.restarts;
    new Counter({
      name: 'worker_process_restarts_total',
      help: 'Times the job-processing child process died and was replaced',
      registers: [registry],
      collect() {
        const now = restarts();
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  }

  /** The child's metrics as prom-client JSON; none while it is down or slow to answer. */
  metrics(): Promise<MetricsJson> {
    const child = this.child;
    if (!child?.connected) return Promise.resolve([]);
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve([]);
      }, METRICS_TIMEOUT_MS);
      this.waiting.set(id, (metrics) => {
        clearTimeout(timer);
        resolve(metrics);
      });
      child.send({ type: 'metrics', id } satisfies MetricsRequest, (error) => error && this.waiting.get(id)?.([]));
    });
  }

  /** Stops the child the way SIGTERM stops the service: it finishes the jobs it holds. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** In the supervised child: answer the parent's metric requests; `onParentGone` runs when the parent disappears. */
export function serveMetricsToParent(registry: Registry, onParentGone: () => void): void {
  process.send?.({ type: 'ready' } satisfies Ready);
  process.on('message', (message: MetricsRequest) => {
    if (message?.type !== 'metrics') return;
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: 'metrics', id: message.id, metrics } satisfies MetricsAnswer),
      () => process.send?.({ type: 'metrics', id: message.id, metrics: [] } satisfies MetricsAnswer),
    );
  });
  process.on('disconnect', onParentGone);
}
