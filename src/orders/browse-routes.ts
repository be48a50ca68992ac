// GET /api/v3/orders (a contact's orders with contactId, as Engage answers them; every
// order, filtered and keyset-paged, without) and GET /api/v3/orders/{orderId}/timeline.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { Link, PagingQuery, page } from '../http/paging.js';
import { answers } from '../http/schemas.js';
import { browseOrders } from './browse.js';
import { presentOrders } from './present.js';
import { loadOrder } from './repo.js';
import { ContactGuid, OrderIdParams } from './schemas.js';
import { OrderService } from './service.js';
import { orderTimeline } from './timeline.js';

const tags = ['Orders'];
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Str = Type.String();
const DateTime = Type.String({ format: 'date-time' });
const bound = (what: string) => Type.Optional(Type.String({ maxLength: 40, description: `${what}: a date (a whole day, UTC) or a date-time with an offset` }));

const ListQuery = Type.Object({
  contactId: Type.Optional(ContactGuid),
  ...PagingQuery,
  status: Type.Optional(Type.String({ maxLength: 1000, description: 'One or more statuses, comma-separated, any case (your own statuses too)' })),
  orderType: Type.Optional(Type.Enum(['Purchase', 'Return', 'Mixed'])),
  storeId: Type.Optional(Type.String({ maxLength: 100, description: "The order's externalStoreId" })),
  channel: Type.Optional(Type.String({ maxLength: 50, description: 'Any case' })),
  createdFrom: bound("The order's createdAt, from"),
  createdTo: bound("The order's createdAt, up to and including"),
  processedFrom: bound('When the current version was processed, from'),
  processedTo: bound('When the current version was processed, up to and including'),
  hasWarnings: Type.Optional(Type.Boolean({ description: 'true: only orders with unresolved integration-log entries; false: only those without' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Order id (prefix), contact email or name (prefix, any case), SKU (prefix) or tracking number (exact)' }),
  ),
  sort: Type.Optional(Type.Enum(['createdAt', 'processedAt'], { default: 'createdAt' })),
  order: Type.Optional(Type.Enum(['desc', 'asc'], { default: 'desc', description: 'desc: newest first' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'nextCursor of the previous page (same filters and sort)' })),
});

const OrderListItem = Type.Object({
  orderId: Str,
  status: Str,
  orderType: Str,
  contactId: nullable(Str),
  contactName: nullable(Str),
  contactEmail: nullable(Str),
  storeId: Str,
  storeName: nullable(Str),
  channel: nullable(Str),
  currency: nullable(Str),
  totalGrossPrice: Type.Union([Type.Number(), Type.Null()]),
  lineCount: Type.Integer(),
  createdAt: DateTime,
  processedAt: DateTime,
  unresolvedWarnings: Type.Integer(),
});

const BrowsePage = Type.Object(
  { items: Type.Array(OrderListItem), nextCursor: nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last' })) },
  { title: 'OrderBrowsePage', description: 'Without contactId: every order matching the filters' },
);
/** Orders as GET /api/v3/orders/{orderId} answers them (open: every stored field). */
const ContactOrdersPage = Type.Object(
  {
    items: Type.Array(Type.Object({}, { additionalProperties: true })),
    totalCount: Type.Integer(),
    offset: Type.Integer(),
    count: Type.Integer(),
    links: Type.Array(Link),
  },
  { title: 'ContactOrdersPage', description: "With contactId: the contact's orders, newest first, offset-paged" },
);

const Change = Type.Object({ path: Str, before: Type.Unknown(), after: Type.Unknown() });
const at = { at: DateTime };
const TimelineEntry = Type.Union([
  Type.Object({
    ...at,
    kind: Type.Literal('version'),
    versionTag: Str,
    operation: Str,
    jobId: Str,
    apiKeyName: nullable(Str),
    changes: Type.Array(Change),
    changesTruncated: Type.Boolean(),
  }),
  Type.Object({ ...at, kind: Type.Literal('action'), actionId: Str, action: Str, versionTag: Str, language: nullable(Str) }),
  Type.Object({
    ...at,
    kind: Type.Literal('delivery'),
    deliveryId: Str,
    actionId: Str,
    automationName: Str,
    stepType: Str,
    status: Str,
    attempts: Type.Integer(),
    lastError: nullable(Str),
    finishedAt: nullable(DateTime),
  }),
  Type.Object({ ...at, kind: Type.Literal('receipt'), uniqueReceiptId: Str, receiptNumber: nullable(Str), storeId: Str, registeredAt: DateTime }),
  Type.Object({ ...at, kind: Type.Literal('log'), logId: Type.Integer(), severity: Str, errorCode: Str, message: Str, resolvedAt: nullable(DateTime) }),
]);

export async function orderBrowseRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const orders = new OrderService(ctx.db, ctx.queue, ctx.metrics);

  app.get(
    '/api/v3/orders',
    {
      schema: {
        tags,
        summary: "Browse orders (filters, search, keyset cursor), or with contactId a contact's orders, newest first",
        querystring: ListQuery,
        response: answers({ 200: Type.Union([ContactOrdersPage, BrowsePage]) }),
      },
    },
    async (request) => {
      const { contactId, offset = 0, count = 10, ...browse } = request.query;
      if (contactId === undefined) return browseOrders(ctx.db, browse);
      const result = await orders.listForContact(contactId, offset, count);
      return page(request.url, await presentOrders(ctx, result.items), result.totalCount, offset, count);
    },
  );

  app.get(
    '/api/v3/orders/:orderId/timeline',
    {
      schema: {
        tags,
        summary: "The order's history, oldest first: versions (with what changed), actions, deliveries, receipts, log entries",
        params: OrderIdParams,
        response: answers({ 200: Type.Object({ items: Type.Array(TimelineEntry) }) }),
      },
    },
    async (request) => {
      if (!(await loadOrder(ctx.db, request.params.orderId))) throw new ApiError('OrderNotFound', `Order ${request.params.orderId} does not exist`);
      return { items: await orderTimeline(ctx.db, request.params.orderId) };
    },
  );
}
