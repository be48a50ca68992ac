// The job worker: claims runnable jobs in batches, applies them with bounded
// concurrency, and claims again at once while claims return work (finishing a
// job can make its order's next job runnable). It sleeps only after an empty
// claim, until woken by a new job (NOTIFY), a due retry, or the poll timer.
// On stop it takes no new work and finishes what it holds.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { Metrics } from '../metrics.js';
import { Alarm } from './alarm.js';
import type { JobOutcome } from './finish.js';
import { JOBS_CHANNEL, type JobQueue, type JobRow } from './queue.js';

/** Applies a batch of claimed jobs (an order's jobs in acceptance order) and says how each ended. */
export type ApplyJobs = (jobs: JobRow[]) => Promise<JobOutcome[]>;

export interface WorkerOptions {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retentionDays: number;
  /** First retry delay after processing threw; doubles per attempt. */
  retryBackoffMs?: number;
  /** Jobs of one order a claim may take at once (a busy order's run); by default 16, 4 on the embedded database. */
  perOrder?: number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Orders per transaction: enough to share statements and commits, few enough to keep locks short. */
const MAX_BATCH = 16;
/** How long a woken worker lets jobs gather before claiming: a few ms of latency for bigger batches. */
const GATHER_MS = 5;
const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;

/** base·2^(attempt−1), capped at five minutes: an outage is ridden out without hammering the database. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

/** A PostgreSQL SQLSTATE (e.g. 57P01) when the database raised it, else InternalError. */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : 'InternalError';
}

export class Worker {
  private running = false;
  private loop: Promise<void> | undefined;
  private alarm = new Alarm();
  private unsubscribe: (() => void) | undefined;
  private lastPrune = 0;
  private retryTimers = new Set<NodeJS.Timeout>();

  constructor(
    private database: Database,
    private queue: JobQueue,
    private apply: ApplyJobs,
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
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.alarm.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    await this.recoverAbandoned();
    // A full claim gives every lane a full batch: under load, bigger batches are what keeps up.
    const limit = this.options.concurrency * MAX_BATCH;
    // On the embedded database a transaction holds the only connection: shorter runs keep requests flowing.
    const perOrder = this.options.perOrder ?? (this.database.kind === 'embedded' ? 4 : 16);
    while (this.running) {
      this.alarm.reset();
      let claimed: number;
      try {
        await this.pruneNow();
        const jobs = await this.queue.claim(limit, this.options.leaseMs, perOrder);
        claimed = jobs.length;
        await this.processAll(jobs);
      } catch (error) {
        this.log.error({ err: error }, 'worker cycle failed; retrying');
        this.alarm.reset();
        await this.alarm.sleep(this.options.pollMs);
        continue;
      }
      if (claimed > 0) {
        // The jobs just finished may have made their orders' next jobs runnable: claim again,
        // after letting the event loop serve what is waiting (on the embedded database all
        // processing runs on this thread).
        await nextTurn();
        continue;
      }
      // Drained: wait for a new job, then a moment more so that writes arriving
      // together are claimed and committed together (fewer claims and commits).
      await this.alarm.sleep(this.options.pollMs);
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    }
  }

  /**
   * On the embedded database the data-directory lock proves this process is the
   * only one: jobs left Processing were held by a process that crashed, so they
   * are re-queued now instead of after their lease.
   */
  private async recoverAbandoned(): Promise<void> {
    if (this.database.kind !== 'embedded') return;
    try {
      const recovered = await this.queue.requeueAbandoned();
      if (recovered > 0) this.log.warn({ recovered }, 'jobs left Processing by a previous run were re-queued');
    } catch (error) {
      this.log.error({ err: error }, 're-queueing abandoned jobs failed; they are claimed again when their lease runs out');
    }
  }

  /** Lanes of small batches: each batch of orders shares one transaction; an order's run stays in one batch, in order. */
  private async processAll(jobs: JobRow[]): Promise<void> {
    const runs = new Map<string, JobRow[]>();
    for (const job of jobs) {
      const run = runs.get(job.order_id);
      if (run) run.push(job);
      else runs.set(job.order_id, [job]);
    }
    const ordersPerBatch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(runs.size / this.options.concurrency)));
    const batches: JobRow[][] = [];
    let orders = 0;
    for (const run of runs.values()) {
      if (orders++ % ordersPerBatch === 0) batches.push([]);
      batches.at(-1)!.push(...run);
    }
    let next = 0;
    const lane = async () => {
      while (next < batches.length) {
        await this.processBatch(batches[next++]!);
        if (next < batches.length) await nextTurn(); // let requests in between batches
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, batches.length) }, lane));
  }

  private async processBatch(jobs: JobRow[]): Promise<void> {
    const outcomes = await this.apply(jobs);
    await this.release(jobs.filter((_, i) => outcomes[i]!.status === 'Released'));
    for (const [i, outcome] of outcomes.entries()) {
      const job = jobs[i]!;
      const labels = { operation: job.operation };
      if (outcome.status === 'Failed')
        this.log.warn({ jobId: job.id, orderId: job.order_id, operation: job.operation, errorCode: outcome.errorCode }, 'job failed');
      if (outcome.status === 'Error') {
        await this.retryLater(job, outcome.error);
        continue;
      }
      if (outcome.status === 'Lost' || outcome.status === 'Released') continue;
      if (outcome.status === 'Succeeded') this.metrics.jobsProcessed.inc(labels);
      else this.metrics.jobsFailed.inc({ ...labels, error_code: outcome.errorCode });
      this.metrics.jobLatency.observe(labels, (Date.now() - new Date(job.accepted_at).getTime()) / 1000);
    }
  }

  /** Jobs held back behind one of their order that did not apply: claimable again at once, after it. */
  private async release(jobs: JobRow[]): Promise<void> {
    try {
      await this.queue.release(jobs);
    } catch (error) {
      this.log.error({ err: error, jobs: jobs.length }, 'could not release held-back jobs; they are claimed again when their lease runs out');
    }
  }

  /** Processing threw (a bug or an outage): back to Pending with a growing delay, and a wake-up when it is due. */
  private async retryLater(job: JobRow, error: unknown): Promise<void> {
    const delayMs = retryDelayMs(this.options.retryBackoffMs ?? 1000, job.attempts);
    const errorCode = errorCodeOf(error);
    this.log.error({ err: error, jobId: job.id, attempts: job.attempts, retryInMs: delayMs, errorCode }, 'job processing failed; it will be retried');
    try {
      if (!(await this.queue.retryLater(job, delayMs, errorCode))) return; // another worker owns it now
    } catch (retryError) {
      this.log.error({ err: retryError, jobId: job.id }, 'could not schedule the retry; the job is claimed again when its lease runs out');
      return;
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.alarm.wake();
    }, delayMs);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    const pruned = await this.queue.prune(this.options.retentionDays);
    if (pruned > 0) this.log.info({ pruned }, 'pruned finished jobs past retention');
  }
}
