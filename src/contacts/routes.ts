// Contact register routes (contract §8). Thin: parse, call, shape the reply.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { eraseContact } from '../gdpr/erase.js';
import { ApiError } from '../http/problem.js';
import { lookupContactId } from './lookup.js';
import { createContact, getContact, presentContact } from './repo.js';
import { ContactBody, ContactIdParams, LookupQuery } from './schemas.js';

const tags = ['Contacts'];

export async function contactRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const notFound = (contactId: string) => new ApiError('ContactNotFound', `Contact ${contactId} does not exist`);

  app.post('/api/v3/contacts', {
    config: { invalidCode: 'InvalidContact' },
    schema: { tags, summary: 'Register a contact; orders waiting for it are linked', body: ContactBody },
  }, async (request, reply) => reply.code(201).send(await createContact(ctx.db, request.body)));

  // Static segment: registered before /:contactId wins the match for "id".
  app.get('/api/v3/contacts/id', {
    schema: { tags, summary: 'Find a contact id by one key (email, mobilePhone, socialSecurityNumber, customKey = memberNumber, or any)', querystring: LookupQuery },
  }, async (request, reply) => {
    const result = await lookupContactId(ctx.db, request.query);
    if (!result.ok) throw new ApiError(result.code, result.detail);
    return reply.type('application/json').send(JSON.stringify(result.contactId));
  });

  app.get('/api/v3/contacts/:contactId', {
    schema: { tags, summary: 'Get a contact', params: ContactIdParams },
  }, async (request) => {
    const row = await getContact(ctx.db, request.params.contactId);
    if (!row) throw notFound(request.params.contactId);
    return presentContact(row);
  });

  app.delete('/api/v3/contacts/:contactId', {
    config: { scope: 'admin' },
    schema: { tags, summary: 'Erase a contact and all its data (GDPR); admin scope', params: ContactIdParams },
  }, async (request, reply) => {
    if (!(await eraseContact(ctx.db, request.params.contactId, { dataDir: ctx.config.dataDir }))) throw notFound(request.params.contactId);
    return reply.code(204).send();
  });
}
