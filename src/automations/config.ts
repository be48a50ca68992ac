// Automation settings, added to Config by declaration merging so config.ts keeps
// one list of environment variables without this capability editing its interface.
import type { Config } from '../config.js';

declare module '../config.js' {
  interface Config {
    /** SMTP_URL, e.g. smtp://user:pass@mail.example.com:587; unset → .eml files in `${dataDir}/outbox/`. */
    smtpUrl?: string;
    /** SMTP_FROM, the From address of automation emails. */
    smtpFrom?: string;
    /** WEBHOOK_ALLOW_PRIVATE=true lets webhooks reach loopback, link-local and private addresses. */
    webhookAllowPrivate?: boolean;
    /** WEBHOOK_MAX_ATTEMPTS: attempts per delivery before it is failed (default 17, about a day of retries). */
    webhookMaxAttempts?: number;
    /** WEBHOOK_TIMEOUT_MS: one webhook attempt's timeout (default 10 s). */
    webhookTimeoutMs?: number;
    /** AUTOMATION_BACKOFF_MS: first retry delay; doubles per attempt, with jitter (default 30 s). */
    automationBackoffMs?: number;
  }
}

export interface AutomationSettings {
  smtpUrl: string | undefined;
  smtpFrom: string;
  dataDir: string;
  allowPrivate: boolean;
  maxAttempts: number;
  timeoutMs: number;
  backoffMs: number;
  /** Longest a claimed delivery stays ours; a crashed worker's deliveries are reclaimed after it. */
  leaseMs: number;
  pollMs: number;
}

export function automationSettings(config: Config): AutomationSettings {
  const timeoutMs = config.webhookTimeoutMs ?? 10_000;
  return {
    smtpUrl: config.smtpUrl,
    smtpFrom: config.smtpFrom ?? 'Engage Orders <no-reply@localhost>',
    dataDir: config.dataDir,
    allowPrivate: config.webhookAllowPrivate ?? false,
    maxAttempts: Math.max(1, config.webhookMaxAttempts ?? 17),
    timeoutMs,
    backoffMs: config.automationBackoffMs ?? 30_000,
    leaseMs: Math.max(config.jobLeaseMs, timeoutMs * 2),
    pollMs: config.workerPollMs,
  };
}
