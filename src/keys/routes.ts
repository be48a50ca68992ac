// API keys over HTTP. Managing keys needs the admin scope; `keys/me` answers any
// valid key with its own name and scope (the console asks it at sign-in).
// No answer ever carries a secret, except the one-time secret of a key just created.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { answers } from '../http/schemas.js';
import { ADMIN_KEY_NAME, type Scope, createKey } from './keys.js';
import { findKeyInfo, listKeys, revokeKeyById } from './manage.js';

const tags = ['Keys'];
const admin = { scope: 'admin' as const };
const ScopeSchema = Type.Enum(['read', 'write', 'admin']);
const KeyInfo = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), scope: ScopeSchema, createdAt: Type.String({ format: 'date-time' }) });

export async function keyRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/v3/keys/me',
    {
      schema: {
        tags,
        summary: 'The calling API key: its name and scope (what it may do)',
        response: answers({ 200: Type.Object({ name: Type.String(), scope: ScopeSchema }) }),
      },
    },
    async (request) => ({ name: request.apiKey!.name, scope: request.apiKey!.scope }),
  );

  app.get(
    '/api/v3/keys',
    {
      config: admin,
      schema: { tags, summary: 'List API keys, oldest first (never their secrets)', response: answers({ 200: Type.Object({ items: Type.Array(KeyInfo) }) }) },
    },
    async () => ({ items: await listKeys(ctx.db) }),
  );

  app.post(
    '/api/v3/keys',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create an API key; its secret is in this answer only',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), scope: ScopeSchema }, { additionalProperties: false }),
        response: answers({ 201: Type.Object({ ...KeyInfo.properties, secret: Type.String({ description: 'Shown once; only its hash is stored' }) }) }),
      },
    },
    async (request, reply) => {
      const { name, scope } = request.body as { name: string; scope: Scope };
      if (name === ADMIN_KEY_NAME)
        throw new ApiError('InvalidRequest', `The name ${ADMIN_KEY_NAME} is reserved for the key ADMIN_API_KEY sets`, [
          { path: 'name', message: 'is reserved' },
        ]);
      const { key, secret } = await createKey(ctx.db, name, scope);
      return reply.code(201).send({ ...(await findKeyInfo(ctx.db, key.id))!, secret });
    },
  );

  app.delete(
    '/api/v3/keys/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Revoke an API key: it stops working at once on this process, within seconds on others',
        params: Type.Object({ id: Type.String() }),
        response: answers({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      if (!(await revokeKeyById(ctx.db, request.params.id))) throw new ApiError('ApiKeyNotFound', `API key ${request.params.id} does not exist`);
      ctx.keys.forget();
      return reply.code(204).send(null);
    },
  );
}
