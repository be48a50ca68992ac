// Contact register routes. Thin: parse, call, shape the reply.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/capability.js';
import { eraseContact } from '../gdpr/erase.js';
import { Type } from 'typebox';
import { ApiError } from '../http/problem.js';
import { NoContent, answers, asAnswer } from '../http/schemas.js';
import { ContactAnswer } from './answers.js';
import { lookupContactId } from './lookup.js';
import { createContact, getContact, patchContact, presentContact, type Saved } from './repo.js';
import { ContactBody, ContactIdParams, ContactPatchBody, CreateContactQuery, LookupQuery } from './schemas.js';

const tags = ['Contacts'];

export async function contactRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const notFound = (contactId: string) => new ApiError('ContactNotFound', `Contact ${contactId} does not exist`);
  const saved = (result: Saved) => {
    if (result.ok) return asAnswer(ContactAnswer, result.contact);
    throw new ApiError(
      'ContactAlreadyExists',
      `A contact of this type already has this ${result.key}`,
      [{ path: result.key, message: 'is taken by another contact of this type' }],
      {
        contactId: result.existingId,
      },
    );
  };

  app.post(
    '/api/v3/contacts',
    {
      config: { invalidCode: 'InvalidContact' },
      schema: {
        tags,
        summary: 'Register a contact; orders waiting for it are linked (409 ContactAlreadyExists names the existing id)',
        body: ContactBody,
        querystring: CreateContactQuery,
        response: answers({ 201: ContactAnswer }),
      },
    },
    async (request, reply) => reply.code(201).send(saved(await createContact(ctx.db, ctx.parts, request.body, request.query))),
  );

  app.patch(
    '/api/v3/contacts/:contactId',
    {
      config: { invalidCode: 'InvalidContact' },
      schema: {
        tags,
        summary: 'Update a contact: the fields given replace theirs, the rest stay',
        params: ContactIdParams,
        body: ContactPatchBody,
        response: answers({ 200: ContactAnswer }),
      },
    },
    async (request) => {
      const result = await patchContact(ctx.db, ctx.parts, request.params.contactId, request.body);
      if (!result) throw notFound(request.params.contactId);
      return saved(result);
    },
  );

  // Static segment: registered before /:contactId wins the match for "id".
  app.get(
    '/api/v3/contacts/id',
    {
      schema: {
        tags,
        summary: 'Find a contact id by one or several keys (email, mobilePhone, socialSecurityNumber, customKey), or by any; 409 lists the candidates',
        querystring: LookupQuery,
        response: answers({ 200: Type.String({ format: 'uuid', description: 'The contact id, as a JSON string' }) }),
      },
    },
    async (request, reply) => {
      const result = await lookupContactId(ctx.db, request.query, ctx.config.contactCustomKey);
      if (!result.ok) throw new ApiError(result.code, result.detail, result.errors ?? [], result.extra);
      return reply.type('application/json').send(JSON.stringify(result.contactId));
    },
  );

  app.get(
    '/api/v3/contacts/:contactId',
    {
      schema: { tags, summary: 'Get a contact', params: ContactIdParams, response: answers({ 200: ContactAnswer }) },
    },
    async (request) => {
      const row = await getContact(ctx.db, request.params.contactId);
      if (!row) throw notFound(request.params.contactId);
      return asAnswer(ContactAnswer, presentContact(row));
    },
  );

  app.delete(
    '/api/v3/contacts/:contactId',
    {
      config: { scope: 'admin' },
      schema: { tags, summary: 'Erase a contact and all its data (GDPR); admin scope', params: ContactIdParams, response: answers({ 204: NoContent }) },
    },
    async (request, reply) => {
      if (!(await eraseContact(ctx.db, ctx.parts, request.params.contactId, { dataDir: ctx.config.dataDir }))) throw notFound(request.params.contactId);
      return reply.code(204).send(null);
    },
  );
}
