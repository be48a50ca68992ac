// The delivery loop: a background task separate from the job worker, so order
// processing never waits on an SMTP server or a slow webhook. Claims are one
// short statement each; no transaction is open while a message is sent.
import type { BackgroundTask } from '../app/capability.js';
import { Alarm } from '../jobs/alarm.js';
import type { AppContext, Log } from '../app/capability.js';
import { type AutomationSettings, automationSettings } from './config.js';
import { deliver } from './deliver.js';
import { type Mailer, createMailer } from './mailer.js';
import { DEFAULT_AUTOMATION_RETENTION_DAYS, PRUNE_RUNS_EVERY_MS, pruneRuns } from './retention.js';
import { AUTOMATIONS_CHANNEL, type ClaimedDelivery, claimDeliveries, nextDueAt, recordAttempt } from './runs.js';

export class DeliveryTask implements BackgroundTask {
  private running = false;
  private loop: Promise<void> | undefined;
  private alarm = new Alarm();
  private unsubscribe: (() => void) | undefined;
  private settings: AutomationSettings;
  private mailer: Mailer;
  private readonly poke = this.alarm.wake;
  private lastPrune = 0;

  constructor(
    private ctx: AppContext,
    private log: Log,
    private batchSize = 8,
  ) {
    this.settings = automationSettings(ctx.config);
    this.mailer = createMailer({ smtpUrl: this.settings.smtpUrl, dataDir: this.settings.dataDir, timeoutMs: this.settings.timeoutMs });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.ctx.database.onNotify(AUTOMATIONS_CHANNEL, this.poke);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.poke();
    await this.loop; // sends in flight finish (each bounded by the timeout)
    this.mailer.close();
  }

  /** Keeps up to batchSize deliveries in flight, so one slow receiver does not hold up the others. */
  private async run(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      this.alarm.reset();
      await this.pruneWhenDue();
      const free = this.batchSize - inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await claimDeliveries(this.ctx.db, free, this.settings.leaseMs);
        } catch (error) {
          this.log.error({ err: error }, 'claiming automation deliveries failed; retrying');
          this.alarm.reset();
          await this.alarm.sleep(this.settings.pollMs);
          continue;
        }
      }
      for (const delivery of claimed) {
        const sending: Promise<void> = this.deliverOne(delivery)
          .catch((error) =>
            this.log.error({ err: error, eventId: delivery.id }, 'recording an automation delivery failed; its lease will expire and it is retried'),
          )
          .finally(() => {
            inFlight.delete(sending);
            this.poke(); // capacity is free again
          });
        inFlight.add(sending);
      }
      if (claimed.length === 0 && this.running) await this.alarm.sleep(free > 0 ? await this.idleMs() : this.settings.pollMs);
    }
    await Promise.all(inFlight);
  }

  private async deliverOne(delivery: ClaimedDelivery): Promise<void> {
    const record = await deliver(this.ctx.db, delivery, this.settings, this.mailer);
    await recordAttempt(this.ctx.db, delivery, record);
    this.ctx.metrics.observeDelivery(delivery.step.type, record.status, record.durationMs);
    if (record.status === 'Failed')
      this.log.warn({ eventId: delivery.id, orderId: delivery.order_id, error: record.error }, 'automation delivery failed for good');
  }

  /** Retention: at start, then hourly. A failed prune is logged and tried again next time. */
  private async pruneWhenDue(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_RUNS_EVERY_MS) return;
    this.lastPrune = Date.now();
    try {
      const pruned = await pruneRuns(this.ctx.db, this.ctx.config.automationRetentionDays ?? DEFAULT_AUTOMATION_RETENTION_DAYS);
      if (pruned > 0) this.log.info({ pruned }, 'pruned finished automation runs past retention');
    } catch (error) {
      this.log.error({ err: error }, 'pruning automation runs failed; trying again in an hour');
    }
  }

  /** Until the next retry falls due, but never longer than the poll interval (other processes may add work). */
  private async idleMs(): Promise<number> {
    const due = await nextDueAt(this.ctx.db).catch(() => null);
    const untilDue = due ? new Date(due).getTime() - Date.now() : Infinity;
    return Math.max(5, Math.min(this.settings.pollMs, untilDue));
  }
}
