// Preview and test send: an automation's steps rendered against a chosen order with
// exactly what a delivery would use (the order's current version, its contact, the
// action), without recording a run or a delivery and without touching the order.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/schema.js';
import type { FieldError } from '../domain/errors.js';
import type { AutomationSettings } from './config.js';
import { type DeliveryFacts, loadContext, templateAction, webhookPayload } from './context.js';
import { createMailer, testSendPrefix } from './mailer.js';
import { type Step, stepErrors } from './steps.js';
import { getAutomation } from './store.js';
import { type EmailContent, pickTemplate, renderEmailChecked } from './templates.js';

export interface PreviewInput {
  automationId?: string;
  /** Unsaved steps (the editor's draft); without them, the saved automation's. */
  steps?: unknown[];
  orderId: string;
  action?: string;
  language?: string;
  data?: Record<string, unknown>;
}

export type StepPreview =
  | (EmailContent & { stepIndex: number; type: 'email'; to: string | null; template: string; skipped: string | null })
  | { stepIndex: number; type: 'webhook'; url: string; body: Record<string, unknown> };

export interface Preview {
  orderId: string;
  versionTag: string;
  contactId: string | null;
  action: string;
  language: string | null;
  steps: StepPreview[];
}

export type Failure = {
  ok: false;
  code: 'OrderNotFound' | 'AutomationNotFound' | 'InvalidAutomation' | 'TemplateRenderFailed' | 'TestSendFailed';
  detail: string;
  errors?: FieldError[];
};

async function stepsToRender(db: Db, input: PreviewInput): Promise<{ ok: true; steps: Step[]; trigger?: string } | Failure> {
  const automation = input.automationId ? await getAutomation(db, input.automationId) : undefined;
  if (input.automationId && !automation) return { ok: false, code: 'AutomationNotFound', detail: `Automation ${input.automationId} does not exist` };
  if (input.steps) {
    // The signing secret plays no part in what is rendered; a draft may leave it empty.
    const errors = stepErrors(input.steps).filter((error) => !error.path.endsWith('.secret'));
    if (errors.length) return { ok: false, code: 'InvalidAutomation', detail: 'The steps are not valid', errors };
    return { ok: true, steps: input.steps as Step[], trigger: automation?.trigger.action };
  }
  if (!automation)
    return { ok: false, code: 'InvalidAutomation', detail: 'Give automationId or steps', errors: [{ path: 'automationId', message: 'or steps is required' }] };
  return { ok: true, steps: automation.steps, trigger: automation.trigger.action };
}

export async function previewAutomation(db: Db, input: PreviewInput): Promise<({ ok: true } & Preview) | Failure> {
  const resolved = await stepsToRender(db, input);
  if (!resolved.ok) return resolved;
  const row = await db.selectFrom('orders').select(['order_id', 'version_tag', 'contact_id']).where('order_id', '=', input.orderId).executeTakeFirst();
  if (!row) return { ok: false, code: 'OrderNotFound', detail: `Order ${input.orderId} does not exist` };
  const { order, contact } = await loadContext(db, { orderId: row.order_id, versionTag: row.version_tag, contactId: row.contact_id });
  if (!order) return { ok: false, code: 'OrderNotFound', detail: `Order ${input.orderId} has no stored version ${row.version_tag}` };
  const facts: DeliveryFacts = {
    eventId: 'preview',
    actionId: 'preview',
    automationId: input.automationId ?? 'preview',
    action: input.action ?? resolved.trigger ?? 'Preview',
    orderId: row.order_id,
    versionTag: row.version_tag,
    contactId: row.contact_id,
    data: input.data ?? {},
    language: input.language ?? null,
    occurredAt: new Date().toISOString(),
  };
  const data = { order, contact, action: templateAction(facts) };
  const email = typeof contact?.email === 'string' ? contact.email.trim() : '';
  // The same reasons a delivery would give for skipping the email.
  const skipped = !contact
    ? `contact ${row.contact_id ?? '(none)'} does not exist: the email would be skipped`
    : email
      ? null
      : `contact ${contact.id} has no email address: the email would be skipped`;
  const steps: StepPreview[] = [];
  const errors: FieldError[] = [];
  for (const [stepIndex, step] of resolved.steps.entries()) {
    if (step.type === 'webhook') {
      steps.push({ stepIndex, type: 'webhook', url: step.url, body: webhookPayload(facts, order) });
      continue;
    }
    const picked = pickTemplate(step, facts.language);
    const path = picked.language ? `steps[${stepIndex}].templates.${picked.language}` : `steps[${stepIndex}]`;
    const rendered = await renderEmailChecked(picked.content, data, path);
    if (!rendered.ok) errors.push(...rendered.errors);
    else steps.push({ stepIndex, type: 'email', to: email || null, template: picked.language ?? 'default', skipped, ...rendered.content });
  }
  if (errors.length) return { ok: false, code: 'TemplateRenderFailed', detail: `A template failed to render against order ${row.order_id}`, errors };
  return { ok: true, orderId: row.order_id, versionTag: row.version_tag, contactId: row.contact_id, action: facts.action, language: facts.language, steps };
}

export interface TestSent {
  to: string;
  orderId: string;
  sent: { stepIndex: number; subject: string; messageId: string; where: string }[];
}

/** Sends the email steps, rendered as in the preview, to `to` instead of the contact. Nothing is recorded. */
export async function testSend(db: Db, settings: AutomationSettings, input: PreviewInput & { to: string }): Promise<({ ok: true } & TestSent) | Failure> {
  const preview = await previewAutomation(db, input);
  if (!preview.ok) return preview;
  const emails = preview.steps.filter((step) => step.type === 'email');
  if (emails.length === 0)
    return {
      ok: false,
      code: 'InvalidAutomation',
      detail: 'The automation has no email step to send',
      errors: [{ path: 'steps', message: 'has no email step' }],
    };
  const mailer = createMailer({ smtpUrl: settings.smtpUrl, dataDir: settings.dataDir, timeoutMs: settings.timeoutMs });
  const sent: TestSent['sent'] = [];
  try {
    for (const step of emails) {
      // Named after the contact whose data it shows, so that erasing the contact finds it in the outbox.
      const eventId = `${testSendPrefix(preview.contactId)}${randomUUID()}`;
      try {
        const { where } = await mailer.send({ eventId, from: settings.smtpFrom, to: input.to, subject: step.subject, text: step.text, html: step.html });
        sent.push({ stepIndex: step.stepIndex, subject: step.subject, messageId: `<${eventId}@engage-orders>`, where });
      } catch (error) {
        const done = sent.length ? ` (${sent.length} earlier step(s) were sent)` : '';
        return { ok: false, code: 'TestSendFailed', detail: `Sending step ${step.stepIndex + 1} to ${input.to} failed: ${(error as Error).message}${done}` };
      }
    }
  } finally {
    mailer.close();
  }
  return { ok: true, to: input.to, orderId: preview.orderId, sent };
}
