// Store register: POST registers a store once; GET lists them as a
// bare array, as Engage does. Only externalId and name are required; every other
// field the client sends is kept and returned.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Selectable, sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { resolveMissing } from '../contacts/late-binding.js';
import type { AppContext } from '../app/capability.js';
import type { Db, StoreTable } from '../db/schema.js';
import { ApiError } from '../http/problem.js';
import { DateTime, Nullable, answers, open } from '../http/schemas.js';

const tags = ['Stores'];

/** ECOMM and RETAIL in any case, and Engage's own spelling `ecom` (retail is RETAIL in any case). */
const storeTypes = ['ECOMM', 'RETAIL', 'ecom'] as const;
const canonicalType = (type: string | undefined) => (type === undefined ? 'RETAIL' : type === 'ecom' ? 'ECOMM' : type);

const StoreBody = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    timeZone: Type.Optional(Type.String({ maxLength: 100, description: 'Kept as sent, e.g. Europe/Stockholm or W. Europe Standard Time' })),
    type: Type.Optional(Type.Enum(storeTypes, { description: 'ECOMM or RETAIL (also ecom, retail); default RETAIL' })),
    active: Type.Optional(Type.Boolean({ description: 'Default true; inactive stores are listed only with includeInactive=true' })),
  },
  { additionalProperties: true },
);
type StoreBody = Static<typeof StoreBody> & Record<string, unknown>;

/** A store as registered: every field the client sent, with the service's own columns. */
const StoreAnswer = Type.Object(
  {
    externalId: Type.String(),
    name: Type.String(),
    timeZone: Nullable(Type.String()),
    type: Type.String({ description: 'ECOMM or RETAIL' }),
    active: Type.Boolean(),
    createdAt: DateTime,
  },
  { ...open, title: 'Store' },
);

type StoreRow = Selectable<StoreTable>;
const present = (row: StoreRow) => ({
  ...(row.document ?? {}),
  externalId: row.external_id,
  name: row.name,
  timeZone: row.time_zone,
  type: row.type,
  active: row.active,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Registers the store and resolves the StoreMissing warnings about it; undefined when it already exists. */
async function createStore(db: Db, body: StoreBody): Promise<StoreRow | undefined> {
  const type = canonicalType(body.type);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('stores')
      .values({
        external_id: body.externalId,
        name: body.name,
        time_zone: body.timeZone ?? null,
        type,
        active: body.active ?? true,
        document: JSON.stringify({ ...body, type }),
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) await resolveMissing(tx, 'StoreMissing', [row.external_id]);
    return row;
  });
}

export async function storeRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v3/stores',
    {
      config: { invalidCode: 'InvalidStore' },
      schema: { tags, summary: 'Register a store (409 when the externalId exists)', body: StoreBody, response: answers({ 201: StoreAnswer }) },
    },
    async (request, reply) => {
      const row = await createStore(ctx.db, request.body as StoreBody);
      if (!row) throw new ApiError('StoreAlreadyExists', `Store ${request.body.externalId} already exists`);
      return reply.code(201).send(present(row));
    },
  );

  app.get(
    '/api/v3/stores',
    {
      schema: {
        tags,
        summary: 'Every store, by externalId, as a bare array (active ones unless includeInactive=true)',
        querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean({ default: false })) }),
        response: answers({ 200: Type.Array(StoreAnswer) }),
      },
    },
    async (request) => {
      const rows = await ctx.db
        .selectFrom('stores')
        .selectAll()
        .$if(!request.query.includeInactive, (query) => query.where(sql<boolean>`active`))
        .orderBy('external_id')
        .execute();
      return rows.map(present);
    },
  );
}
