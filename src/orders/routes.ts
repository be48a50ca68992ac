// Orders v3 routes. Thin: parse, call the service, shape the reply.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { PagingQuery, page } from '../http/paging.js';
import { answers, asAnswer } from '../http/schemas.js';
import { AcceptedAnswer, JobPage } from '../jobs/answers.js';
import { listActions, triggerAction } from './actions.js';
import type { Operation } from './handlers/index.js';
import { jobPath } from '../domain/paths.js';
import { acceptedAnswer, presentJob } from '../jobs/present.js';
import { ActionAccepted, OrderActions, OrderAnswer, OrderVersions } from './answers.js';
import { presentOrders } from './present.js';
import { listVersions } from './repo.js';
import { ActionBody, ContactGuid, DeliveryChangeBody, OrderBody, OrderIdParams, StatusChangeBody } from './schemas.js';
import { IF_MATCH_MAX_LENGTH, parseIfMatch } from './if-match.js';
import { OrderService } from './service.js';
import { dropReadOnlyFields, unwrapDelivery } from './tolerant.js';

const tags = ['Orders'];
// An order whose id is "status" is answered as that order. Loosely declared: a union's
// branch is chosen by validating the answer against it, and a stored order should never fail that.
const StatusOrder = Type.Object(
  { orderId: Type.Literal('status'), versionTag: Type.String() },
  { additionalProperties: true, description: 'The order whose orderId is "status", as GET /api/v3/orders/{orderId} answers it' },
);
const accepted202 = answers({ 202: AcceptedAnswer });
const IfMatchHeader = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      maxLength: IF_MATCH_MAX_LENGTH,
      description: 'Only apply when the order is at this versionTag (or one of a comma-separated list; * means the order must exist)',
    }),
  ),
});

export async function orderRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const orders = new OrderService(ctx.db, ctx.queue, ctx.metrics);

  async function accepted(reply: FastifyReply, operation: Operation, orderId: string, payload: unknown, ifMatch: string | string[] | undefined) {
    const { jobId } = await orders.accept(operation, orderId, payload, parseIfMatch(ifMatch), reply.request.apiKey?.name ?? null);
    return reply.code(202).header('location', jobPath(jobId)).send(acceptedAnswer(jobId, orderId));
  }
  const writeConfig = { invalidCode: 'InvalidOrder' as const };

  app.post(
    '/api/v3/orders',
    {
      config: writeConfig,
      preValidation: dropReadOnlyFields,
      schema: { tags, summary: 'Create an order (asynchronous)', body: OrderBody, headers: IfMatchHeader, response: accepted202 },
    },
    async (request, reply) => accepted(reply, 'Create', request.body.orderId, request.body, request.headers['if-match']),
  );

  app.put(
    '/api/v3/orders/:orderId',
    {
      config: writeConfig,
      preValidation: dropReadOnlyFields,
      schema: {
        tags,
        summary: 'Replace or create an order (asynchronous)',
        params: OrderIdParams,
        body: OrderBody,
        headers: IfMatchHeader,
        response: accepted202,
      },
    },
    async (request, reply) => {
      if (request.body.orderId !== request.params.orderId) {
        throw new ApiError('InvalidOrder', 'The body orderId must equal the orderId in the path', [
          { path: 'orderId', message: `must equal ${request.params.orderId}` },
        ]);
      }
      return accepted(reply, 'Replace', request.params.orderId, request.body, request.headers['if-match']);
    },
  );

  app.delete(
    '/api/v3/orders/:orderId',
    {
      schema: { tags, summary: 'Delete an order (asynchronous)', params: OrderIdParams, headers: IfMatchHeader, response: accepted202 },
    },
    async (request, reply) => accepted(reply, 'Delete', request.params.orderId, null, request.headers['if-match']),
  );

  app.post(
    '/api/v3/orders/:orderId/change-status',
    {
      config: writeConfig,
      schema: {
        tags,
        summary: 'Change the status of an order and its lines (asynchronous)',
        params: OrderIdParams,
        body: StatusChangeBody,
        headers: IfMatchHeader,
        response: accepted202,
      },
    },
    async (request, reply) => accepted(reply, 'ChangeStatus', request.params.orderId, request.body, request.headers['if-match']),
  );

  app.post(
    '/api/v3/orders/:orderId/change-delivery',
    {
      config: writeConfig,
      preValidation: unwrapDelivery,
      schema: {
        tags,
        summary: 'Merge delivery details into an order (asynchronous)',
        params: OrderIdParams,
        body: DeliveryChangeBody,
        headers: IfMatchHeader,
        response: accepted202,
      },
    },
    async (request, reply) => accepted(reply, 'ChangeDelivery', request.params.orderId, request.body, request.headers['if-match']),
  );

  // Engage's docs fetch format errors from "orders/status": the failed jobs, newest first.
  // An order whose id is literally "status" is still answered as that order.
  app.get(
    '/api/v3/orders/status',
    {
      schema: {
        tags,
        summary: 'Recent failed writes (the same as /api/v3/orders/jobs?status=Failed)',
        querystring: Type.Object(PagingQuery),
        response: answers({ 200: Type.Union([JobPage, StatusOrder]) }),
      },
    },
    async (request, reply) => {
      const order = await orders.get('status');
      if (order) {
        const [answer] = await presentOrders(ctx, [order]);
        return reply.header('etag', `"${order.version_tag}"`).send(asAnswer(StatusOrder, answer));
      }
      const { offset = 0, count = 10 } = request.query;
      const result = await ctx.queue.list({ status: 'Failed', offset, count });
      return asAnswer(JobPage, page(request.url, result.items.map(presentJob), result.totalCount, offset, count));
    },
  );

  app.get(
    '/api/v3/orders/:orderId',
    {
      schema: {
        tags,
        summary: 'Get an order',
        params: OrderIdParams,
        querystring: Type.Object({ contactId: Type.Optional(ContactGuid) }),
        response: answers({ 200: OrderAnswer }),
      },
    },
    async (request, reply) => {
      const order = await orders.get(request.params.orderId, request.query.contactId);
      if (!order) throw new ApiError('OrderNotFound', `Order ${request.params.orderId} does not exist`);
      const [answer] = await presentOrders(ctx, [order]);
      return reply.header('etag', `"${order.version_tag}"`).send(asAnswer(OrderAnswer, answer));
    },
  );

  // GET /api/v3/orders (a contact's orders, or browsing every order) is in browse-routes.ts.
  app.get(
    '/api/v3/orders/:orderId/versions',
    {
      schema: { tags, summary: "The order's processed versions, newest first", params: OrderIdParams, response: answers({ 200: OrderVersions }) },
    },
    async (request) => {
      if (!(await orders.get(request.params.orderId))) throw new ApiError('OrderNotFound', `Order ${request.params.orderId} does not exist`);
      const versions = await listVersions(ctx.db, request.params.orderId);
      return {
        items: versions.map((v) => ({
          versionTag: v.version_tag,
          operation: v.operation,
          jobId: v.job_id,
          processedAt: new Date(v.processed_at).toISOString(),
          changes: v.changes as string[],
        })),
      };
    },
  );

  app.post(
    '/api/v3/orders/:orderId/action',
    {
      config: { invalidCode: 'InvalidAction' },
      schema: {
        tags,
        summary: 'Trigger an action on the order at a versionTag',
        params: OrderIdParams,
        body: ActionBody,
        response: answers({ 202: ActionAccepted }),
      },
    },
    async (request, reply) => {
      const { action, versionTag, language, data } = request.body;
      const result = await triggerAction(ctx.db, ctx.parts, request.params.orderId, versionTag, { action, language, data });
      if (!result.ok) throw new ApiError(result.code, result.detail);
      return reply.code(202).send({ actionId: result.actionId });
    },
  );

  app.get(
    '/api/v3/orders/:orderId/actions',
    {
      schema: { tags, summary: 'The action events of an order, newest first', params: OrderIdParams, response: answers({ 200: OrderActions }) },
    },
    async (request) => asAnswer(OrderActions, { items: await listActions(ctx.db, request.params.orderId) }),
  );
}
