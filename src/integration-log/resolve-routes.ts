// Marking integration-log entries handled (write scope): one, or a selection.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../app/capability.js';
import { ApiError } from '../http/problem.js';
import { answers } from '../http/schemas.js';
import { LogEntrySchema, presentEntry, resolveEntries } from './entries.js';

const tags = ['Integration log'];
/** A bulk resolve is one statement; 500 covers a console page selection many times over. */
export const MAX_BULK_RESOLVE = 500;
const EntryId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

const BulkAnswer = Type.Object({
  resolved: Type.Array(LogEntrySchema, { description: 'Entries this request resolved' }),
  alreadyResolved: Type.Array(LogEntrySchema, { description: 'Entries resolved before; left as they were' }),
  notFound: Type.Array(Type.Integer(), { description: 'Ids no entry has' }),
});

export async function integrationLogResolveRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const resolver = (request: { apiKey?: { name: string } }) => request.apiKey?.name ?? 'unknown';

  app.post(
    '/api/v3/integration-log/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Mark an entry handled (idempotent: an entry resolved before keeps its resolver and time)',
        params: Type.Object({ id: EntryId }),
        response: answers({ 200: LogEntrySchema }),
      },
    },
    async (request) => {
      const { resolved, alreadyResolved } = await resolveEntries(ctx.db, [request.params.id], resolver(request));
      const row = resolved[0] ?? alreadyResolved[0];
      if (!row) throw new ApiError('LogEntryNotFound', `Integration-log entry ${request.params.id} does not exist`);
      return presentEntry(row);
    },
  );

  app.post(
    '/api/v3/integration-log/resolve',
    {
      schema: {
        tags,
        summary: `Mark up to ${MAX_BULK_RESOLVE} entries handled; unknown ids are listed, not fatal`,
        body: Type.Object({ ids: Type.Array(EntryId, { minItems: 1, maxItems: MAX_BULK_RESOLVE }) }),
        response: answers({ 200: BulkAnswer }),
      },
    },
    async (request) => {
      const outcome = await resolveEntries(ctx.db, request.body.ids, resolver(request));
      return { resolved: outcome.resolved.map(presentEntry), alreadyResolved: outcome.alreadyResolved.map(presentEntry), notFound: outcome.notFound };
    },
  );
}
