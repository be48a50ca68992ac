// One delivery attempt: gather the order as of the action's versionTag and the
// contact, send the step, and decide what happens next (done, skipped, retry, failed).
import type { Db } from '../db/schema.js';
import type { AutomationSettings } from './config.js';
import { type DeliveryFacts, loadContext, templateAction, webhookPayload } from './context.js';
import type { Mailer } from './mailer.js';
import type { AttemptRecord, ClaimedDelivery } from './runs.js';
import { pickTemplate, renderEmail } from './templates.js';
import { sendWebhook } from './webhook.js';

type Outcome =
  | { kind: 'delivered'; target?: string; statusCode?: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; error: string; permanent: boolean; statusCode?: number; target?: string };

// With the default 17 attempts from 30 s, retries span about a day (16–32 h with jitter):
// a receiver down overnight still gets its deliveries.
const MAX_BACKOFF_MS = 4 * 60 * 60 * 1000;

/** Exponential backoff with jitter: base·2^(attempt−1), capped at four hours, then scaled by a random 50–100 %. */
export function backoffMs(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() * 0.5));
}

async function attempt(db: Db, delivery: ClaimedDelivery, settings: AutomationSettings, mailer: Mailer): Promise<Outcome> {
  const { order, contact } = await loadContext(db, { orderId: delivery.order_id, versionTag: delivery.version_tag, contactId: delivery.contact_id });
  if (!order) return { kind: 'skipped', reason: `order ${delivery.order_id} at versionTag ${delivery.version_tag} is no longer stored` };
  const facts: DeliveryFacts = {
    eventId: delivery.id,
    actionId: delivery.action_event_id,
    automationId: delivery.automation_id,
    action: delivery.action,
    orderId: delivery.order_id,
    versionTag: delivery.version_tag,
    contactId: delivery.contact_id,
    data: delivery.data,
    language: delivery.language,
    occurredAt: new Date(delivery.occurred_at).toISOString(),
  };
  const action = templateAction(facts);
  const step = delivery.step;
  if (step.type === 'webhook') {
    const payload = webhookPayload(facts, order);
    const result = await sendWebhook(step.url, step.secret, delivery.id, payload, { allowPrivate: settings.allowPrivate, timeoutMs: settings.timeoutMs });
    if (result.ok) return { kind: 'delivered', statusCode: result.statusCode };
    return { kind: 'error', error: result.error, permanent: result.permanent ?? false, statusCode: result.statusCode };
  }
  if (!contact) return { kind: 'skipped', reason: `contact ${delivery.contact_id ?? '(none)'} no longer exists` };
  const to = typeof contact.email === 'string' ? contact.email.trim() : '';
  if (!to) return { kind: 'skipped', reason: `contact ${contact.id} has no email address` };
  let content;
  try {
    content = await renderEmail(pickTemplate(step, delivery.language).content, { order, contact, action });
  } catch (error) {
    // A broken or hostile template fails its own delivery, never the service; retrying will not help.
    return { kind: 'error', error: `template error: ${String((error as Error).message ?? error).split('\n')[0]}`, permanent: true, target: to };
  }
  try {
    const sent = await mailer.send({ eventId: delivery.id, from: settings.smtpFrom, to, ...content });
    return { kind: 'delivered', target: `${to} via ${sent.where}` };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    return { kind: 'error', error: `email to ${to} failed: ${(error as Error).message}`, permanent: code !== undefined && code >= 500, target: to };
  }
}

/** Runs one attempt and turns its outcome into what to record. Never throws for a delivery's own failure. */
export async function deliver(db: Db, delivery: ClaimedDelivery, settings: AutomationSettings, mailer: Mailer): Promise<AttemptRecord> {
  const startedAt = new Date();
  let outcome: Outcome;
  try {
    outcome = await attempt(db, delivery, settings, mailer);
  } catch (error) {
    outcome = { kind: 'error', error: `unexpected: ${(error as Error).message}`, permanent: false };
  }
  const durationMs = Date.now() - startedAt.getTime();
  if (outcome.kind === 'delivered')
    return { outcome: 'Delivered', status: 'Delivered', target: outcome.target, statusCode: outcome.statusCode, startedAt, durationMs };
  if (outcome.kind === 'skipped') return { outcome: 'Skipped', status: 'Skipped', error: outcome.reason, startedAt, durationMs };
  const retry = !outcome.permanent && delivery.attempts < settings.maxAttempts;
  return {
    outcome: 'Error',
    status: retry ? 'Pending' : 'Failed',
    error: retry || outcome.permanent ? outcome.error : `${outcome.error} (gave up after ${delivery.attempts} attempts)`,
    statusCode: outcome.statusCode,
    target: outcome.target,
    startedAt,
    durationMs,
    retryInMs: retry ? backoffMs(settings.backoffMs, delivery.attempts) : undefined,
  };
}
