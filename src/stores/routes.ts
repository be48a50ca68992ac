// Store register (contract §8): POST registers a store once; GET lists them.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { resolveMissing } from '../contacts/late-binding.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/schema.js';
import { semanticChecks } from '../http/semantic-checks.js';
import { PagingQuery, page } from '../http/paging.js';
import { ApiError } from '../http/problem.js';

const tags = ['Stores'];

export function isTimeZone(value: string): boolean {
  // IANA names only (Europe/Stockholm, UTC); Intl also accepts offsets like +01:00, which are not zones.
  if (!/^[A-Za-z]/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

semanticChecks.set('store', (data) => {
  const zone = (data as { timeZone?: unknown })?.timeZone;
  return typeof zone === 'string' && !isTimeZone(zone) ? [{ path: 'timeZone', message: 'is not an IANA time zone (e.g. Europe/Stockholm)' }] : [];
});

const StoreBody = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    timeZone: Type.String({ description: 'IANA time zone, e.g. Europe/Stockholm' }),
    type: Type.Optional(Type.Enum(['ECOMM', 'RETAIL'], { default: 'RETAIL' })),
  },
  { additionalProperties: true, 'x-semantic': 'store' },
);

type StoreRow = { external_id: string; name: string; time_zone: string; type: string; created_at: Date | string };
const present = (row: StoreRow) => ({ externalId: row.external_id, name: row.name, timeZone: row.time_zone, type: row.type, createdAt: new Date(row.created_at).toISOString() });

/** Registers the store and resolves the StoreMissing warnings about it; undefined when it already exists. */
async function createStore(db: Db, body: Static<typeof StoreBody>): Promise<StoreRow | undefined> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('stores')
      .values({ external_id: body.externalId, name: body.name, time_zone: body.timeZone, type: body.type ?? 'RETAIL' })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) await resolveMissing(tx, 'StoreMissing', [row.external_id]);
    return row;
  });
}

export async function storeRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v3/stores', {
    config: { invalidCode: 'InvalidStore' },
    schema: { tags, summary: 'Register a store (409 when the externalId exists)', body: StoreBody },
  }, async (request, reply) => {
    const row = await createStore(ctx.db, request.body);
    if (!row) throw new ApiError('StoreAlreadyExists', `Store ${request.body.externalId} already exists`);
    return reply.code(201).send(present(row));
  });

  app.get('/api/v3/stores', {
    schema: { tags, summary: 'List stores by externalId', querystring: Type.Object({ ...PagingQuery }) },
  }, async (request) => {
    const { offset = 0, count = 10 } = request.query;
    const [rows, total] = await Promise.all([
      ctx.db.selectFrom('stores').selectAll().orderBy('external_id').offset(offset).limit(count).execute(),
      ctx.db.selectFrom('stores').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return page(request.url, rows.map(present), Number(total.n), offset, count);
  });
}
