// The job worker: claims runnable jobs in batches, applies them with bounded
// concurrency, and sleeps until woken by a new job (NOTIFY) or the poll timer.
// On stop it takes no new work and finishes what it holds.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { Metrics } from '../http/metrics.js';
import { processJobs } from '../orders/processing.js';
import { Alarm } from './alarm.js';
import { JOBS_CHANNEL, type JobQueue, type JobRow } from './queue.js';

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retentionDays: number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Jobs per transaction: enough to share commits, few enough to keep locks short. */
const MAX_BATCH = 16;
/** How long a woken worker lets jobs gather before claiming: a few ms of latency for bigger batches. */
const GATHER_MS = 5;

export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private alarm = new Alarm();
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
    this.unsubscribe = this.database.onNotify(JOBS_CHANNEL, this.alarm.wake);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.alarm.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    // A full claim gives every lane a full batch: under load, bigger batches are what keeps up.
    const limit = this.options.concurrency * MAX_BATCH;
    while (this.running) {
      this.alarm.reset();
      let jobs: JobRow[] = [];
      try {
        await this.pruneNow();
        jobs = await this.queue.claim(limit, this.options.leaseMs);
        await this.processAll(jobs);
      } catch (error) {
        this.log.error({ err: error }, 'worker cycle failed; retrying');
        this.alarm.reset();
        await this.alarm.sleep(this.options.pollMs);
        continue;
      }
      if (jobs.length < limit) {
        // Drained: wait for a new job, then a moment more so that writes arriving
        // together are claimed and committed together (fewer claims and commits).
        await this.alarm.sleep(this.options.pollMs);
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
      }
    }
  }

  /** Lanes of small batches: each batch of jobs (of different orders) shares one transaction. */
  private async processAll(jobs: JobRow[]): Promise<void> {
    const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(jobs.length / this.options.concurrency)));
    const batches: JobRow[][] = [];
    for (let i = 0; i < jobs.length; i += size) batches.push(jobs.slice(i, i + size));
    let next = 0;
    const lane = async () => {
      while (next < batches.length) await this.processBatch(batches[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, batches.length) }, lane));
  }

  private async processBatch(jobs: JobRow[]): Promise<void> {
    const outcomes = await processJobs(this.database.db, jobs);
    outcomes.forEach((outcome, i) => {
      const job = jobs[i]!;
      const labels = { operation: job.operation };
      if (outcome.status === 'Failed') this.log.warn({ jobId: job.id, orderId: job.order_id, operation: job.operation, errorCode: outcome.errorCode }, 'job failed');
      if (outcome.status === 'Error') {
        this.log.error({ err: outcome.error, jobId: job.id }, 'job processing failed; it will be retried when its lease runs out');
        return;
      }
      if (outcome.status === 'Lost') return;
      if (outcome.status === 'Succeeded') this.metrics.jobsProcessed.inc(labels);
      else this.metrics.jobsFailed.inc({ ...labels, error_code: outcome.errorCode });
      this.metrics.jobLatency.observe(labels, (Date.now() - new Date(job.accepted_at).getTime()) / 1000);
    });
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.queue.prune(this.options.retentionDays);
    if (pruned > 0) this.log.info({ pruned }, 'pruned finished jobs past retention');
  }
}
