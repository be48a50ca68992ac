// Automations API. Definitions are admin-only, reads included
// (they hold webhook URLs and templates); the runs list is readable with a read
// key, so support and integrations can see whether the confirmation went out.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { PagingQuery, page } from '../http/paging.js';
import { ApiError } from '../http/problem.js';
import { DateTime, NoContent, Nullable, PageOf, answers, asAnswer, open } from '../http/schemas.js';
import { redriveDelivery, redriveFailed } from './redrive.js';
import { type RunStatus, listRuns, presentDelivery, withCursor } from './runs-query.js';
import { automationSettings } from './config.js';
import { type Failure, type PreviewInput, previewAutomation, testSend } from './preview.js';
import { AutomationBody, StepSchema } from './steps.js';
import { type AutomationInput, createAutomation, deleteAutomation, getAutomation, listAutomations, updateAutomation } from './store.js';

const tags = ['Automations'];
const admin = { scope: 'admin' as const, invalidCode: 'InvalidAutomation' as const };
const IdParams = Type.Object({ id: Type.String() });
const DeliveryAnswer = Type.Object({
  eventId: Type.String(),
  stepIndex: Type.Integer(),
  type: Type.String(),
  target: Nullable(Type.String()),
  status: Type.String({ enum: ['Pending', 'Delivering', 'Delivered', 'Skipped', 'Failed'] }),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  attemptLog: Type.Array(Type.Object({}, { additionalProperties: true })),
});
const AutomationAnswer = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    trigger: Type.Object({ action: Type.String() }, open),
    steps: Type.Array(Type.Object({ type: Type.String() }, { ...open, description: 'As sent; a webhook step shows its url, never its secret' })),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { ...open, title: 'Automation' },
);
const Run = Type.Object(
  {
    runId: Type.String(),
    status: Type.String({ enum: ['Pending', 'Succeeded', 'Failed'] }),
    automationId: Type.String(),
    automationName: Type.String(),
    actionId: Type.String(),
    action: Type.String(),
    orderId: Type.String(),
    versionTag: Type.String(),
    contactId: Nullable(Type.String()),
    language: Nullable(Type.String()),
    occurredAt: DateTime,
    createdAt: DateTime,
    deliveries: Type.Array(DeliveryAnswer),
  },
  open,
);
const RunPage = Type.Object(
  { ...PageOf(Run).properties, totalCountCapped: Type.Optional(Type.Boolean({ description: 'totalCount stopped counting at its cap' })) },
  { ...open, title: 'AutomationRunPage' },
);
const RedriveBody = Type.Object(
  {
    automationId: Type.Optional(Type.String({ format: 'uuid' })),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Deliveries that failed at or after this time' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'Deliveries that failed before this time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1000 })),
  },
  { additionalProperties: false },
);

const PreviewFields = {
  orderId: Type.String({ minLength: 1, maxLength: 200, description: 'The order to render against, at its current version' }),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "action.name in templates; default the automation's trigger" })),
  language: Type.Optional(Type.String({ maxLength: 35, description: 'Picks the language template as a triggered action would' })),
  data: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'action.data in templates' })),
  steps: Type.Optional(Type.Array(StepSchema, { minItems: 1, maxItems: 20, description: 'Unsaved steps to render (an editor draft); default the saved ones' })),
};
const PreviewBody = Type.Object({
  automationId: Type.Optional(Type.String({ description: 'Render this saved automation (or give steps)' })),
  ...PreviewFields,
});
const TestSendBody = Type.Object({
  ...PreviewFields,
  to: Type.String({ format: 'email', maxLength: 320, description: "Where the test goes, instead of the contact's address" }),
});
const PreviewAnswer = Type.Object(
  {
    orderId: Type.String(),
    versionTag: Type.String(),
    contactId: Nullable(Type.String()),
    action: Type.String(),
    language: Nullable(Type.String()),
    steps: Type.Array(
      Type.Object(
        {
          stepIndex: Type.Integer(),
          type: Type.String({ enum: ['email', 'webhook'] }),
          to: Type.Optional(Nullable(Type.String(), { description: "email: the contact's address" })),
          template: Type.Optional(Type.String({ description: 'email: the language template used, or "default"' })),
          skipped: Type.Optional(Nullable(Type.String(), { description: 'email: why a delivery would skip it' })),
          subject: Type.Optional(Type.String()),
          text: Type.Optional(Type.String()),
          html: Type.Optional(Type.String()),
          url: Type.Optional(Type.String({ description: 'webhook: the receiver' })),
          body: Type.Optional(Type.Object({}, { ...open, description: 'webhook: the JSON body it would post (eventId and actionId read "preview")' })),
        },
        open,
      ),
    ),
  },
  open,
);
const TestSendAnswer = Type.Object(
  {
    to: Type.String(),
    orderId: Type.String(),
    sent: Type.Array(Type.Object({ stepIndex: Type.Integer(), subject: Type.String(), messageId: Type.String(), where: Type.String() }, open)),
  },
  open,
);

function failed(failure: Failure): ApiError {
  return new ApiError(failure.code, failure.detail, failure.errors ?? []);
}

function notFound(id: string): ApiError {
  return new ApiError('AutomationNotFound', `Automation ${id} does not exist`);
}

export async function automationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v3/automations',
    {
      config: admin,
      schema: { tags, summary: 'Create an automation run when an action is accepted', body: AutomationBody, response: answers({ 201: AutomationAnswer }) },
    },
    async (request, reply) => {
      const automation = await createAutomation(ctx.db, request.body as AutomationInput);
      return reply.code(201).header('location', `/api/v3/automations/${automation.id}`).send(automation);
    },
  );

  app.get(
    '/api/v3/automations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'List automations, newest first',
        querystring: Type.Object({ ...PagingQuery }),
        response: answers({ 200: PageOf(AutomationAnswer) }),
      },
    },
    async (request) => {
      const { offset = 0, count = 10 } = request.query;
      const result = await listAutomations(ctx.db, offset, count);
      return page(request.url, result.items, result.totalCount, offset, count);
    },
  );

  app.get(
    '/api/v3/automations/runs',
    {
      schema: {
        tags,
        summary: 'Runs (an action event matched to an automation) with their deliveries and attempts, newest first',
        querystring: Type.Object({
          orderId: Type.Optional(Type.String()),
          action: Type.Optional(Type.String()),
          status: Type.Optional(Type.String({ enum: ['Pending', 'Succeeded', 'Failed'] })),
          after: Type.Optional(Type.String({ maxLength: 200, description: 'Keyset cursor from a next link: the page starts after that run' })),
          ...PagingQuery,
        }),
        response: answers({ 200: RunPage }),
      },
    },
    async (request) => {
      const { orderId, action, status, after, offset = 0, count = 10 } = request.query;
      const fullTargets = request.apiKey?.scope === 'admin'; // others see webhook URLs without path or query
      const result = await listRuns(ctx.db, { orderId, action, status: status as RunStatus | undefined }, offset, count, after, { fullTargets });
      return asAnswer(RunPage, withCursor(page(request.url, result.items, result.totalCount, offset, count), result, request.url));
    },
  );

  app.post(
    '/api/v3/automations/deliveries/:eventId/retry',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Re-drive a failed delivery: queued again at once with a fresh set of attempts and the same eventId',
        params: Type.Object({ eventId: Type.String() }),
        response: answers({ 202: DeliveryAnswer }),
      },
    },
    async (request, reply) => {
      const result = await redriveDelivery(ctx.database, request.params.eventId);
      if (result === 'missing') throw new ApiError('DeliveryNotFound', `Delivery ${request.params.eventId} does not exist`);
      if (result === 'notFailed') throw new ApiError('DeliveryNotFailed', `Delivery ${request.params.eventId} has not failed`);
      return reply.code(202).send(presentDelivery(result.row));
    },
  );

  app.post(
    '/api/v3/automations/deliveries/retry',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        summary: 'Re-drive failed deliveries in bulk (optionally of one automation, failed in a time window), oldest failure first',
        body: RedriveBody,
        response: answers({ 202: Type.Object({ redriven: Type.Integer(), eventIds: Type.Array(Type.String()) }) }),
      },
    },
    async (request, reply) => {
      const { automationId, since, until, limit = 1000 } = request.body ?? {};
      if (since && until && Date.parse(since) > Date.parse(until))
        throw new ApiError('InvalidRequest', 'until is before since', [{ path: 'until', message: 'must not be before since' }]);
      const eventIds = await redriveFailed(ctx.database, { automationId, since, until, limit });
      return reply.code(202).send({ redriven: eventIds.length, eventIds });
    },
  );

  app.post(
    '/api/v3/automations/preview',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Render steps against an order exactly as a delivery would (email subject and bodies, webhook body); nothing is sent or recorded',
        body: PreviewBody,
        response: answers({ 200: PreviewAnswer }),
      },
    },
    async (request) => {
      const result = await previewAutomation(ctx.db, request.body as PreviewInput);
      if (!result.ok) throw failed(result);
      const { ok: _ok, ...preview } = result;
      return preview;
    },
  );

  app.post(
    '/api/v3/automations/:id/test-send',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Send the email steps, rendered against an order, to one address through the configured mail server; no run or delivery is recorded and the order is untouched',
        params: IdParams,
        body: TestSendBody,
        response: answers({ 200: TestSendAnswer }),
      },
    },
    async (request) => {
      const settings = automationSettings(ctx.config);
      const result = await testSend(ctx.db, settings, { ...(request.body as PreviewInput & { to: string }), automationId: request.params.id });
      if (!result.ok) throw failed(result);
      const { ok: _ok, ...sent } = result;
      return sent;
    },
  );

  app.get(
    '/api/v3/automations/:id',
    {
      config: admin,
      schema: { tags, summary: 'Get an automation (webhook secrets are never returned)', params: IdParams, response: answers({ 200: AutomationAnswer }) },
    },
    async (request) => {
      const automation = await getAutomation(ctx.db, request.params.id);
      if (!automation) throw notFound(request.params.id);
      return automation;
    },
  );

  app.put(
    '/api/v3/automations/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Replace an automation; deliveries already queued keep the steps they were queued with',
        params: IdParams,
        body: AutomationBody,
        response: answers({ 200: AutomationAnswer }),
      },
    },
    async (request) => {
      const automation = await updateAutomation(ctx.db, request.params.id, request.body as AutomationInput);
      if (!automation) throw notFound(request.params.id);
      return automation;
    },
  );

  app.delete(
    '/api/v3/automations/:id',
    {
      config: admin,
      schema: { tags, summary: 'Delete an automation; deliveries already queued still go out', params: IdParams, response: answers({ 204: NoContent }) },
    },
    async (request, reply) => {
      if (!(await deleteAutomation(ctx.db, request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
