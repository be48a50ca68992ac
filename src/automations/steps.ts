// Step definitions and their validation when an automation is
// saved: structure, liquid templates and webhook URLs, all errors at once.
import { Type } from 'typebox';
import type { FieldError } from '../domain/errors.js';
import type { SemanticCheck } from '../app/capability.js';
import { type EmailStep, emailStepErrors, isObject } from './templates.js';

export interface WebhookStep {
  type: 'webhook';
  url: string;
  secret: string;
}

export type Step = EmailStep | WebhookStep;

export function stepErrors(steps: unknown): FieldError[] {
  if (!Array.isArray(steps)) return [];
  const errors: FieldError[] = [];
  steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    if (!isObject(step)) return; // the schema reports it
    if (step.type === 'email') errors.push(...emailStepErrors(step, path));
    else if (step.type === 'webhook') errors.push(...webhookStepErrors(step, path));
  });
  return errors;
}

function webhookStepErrors(step: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let url: URL | undefined;
  try {
    url = typeof step.url === 'string' ? new URL(step.url) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) errors.push({ path: `${path}.url`, message: 'must be an absolute http or https URL' });
  else if (url.username || url.password) errors.push({ path: `${path}.url`, message: 'must not carry credentials; the secret signs each request' });
  if (typeof step.secret !== 'string' || step.secret.length === 0) errors.push({ path: `${path}.secret`, message: 'is required' });
  return errors;
}

export const automationStepsCheck: SemanticCheck = (data) => (isObject(data) ? stepErrors(data.steps) : []);

const Content = {
  subject: Type.Optional(Type.String({ description: 'email: liquid template of the subject' })),
  text: Type.Optional(Type.String({ description: 'email: liquid template of the plain-text body' })),
  html: Type.Optional(Type.String({ description: 'email: liquid template of the HTML body' })),
};

export const StepSchema = Type.Object(
  {
    type: Type.String({ enum: ['email', 'webhook'] }),
    ...Content,
    templates: Type.Optional(
      Type.Record(Type.String(), Type.Object(Content), { description: 'email: per language ("sv-SE", then "sv", then the default above)' }),
    ),
    url: Type.Optional(Type.String({ description: 'webhook: http(s) URL receiving a signed JSON POST' })),
    secret: Type.Optional(Type.String({ description: 'webhook: HMAC-SHA256 key; write-only, never returned' })),
  },
  { description: 'email { subject, text?, html?, templates? } or webhook { url, secret }' },
);

export const AutomationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    trigger: Type.Object({ action: Type.String({ minLength: 1, maxLength: 100, description: 'Action name, matched case-insensitively' }) }),
    steps: Type.Array(StepSchema, { minItems: 1, maxItems: 20 }),
  },
  { 'x-semantic': 'automationSteps' },
);
