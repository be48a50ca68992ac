// GET /api/v3/contacts/{contactId}/timeline: the contact card's Timeline tab.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { Nullable, answers, open } from '../http/schemas.js';
import { getContact } from './repo.js';
import { contactTimeline, decodeCursor } from './timeline.js';

const Entry = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    kind: Type.String({
      enum: ['order', 'receipt', 'action', 'delivery'],
      description:
        'order: a processed version (operation Create, Replace, ChangeStatus, ChangeDelivery…); receipt; action: an action triggered on an order; delivery: an automation step it caused',
    }),
    orderId: Nullable(Type.String()),
    versionTag: Type.Optional(Type.String()),
    operation: Type.Optional(Type.String()),
    orderType: Type.Optional(Type.String({ enum: ['Purchase', 'Return', 'Mixed'] })),
    status: Type.Optional(Nullable(Type.String())),
    currency: Type.Optional(Nullable(Type.String())),
    total: Type.Optional(Nullable(Type.String({ description: 'order: totalPrice (or lineItems.subTotal); receipt: totalGrossPrice; as sent' }))),
    uniqueReceiptId: Type.Optional(Type.String()),
    receiptNumber: Type.Optional(Nullable(Type.String())),
    storeId: Type.Optional(Type.String()),
    actionId: Type.Optional(Type.String()),
    action: Type.Optional(Type.String()),
    language: Type.Optional(Nullable(Type.String())),
    deliveryId: Type.Optional(Type.String()),
    automationName: Type.Optional(Type.String()),
    stepType: Type.Optional(Type.String()),
    attempts: Type.Optional(Type.Integer()),
    lastError: Type.Optional(Nullable(Type.String())),
  },
  open,
);

export async function contactTimelineRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v3/contacts/:contactId/timeline',
    {
      schema: {
        tags: ['Contacts'],
        summary: "A contact's events newest first: their orders' versions (with type and total), receipts, actions and automation deliveries",
        params: Type.Object({ contactId: Type.String() }),
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
          cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
        }),
        response: answers({ 200: Type.Object({ contactId: Type.String(), items: Type.Array(Entry), nextCursor: Nullable(Type.String()) }, open) }),
      },
    },
    async (request) => {
      const { limit = 25, cursor } = request.query;
      const position = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !position) {
        throw new ApiError('InvalidRequest', 'cursor is not one this service gave out', [{ path: 'cursor', message: 'use the nextCursor of a previous page' }]);
      }
      const contact = await getContact(ctx.db, request.params.contactId);
      if (!contact) throw new ApiError('ContactNotFound', `Contact ${request.params.contactId} does not exist`);
      return { contactId: contact.id, ...(await contactTimeline(ctx.db, contact.id, limit, position)) };
    },
  );
}
