// Admission control: above a backlog limit, order writes answer 503 Overloaded
// (with Retry-After) instead of growing a queue the workers cannot drain; reads
// are never refused. The backlog figure is cached: counted at most every
// REFRESH_MS (in the background, while writes arrive) and counted up locally by
// each write admitted in between, so no request pays for a count.
import { sql } from 'kysely';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/schema.js';
import { ApiError } from '../http/problem.js';

export interface AdmissionLimits {
  /** Open (pending or processing) jobs at which writes are refused; 0 = no limit. */
  maxBacklog: number;
  /** Age of the oldest open job above which writes are refused; 0 = no limit. */
  maxBacklogAgeMs: number;
}

const REFRESH_MS = 500;
/** Older than this (the service was idle), the figure is refreshed before it decides. */
const STALE_MS = 5_000;

export class Admission {
  private open = 0;
  /** Local-clock time the oldest open job was accepted; undefined when there is none. */
  private oldestAt: number | undefined;
  private refreshedAt = -Infinity;
  private refreshing: Promise<void> | undefined;
  /** Writes admitted by this process, ever: the ones admitted during a count are added to its result. */
  private admitted = 0;
  private rejected: Counter<'reason'> | undefined;

  constructor(
    private db: Db,
    private limits: AdmissionLimits,
  ) {}

  get enabled(): boolean {
    return this.limits.maxBacklog > 0 || this.limits.maxBacklogAgeMs > 0;
  }

  /** Throws ApiError('Overloaded') when the backlog is over a limit; otherwise counts the write in. */
  async admit(): Promise<void> {
    if (!this.enabled) return;
    const since = Date.now() - this.refreshedAt;
    if (since > STALE_MS) await this.refresh();
    else if (since > REFRESH_MS) void this.refresh();
    const reason = this.overLimit();
    if (reason) {
      this.rejected?.inc({ reason: reason.kind });
      throw new ApiError('Overloaded', reason.detail);
    }
    this.open++;
    this.admitted++;
    this.oldestAt ??= Date.now();
  }

  private overLimit(): { kind: 'backlog' | 'age'; detail: string } | undefined {
    const { maxBacklog, maxBacklogAgeMs } = this.limits;
    if (maxBacklog > 0 && this.open >= maxBacklog) {
      return { kind: 'backlog', detail: `${this.open} jobs are waiting to be processed (limit ${maxBacklog}); retry later` };
    }
    const age = this.oldestAt === undefined ? 0 : Date.now() - this.oldestAt;
    if (maxBacklogAgeMs > 0 && age > maxBacklogAgeMs) {
      return {
        kind: 'age',
        detail: `The oldest waiting job was accepted ${Math.round(age / 1000)} s ago (limit ${Math.round(maxBacklogAgeMs / 1000)} s); retry later`,
      };
    }
    return undefined;
  }

  /** One count at a time; a failed count keeps the last figure (the write itself will meet the outage). */
  private refresh(): Promise<void> {
    this.refreshing ??= this.count()
      .catch(() => {})
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async count(): Promise<void> {
    const started = Date.now();
    const admittedBefore = this.admitted;
    // The count stops at the limit: its cost never grows with the backlog beyond it.
    const cap = this.limits.maxBacklog > 0 ? this.limits.maxBacklog + 1 : 1;
    const { rows } = await sql<{ open: string; oldest_ms: string | null }>`
      SELECT (SELECT count(*) FROM (SELECT 1 FROM jobs WHERE finished_at IS NULL LIMIT ${cap}) AS capped) AS open,
             (SELECT extract(epoch FROM now() - accepted_at) * 1000 FROM jobs
              WHERE finished_at IS NULL ORDER BY seq LIMIT 1) AS oldest_ms`.execute(this.db);
    const row = rows[0]!;
    this.open = Number(row.open) + (this.admitted - admittedBefore);
    this.oldestAt = row.oldest_ms === null ? (this.admitted > admittedBefore ? started : undefined) : started - Number(row.oldest_ms);
    this.refreshedAt = started;
  }

  /** orders_jobs_backlog (the cached figure) and orders_writes_rejected_total. */
  register(registry: Registry): void {
    if (!this.enabled) return;
    this.rejected = new Counter({
      name: 'orders_writes_rejected_total',
      help: 'Order writes refused with 503 Overloaded, by limit',
      labelNames: ['reason'],
      registers: [registry],
    });
    // prom-client calls collect() with the gauge as `this`: the figure comes in through a closure.
    const openJobs = () => this.open;
    new Gauge({
      name: 'orders_jobs_backlog',
      help: 'Open jobs as admission control sees them (cached)',
      registers: [registry],
      aggregator: 'max',
      collect() {
        this.set(openJobs());
      },
    });
  }
}
