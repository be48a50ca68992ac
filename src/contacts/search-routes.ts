// Browsing contacts: the searchable list and a contact's summary figures.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { answers } from '../http/schemas.js';
import { getContact } from './repo.js';
import { decodeCursor, searchContacts } from './search.js';
import { MAX_SUMMARY_SEGMENTS, contactSummary, segmentsOfContact } from './summary.js';

const tags = ['Contacts'];
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Prefix of a first, last or full name, email, mobile phone (digits) or member number; any case' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
});

const ContactListItem = Type.Object({
  id: Type.String(),
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  mobilePhone: Nullable(Type.String()),
  memberNumber: Nullable(Type.String()),
  contactType: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

const Summary = Type.Object({
  contactId: Type.String(),
  orders: Type.Integer(),
  purchases: Type.Integer({ description: 'Orders whose lines are all purchases' }),
  returns: Type.Integer({ description: 'Orders whose lines are all returns' }),
  mixed: Type.Integer(),
  openOrders: Type.Integer({ description: 'Ongoing orders (Received, InProgress, or an ongoing status of your own)' }),
  totals: Type.Array(
    Type.Object({
      currency: Type.String(),
      spent: Type.String({ description: "Purchase orders' totals plus mixed orders' purchase lines; cancelled orders excluded" }),
      returned: Type.String({ description: "Return orders' totals plus mixed orders' return lines, as a positive amount" }),
      averageOrderValue: Type.String({ description: 'spent over the orders that bought something, rounded to 2 decimals' }),
    }),
  ),
  firstPurchaseAt: Nullable(Type.String({ format: 'date-time' })),
  lastPurchaseAt: Nullable(Type.String({ format: 'date-time' })),
  segments: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  segmentsTruncated: Type.Boolean({
    description: `true when not every saved segment was checked (more than ${MAX_SUMMARY_SEGMENTS}, or the check ran out of time)`,
  }),
});

export async function contactBrowseRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v3/contacts',
    {
      schema: {
        tags,
        summary: 'Search contacts by the start of a name, email, phone or member number (any case), newest first; without q, all contacts',
        querystring: SearchQuery,
        response: answers({ 200: Type.Object({ items: Type.Array(ContactListItem), nextCursor: Nullable(Type.String()) }) }),
      },
    },
    async (request) => {
      const { q, limit = 25, cursor } = request.query;
      const position = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !position) {
        throw new ApiError('InvalidSearchQuery', 'cursor is not one this service gave out', [
          { path: 'cursor', message: 'use the nextCursor of a previous page' },
        ]);
      }
      return searchContacts(ctx.db, { q, limit, cursor: position });
    },
  );

  app.get(
    '/api/v3/contacts/:contactId/summary',
    {
      schema: {
        tags,
        summary: "A contact's order counts, money per currency, purchase dates and saved-segment memberships",
        params: Type.Object({ contactId: Type.String() }),
        response: answers({ 200: Summary }),
      },
    },
    async (request) => {
      const contact = await getContact(ctx.db, request.params.contactId);
      if (!contact) throw new ApiError('ContactNotFound', `Contact ${request.params.contactId} does not exist`);
      const [figures, memberships] = await Promise.all([contactSummary(ctx.db, contact.id), segmentsOfContact(ctx.db, contact.id)]);
      return { ...figures, segments: memberships.segments, segmentsTruncated: memberships.truncated };
    },
  );
}
