// The job worker: claims runnable jobs in batches, applies them with bounded
// concurrency, and sleeps until woken by a new job (NOTIFY) or the poll timer.
// On stop it takes no new work and finishes what it holds.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { Metrics } from '../http/metrics.js';
import { type JobOutcome, processJob } from '../orders/processing.js';
import { JOBS_CHANNEL, type JobQueue, type JobRow } from './queue.js';

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retentionDays: number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private woken = false;
  private unsubscribe: (() => void) | undefined;
  private lastPrune = 0;

  constructor(
    private database: Database,
    private queue: JobQueue,
    private metrics: Metrics,
    private log: FastifyBaseLogger,
    private options: WorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.database.onNotify(JOBS_CHANNEL, () => this.poke());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.poke();
    await this.loop;
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let jobs: JobRow[] = [];
      try {
        await this.pruneNow();
        jobs = await this.queue.claim(this.options.concurrency * 4, this.options.leaseMs);
        await this.processAll(jobs);
      } catch (error) {
        this.log.error({ err: error }, 'worker cycle failed; retrying');
        await this.sleep(this.options.pollMs);
        continue;
      }
      if (jobs.length === 0 && !this.woken) await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  private async processAll(jobs: JobRow[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) await this.processOne(jobs[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, jobs.length) }, lane));
  }

  private async processOne(job: JobRow): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await processJob(this.database.db, job);
    } catch (error) {
      // Left in Processing: its lease runs out and it is claimed again (up to MAX_ATTEMPTS).
      this.log.error({ err: error, jobId: job.id }, 'job processing failed; it will be retried');
      return;
    }
    const labels = { operation: job.operation };
    if (outcome.status === 'Succeeded') this.metrics.jobsProcessed.inc(labels);
    if (outcome.status === 'Failed') this.metrics.jobsFailed.inc({ ...labels, error_code: outcome.errorCode });
    if (outcome.status !== 'Lost') this.metrics.jobLatency.observe(labels, (Date.now() - new Date(job.accepted_at).getTime()) / 1000);
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.queue.prune(this.options.retentionDays);
    if (pruned > 0) this.log.info({ pruned }, 'pruned finished jobs past retention');
  }
}
