// GDPR export. Erasure is DELETE /api/v3/contacts/{id} (contacts/routes.ts).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { answers, asAnswer, open } from '../http/schemas.js';
import { ContactAnswer } from '../contacts/answers.js';
import { exportContact } from './erase.js';

// Each capability that holds contact data adds its part under its own name (orders, receipts, automations…).
const Export = Type.Object(
  { contact: ContactAnswer },
  { ...open, title: 'ContactExport', description: 'The contact, and one member per capability holding data about it' },
);

export async function gdprRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v3/contacts/:contactId/export',
    {
      schema: {
        tags: ['Contacts'],
        summary: 'Everything stored about a contact, as one JSON document (GDPR)',
        params: Type.Object({ contactId: Type.String() }),
        response: answers({ 200: Export }),
      },
    },
    async (request) => {
      const document = await exportContact(ctx.db, ctx.parts, request.params.contactId);
      if (!document) throw new ApiError('ContactNotFound', `Contact ${request.params.contactId} does not exist`);
      return asAnswer(Export, document);
    },
  );
}
