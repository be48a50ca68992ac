// Receipt routes. Thin: parse, call the service, shape the reply.
// No PUT and no DELETE: a receipt never changes (only GDPR erasure removes it).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { isUuid } from '../domain/ids.js';
import { PagingQuery, page } from '../http/paging.js';
import { ApiError } from '../http/problem.js';
import { answers, asAnswer } from '../http/schemas.js';
import { ReceiptAnswer, ReceiptList, ReceiptPage } from './answers.js';
import { presentReceipt, receiptsOfContact, receiptsOfOrder } from './repo.js';
import { ReceiptBody } from './schemas.js';
import { registerReceipt } from './service.js';

const tags = ['Receipts'];

export async function receiptRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v3/receipts',
    {
      config: { invalidCode: 'InvalidReceipt' },
      schema: {
        tags,
        summary: 'Register a receipt: 201 the first time; a repeated uniqueReceiptId is ignored (200, the stored receipt, header Duplicate: true)',
        body: ReceiptBody,
        response: answers({ 201: ReceiptAnswer, 200: { ...ReceiptAnswer, description: 'Already registered: the stored receipt (header Duplicate: true)' } }),
      },
    },
    async (request, reply) => {
      const { created, duplicate, row } = await registerReceipt(ctx.db, request.body);
      if (duplicate) reply.header('duplicate', 'true');
      return reply.code(created ? 201 : 200).send(asAnswer(ReceiptAnswer, presentReceipt(row)));
    },
  );

  app.get(
    '/api/v3/orders/:orderId/receipts',
    {
      schema: {
        tags,
        summary: 'The receipts that name this orderId, oldest first',
        params: Type.Object({ orderId: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: answers({ 200: ReceiptList }),
      },
    },
    async (request) => asAnswer(ReceiptList, { items: (await receiptsOfOrder(ctx.db, request.params.orderId)).map(presentReceipt) }),
  );

  app.get(
    '/api/v3/contacts/:contactId/receipts',
    {
      schema: {
        tags,
        summary: "A contact's receipts, newest createdDate first",
        params: Type.Object({ contactId: Type.String() }),
        querystring: Type.Object(PagingQuery),
        response: answers({ 200: ReceiptPage }),
      },
    },
    async (request) => {
      const { contactId } = request.params;
      const { offset = 0, count = 10 } = request.query;
      const known = isUuid(contactId) && (await ctx.db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst());
      if (!known) throw new ApiError('ContactNotFound', `Contact ${contactId} does not exist`);
      const result = await receiptsOfContact(ctx.db, contactId, offset, count);
      return asAnswer(ReceiptPage, page(request.url, result.items.map(presentReceipt), result.totalCount, offset, count));
    },
  );
}
