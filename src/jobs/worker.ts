// The job worker: claims runnable jobs in batches and applies them in up to
// WORKER_CONCURRENCY lanes, each batch in one transaction. It claims again as
// soon as a lane is free and while claims return work (finishing a job can make
// its order's next job runnable). It sleeps only after an empty claim, until
// woken by a new job (NOTIFY), a lane finishing, a due retry, or the poll timer.
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
/**
 * Orders a batch takes before another lane gets some: a claim of a few orders is
 * not spread thinly over every free lane, since every transaction has costs of
 * its own (its statements, begin and commit) whatever the number of orders in it.
 */
const MIN_BATCH = 8;
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
    // On the embedded database a transaction holds the only connection: shorter runs keep requests flowing.
    const perOrder = this.options.perOrder ?? (this.database.kind === 'embedded' ? 4 : 16);
    // Batches being applied, one per lane. A lane that finishes is refilled at once, while the
    // others still work: a job waits for one batch to end, not for a whole claim's worth of them.
    const lanes = new Set<Promise<void>>();
    while (this.running) {
      this.alarm.reset();
      const free = this.options.concurrency - lanes.size;
      if (free === 0) {
        await Promise.race(lanes);
        continue;
      }
      let jobs: JobRow[];
      try {
        await this.pruneNow();
        jobs = await this.queue.claim(free * MAX_BATCH, this.options.leaseMs, perOrder);
      } catch (error) {
        this.log.error({ err: error }, 'worker cycle failed; retrying');
        this.alarm.reset();
        await this.alarm.sleep(this.options.pollMs);
        continue;
      }
      if (jobs.length > 0) {
        for (const batch of batchesOf(jobs, free)) {
          const lane: Promise<void> = this.processBatch(batch)
            .catch((error: unknown) =>
              this.log.error({ err: error, jobs: batch.length }, 'applying a batch failed; its jobs are claimed again when their lease runs out'),
            )
            .finally(() => {
              lanes.delete(lane);
              this.alarm.wake(); // its orders' next jobs may be runnable now
            });
          lanes.add(lane);
        }
        // Let the event loop serve what is waiting before claiming again (on the embedded
        // database all processing runs on this thread).
        await nextTurn();
        continue;
      }
      // Nothing runnable now: wait for a new job, a lane to finish or a due retry. From idle,
      // wait a moment more so that writes arriving together are claimed and committed together.
      const idle = lanes.size === 0;
      await this.alarm.sleep(this.options.pollMs);
      if (idle) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
    }
    await Promise.allSettled(lanes);
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

/**
 * Splits claimed jobs into at most `lanes` batches of MIN_BATCH to MAX_BATCH
 * orders (the last may have fewer). Each batch shares one transaction; an
 * order's run stays in one batch, in order.
 */
function batchesOf(jobs: JobRow[], lanes: number): JobRow[][] {
  const runs = new Map<string, JobRow[]>();
  for (const job of jobs) {
    const run = runs.get(job.order_id);
    if (run) run.push(job);
    else runs.set(job.order_id, [job]);
  }
  const ordersPerBatch = Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(runs.size / lanes)));
  const batches: JobRow[][] = [];
  let orders = 0;
  for (const run of runs.values()) {
    if (orders++ % ordersPerBatch === 0) batches.push([]);
    batches.at(-1)!.push(...run);
  }
  return batches;
}
